"""API tokens: each signed-in user issues their own here (the key is shown once); editors may revoke any."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from claims.models.tokens import APIToken
from claims.services.tokens import token_create, token_revoke

from . import views


class APITokenForm(forms.ModelForm):
    # No user field: a token always acts for whoever creates it, so nobody can mint one for someone else.
    class Meta:
        model = APIToken
        fields = ["name"]


@admin.register(APIToken)
class APITokenAdmin(admin.ModelAdmin):
    """Keys other systems use; only a prefix and a hash are stored, so no key can be read back."""

    form = APITokenForm
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "active"]
    list_select_related = ["user"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "name", "user__username"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"] if obj else []

    @admin.display(description="active", boolean=True, ordering="revoked_at")
    def active(self, obj: APIToken) -> bool:
        return obj.is_active

    def save_model(self, request, obj, form, change):
        if change:
            return
        created = token_create(user=request.user, name=form.cleaned_data.get("name", ""))
        obj.pk, obj.user, obj.prefix = created.token.pk, request.user, created.token.prefix
        request._claimtrack_new_key = created.key

    def response_add(self, request, obj, post_url_continue=None):
        return views.shown_once(
            request,
            title="New API token",
            explanation=f"API key {obj.prefix}… for {request.user.get_username()}:",
            secret=request._claimtrack_new_key,
            next_url=reverse("admin:claims_apitoken_changelist"),
        )

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request, queryset):
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            token_revoke(token=token)
            revoked += 1
        self.message_user(request, f"Revoked {revoked} token(s) at {timezone.now():%H:%M}.")
