"""W3C Web Annotation JSON-LD: each claim as an annotation of its article, in an AnnotationCollection.

Selectors count characters of the article's cleaned body (served as text at the article's text URL),
which is the annotations' target source; the original web page is given as the target's scope.
"""

import datetime as dt
from collections.abc import Callable, Sequence

from articles.models import Article
from claims.models import Claim

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PAGE_SIZE = 200


def iso_datetime(value: dt.datetime) -> str:
    """xsd:dateTime in UTC with a `Z`, as the annotation model asks."""
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def annotation(*, claim: Claim, claim_url: str, text_url: str, article: Article) -> dict:
    """One claim as a Web Annotation: a highlight of its quote, described by its speaker and kind."""
    description = f"{claim.get_kind_display()} by {claim.speaker.name}" if claim.speaker else claim.get_kind_display()
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
        "id": claim_url,
        "type": "Annotation",
        "motivation": "highlighting",
        "created": iso_datetime(claim.created_at),
        "modified": iso_datetime(claim.updated_at),
        "body": [
            {"type": "TextualBody", "value": description, "purpose": "describing", "format": "text/plain"},
            {"type": "TextualBody", "value": claim.claim_type, "purpose": "tagging"},
            {"type": "TextualBody", "value": claim.status, "purpose": "tagging"},
        ],
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
    claim_url: Callable[[Claim], str],
    embedded: bool,
) -> dict:
    """One AnnotationPage of the collection (`embedded` drops what the enclosing collection says)."""
    last = max(0, (total - 1) // PAGE_SIZE)
    document = {
        "id": f"{collection_url}?page={page}",
        "type": "AnnotationPage",
        "startIndex": page * PAGE_SIZE,
        "items": [
            annotation(claim=claim, claim_url=claim_url(claim), text_url=text_url, article=article) for claim in claims
        ],
    }
    if not embedded:
        document = {"@context": ANNO_CONTEXT, **document, "partOf": {"id": collection_url, "total": total}}
    if page < last:
        document["next"] = f"{collection_url}?page={page + 1}"
    if page > 0:
        document["prev"] = f"{collection_url}?page={page - 1}"
    return document


def annotation_collection(
    *,
    claims: Sequence[Claim],
    article: Article,
    total: int,
    collection_url: str,
    text_url: str,
    claim_url: Callable[[Claim], str],
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
            claim_url=claim_url,
            embedded=True,
        ),
        "last": f"{collection_url}?page={last}",
    }
