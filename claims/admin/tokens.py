"""API tokens: issued here (the key is shown once) and revoked, never edited."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone

from claims.models.tokens import APIToken
from claims.services.tokens import token_create, token_revoke


class APITokenForm(forms.ModelForm):
    class Meta:
        model = APIToken
        fields = ["user", "name"]


@admin.register(APIToken)
class APITokenAdmin(admin.ModelAdmin):
    """Keys other systems use; only a prefix and a hash are stored."""

    form = APITokenForm
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "active"]
    list_select_related = ["user"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "name", "user__username"]
    autocomplete_fields = ["user"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        return ["user", "name", "prefix", "created_at", "last_used_at", "revoked_at"] if obj else []

    @admin.display(description="active", boolean=True, ordering="revoked_at")
    def active(self, obj: APIToken) -> bool:
        return obj.is_active

    def save_model(self, request, obj, form, change):
        if change:
            return
        created = token_create(user=form.cleaned_data["user"], name=form.cleaned_data.get("name", ""))
        obj.pk = created.token.pk
        messages.warning(request, f"API key for {created.token.user} (shown only now, copy it): {created.key}")

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request, queryset):
        revoked = 0
        for token in queryset.filter(revoked_at__isnull=True):
            token_revoke(token=token)
            revoked += 1
        self.message_user(request, f"Revoked {revoked} token(s) at {timezone.now():%H:%M}.")
