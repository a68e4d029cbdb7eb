"""W3C Web Annotation JSON-LD: each claim as an annotation of its article, in an AnnotationCollection.

By default only claims a reviewer has accepted (and later states) are exported; proposals on request.
Each annotation links its speaker, its published verdict, the responses it drew and the sources cited.
Selectors count characters of the article's cleaned body (served as text at the article's text URL),
which is the annotations' target source; the original web page is given as the target's scope.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from articles.models import Article
from claims.models import Claim, Source, Speaker

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PAGE_SIZE = 200


def iso_datetime(value: dt.datetime) -> str:
    """xsd:dateTime in UTC with a `Z`, as the annotation model asks."""
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _page_url(collection_url: str, page: int) -> str:
    # The collection's own address may already carry a query (?proposals=true).
    return f"{collection_url}{'&' if '?' in collection_url else '?'}page={page}"


@dataclass(frozen=True)
class Links:
    """Absolute addresses the annotations link to: each claim, speaker and source, and a published verdict."""

    claim: Callable[[Claim], str]
    speaker: Callable[[Speaker], str]
    source: Callable[[Source], str]
    verdict: Callable[[Claim], str]


def _linked(url: str, purpose: str, label: str) -> dict:
    # The model gives a purpose only to specific resources, not to a bare web resource: wrap the link in one.
    return {"type": "SpecificResource", "purpose": purpose, "source": {"id": url, "label": label}}


def _bodies(claim: Claim, links: Links) -> list[dict]:
    """What is said about the quote: who said it, what kind it is, the verdict, responses and citations."""
    description = f"{claim.get_kind_display()} by {claim.speaker.name}" if claim.speaker else claim.get_kind_display()
    bodies = [
        {"type": "TextualBody", "value": description, "purpose": "describing", "format": "text/plain"},
        {"type": "TextualBody", "value": claim.claim_type, "purpose": "tagging"},
        {"type": "TextualBody", "value": claim.status, "purpose": "tagging"},
    ]
    if claim.speaker:
        # The speaker as a resource of its own, so clients can group annotations by who spoke.
        bodies.append(_linked(links.speaker(claim.speaker), "identifying", claim.speaker.name))
    reviews = getattr(claim, "published_reviews", [])
    if reviews:
        review = reviews[0]
        verdict = _linked(links.verdict(claim), "assessing", f"{review.get_rating_display()}: {review.summary}")
        verdict["source"].update(type="Text", format="text/html")
        bodies.append(verdict)
    for relation in getattr(claim, "answered_by", []):
        response = relation.source
        label = f"{relation.get_relation_type_display()}: “{response.text}”"
        bodies.append(_linked(links.claim(response), "replying", label))
    for citation in getattr(claim, "cited", []):
        label = f"{citation.get_stance_display()}: {citation.source.title}"
        bodies.append(_linked(links.source(citation.source), "linking", label))
    return bodies


def annotation(*, claim: Claim, links: Links, text_url: str, article: Article) -> dict:
    """One claim as a Web Annotation: a highlight of its quote with its speaker, verdict, responses and sources."""
    target = {
        "type": "SpecificResource",
        "source": text_url,
        "selector": [
            {"type": "TextQuoteSelector", "exact": claim.text, "prefix": claim.prefix, "suffix": claim.suffix},
            {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
        ],
    }
    if article.url:
        target["scope"] = article.url
    return {
        "@context": ANNO_CONTEXT,
        "id": links.claim(claim),
        "type": "Annotation",
        "motivation": "highlighting",
        "created": iso_datetime(claim.created_at),
        "modified": iso_datetime(claim.updated_at),
        "body": _bodies(claim, links),
        "target": target,
    }


def annotation_page(
    *,
    claims: Sequence[Claim],
    article: Article,
    page: int,
    total: int,
    collection_url: str,
    text_url: str,
    links: Links,
    embedded: bool,
) -> dict:
    """One AnnotationPage of the collection (`embedded` drops what the enclosing collection says)."""
    last = max(0, (total - 1) // PAGE_SIZE)
    document = {
        "id": _page_url(collection_url, page),
        "type": "AnnotationPage",
        "startIndex": page * PAGE_SIZE,
        "items": [annotation(claim=claim, links=links, text_url=text_url, article=article) for claim in claims],
    }
    if not embedded:
        document = {"@context": ANNO_CONTEXT, **document, "partOf": {"id": collection_url, "total": total}}
    if page < last:
        document["next"] = _page_url(collection_url, page + 1)
    if page > 0:
        document["prev"] = _page_url(collection_url, page - 1)
    return document


def annotation_collection(
    *,
    claims: Sequence[Claim],
    article: Article,
    total: int,
    collection_url: str,
    text_url: str,
    links: Links,
) -> dict:
    """The AnnotationCollection of an article's claims with its first page embedded."""
    last = max(0, (total - 1) // PAGE_SIZE)
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_url,
        "type": "AnnotationCollection",
        "label": f"Claims in “{article.headline}”",
        "total": total,
        "first": annotation_page(
            claims=claims,
            article=article,
            page=0,
            total=total,
            collection_url=collection_url,
            text_url=text_url,
            links=links,
            embedded=True,
        ),
        "last": _page_url(collection_url, last),
    }
