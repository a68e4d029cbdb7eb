"""Claims and their links: the changelist reviewers work from and the claim page."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from claims import permissions
from claims.choices import ClaimStatus, MatchState
from claims.exceptions import ClaimtrackError
from claims.models import Claim, ClaimRelation
from claims.selectors import article_link_targets, claim_admin_list, claim_history, claim_workbench_detail
from claims.selectors.matches import claim_matches, claim_other_article_count
from claims.selectors.search import claim_search
from claims.services import editing
from claims.services.dashboard import dashboard_snapshot_get
from claims.services.matching import claim_match_between, claim_match_confirm, claim_match_dismiss

from . import views
from .base import ServiceModelAdmin, boolean_icon, url_with_pk
from .charts import STATUS_COLOURS, column_chart, stacked_bar_chart
from .filters import AssigneeFilter, HasResponseFilter, HasSourceFilter, QueueFilter, SpeakerFilter
from .forms import AssignForm, CiteForm, LinkForm, NoteForm
from .highlight import paragraph_around
from .history import history_in_words
from .pagination import EstimatedCountPaginator

# Fields a reviewer edits on the claim page; everything else changes only through the workflow.
EDITABLE_FIELDS = ("start", "end", "speaker", "kind", "claim_type", "direct")
RELATION_FIELDS = ("relation_type", "note")


class ClaimAdminForm(forms.ModelForm):
    """The claim page form: the services compute text and context, so the model is not validated here."""

    class Meta:
        model = Claim
        fields = ["article", *EDITABLE_FIELDS]

    def _post_clean(self):
        # claim_create / claim_update validate the span against the article body and save.
        pass


def method_decorator_post(view):
    """Refuse anything but POST for a ModelAdmin method view."""
    return method_decorator(require_POST)(view)


@admin.register(Claim)
class ClaimAdmin(ServiceModelAdmin):
    """The reviewers' list of claims and the claim page with its transitions."""

    deletes_through_service = True
    form = ClaimAdminForm
    change_form_template = "admin/claims/claim/change_form.html"
    change_list_template = "admin/claims/claim/change_list.html"
    list_display = [
        "id",
        "excerpt",
        "speaker",
        "kind",
        "claim_type",
        "status_badge",
        "article_link",
        "article__outlet",
        "article__published",
        "assignee",
        "has_response",
        "has_source",
    ]
    list_display_links = ["id", "excerpt"]
    list_filter = [
        QueueFilter,
        "status",
        "kind",
        "claim_type",
        SpeakerFilter,
        # Every outlet, not only those with claims: finding the latter reads the whole claims table.
        ("article__outlet", admin.RelatedFieldListFilter),
        ("article__published", admin.DateFieldListFilter),
        AssigneeFilter,
        HasResponseFilter,
        HasSourceFilter,
        "origin",
    ]
    search_fields = ["text"]
    search_help_text = 'Full-text search of the quoted text (e.g. "per cent" -growth), a speaker name or #id.'
    autocomplete_fields = ["article", "speaker"]
    actions = ["accept_selected", "reject_selected", "assign_selected"]
    list_per_page = 50
    # Newest first, which the primary key's index serves for every page; counts are estimated on large
    # results and never taken twice (see EstimatedCountPaginator).
    ordering = ["-id"]
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    readonly_fields = [
        "text",
        "prefix",
        "suffix",
        "status",
        "assignee",
        "origin",
        "confidence",
        "created_by",
        "created_at",
        "status_changed_at",
        "status_changed_by",
        "updated_at",
    ]

    def get_queryset(self, request):
        return claim_admin_list()

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [(None, {"fields": ["article", *EDITABLE_FIELDS]})]
        return [
            (None, {"fields": [*EDITABLE_FIELDS]}),
            ("Anchor", {"fields": ["text", "prefix", "suffix"], "classes": ["collapse"]}),
            (
                "Workflow",
                {
                    "fields": [
                        "status",
                        "assignee",
                        "origin",
                        "confidence",
                        "created_by",
                        "created_at",
                        "status_changed_at",
                        "status_changed_by",
                        "updated_at",
                    ]
                },
            ),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*self.readonly_fields, "article"] if obj is not None else []

    # Changelist columns: all read from the row, its select_related joins or its annotations.

    @admin.display(description="text", ordering="text")
    def excerpt(self, obj: Claim) -> str:
        return obj.text if len(obj.text) <= 90 else obj.text[:89] + "…"

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj: Claim):
        return format_html('<span class="claim-status status-{}">{}</span>', obj.status, obj.get_status_display())

    @admin.display(description="article", ordering="article__headline")
    def article_link(self, obj: Claim):
        return format_html(
            '<a href="{}#claim-{}" title="Open in the article workbench">{}</a>',
            url_with_pk("admin:articles_article_workbench", obj.article_id),
            obj.pk,
            obj.article.headline[:60],
        )

    @admin.display(description="answered", ordering="has_response")
    def has_response(self, obj: Claim):
        return boolean_icon(obj.has_response)

    @admin.display(description="sourced", ordering="has_source")
    def has_source(self, obj: Claim):
        return boolean_icon(obj.has_source)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if not term:
            return queryset, False
        # People type the start of a word into an autocomplete box; full-text search needs whole words.
        return claim_search(queryset, term, partial_words=request.path.endswith("/autocomplete/")), False

    # Writes go through the editing services; the workflow fields are read-only here.

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            changes = self.changed_values(form, EDITABLE_FIELDS)
            if changes:
                saved = editing.claim_update(claim=obj, user=request.user, **changes)
                obj.refresh_from_db()
                obj.pk = saved.pk
            return
        saved = editing.claim_create(
            article=data["article"],
            start=data["start"],
            end=data["end"],
            user=request.user,
            speaker=data.get("speaker"),
            kind=data["kind"],
            claim_type=data["claim_type"],
            direct=data["direct"],
        )
        obj.pk, obj.text = saved.pk, saved.text

    def delete_model(self, request, obj):
        # Refused once the claim has been taken into review; ServiceModelAdmin shows why.
        editing.claim_delete(claim=obj, user=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim_id = unquote(object_id)
        if not str(claim_id).isdigit() or not self.has_view_permission(request):
            return super().change_view(request, object_id, form_url, extra_context)
        try:
            claim = claim_workbench_detail(claim_id=int(claim_id))
        except Claim.DoesNotExist:
            return super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET":
            # The admin's change view fetches the object again; a page view hands it the one loaded here.
            request.claimtrack_claim = claim
        before, span, after = paragraph_around(claim.article.body, claim.start, claim.end)
        context = {
            "claim": claim,
            "paragraph": {"before": before, "span": span, "after": after},
            "transitions": [
                (name, transition, None if reason else transition.form(claim), reason)
                for name, transition, reason in views.available(claim=claim, user=request.user)
            ],
            "history": history_in_words(claim_history(claim=claim)),
            "link_form": LinkForm(
                initial={"claim": claim.pk},
                article=claim.article,
                article_claims=article_link_targets(article_id=claim.article_id),
            ),
            "cite_form": CiteForm(initial={"claim": claim.pk}),
            "note_form": NoteForm(),
            "can_link": permissions.can(request.user, permissions.LINK),
            "can_note": permissions.can(request.user, permissions.NOTE),
            "status_colours": STATUS_COLOURS,
            **self._matches_context(claim),
            **(extra_context or {}),
        }
        context["workbench_media"] = context["link_form"].media + context["cite_form"].media
        return super().change_view(request, object_id, form_url, context)

    def get_object(self, request, object_id, from_field=None):
        loaded = getattr(request, "claimtrack_claim", None)
        if loaded is not None and from_field is None and str(loaded.pk) == str(object_id):
            return loaded
        return super().get_object(request, object_id, from_field)

    def _matches_context(self, claim: Claim) -> dict:
        matches = claim_matches(claim=claim)
        return {
            "matches": matches,
            "other_article_count": claim_other_article_count(claim=claim),
            "suggested_count": sum(view.match.state == MatchState.SUGGESTED for view in matches),
        }

    def match_view(self, request, object_id, other_id, decision):
        """A reviewer confirms or dismisses a suggested match from the claim page."""
        claim = get_object_or_404(Claim.objects.only("id"), pk=int(object_id))
        if decision not in ("confirm", "dismiss"):
            raise Http404
        decide = claim_match_confirm if decision == "confirm" else claim_match_dismiss
        views.attempt(
            request,
            lambda: decide(match=claim_match_between(claim=claim, other_id=int(other_id)), user=request.user),
            "Match confirmed: linked as a repeat." if decision == "confirm" else "Match dismissed.",
        )
        return views.redirect_back(request, reverse("admin:claims_claim_change", args=[claim.pk]) + "#claim-matches")

    # Extra pages: transitions, links, citations, notes and the dashboard.

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("dashboard/", wrap(self.dashboard_view), name="claims_dashboard"),
            path(
                "<int:object_id>/match/<int:other_id>/<str:decision>/",
                wrap(require_POST(self.match_view)),
                name="claims_claim_match",
            ),
            path(
                "<path:object_id>/transition/<str:name>/",
                wrap(self.transition_view),
                name="claims_claim_transition",
            ),
            path("<path:object_id>/link/", wrap(self.link_view), name="claims_claim_link"),
            path("<path:object_id>/cite/", wrap(self.cite_view), name="claims_claim_cite"),
            path("<path:object_id>/note/", wrap(self.note_view), name="claims_claim_note"),
            *super().get_urls(),
        ]

    def _claim_or_404(self, request, object_id) -> Claim:
        if not self.has_view_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        if not str(object_id).isdigit():
            raise Http404
        return get_object_or_404(Claim.objects.select_related("article"), pk=int(object_id))

    def _claim_url(self, claim: Claim) -> str:
        return reverse("admin:claims_claim_change", args=[claim.pk])

    @method_decorator_post
    def transition_view(self, request, object_id, name):
        claim = self._claim_or_404(request, object_id)
        views.transition_run(request, claim=claim, name=name)
        return views.redirect_back(request, self._claim_url(claim))

    @method_decorator_post
    def link_view(self, request, object_id):
        claim = self._claim_or_404(request, object_id)
        form = LinkForm(request.POST, article=None)
        form.fields["target"].queryset = Claim.objects.filter(article_id=claim.article_id)
        views.relation_create_from_form(request, form)
        return views.redirect_back(request, self._claim_url(claim))

    @method_decorator_post
    def cite_view(self, request, object_id):
        claim = self._claim_or_404(request, object_id)
        views.citation_create_from_form(request, CiteForm(request.POST))
        return views.redirect_back(request, self._claim_url(claim))

    @method_decorator_post
    def note_view(self, request, object_id):
        claim = self._claim_or_404(request, object_id)
        views.note_create_from_form(request, claim=claim, form=NoteForm(request.POST))
        return views.redirect_back(request, self._claim_url(claim) + "#notes")

    def dashboard_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        stats, snapshot = dashboard_snapshot_get()
        status_rows = [(ClaimStatus(s).label, {s: stats.by_status.get(s, 0)}) for s in ClaimStatus.values]
        context = {
            **self.admin_site.each_context(request),
            "title": "Claims dashboard",
            "stats": stats,
            "as_of": snapshot.computed_at,
            "status_chart": stacked_bar_chart(status_rows, colours=STATUS_COLOURS, title="Claims by status"),
            "outlet_chart": stacked_bar_chart(stats.by_outlet, colours=STATUS_COLOURS, title="Claims by outlet"),
            "month_chart": column_chart(stats.by_month, title="Claims per month"),
            "speaker_rows": stats.by_speaker,
            "status_legend": [(s, ClaimStatus(s).label) for s in STATUS_COLOURS],
            "response_rate_percent": None if stats.response_rate is None else round(100 * stats.response_rate),
            "changelist_url": reverse("admin:claims_claim_changelist"),
        }
        return TemplateResponse(request, "admin/claims/dashboard.html", context)

    # Bulk actions: every row goes through the workflow and reports its own refusal.

    def _bulk(self, request, queryset, label: str, transition: str, data: dict | None = None) -> None:
        done, refused = 0, {}
        for claim in queryset.order_by("pk"):
            try:
                views.TRANSITIONS[transition].run(claim=claim, user=request.user, data=data or {})
            except (ClaimtrackError, ValidationError) as error:
                refused.setdefault(views.error_text(error), []).append(claim.pk)
            else:
                done += 1
        if done:
            messages.success(request, f"{label}: {done} claim{'s' if done != 1 else ''}.")
        for reason, ids in refused.items():
            listed = ", ".join(f"#{pk}" for pk in ids[:20]) + ("…" if len(ids) > 20 else "")
            messages.error(request, f"Not {label.lower()} ({listed}): {reason}")

    @admin.action(description="Accept selected proposals")
    def accept_selected(self, request, queryset):
        self._bulk(request, queryset, "Accepted", "accept")

    @admin.action(description="Reject selected proposals")
    def reject_selected(self, request, queryset):
        self._bulk(request, queryset, "Rejected", "reject")

    @admin.action(description="Assign selected claims to a reviewer…")
    def assign_selected(self, request, queryset):
        if "apply" in request.POST:
            form = AssignForm(request.POST)
            if form.is_valid():
                assignee = form.cleaned_data["assignee"]
                self._bulk(request, queryset, "Assigned", "assign", {"assignee": assignee})
                return None
        else:
            form = AssignForm()
        context = {
            **self.admin_site.each_context(request),
            "title": "Assign claims for review",
            "form": form,
            "claims": queryset,
            "opts": self.model._meta,
            "action": "assign_selected",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/claims/claim/assign.html", context)


@admin.register(ClaimRelation)
class ClaimRelationAdmin(ServiceModelAdmin):
    """Typed links between claims (a response rebuts a claim, a statement repeats another)."""

    list_display = ["id", "source", "relation_type", "target", "origin", "created_by", "created_at"]
    list_select_related = ["source", "target", "created_by"]
    list_filter = ["relation_type", "origin"]
    search_fields = ["source__text", "target__text", "note"]
    autocomplete_fields = ["source", "target"]
    fields = ["source", "relation_type", "target", "note", "origin", "confidence", "created_by", "created_at"]
    readonly_fields = ["origin", "confidence", "created_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        # The type and note are corrected in place; linking other claims is a new link.
        return [*self.readonly_fields, "source", "target"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            changes = self.changed_values(form, RELATION_FIELDS)
            if changes:
                editing.claim_relation_update(relation=obj, user=request.user, **changes)
            return
        relation = editing.claim_relation_create(
            source=obj.source, target=obj.target, relation_type=obj.relation_type, user=request.user, note=obj.note
        )
        obj.pk = relation.pk

    def delete_model(self, request, obj):
        editing.claim_relation_delete(relation=obj, user=request.user)
