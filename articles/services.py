"""Writes to the articles app."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from django.utils import timezone

from articles import identity
from articles.identity import PreparedArticle
from articles.models import Article, ArticleVersion, Outlet
from articles.versions import correction_notes


class ImportStatus:
    CREATED = "created"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


@dataclass(frozen=True)
class ImportResult:
    """What an import did: a new article, nothing (text seen before), or a new version of a known one."""

    article: Article
    status: str
    version: ArticleVersion | None = None
    previous_body: str = ""

    @property
    def created(self) -> bool:
        return self.status == ImportStatus.CREATED

    @property
    def updated(self) -> bool:
        return self.status == ImportStatus.UPDATED


class LikelyDuplicate(ValidationError):
    """Text without a URL that is almost the same as a stored article; refused unless asked for."""

    def __init__(self, *, article: Article, similarity: float):
        self.article, self.similarity = article, similarity
        super().__init__(
            {
                "body": [
                    f"Almost the same text as article #{article.pk} “{article.headline}” "
                    f"(similarity {similarity:.2f}); import it with its URL to record a new version, "
                    "or allow the duplicate to store it anyway."
                ]
            }
        )


# How many articles sharing sketch hashes are compared when looking for a near-duplicate.
NEAR_DUPLICATE_CANDIDATES = 20


def article_text_check(*, raw: str) -> None:
    """Refuse text that cannot be an article, with a reason a person can act on."""
    if len(raw.encode("utf-8")) > settings.ARTICLE_MAX_BYTES:
        raise ValidationError({"body": f"Article is larger than the limit of {settings.ARTICLE_MAX_BYTES} bytes."})
    if "\x00" in raw:
        raise ValidationError({"body": "Article contains NUL bytes: binary data, not text."})
    if not raw.strip():
        raise ValidationError({"body": "Article is empty."})


def article_prepare(*, raw: str, url: str = "") -> PreparedArticle:
    """Check, clean and fingerprint an article's text (ValidationError for text that is no article)."""
    article_text_check(raw=raw)
    return identity.article_text_prepare(raw=raw, url=url)


@transaction.atomic
def outlet_get_or_create(*, name: str, domain: str = "") -> Outlet:
    """The outlet of that name (case-insensitive), created on first use."""
    # Compared as the unique index on lower(name) stores it, so the look-up is an index probe.
    outlet = Outlet.objects.alias(lower_name=Lower("name")).filter(lower_name=name.strip().lower()).first()
    if outlet is None:
        outlet = Outlet.objects.create(name=name.strip(), domain=domain)
    return outlet


def article_find_near_duplicate(*, body: str, sketch: list[int] | None = None) -> tuple[Article, float] | None:
    """The stored article whose text is most like `body`, if it is alike enough to be the same one."""
    sketch = identity.text_sketch(body) if sketch is None else sketch
    if not sketch:
        return None
    shared = RawSQL("cardinality(array(select unnest(text_sketch) intersect select unnest(%s::bigint[])))", (sketch,))
    candidates = (
        Article.objects.filter(text_sketch__overlap=sketch)
        .annotate(shared=shared)
        .order_by("-shared", "id")
        .only("id", "headline", "url", "text_sketch")[:NEAR_DUPLICATE_CANDIDATES]
    )
    best = max(
        ((candidate, identity.sketch_similarity(sketch, candidate.text_sketch)) for candidate in candidates),
        key=lambda pair: pair[1],
        default=None,
    )
    if best is None or best[1] < identity.NEAR_DUPLICATE_SIMILARITY:
        return None
    return best


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
    allow_duplicate: bool = False,
    prepared: PreparedArticle | None = None,
) -> ImportResult:
    """Clean and store one article, or a new version of the article at the same canonical URL.

    The same text imported again (at any URL, in any format) changes nothing. Text without a URL is the
    same article as a stored one with the same normalised text, and is refused as a `LikelyDuplicate`
    when it is almost the same (unless `allow_duplicate`). `prepared` is `article_prepare`'s work on `raw`
    when it was done beforehand.
    """
    prepared = prepared or article_prepare(raw=raw, url=url)
    digest, now = prepared.digest, timezone.now()
    current = Article.objects.filter(content_hash=digest).first()
    if current is not None:
        _version_touch(article=current, now=now)
        return ImportResult(article=current, status=ImportStatus.UNCHANGED)
    earlier = ArticleVersion.objects.filter(content_hash=digest).select_related("article").order_by("-number").first()
    if earlier is not None:
        # An older text seen again (a cached copy, a feed replay) is not a change back.
        ArticleVersion.objects.filter(pk=earlier.pk).update(last_seen_at=now)
        return ImportResult(article=earlier.article, status=ImportStatus.UNCHANGED)

    cleaned = prepared.cleaned
    if not cleaned.body.strip():
        raise ValidationError({"body": "Article has no text once boilerplate is removed."})
    canonical, normal_hash, sketch = prepared.canonical_url, prepared.text_hash, prepared.sketch

    known = Article.objects.select_for_update().filter(canonical_url=canonical).first() if canonical else None
    if known is not None:
        if known.text_hash == normal_hash:
            _version_touch(article=known, now=now)
            return ImportResult(article=known, status=ImportStatus.UNCHANGED)
        return _version_add(
            article=known,
            raw=raw,
            body=cleaned.body,
            digest=digest,
            normal_hash=normal_hash,
            sketch=sketch,
            headline=headline,
            source_name=source_name,
            now=now,
        )

    same_text = Article.objects.select_for_update().filter(text_hash=normal_hash).order_by("id").first()
    if same_text is not None:
        if canonical and not same_text.canonical_url:
            # The text was first pasted without its address; now the article is known by it.
            same_text.url, same_text.canonical_url = url, canonical
            same_text.save(update_fields=["url", "canonical_url", "updated_at"])
        _version_touch(article=same_text, now=now)
        return ImportResult(article=same_text, status=ImportStatus.UNCHANGED)

    if not canonical and not allow_duplicate:
        duplicate = article_find_near_duplicate(body=cleaned.body, sketch=sketch)
        if duplicate is not None:
            raise LikelyDuplicate(article=duplicate[0], similarity=duplicate[1])

    article = article_build(
        prepared=prepared,
        outlet=outlet_get_or_create(name=outlet_name) if outlet_name.strip() else None,
        url=url,
        headline=headline,
        byline=byline,
        published=published,
        language=language,
        source_name=source_name,
    )
    article.full_clean(exclude=["search_vector", "content_hash", "text_sketch"])
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # The same text or URL arrived concurrently and the other import won: that article is this one.
        winner = Article.objects.filter(content_hash=digest).first() or (
            Article.objects.filter(canonical_url=canonical).first() if canonical else None
        )
        if winner is None:
            raise
        return ImportResult(article=winner, status=ImportStatus.UNCHANGED)
    ArticleVersion.objects.create(**article_first_version_fields(article=article, now=now))
    return ImportResult(article=article, status=ImportStatus.CREATED)


