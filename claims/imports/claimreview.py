"""Reading partners' ClaimReview JSON-LD: every shape it comes in, flattened to positioned records.

A document may be one ClaimReview, a list of them, a `@graph`, or a Data Commons `DataFeed` whose
`dataFeedElement[]` each hold an `item` (one or a list). Each record keeps where it was found
(`[2]`, `@graph[0]`, `dataFeedElement[3].item[0]`) so a bad one can be reported by position.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from claims.choices import Rating


class RecordInvalid(Exception):
    """A record that cannot be imported; the message is the one-line reason."""


@dataclass(frozen=True)
class Record:
    """One ClaimReview object as found in a document, and where."""

    position: str
    data: Any


def _types(value: Any) -> list[str]:
    if not isinstance(value, dict):
        return []
    kind = value.get("@type", [])
    return [kind] if isinstance(kind, str) else [k for k in kind if isinstance(k, str)]


# Feeds nest a few levels at most; anything deeper is reported as a record, not followed.
MAX_DEPTH = 8


def records(document: Any, position: str = "", depth: int = 0) -> Iterator[Record]:
    """Every ClaimReview record in `document`, in order; anything else where one is expected is a record too,
    so that it is reported rather than silently dropped (except the side objects a `@graph` may hold)."""
    if depth > MAX_DEPTH:
        yield Record(position, document)
        return
    if isinstance(document, list):
        for index, item in enumerate(document):
            yield from records(item, f"{position}[{index}]", depth + 1)
        return
    if isinstance(document, dict) and "@graph" in document:
        graph = document["@graph"]
        for index, item in enumerate(graph if isinstance(graph, list) else [graph]):
            # A graph also describes the page, the site, the organisation: only its reviews are records.
            if "ClaimReview" in _types(item) or "DataFeed" in _types(item):
                yield from records(item, f"{position}@graph[{index}]", depth + 1)
        return
    if "DataFeed" in _types(document):
        elements = document.get("dataFeedElement", [])
        for index, element in enumerate(elements if isinstance(elements, list) else [elements]):
            where = f"{position}{'.' if position else ''}dataFeedElement[{index}]"
            items = element.get("item", []) if isinstance(element, dict) else element
            for number, item in enumerate(items if isinstance(items, list) else [items]):
                yield Record(f"{where}.item[{number}]", item)
        return
    yield Record(position or "[0]", document)


def _text(value: Any, field: str, *, required: bool = False, limit: int | None = None) -> str:
    if value is None or value == "":
        if required:
            raise RecordInvalid(f"{field} is missing.")
        return ""
    if not isinstance(value, str):
        raise RecordInvalid(f"{field} must be text.")
    value = " ".join(value.split())
    if required and not value:
        raise RecordInvalid(f"{field} is missing.")
    if limit is not None and len(value) > limit:
        raise RecordInvalid(f"{field} is longer than {limit} characters.")
    return value


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _name(value: Any) -> str:
    value = _first(value)
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return " ".join(value["name"].split())
    return ""


def _date(value: Any, field: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RecordInvalid(f"{field} must be an ISO date.")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise RecordInvalid(f"{field} {value[:40]!r} is not an ISO date.") from None


def _url(value: Any, field: str, *, required: bool = False) -> str:
    value = _text(value, field, required=required, limit=1000)
    if value and not value.startswith(("http://", "https://")):
        raise RecordInvalid(f"{field} must be an http:// or https:// address.")
    return value


_BY_NAME = {label.casefold(): value for value, label in Rating.choices} | {
    value.replace("_", " "): value for value in Rating.values
}
# ClaimReview's scale, worst to best, mapped onto five steps of ours.
_SCALE = (Rating.FALSE, Rating.MOSTLY_FALSE, Rating.HALF_TRUE, Rating.MOSTLY_TRUE, Rating.TRUE)


def _number(value: Any, field: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise RecordInvalid(f"reviewRating.{field} {str(value)[:20]!r} is not a number.") from None


def rating_of(review_rating: Any) -> tuple[str, str]:
    """Our rating for a partner's reviewRating, and the partner's own name for it.

    A name that is one of ours wins; otherwise the value is placed on our scale by its position between
    worstRating and bestRating (1 and 5 when not given).
    """
    if not isinstance(review_rating, dict):
        raise RecordInvalid("reviewRating is missing.")
    name = _text(review_rating.get("alternateName"), "reviewRating.alternateName", limit=300)
    known = _BY_NAME.get(name.casefold())
    if known:
        return known, name
    value = _number(review_rating.get("ratingValue"), "ratingValue")
    if value is None:
        raise RecordInvalid(f"reviewRating has no ratingValue and its name {name!r} is not a rating we know.")
    best = _number(review_rating.get("bestRating"), "bestRating") or 5.0
    worst = _number(review_rating.get("worstRating"), "worstRating")
    worst = 1.0 if worst is None else worst
    if best == worst or not min(best, worst) <= value <= max(best, worst):
        raise RecordInvalid(f"reviewRating.ratingValue {value:g} is not between {worst:g} and {best:g}.")
    position = (value - worst) / (best - worst)
    return _SCALE[round(position * (len(_SCALE) - 1))], name


@dataclass(frozen=True)
class ParsedReview:
    """What the import keeps of one ClaimReview."""

    url: str
    claim_text: str
    rating: str
    rating_name: str
    publisher: str
    published: dt.date | None
    headline: str
    body: str
    speaker_name: str
    speaker_is_person: bool
    appearance_url: str
    appearance_headline: str
    appearance_outlet: str
    appearance_date: dt.date | None


def parse(data: Any) -> ParsedReview:
    """Check one record against what a ClaimReview must carry and pick out its fields."""
    if "ClaimReview" not in _types(data):
        raise RecordInvalid("not a ClaimReview (its @type).")
    item = _first(data.get("itemReviewed")) or {}
    if not isinstance(item, dict):
        raise RecordInvalid("itemReviewed must be an object.")
    author = _first(item.get("author"))
    appearance = _first(item.get("firstAppearance") or item.get("appearance")) or {}
    if isinstance(appearance, str):
        appearance = {"url": appearance}
    if not isinstance(appearance, dict):
        raise RecordInvalid("itemReviewed.appearance must be an object or an address.")
    publisher = _name(data.get("author"))
    if not publisher:
        raise RecordInvalid("author (the organisation that published the review) has no name.")
    rating, rating_name = rating_of(_first(data.get("reviewRating")))
    return ParsedReview(
        url=_url(data.get("url"), "url", required=True),
        claim_text=_text(data.get("claimReviewed"), "claimReviewed", required=True, limit=20_000),
        rating=rating,
        rating_name=rating_name,
        publisher=publisher[:300],
        published=_date(data.get("datePublished"), "datePublished"),
        headline=_text(data.get("headline") or data.get("name"), "headline")[:500],
        body=_text(data.get("reviewBody") or data.get("description"), "reviewBody"),
        speaker_name=_name(author)[:300],
        speaker_is_person="Organization" not in _types(author),
        appearance_url=_url(appearance.get("url"), "itemReviewed.appearance.url"),
        appearance_headline=_text(appearance.get("headline") or appearance.get("name"), "appearance.headline")[:500],
        appearance_outlet=_name(appearance.get("publisher"))[:200],
        appearance_date=_date(
            appearance.get("datePublished") or item.get("datePublished"), "itemReviewed.datePublished"
        ),
    )
