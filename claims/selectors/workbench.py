"""Reads that only the admin workbench needs; each owns its select_related / prefetch_related."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from articles.models import Article
from claims.choices import ANSWERING_RELATIONS, ClaimKind, ClaimStatus
from claims.models import Citation, Claim, ClaimRelation, Review, SpeakerRole
from claims.models.notes import Note


def answered_exists() -> Exists:
    """True for a claim that some response answers (rebuts, denies, clarifies, apologises for)."""
    return Exists(ClaimRelation.objects.filter(target=OuterRef("pk"), relation_type__in=ANSWERING_RELATIONS))


def cited_exists() -> Exists:
    """True for a claim with at least one source cited."""
    return Exists(Citation.objects.filter(claim=OuterRef("pk")))


def claim_admin_list() -> QuerySet[Claim]:
    """Claims for the changelist: everything a row shows, in one query, without the article's text."""
    return (
        Claim.objects.select_related("article__outlet", "speaker", "assignee")
        .defer("search_vector", "article__body", "article__raw_text", "article__search_vector")
        .annotate(has_response=answered_exists(), has_source=cited_exists())
    )


# The far end of a link shows its text, speaker and article headline; never the article's body.
_LINKED_ARTICLE_TEXT = ("search_vector", "article__body", "article__raw_text", "article__search_vector")


def _relations_prefetch(*, as_lists: bool = False) -> list[Prefetch]:
    """Links both ways with their far claim; `as_lists` loads them as plain lists (`links_out`, `links_in`)."""
    return [
        Prefetch(
            "outgoing_relations",
            queryset=ClaimRelation.objects.select_related("target__speaker", "target__article").defer(
                *(f"target__{name}" for name in _LINKED_ARTICLE_TEXT)
            ),
            to_attr="links_out" if as_lists else None,
        ),
        Prefetch(
            "incoming_relations",
            queryset=ClaimRelation.objects.select_related("source__speaker", "source__article").defer(
                *(f"source__{name}" for name in _LINKED_ARTICLE_TEXT)
            ),
            to_attr="links_in" if as_lists else None,
        ),
    ]


def article_workbench_claims(*, article: Article) -> list[Claim]:
    """An article's claims in reading order, with speakers, links both ways (`links_out`, `links_in`),
    citations (`cited`) and verdicts (`loaded_reviews`, which decide the transitions offered): the same few
    queries for 5 claims or 500.

    The related rows come as plain lists: a prefetch into the related managers builds a queryset per claim
    and relation, which cost more than the queries for a long article."""
    return list(
        Claim.objects.filter(article=article)
        .select_related("speaker", "assignee")
        .defer("search_vector")
        .prefetch_related(
            *_relations_prefetch(as_lists=True),
            Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("id"), to_attr="cited"),
            Prefetch("reviews", queryset=Review.objects.defer("body"), to_attr="loaded_reviews"),
        )
        .order_by("start", "end", "id")
    )


def claim_workbench_detail(*, claim_id: int) -> Claim:
    """One claim with everything its page shows: article, speaker and roles, links, citations, reviews."""
    prefetches: list = [
        *_relations_prefetch(),
        Prefetch("citations", queryset=Citation.objects.select_related("source", "created_by")),
        Prefetch("reviews", queryset=Review.objects.select_related("author", "approved_by").order_by("-created_at")),
        Prefetch("speaker__roles", queryset=SpeakerRole.objects.select_related("organisation", "source_article")),
        "speaker__aliases",
        Prefetch("notes", queryset=Note.objects.select_related("author").order_by("created_at", "id")),
    ]
    return (
        Claim.objects.select_related("article__outlet", "speaker__organisation", "assignee", "created_by")
        .prefetch_related(*prefetches)
        .get(pk=claim_id)
    )