def article_build(
    *,
    prepared: PreparedArticle,
    outlet: Outlet | None,
    url: str = "",
    headline: str = "",
    byline: str = "",
    published: dt.date | None = None,
    language: str = "en",
    source_name: str = "",
) -> Article:
    """The unsaved new article for prepared text: given fields first, else what cleaning found."""
    cleaned = prepared.cleaned
    return Article(
        headline=(headline or cleaned.headline)[:500],
        outlet=outlet,
        byline=(byline or cleaned.byline)[:300],
        url=url,
        canonical_url=prepared.canonical_url,
        published=published or cleaned.published,
        language=language,
        body=cleaned.body,
        raw_text=prepared.raw,
        source_name=source_name[:300],
        content_hash=prepared.digest,
        text_hash=prepared.text_hash,
        text_sketch=prepared.sketch,
    )


def article_first_version_fields(*, article: Article, now) -> dict:
    """The fields of a new article's first version: its text as first seen."""
    return {
        "article": article,
        "number": 1,
        "body": article.body,
        "raw_text": article.raw_text,
        "content_hash": article.content_hash,
        "source_name": article.source_name,
        "first_seen_at": now,
        "last_seen_at": now,
    }


def _version_touch(*, article: Article, now) -> None:
    latest = ArticleVersion.objects.filter(article=article).order_by("-number").values("pk")[:1]
    ArticleVersion.objects.filter(pk__in=latest).update(last_seen_at=now)


def _version_add(
    *,
    article: Article,
    raw: str,
    body: str,
    digest: str,
    normal_hash: str,
    sketch: list[int],
    headline: str,
    source_name: str,
    now,
) -> ImportResult:
    """Record changed text seen at a known URL as the article's newest version; its body becomes the text."""
    previous_body = article.body
    last = article.versions.order_by("-number").first()
    notes = correction_notes(previous_body, body)
    version = ArticleVersion.objects.create(
        article=article,
        number=(last.number if last else 0) + 1,
        body=body,
        raw_text=raw,
        content_hash=digest,
        source_name=source_name[:300],
        first_seen_at=now,
        last_seen_at=now,
        correction_note="\n".join(notes),
        silent_edit=not notes,
    )
    article.body, article.raw_text, article.content_hash = body, raw, digest
    article.text_hash, article.text_sketch = normal_hash, sketch
    if headline:
        article.headline = headline[:500]
    if source_name:
        article.source_name = source_name[:300]
    article.full_clean(exclude=["search_vector", "content_hash", "text_sketch"])
    article.save()
    return ImportResult(article=article, status=ImportStatus.UPDATED, version=version, previous_body=previous_body)
