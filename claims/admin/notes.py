"""Discussion notes, webhook subscriptions and their deliveries."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.choices import WebhookEvent
from claims.models.notes import Note
from claims.models.webhooks import WebhookAttempt, WebhookDelivery, WebhookSubscription
from claims.services import editing
from claims.services.webhooks import (
    webhook_delivery_retry,
    webhook_subscription_create,
    webhook_subscription_delete,
    webhook_subscription_rotate_secret,
    webhook_subscription_update,
    webhook_url_check,
)

from . import views
from .base import REFUSALS, ServiceModelAdmin


@admin.register(Note)
class NoteAdmin(ServiceModelAdmin):
    """A claim's discussion thread; notes are added on the claim page or here, never edited."""

    list_display = ["id", "claim", "author", "excerpt", "created_at"]
    list_select_related = ["claim", "author"]
    list_filter = [("author", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["body", "claim__text"]
    autocomplete_fields = ["claim"]
    fields = ["claim", "body", "author", "created_at"]
    readonly_fields = ["author", "created_at"]

    @admin.display(description="note")
    def excerpt(self, obj: Note) -> str:
        return obj.body if len(obj.body) <= 80 else obj.body[:79] + "…"

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        note = editing.note_create(claim=obj.claim, user=request.user, body=obj.body)
        obj.pk = note.pk


class WebhookSubscriptionForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookSubscription
        fields = ["url", "description", "events", "is_active"]

    def clean_url(self):
        # The service checks again; here the refusal lands on the field.
        try:
            return webhook_url_check(self.cleaned_data["url"])
        except ValidationError as error:
            raise ValidationError(error.message_dict["url"]) from None


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(ServiceModelAdmin):
    """Endpoints told about transitions; the secret is shown once, when created or rotated."""

    form = WebhookSubscriptionForm
    list_display = ["url", "description", "events", "is_active", "consecutive_failures", "secret_hint", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["url", "description"]
    readonly_fields = ["secret_hint", "disabled_reason", "disabled_at", "consecutive_failures", "created_by"]
    actions = ["rotate_secret"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            changes = self.changed_values(form, ("url", "description", "events", "is_active"))
            if changes:
                webhook_subscription_update(subscription=obj, user=request.user, **changes)
            return
        subscription, secret = webhook_subscription_create(
            url=data["url"], events=data["events"], user=request.user, description=data.get("description", "")
        )
        obj.pk = subscription.pk
        request._claimtrack_new_secret = secret

    def response_add(self, request, obj, post_url_continue=None):
        return views.shown_once(
            request,
            title="New webhook subscription",
            explanation=f"Signing secret for {obj.url}; store it with the receiver:",
            secret=request._claimtrack_new_secret,
            next_url=reverse("admin:claims_webhooksubscription_change", args=[obj.pk]),
        )

    def delete_model(self, request, obj):
        webhook_subscription_delete(subscription=obj, user=request.user)

    @admin.action(description="Rotate the signing secret")
    def rotate_secret(self, request, queryset):
        if queryset.count() != 1:
            messages.error(request, "Rotate one subscription at a time: its new secret is shown on the next page.")
            return None
        subscription = queryset.get()
        try:
            subscription, secret = webhook_subscription_rotate_secret(subscription=subscription, user=request.user)
        except REFUSALS as error:
            messages.error(request, views.error_text(error))
            return None
        return views.shown_once(
            request,
            title="New signing secret",
            explanation=f"New signing secret for {subscription.url}; the old one no longer verifies:",
            secret=secret,
            next_url=reverse("admin:claims_webhooksubscription_changelist"),
        )


class WebhookAttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = ["number", "started_at", "duration_ms", "status_code", "succeeded", "error", "response_body"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: what was sent where, how often, with what result; failed ones can be resent."""

    list_display = ["delivery_id", "event", "subscription", "status", "attempts", "last_status_code", "created_at"]
    list_select_related = ["subscription"]
    list_filter = ["status", "event"]
    search_fields = ["delivery_id", "subscription__url"]
    inlines = [WebhookAttemptInline]
    actions = ["retry"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Send selected failed deliveries again")
    def retry(self, request, queryset):
        for delivery in queryset:
            views.attempt(
                request,
                lambda d=delivery: webhook_delivery_retry(delivery=d, user=request.user),
                f"Delivery {delivery.delivery_id} queued again.",
            )
