"""Verdicts: listed and read here; written, submitted and published from the claim page's transitions."""

from django.contrib import admin

from claims.models import Review


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Read-only: a verdict changes only through the workflow (submit, publish, correct)."""

    list_display = ["id", "claim", "rating", "summary", "status", "author", "approved_by", "published_at"]
    list_select_related = ["claim", "author", "approved_by"]
    list_filter = ["status", "rating", ("author", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["summary", "body", "claim__text"]
    autocomplete_fields = ["claim"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
