"""Reads about an article's versions and the claims a new version orphaned."""

from django.db.models import QuerySet

from articles.models import Article, ArticleVersion
from articles.versions import DiffOp, unified_diff, word_diff
from claims.models import Claim


def article_versions(*, article: Article) -> QuerySet[ArticleVersion]:
    """The texts seen at an article, oldest first, without their bodies."""
    return ArticleVersion.objects.filter(article=article).defer("body", "raw_text").order_by("number")


def article_orphans(*, article: Article) -> QuerySet[Claim]:
    """The article's claims that a new version lost, waiting to be re-attached."""
    return (
        Claim.objects.filter(article=article, orphaned_at__isnull=False)
        .select_related("speaker")
        .defer("search_vector")
        .order_by("-orphaned_at", "id")
    )


def article_version_diff(*, article: Article, old: int | None = None, new: int | None = None) -> dict:
    """The difference between two versions (by number; default: the latest against the one before).

    Raises ArticleVersion.DoesNotExist when either number is not a version of the article.
    """
    numbers = list(ArticleVersion.objects.filter(article=article).order_by("number").values_list("number", flat=True))
    if not numbers:
        raise ArticleVersion.DoesNotExist
    new = numbers[-1] if new is None else new
    old = (numbers[-2] if len(numbers) > 1 else numbers[-1]) if old is None else old
    versions = {v.number: v for v in ArticleVersion.objects.filter(article=article, number__in=[old, new])}
    if old not in versions or new not in versions:
        raise ArticleVersion.DoesNotExist
    before, after = versions[old], versions[new]
    ops: list[DiffOp] = word_diff(before.body, after.body)
    return {
        "from": before,
        "to": after,
        "ops": ops,
        "unified": unified_diff(before.body, after.body, old_label=f"version {old}", new_label=f"version {new}"),
    }
