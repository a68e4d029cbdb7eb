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


def _relations_prefetch() -> list[Prefetch]:
    """Links both ways with their far claim."""
    return [
        Prefetch(
            "outgoing_relations",
            queryset=ClaimRelation.objects.select_related("target__speaker", "target__article").defer(
                *(f"target__{name}" for name in _LINKED_ARTICLE_TEXT)
            ),
        ),
        Prefetch(
            "incoming_relations",
            queryset=ClaimRelation.objects.select_related("source__speaker", "source__article").defer(
                *(f"source__{name}" for name in _LINKED_ARTICLE_TEXT)
            ),
        ),
    ]


@dataclass(frozen=True, slots=True)
class FarClaim:
    """The far end of a link as a card shows it: its text, speaker and article headline."""

    pk: int
    article_id: int
    text: str
    speaker_name: str
    headline: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link to or from a claim of the workbench, with the claim at its other end (`far`)."""

    pk: int
    relation_type: str
    source_id: int
    target_id: int
    far: FarClaim


@dataclass(frozen=True, slots=True)
class CitedSource:
    """A citation as a card lists it: the stance and the source's title."""

    pk: int
    stance: str
    title: str


def _article_links(article_id: int, *, outgoing: bool) -> list[tuple[int, Link]]:
    """(claim id, link) for every link leaving (or reaching) the article's claims, oldest first."""
    near, far = ("source", "target") if outgoing else ("target", "source")
    rows = (
        ClaimRelation.objects.filter(**{f"{near}__article_id": article_id})
        .order_by("id")
        .values_list(
            "id",
            "relation_type",
            "source_id",
            "target_id",
            f"{far}__article_id",
            f"{far}__text",
            f"{far}__speaker__name",
            f"{far}__article__headline",
        )
    )
    links = []
    for pk, relation_type, source_id, target_id, far_article, text, speaker, headline in rows:
        far_id = target_id if outgoing else source_id
        far_claim = FarClaim(far_id, far_article, text, speaker or "", headline)
        links.append((source_id if outgoing else target_id, Link(pk, relation_type, source_id, target_id, far_claim)))
    return links


def article_workbench_claims(*, article: Article) -> list[Claim]:
    """An article's claims in reading order, with speakers, links both ways (`links_out`, `links_in`, lists
    of `Link`), citations (`cited`, of `CitedSource`) and verdicts (`loaded_reviews`, which decide the
    transitions offered): the same few queries for 5 claims or 500.

    Each related kind is one query on the article's id, read as plain values: prefetching model instances
    (an IN list of 500 claims, a far claim, speaker and article built per link) cost more than the rest
    of the page."""
    claims = list(
        Claim.objects.filter(article=article)
        .select_related("speaker")
        .defer("search_vector", "speaker__description")
        .order_by("start", "end", "id")
    )
    by_id = {claim.pk: claim for claim in claims}
    for claim in claims:
        claim.links_out, claim.links_in, claim.cited, claim.loaded_reviews = [], [], [], []
    for claim_id, link in _article_links(article.pk, outgoing=True):
        by_id[claim_id].links_out.append(link)
    for claim_id, link in _article_links(article.pk, outgoing=False):
        by_id[claim_id].links_in.append(link)
    citations = (
        Citation.objects.filter(claim__article_id=article.pk)
        .order_by("id")
        .values_list("claim_id", "id", "stance", "source__title")
    )
    for claim_id, pk, stance, title in citations:
        by_id[claim_id].cited.append(CitedSource(pk, stance, title))
    for review in Review.objects.filter(claim__article_id=article.pk).defer("body"):
        by_id[review.claim_id].loaded_reviews.append(review)
    return claims


def article_link_targets(*, article_id: int) -> QuerySet[Claim]:
    """The article's claims as a link form lists them (id, speaker, the start of the text), in reading order."""
    return (
        Claim.objects.filter(article_id=article_id)
        .select_related("speaker")
        .only("id", "text", "speaker_id", "speaker__name")
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
