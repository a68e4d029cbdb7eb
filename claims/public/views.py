"""Public pages: the index of fact-checks, one page per published verdict, one per speaker.

Nobody signs in here and nothing unpublished is reachable: every read goes through the public selectors,
and anything else is a plain 404. Pages carry an ETag and Last-Modified, so caches revalidate cheaply.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_safe

from claims import selectors
from claims.exports.claimreview import claimreview_document, publisher
from claims.models import Claim, Speaker
from claims.public.context import sentence_around
from claims.public.jsonld import jsonld_script

PAGE_SIZE = 20
QUERY_LIMIT = 200
SPEAKER_CLAIMS_SHOWN = 200


def _etag(*parts) -> str:
    # The publisher settings are part of every page, so changing them must change every tag.
    seed = "|".join(
        str(part) for part in (*parts, settings.CLAIMREVIEW_PUBLISHER_NAME, settings.CLAIMREVIEW_PUBLISHER_URL)
    )
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def public_cache(view):
    """Let browsers and shared caches keep the page for PUBLIC_CACHE_SECONDS."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapped


def _query(request) -> str:
    return request.GET.get("q", "").strip()[:QUERY_LIMIT]


def _page_number(request) -> int:
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        raise Http404("No such page.") from None
    if number < 1:
        raise Http404("No such page.")
    return number


def collection_etag(request, *args, **kwargs) -> str:
    """The tag of a page listing public verdicts (index, feed, sitemap): its address and the public set's state."""
    return _etag(request.get_full_path(), *selectors.public_state())


def public_collection(view):
    """A listing of public verdicts, revalidated by `collection_etag` and cached like the pages."""
    return require_safe(public_cache(condition(etag_func=collection_etag)(view)))


@public_collection
def factcheck_index(request):
    """Published verdicts, newest first, with a full-text search; pages without a total count."""
    query = _query(request)
    number = _page_number(request)
    offset = (number - 1) * PAGE_SIZE
    # One row past the page says whether there is a next page, without counting the whole set.
    rows = list(selectors.public_claim_list(query=query)[offset : offset + PAGE_SIZE + 1])
    if number > 1 and not rows:
        raise Http404("No such page.")
    return render(
        request,
        "public/index.html",
        {
            "claims": rows[:PAGE_SIZE],
            "query": query,
            "page": number,
            "previous_page": number - 1 if number > 1 else None,
            "next_page": number + 1 if len(rows) > PAGE_SIZE else None,
            "publisher": publisher(),
        },
    )


def _factcheck_last_modified(request, claim_id: int):
    return selectors.public_claim_last_modified(claim_id=claim_id)


def _factcheck_etag(request, claim_id: int) -> str | None:
    changed = selectors.public_claim_last_modified(claim_id=claim_id)
    return None if changed is None else _etag("claim", claim_id, changed.isoformat())


@require_safe
@public_cache
@condition(etag_func=_factcheck_etag, last_modified_func=_factcheck_last_modified)
def factcheck_detail(request, claim_id: int):
    """One published verdict: the claim in its sentence, where it appeared, the verdict, sources, responses."""
    try:
        claim = selectors.public_claim_detail(claim_id=claim_id)
    except Claim.DoesNotExist:
        raise Http404("No such fact-check.") from None
    appearances = selectors.claim_appearances(claim=claim)
    public_url = request.build_absolute_uri(reverse("public:factcheck", args=[claim.pk]))
    document = claimreview_document(claim=claim, public_url=public_url, appearances=appearances)
    return render(
        request,
        "public/factcheck.html",
        {
            "claim": claim,
            "review": claim.published_reviews[0],
            "earlier_reviews": claim.earlier_reviews,
            "sentence": sentence_around(claim.article.body, claim.start, claim.end),
            "appearances": appearances,
            "citations": claim.public_citations,
            "responses": claim.public_responses,
            "claimreview": jsonld_script(document),
            "public_url": public_url,
            "publisher": publisher(),
        },
    )


def _speaker_etag(request, speaker_id: int) -> str | None:
    latest, published = selectors.public_state(speaker_id=speaker_id)
    return _etag("speaker", speaker_id, latest, published) if published else None


@require_safe
@public_cache
@condition(etag_func=_speaker_etag)
def speaker_detail(request, speaker_id: int):
    """A speaker's checked claims with their ratings; only speakers with a published verdict have a page."""
    try:
        speaker = selectors.public_speaker(speaker_id=speaker_id)
    except Speaker.DoesNotExist:
        raise Http404("No such speaker.") from None
    claims = list(selectors.public_speaker_claims(speaker=speaker)[:SPEAKER_CLAIMS_SHOWN])
    return render(request, "public/speaker.html", {"speaker": speaker, "claims": claims, "publisher": publisher()})
