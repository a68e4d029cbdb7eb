"""JSON the workbench's link form reads as a reviewer types: claims in any article, and the claims in other
articles a response may answer. Both only read; the link itself is posted through the link form, so it is
made by the same service (history, webhooks) as every other link.

Only someone who may link claims sees these answers: a staff member (the admin's own check) holding the
model permission to change relations and a role that may link. The caller has made sure the claim belongs
to the article.
"""

from typing import Any

from django import forms
from django.http import JsonResponse

from claims import permissions
from claims.choices import ClaimKind
from claims.models import Claim
from claims.selectors.counter import counter_targets
from claims.selectors.linking import claim_link_candidates

from .edits import form_errors_json

RELATION_PERMISSION = "claims.change_claimrelation"


def refusal(request) -> JsonResponse | None:
    """403 JSON unless the signed-in staff member may link claims; None if they may."""
    reason = permissions.refusal(request.user, permissions.LINK)
    if reason is None and not request.user.has_perm(RELATION_PERMISSION):
        reason = "You do not have permission to change links between claims."
    return None if reason is None else JsonResponse({"errors": {"__all__": [reason]}}, status=403)


class LinkSearchForm(forms.Form):
    """`q`: what the reviewer typed so far."""

    q = forms.CharField(min_length=2, max_length=200, strip=True)


def _claim_json(claim: Claim) -> dict[str, Any]:
    article = claim.article
    published = article.published or article.created_at.date()
    return {
        "id": claim.pk,
        "text": claim.text if len(claim.text) <= 240 else claim.text[:239] + "…",
        "speaker": claim.speaker.name if claim.speaker_id else None,
        "kind": claim.kind,
        "claim_type": claim.claim_type,
        "status": claim.status,
        "article": {
            "id": article.pk,
            "headline": article.headline,
            "outlet": article.outlet.name if article.outlet_id else None,
            "date": published.isoformat(),
        },
    }


def link_search(request, *, claim: Claim) -> JsonResponse:
    """Up to ten claims `q` finds in any article, for `claim`'s link form."""
    refused = refusal(request)
    if refused:
        return refused
    form = LinkSearchForm(request.GET)
    if not form.is_valid():
        return form_errors_json(form)
    found = claim_link_candidates(term=form.cleaned_data["q"], claim=claim)
    return JsonResponse({"results": [_claim_json(other) for other in found]})


def counter_suggestions(request, *, claim: Claim) -> JsonResponse:
    """The claims in other articles that `claim`, a response, may be answering."""
    refused = refusal(request)
    if refused:
        return refused
    if claim.kind != ClaimKind.RESPONSE:
        return JsonResponse({"errors": {"claim": ["Only a response has suggested targets."]}}, status=400)
    return JsonResponse({"results": [_claim_json(other) for other in counter_targets(response=claim)]})
