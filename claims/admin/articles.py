"""The article workbench: the body with every claim marked, and the forms to create, judge and link claims.

`articles` must not import `claims`, so the claims app extends the article admin here and registers the
extended class in its place.
"""

import json

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST

from articles.admin import ArticleAdmin
from articles.models import Article
from articles.services import ImportStatus
from claims import permissions
from claims.choices import ClaimKind, ClaimStatus, RelationType
from claims.models import Claim, ClaimRelation
from claims.selectors import article_workbench_claims
from claims.selectors.matches import article_match_summaries
from claims.services.bulk import article_proposals_decide, bulk_decision_last, bulk_decision_undo
from claims.services.proposals import article_ingest

from . import edits, linking, views
from .cards import claim_cards, claim_url_maker
from .charts import STATUS_COLOURS
from .forms import CiteForm, ClaimCreateForm, ClaimEditForm, LinkForm, ReattachForm, RejectForm
from .highlight import highlight_body, relation_map, review_progress


class ArticleWorkbenchAdmin(ArticleAdmin):
    """Articles with claim counts in the list and a workbench page per article."""

    change_form_template = "admin/articles/article/change_form_workbench.html"
    list_display = ["headline", "outlet", "published", "claim_count", "progress", "workbench_link"]

    def import_article(self, request, **fields):
        """A pasted article gets its claims proposed, like one imported by command or API."""
        result = article_ingest(user=request.user, **fields)
        request.claimtrack_ingested = result
        return result

    def response_add(self, request, obj, post_url_continue=None):
        """After pasting an article, go straight to its workbench and say how many claims were proposed."""
        result = getattr(request, "claimtrack_ingested", None)
        if result is None or "_addanother" in request.POST or "_continue" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        proposed = len(result.claims) if result.status != ImportStatus.UNCHANGED else 0
        if result.status != ImportStatus.UNCHANGED:
            messages.success(
                request, f"Article “{obj.headline}” saved: {proposed} claim{'s' if proposed != 1 else ''} proposed."
            )
        return HttpResponseRedirect(self._workbench_url(obj))

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name == "articles_article_changelist":
            queryset = queryset.defer("body", "raw_text", "search_vector").annotate(
                claim_count=Count("claims"),
                proposed_count=Count("claims", filter=Q(claims__status=ClaimStatus.PROPOSED)),
            )
        return queryset

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj: Article) -> int:
        return obj.claim_count

    @admin.display(description="reviewed", ordering="proposed_count")
    def progress(self, obj: Article):
        return review_progress(total=obj.claim_count, proposed=obj.proposed_count)

    @admin.display(description="")
    def workbench_link(self, obj: Article):
        return format_html('<a href="{}">Workbench</a>', reverse("admin:articles_article_workbench", args=[obj.pk]))

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/workbench/", wrap(self.workbench_view), name="articles_article_workbench"),
            path(
                "<path:object_id>/workbench/claim/",
                wrap(require_POST(self.claim_create_view)),
                name="articles_article_claim_create",
            ),
            path(
                "<path:object_id>/workbench/link/",
                wrap(require_POST(self.link_view)),
                name="articles_article_link",
            ),
            path(
                "<path:object_id>/workbench/reattach/",
                wrap(require_POST(self.reattach_view)),
                name="articles_article_reattach",
            ),
            path(
                "<path:object_id>/workbench/cite/",
                wrap(require_POST(self.cite_view)),
                name="articles_article_cite",
            ),
            path(
                "<path:object_id>/workbench/claims/<int:claim_id>/edit/",
                wrap(require_POST(self.claim_edit_view)),
                name="articles_article_claim_edit",
            ),
            path(
                "<path:object_id>/workbench/links/<int:relation_id>/<str:action>/",
                wrap(require_POST(self.relation_edit_view)),
                name="articles_article_relation_edit",
            ),
            path(
                "<path:object_id>/workbench/claims/<int:claim_id>/link-search/",
                wrap(require_GET(self.link_search_view)),
                name="articles_article_link_search",
            ),
            path(
                "<path:object_id>/workbench/claims/<int:claim_id>/counter-targets/",
                wrap(require_GET(self.counter_targets_view)),
                name="articles_article_counter_targets",
            ),
            path(
                "<path:object_id>/workbench/decide/",
                wrap(require_POST(self.decide_view)),
                name="articles_article_decide",
            ),
            path(
                "<path:object_id>/workbench/undo/",
                wrap(require_POST(self.undo_view)),
                name="articles_article_undo",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id) -> Article:
        if not self.has_view_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        if not str(object_id).isdigit():
            raise Http404
        return get_object_or_404(Article.objects.select_related("outlet"), pk=int(object_id))

    def _workbench_url(self, article: Article, claim_id=None) -> str:
        url = reverse("admin:articles_article_workbench", args=[article.pk])
        return f"{url}#claim-{claim_id}" if claim_id else url

    def workbench_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        claims = article_workbench_claims(article=article)
        match_summaries = article_match_summaries(article_id=article.pk)
        user = request.user
        create_form = ClaimCreateForm()
        link_form = LinkForm(article_claims=claims)
        cite_form = CiteForm()
        edit_form = ClaimEditForm()
        claim_url = claim_url_maker()
        cards = [
            {
                "claim": claim,
                "transitions": views.available(claim=claim, user=user),
                "claim_url": claim_url(claim.pk),
                "matches": match_summaries.get(claim.pk),
            }
            for claim in claims
            if claim.orphaned_at is None
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": article.headline,
            "subtitle": "Workbench",
            "opts": self.model._meta,
            "article": article,
            "body_html": highlight_body(article.body, claims),
            "cards": cards,
            "cards_html": claim_cards(
                cards,
                article_id=article.pk,
                csrf_token=get_token(request),
                workbench_url=self._workbench_url(article),
                can_link=permissions.can(user, permissions.LINK),
            ),
            "relations": relation_map(claims),
            "create_form": create_form,
            "link_form": link_form,
            "cite_form": cite_form,
            "reject_form": RejectForm(),
            "media": self.media + create_form.media + link_form.media + cite_form.media + edit_form.media,
            "can_edit": permissions.can(user, permissions.EDIT_CLAIM),
            "can_link": permissions.can(user, permissions.LINK),
            "legend_kinds": ClaimKind.choices,
            "legend_statuses": [(value, label, STATUS_COLOURS[value]) for value, label in ClaimStatus.choices],
            "status_colours_json": json.dumps(STATUS_COLOURS),
            "workbench_url": self._workbench_url(article),
            "orphans": [claim for claim in claims if claim.orphaned_at is not None],
            "edit_form": edit_form,
            "relation_types": RelationType.choices,
            "bulk": self._bulk_context(claims, user, article),
            "progress": review_progress(
                total=len(claims), proposed=sum(claim.status == ClaimStatus.PROPOSED for claim in claims)
            ),
        }
        return TemplateResponse(request, "admin/articles/article/workbench.html", context)

    def claim_create_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        claim = views.claim_create_from_form(request, article=article, form=ClaimCreateForm(request.POST))
        return views.redirect_back(request, self._workbench_url(article, getattr(claim, "pk", None)))

    def link_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        form = LinkForm(request.POST, article=article)
        relation = views.relation_create_from_form(request, form)
        claim_id = form.cleaned_data.get("claim").pk if relation and form.is_valid() else None
        return views.redirect_back(request, self._workbench_url(article, claim_id))

    def reattach_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        form = ReattachForm(request.POST)
        claim = views.claim_reattach_from_form(request, article=article, form=form)
        return views.redirect_back(request, self._workbench_url(article, getattr(claim, "pk", None)))

    def cite_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        form = CiteForm(request.POST, article=article)
        citation = views.citation_create_from_form(request, form)
        claim_id = citation.claim_id if citation else None
        return views.redirect_back(request, self._workbench_url(article, claim_id))

    # Corrections in place (JSON) and whole-article decisions.

    def _bulk_context(self, claims, user, article: Article) -> dict:
        live = [claim for claim in claims if claim.status == ClaimStatus.PROPOSED and claim.orphaned_at is None]
        with_speaker = sum(claim.speaker_id is not None for claim in live)
        last = bulk_decision_last(article=article)
        refusal = permissions.refusal(user, permissions.ACCEPT)
        return {
            "accept": with_speaker,
            "reject": len(live) - with_speaker,
            "refusal": refusal or ("" if live else "No proposals are left to decide."),
            "last": last if last is not None and last.undone_at is None else None,
            "undo_refusal": refusal,
        }

    def claim_edit_view(self, request, object_id, claim_id):
        article = self._article_or_404(request, object_id)
        claim = Claim.objects.filter(pk=claim_id, article=article).first()
        if claim is None:
            return JsonResponse({"errors": {"__all__": ["No such claim in this article."]}}, status=404)
        return edits.claim_edit(request, claim=claim)

    def _article_claim(self, request, object_id, claim_id) -> Claim | None:
        article = self._article_or_404(request, object_id)
        return (
            Claim.objects.filter(pk=claim_id, article=article)
            .select_related("speaker__organisation", "article")
            .defer("search_vector", "article__raw_text", "article__search_vector", "article__text_sketch")
            .first()
        )

    def link_search_view(self, request, object_id, claim_id):
        claim = self._article_claim(request, object_id, claim_id)
        if claim is None:
            return JsonResponse({"errors": {"__all__": ["No such claim in this article."]}}, status=404)
        return linking.link_search(request, claim=claim)

    def counter_targets_view(self, request, object_id, claim_id):
        claim = self._article_claim(request, object_id, claim_id)
        if claim is None:
            return JsonResponse({"errors": {"__all__": ["No such claim in this article."]}}, status=404)
        return linking.counter_suggestions(request, claim=claim)

    def relation_edit_view(self, request, object_id, relation_id, action):
        article = self._article_or_404(request, object_id)
        relation = (
            ClaimRelation.objects.filter(pk=relation_id)
            .filter(Q(source__article=article) | Q(target__article=article))
            .first()
        )
        if relation is None:
            return JsonResponse({"errors": {"__all__": ["No such link on this article's claims."]}}, status=404)
        if action == "retype":
            return edits.relation_retype(request, relation=relation)
        if action == "remove":
            return edits.relation_remove(request, relation=relation)
        return JsonResponse({"errors": {"__all__": [f"Unknown action “{action}”."]}}, status=404)

    def decide_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        views.attempt(
            request,
            lambda: article_proposals_decide(article=article, user=request.user),
            lambda decision: (
                f"Accepted {len(decision.accepted)} proposal{'s' if len(decision.accepted) != 1 else ''} with a "
                f"speaker, rejected {len(decision.rejected)} without one. You can undo this."
            ),
        )
        return HttpResponseRedirect(self._workbench_url(article))

    def undo_view(self, request, object_id):
        article = self._article_or_404(request, object_id)

        def told(result) -> str:
            decision, kept = result
            back = len(decision.accepted) + len(decision.rejected) - len(kept)
            text = f"Undone: {back} claim{'s' if back != 1 else ''} back among the proposals."
            if kept:
                text += " Left as they are, since someone took them further: " + ", ".join(f"#{pk}" for pk in kept)
            return text

        views.attempt(request, lambda: bulk_decision_undo(article=article, user=request.user), told)
        return HttpResponseRedirect(self._workbench_url(article))


admin.site.unregister(Article)
admin.site.register(Article, ArticleWorkbenchAdmin)
