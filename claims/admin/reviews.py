"""Verdicts: listed and read here; written, submitted and published from the claim page's transitions."""

from django.contrib import admin

from claims import permissions
from claims.admin.base import ServiceModelAdmin
from claims.models import Review
from claims.services.reviews import review_set_published_url


@admin.register(Review)
class ReviewAdmin(ServiceModelAdmin):
    """Read-only but for where the desk published it: a verdict changes only through the workflow."""

    list_display = ["id", "claim", "rating", "summary", "status", "origin", "author", "approved_by", "published_at"]
    list_select_related = ["claim", "author", "approved_by"]
    list_filter = ["status", "rating", "origin", ("author", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["summary", "body", "claim__text", "published_url"]
    autocomplete_fields = ["claim"]
    date_hierarchy = "created_at"
    fields = [
        "claim",
        "rating",
        "summary",
        "body",
        "status",
        "author",
        "approved_by",
        "supersedes",
        "submitted_at",
        "published_at",
        "published_url",
        "origin",
        "source_publisher",
    ]

    def get_readonly_fields(self, request, obj=None):
        return [field for field in self.fields if field != "published_url"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return permissions.can(request.user, permissions.REVIEW) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if "published_url" in form.changed_data:
            review_set_published_url(review=obj, user=request.user, published_url=form.cleaned_data["published_url"])
