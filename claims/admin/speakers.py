"""Speakers with their aliases and roles, and merging two records of the same speaker."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from claims import permissions
from claims.models import Speaker, SpeakerAlias, SpeakerRole
from claims.selectors.search import speaker_lookup
from claims.selectors.speaker_page import speaker_page_claims
from claims.selectors.speakers import speaker_possible_duplicates
from claims.services.speakers import speaker_create, speaker_merge, speaker_update

from . import views
from .base import ServiceModelAdmin
from .forms import MergeSpeakersForm


class SpeakerAliasInline(admin.TabularInline):
    model = SpeakerAlias
    extra = 1


class SpeakerRoleInline(admin.TabularInline):
    model = SpeakerRole
    fk_name = "speaker"
    extra = 1
    autocomplete_fields = ["organisation", "source_article"]
    fields = ["title", "organisation", "start_date", "end_date", "source_article"]


class MergedFilter(admin.SimpleListFilter):
    """Hide speakers that were merged into another unless asked."""

    title = "merged"
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("no", "Active only"), ("yes", "Merged into another")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(merged_into__isnull=True)
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset


@admin.register(Speaker)
class SpeakerAdmin(ServiceModelAdmin):
    """People, organisations, spokespersons and groups, with claim counts and the merge action."""

    list_display = ["name", "kind", "organisation", "claim_count", "alias_count", "merged_into", "updated_at"]
    list_select_related = ["organisation", "merged_into"]
    list_filter = ["kind", MergedFilter]
    search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["organisation", "members"]
    readonly_fields = ["merged_into", "created_at", "updated_at"]
    fields = ["name", "kind", "description", "organisation", "members", *readonly_fields]
    inlines = [SpeakerAliasInline, SpeakerRoleInline]
    actions = ["merge_speakers"]
    change_form_template = "admin/claims/speaker/change_form.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        speaker_id = unquote(object_id)
        speaker = Speaker.objects.filter(pk=speaker_id).first() if str(speaker_id).isdigit() else None
        if speaker is not None and self.has_view_permission(request):
            extra_context = {
                "speaker_claims": speaker_page_claims(speaker=speaker),
                "speaker_roles": speaker.roles.select_related("organisation", "source_article").order_by(
                    "start_date", "id"
                ),
                "speaker_aliases": speaker.aliases.order_by("name"),
                "duplicates": speaker_possible_duplicates(speaker) if speaker.merged_into_id is None else [],
                "merge_refusal": permissions.refusal(request.user, permissions.MERGE_SPEAKERS),
                **(extra_context or {}),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/merge/<int:other_id>/",
                wrap(require_POST(self.merge_into_view)),
                name="claims_speaker_merge_into",
            ),
            *super().get_urls(),
        ]

    def merge_into_view(self, request, object_id, other_id):
        """Fold a suggested duplicate into this speaker (the speaker page's merge button)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        target = get_object_or_404(Speaker, pk=int(unquote(object_id)) if str(unquote(object_id)).isdigit() else 0)
        source = get_object_or_404(Speaker, pk=other_id)
        views.attempt(
            request,
            lambda: speaker_merge(source=source, target=target, user=request.user),
            f"Merged “{source}” into “{target}”: its claims, aliases and roles now belong to “{target}”.",
        )
        return HttpResponseRedirect(reverse("admin:claims_speaker_change", args=[target.pk]))

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(claim_count=Count("claims", distinct=True), alias_count=Count("aliases", distinct=True))
            .order_by("name", "id")
        )

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj: Speaker) -> int:
        return obj.claim_count

    @admin.display(description="aliases", ordering="alias_count")
    def alias_count(self, obj: Speaker) -> int:
        return obj.alias_count

    def get_search_results(self, request, queryset, search_term):
        # Names and aliases as typed, typos allowed; the trigram index keeps it fast.
        if search_term.strip():
            matches = speaker_lookup(query=search_term, include_merged=True).values("pk")
            queryset = queryset.filter(pk__in=matches)
        # Autocomplete (claim speaker, role organisation) offers only speakers that were not merged away.
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(merged_into__isnull=True)
        return queryset, False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            changes = self.changed_values(form, ("name", "kind", "description", "organisation"))
            if changes:
                speaker_update(speaker=obj, user=request.user, **changes)
            return
        created = speaker_create(
            name=data["name"],
            kind=data["kind"],
            user=request.user,
            organisation=data.get("organisation"),
            description=data.get("description", ""),
        )
        obj.pk = created.pk
        obj._state.adding = False
        obj._state.db = created._state.db

    @admin.action(description="Merge two selected speakers…")
    def merge_speakers(self, request, queryset):
        if not permissions.can(request.user, permissions.MERGE_SPEAKERS):
            self.message_user(request, "Only an editor can merge speakers.", level=messages.ERROR)
            return None
        speakers = queryset.filter(merged_into__isnull=True).annotate(n=Count("claims")).order_by("-n", "pk")
        if speakers.count() != 2:
            self.message_user(request, "Select exactly two speakers (not already merged) to merge.", messages.ERROR)
            return None
        if "apply" in request.POST:
            form = MergeSpeakersForm(request.POST, speakers=speakers)
            if form.is_valid():
                survivor = form.cleaned_data["survivor"]
                other = next(s for s in speakers if s.pk != survivor.pk)
                merged = views.attempt(
                    request,
                    lambda: speaker_merge(source=other, target=survivor, user=request.user),
                    f"Merged “{other}” into “{survivor}”: its claims, aliases and roles now belong to “{survivor}”.",
                )
                if merged:
                    return HttpResponseRedirect(reverse("admin:claims_speaker_change", args=[survivor.pk]))
                return None
        else:
            form = MergeSpeakersForm(speakers=speakers, initial={"survivor": speakers[0].pk})
        details = (
            Speaker.objects.filter(pk__in=[s.pk for s in speakers])
            .prefetch_related("aliases", "roles")
            .annotate(
                claim_count=Count("claims", distinct=True),
                accepted_count=Count("claims", filter=~Q(claims__status="proposed"), distinct=True),
            )
        )
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge two speakers",
            "form": form,
            "speakers": details,
            "queryset": speakers,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/speaker/merge.html", context)


@admin.register(SpeakerAlias)
class SpeakerAliasAdmin(admin.ModelAdmin):
    """Other names of speakers; most are edited inline on the speaker."""

    list_display = ["name", "speaker"]
    list_select_related = ["speaker"]
    search_fields = ["name", "speaker__name"]
    autocomplete_fields = ["speaker"]


@admin.register(SpeakerRole)
class SpeakerRoleAdmin(admin.ModelAdmin):
    """Roles and affiliations over time; most are edited inline on the speaker."""

    list_display = ["speaker", "title", "organisation", "start_date", "end_date", "source_article"]
    list_select_related = ["speaker", "organisation", "source_article"]
    list_filter = [("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["speaker__name", "title", "organisation__name"]
    autocomplete_fields = ["speaker", "organisation", "source_article"]
