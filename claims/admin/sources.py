"""Sources of evidence and the citations tying them to claims."""

from django.contrib import admin
from django.db.models import Count

from claims.models import Citation, Source
from claims.services import editing

from .base import ServiceModelAdmin

CITATION_FIELDS = ("stance", "excerpt")
SOURCE_FIELDS = ("title", "source_type", "url", "publisher", "published", "archived_url", "notes")


class CitationInline(admin.TabularInline):
    """The claims citing a source, read-only: citations are made from the claim or the workbench."""

    model = Citation
    extra = 0
    can_delete = False
    fields = ["claim", "stance", "excerpt", "created_by", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim", "created_by")


@admin.register(Source)
class SourceAdmin(ServiceModelAdmin):
    """Evidence with how many claims cite it."""

    deletes_through_service = True

    list_display = ["title", "source_type", "publisher", "published", "citation_count", "url"]
    list_filter = ["source_type", "published"]
    search_fields = ["title", "publisher", "url"]
    fields = [*SOURCE_FIELDS, "created_at"]
    readonly_fields = ["created_at"]
    inlines = [CitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_count=Count("citations")).order_by("title", "id")

    @admin.display(description="cited by", ordering="citation_count")
    def citation_count(self, obj: Source) -> int:
        return obj.citation_count

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            changes = self.changed_values(form, SOURCE_FIELDS)
            if changes:
                editing.source_update(source=obj, user=request.user, **changes)
            return
        source = editing.source_create(user=request.user, **{f: data[f] for f in SOURCE_FIELDS if f in data})
        obj.pk = source.pk

    def delete_model(self, request, obj):
        # Refused while any claim cites the source; ServiceModelAdmin shows why.
        editing.source_delete(source=obj, user=request.user)


@admin.register(Citation)
class CitationAdmin(ServiceModelAdmin):
    """Which source supports, contradicts or gives context to which claim."""

    list_display = ["id", "claim", "stance", "source", "created_by", "created_at"]
    list_select_related = ["claim", "source", "created_by"]
    list_filter = ["stance", "source__source_type"]
    search_fields = ["claim__text", "source__title", "excerpt"]
    autocomplete_fields = ["claim", "source"]
    fields = ["claim", "source", "stance", "excerpt", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # Stance and excerpt are corrected in place; citing another claim or source is a new citation.
        return [*self.readonly_fields, "claim", "source"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            changes = self.changed_values(form, CITATION_FIELDS)
            if changes:
                editing.citation_update(citation=obj, user=request.user, **changes)
            return
        citation = editing.citation_create(
            claim=obj.claim, source=obj.source, stance=obj.stance, excerpt=obj.excerpt, user=request.user
        )
        obj.pk = citation.pk

    def delete_model(self, request, obj):
        editing.citation_delete(citation=obj, user=request.user)