@dataclass
class DashboardStats:
    """Numbers behind the dashboard."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_outlet: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    by_month: list[tuple[str, int]] = field(default_factory=list)
    speaker_months: list[str] = field(default_factory=list)
    by_speaker: list[tuple[str, int, list[int]]] = field(default_factory=list)
    claims_answerable: int = 0
    claims_answered: int = 0
    undated: int = 0
    queue: list[tuple[str, int]] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> "DashboardStats":
        """The figures stored by `dataclasses.asdict`, with their rows as tuples again."""
        return cls(
            **{
                **data,
                "by_outlet": [(name, counts) for name, counts in data["by_outlet"]],
                "by_month": [tuple(row) for row in data["by_month"]],
                "by_speaker": [(name, total, months) for name, total, months in data["by_speaker"]],
                "queue": [tuple(row) for row in data["queue"]],
            }
        )

    @property
    def reviewed(self) -> int:
        """Claims a person has looked at: everything but the proposals still waiting."""
        return self.total - self.by_status.get(ClaimStatus.PROPOSED, 0)

    @property
    def response_rate(self) -> float | None:
        return self.claims_answered / self.claims_answerable if self.claims_answerable else None


def _status_counts(prefix: str = "") -> dict[str, Count]:
    return {status: Count("id", filter=Q(**{f"{prefix}status": status})) for status in ClaimStatus.values}


def dashboard_stats(*, outlets: int = 10, speakers: int = 10, months: int = 12) -> DashboardStats:
    """Claims by status, by outlet, by month and by speaker over time, the response rate, open queues."""
    stats = DashboardStats()
    stats.by_status = {
        row["status"]: row["n"] for row in Claim.objects.order_by().values("status").annotate(n=Count("id"))
    }
    stats.total = sum(stats.by_status.values())

    outlet_rows = (
        Claim.objects.order_by()
        .values("article__outlet__name")
        .annotate(total=Count("id"), **_status_counts())
        .order_by("-total", "article__outlet__name")[:outlets]
    )
    stats.by_outlet = [
        (row["article__outlet__name"] or "(no outlet)", {s: row[s] for s in ClaimStatus.values}) for row in outlet_rows
    ]

    # Months of publication; claims in articles without a date are counted apart as "undated", never in
    # the month they happened to be loaded.
    month = TruncMonth("article__published")
    month_rows = list(
        Claim.objects.order_by()
        .filter(article__published__isnull=False)
        .annotate(month=month)
        .values("month")
        .annotate(n=Count("id"))
        .order_by("-month")[:months]
    )
    month_keys = [row["month"] for row in reversed(month_rows)]
    stats.by_month = [(m.strftime("%b\n%Y"), row["n"]) for m, row in zip(month_keys, reversed(month_rows), strict=True)]
    stats.undated = Claim.objects.filter(article__published__isnull=True).count()
    if stats.undated:
        stats.by_month.append(("undated", stats.undated))
    stats.speaker_months = [m.strftime("%b %Y") for m in month_keys]

    top = list(
        Claim.objects.order_by()
        .filter(speaker__isnull=False)
        .values("speaker_id", "speaker__name")
        .annotate(n=Count("id"))
        .order_by("-n", "speaker__name")[:speakers]
    )
    cells: dict[tuple[int, object], int] = {
        (row["speaker_id"], row["month"]): row["n"]
        for row in Claim.objects.order_by()
        .filter(speaker_id__in=[row["speaker_id"] for row in top], article__isnull=False)
        .annotate(month=month)
        .filter(month__in=month_keys)
        .values("speaker_id", "month")
        .annotate(n=Count("id"))
    }
    stats.by_speaker = [
        (row["speaker__name"], row["n"], [cells.get((row["speaker_id"], m), 0) for m in month_keys]) for row in top
    ]

    answerable = Claim.objects.filter(kind=ClaimKind.CLAIM).exclude(status=ClaimStatus.REJECTED)
    counts = answerable.aggregate(total=Count("id"), answered=Count("id", filter=Q(answered_exists())))
    stats.claims_answerable, stats.claims_answered = counts["total"], counts["answered"]

    stats.queue = [
        (row["assignee__username"], row["n"])
        for row in Claim.objects.order_by()
        .filter(status=ClaimStatus.IN_REVIEW, assignee__isnull=False)
        .values("assignee__username")
        .annotate(n=Count("id"))
        .order_by("-n", "assignee__username")
    ]
    return stats
