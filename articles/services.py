"""Writes to the articles app."""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.cleaning import clean_article
from articles.models import Article, Outlet


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool


def content_hash(raw: str) -> str:
    """The identity of an imported text: the same text imported twice is one article."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def article_text_check(*, raw: str) -> None:
    """Refuse text that cannot be an article, with a reason a person can act on."""
    if len(raw.encode("utf-8")) > settings.ARTICLE_MAX_BYTES:
        raise ValidationError({"body": f"Article is larger than the limit of {settings.ARTICLE_MAX_BYTES} bytes."})
    if "\x00" in raw:
        raise ValidationError({"body": "Article contains NUL bytes: binary data, not text."})
    if not raw.strip():
        raise ValidationError({"body": "Article is empty."})


@transaction.atomic
def outlet_get_or_create(*, name: str, domain: str = "") -> Outlet:
    """The outlet of that name (case-insensitive), created on first use."""
    outlet = Outlet.objects.filter(name__iexact=name.strip()).first()
    if outlet is None:
        outlet = Outlet.objects.create(name=name.strip(), domain=domain)
    return outlet


@transaction.atomic
def article_import(
    *,
    raw: str,
    source_name: str = "",
    headline: str = "",
    url: str = "",
    outlet_name: str = "",
    published: dt.date | None = None,
    byline: str = "",
    language: str = "en",
) -> ImportResult:
    """Clean and store one article; re-importing the same text returns the stored one unchanged."""
    article_text_check(raw=raw)
    digest = content_hash(raw)
    existing = Article.objects.filter(content_hash=digest).first()
    if existing is not None:
        return ImportResult(article=existing, created=False)

    cleaned = clean_article(raw)
    if not cleaned.body.strip():
        raise ValidationError({"body": "Article has no text once boilerplate is removed."})
    article = Article(
        headline=(headline or cleaned.headline)[:500],
        outlet=outlet_get_or_create(name=outlet_name) if outlet_name.strip() else None,
        byline=byline,
        url=url,
        published=published or cleaned.published,
        language=language,
        body=cleaned.body,
        raw_text=raw,
        source_name=source_name[:300],
        content_hash=digest,
    )
    article.full_clean(exclude=["search_vector", "content_hash"])
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # The same text arrived concurrently and the other import won: that article is this one.
        return ImportResult(article=Article.objects.get(content_hash=digest), created=False)
    return ImportResult(article=article, created=True)
