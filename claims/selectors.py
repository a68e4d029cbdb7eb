"""Reads: the only place list and detail querysets are built, with the joins each one needs."""

from typing import Any

import pghistory.models
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from articles.models import Article
from claims.choices import ANSWERING_RELATIONS, ClaimStatus, ReviewStatus
from claims.models import Citation, Claim, ClaimRelation, Review, Source, Speaker, SpeakerRole
from claims.models.notes import Note
from claims.models.webhooks import WebhookSubscription


def text_query(q: str) -> SearchQuery:
    """A web-search style query (quoted phrases, `or`, `-word`) against an English tsvector."""
    return SearchQuery(q, config="english", search_type="websearch")


def article_list() -> QuerySet[Article]:
    """Articles with their outlet and how many claims each has."""
    return (
        Article.objects.select_related("outlet")
        .defer("body", "raw_text", "search_vector")
        .annotate(claim_count=Count("claims", distinct=True))
    )


def article_detail() -> QuerySet[Article]:
    """Articles with their outlet and their claims (and each claim's speaker)."""
    return (
        Article.objects.select_related("outlet")
        .defer("raw_text", "search_vector")
        .prefetch_related(Prefetch("claims", queryset=Claim.objects.select_related("speaker").defer("search_vector")))
    )


def article_annotations(*, article: Article) -> QuerySet[Claim]:
    """The claims of an article in reading order, as annotations need them."""
    return (
        Claim.objects.filter(article=article)
        .exclude(status=ClaimStatus.REJECTED)
        .select_related("speaker", "created_by")
        .defer("search_vector")
        .order_by("start", "id")
    )


def speaker_list() -> QuerySet[Speaker]:
    """Speakers with their aliases and claim count."""
    return Speaker.objects.prefetch_related("aliases").annotate(claim_count=Count("claims", distinct=True))


def speaker_detail() -> QuerySet[Speaker]:
    """Speakers with aliases, roles (and their organisations) and claim counts per status."""
    per_status = {
        f"claims_{status}": Count("claims", filter=Q(claims__status=status), distinct=True)
        for status in ClaimStatus.values
    }
    return Speaker.objects.prefetch_related(
        "aliases",
        Prefetch("roles", queryset=SpeakerRole.objects.select_related("organisation", "source_article")),
    ).annotate(claim_count=Count("claims", distinct=True), **per_status)


# The columns of a claim list row: the claim and, flattened, its article, outlet, speaker and assignee.
CLAIM_ROW_FIELDS = (
    "id",
    "text",
    "start",
    "end",
    "direct",
    "kind",
    "claim_type",
    "origin",
    "confidence",
    "status",
    "created_at",
    "updated_at",
    "article_id",
    "article__headline",
    "article__url",
    "article__published",
    "article__outlet_id",
    "article__outlet__name",
    "article__outlet__domain",
    "speaker_id",
    "speaker__name",
    "speaker__kind",
    "assignee_id",
    "assignee__username",
)
CITATION_ROW_FIELDS = (
    "claim_id",
    "id",
    "stance",
    "excerpt",
    "source_id",
    "source__title",
    "source__source_type",
    "source__url",
    "source__publisher",
)


def claim_rows(queryset: QuerySet[Claim] | None = None) -> QuerySet:
    """Claims as flat dicts (see CLAIM_ROW_FIELDS): lists read hundreds of them, and model instances
    for every claim, article, outlet and speaker cost more than the query itself."""
    return (Claim.objects.all() if queryset is None else queryset).values(*CLAIM_ROW_FIELDS)


def claim_rows_with_citations(rows: list[dict]) -> list[dict]:
    """Attach each row's citations (with their sources) as `row["citations"]`, in one query."""
    by_claim: dict[int, list[dict]] = {row["id"]: [] for row in rows}
    for citation in (
        Citation.objects.filter(claim_id__in=by_claim).order_by("claim_id", "id").values(*CITATION_ROW_FIELDS)
    ):
        by_claim[citation["claim_id"]].append(citation)
    for row in rows:
        row["citations"] = by_claim[row["id"]]
    return rows


def _relations_in() -> Prefetch:
    return Prefetch(
        "incoming_relations",
        queryset=ClaimRelation.objects.select_related("source__speaker", "source__article").order_by("id"),
    )


def _relations_out() -> Prefetch:
    return Prefetch(
        "outgoing_relations",
        queryset=ClaimRelation.objects.select_related("target__speaker", "target__article").order_by("id"),
    )


def claim_detail() -> QuerySet[Claim]:
    """One claim with everything its page shows: article body, relations both ways, citations, reviews."""
    return (
        Claim.objects.select_related("speaker", "article__outlet", "assignee")
        .defer("search_vector", "article__raw_text", "article__search_vector")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            _relations_in(),
            _relations_out(),
            Prefetch("reviews", queryset=Review.objects.select_related("author", "approved_by")),
        )
    )


def claim_export() -> QuerySet[Claim]:
    """Claims with everything the CSV export writes: speaker, article, responses, citations, verdict."""
    return (
        Claim.objects.select_related("speaker", "article__outlet", "assignee")
        .defer("search_vector", "article__body", "article__raw_text", "article__search_vector")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
            Prefetch(
                "incoming_relations",
                queryset=ClaimRelation.objects.filter(relation_type__in=ANSWERING_RELATIONS)
                .select_related("source__speaker")
                .order_by("id"),
                to_attr="answers",
            ),
            Prefetch(
                "reviews",
                queryset=Review.objects.filter(status=ReviewStatus.PUBLISHED),
                to_attr="published_reviews",
            ),
        )
    )


def claim_with_published_review(*, claim_id: int) -> Claim:
    """A claim with its speaker and article, and its published review in `published_reviews`."""
    return (
        Claim.objects.select_related("speaker", "article__outlet")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.filter(status=ReviewStatus.PUBLISHED).select_related("author", "approved_by"),
                to_attr="published_reviews",
            )
        )
        .get(pk=claim_id)
    )


def claim_queue(*, user) -> QuerySet[Claim]:
    """What waits for `user`: claims assigned to them in review, and verdicts by others awaiting approval."""
    awaiting_approval = Review.objects.filter(claim=OuterRef("pk"), status=ReviewStatus.SUBMITTED).exclude(author=user)
    return claim_rows().filter(
        Q(assignee=user, status=ClaimStatus.IN_REVIEW) | Q(Exists(awaiting_approval), status=ClaimStatus.REVIEWED)
    )


def claim_has_rating(rating: str) -> Exists:
    """Claims whose published verdict has `rating`."""
    return Exists(Review.objects.filter(claim=OuterRef("pk"), status=ReviewStatus.PUBLISHED, rating=rating))


def relation_list() -> QuerySet[ClaimRelation]:
    """Claim relations with both ends."""
    return ClaimRelation.objects.select_related("source", "target").defer(
        "source__search_vector", "target__search_vector"
    )


def source_list() -> QuerySet[Source]:
    """Sources with how many claims cite them."""
    return Source.objects.annotate(citation_count=Count("citations"))


def citation_list() -> QuerySet[Citation]:
    """Citations with their source."""
    return Citation.objects.select_related("source")


def review_list() -> QuerySet[Review]:
    """Reviews with author and approver."""
    return Review.objects.select_related("author", "approved_by")


def note_list(*, claim: Claim) -> QuerySet[Note]:
    """A claim's discussion thread, oldest first."""
    return Note.objects.filter(claim=claim).select_related("author").order_by("created_at", "id")


def webhook_list() -> QuerySet[WebhookSubscription]:
    """Webhook subscriptions."""
    return WebhookSubscription.objects.all()


# Columns whose changes say nothing to a reader of the history.
_HISTORY_NOISE = frozenset({"id", "search_vector", "created_at", "updated_at"})


def _history_changes(event: Any) -> dict[str, list[Any]]:
    data = {key: value for key, value in (event.pgh_data or {}).items() if key not in _HISTORY_NOISE}
    if event.pgh_label == "insert":
        return {key: [None, value] for key, value in data.items() if value not in (None, "", [])}
    if event.pgh_label == "delete":
        return {key: [value, None] for key, value in data.items() if value not in (None, "", [])}
    return {key: pair for key, pair in (event.pgh_diff or {}).items() if key not in _HISTORY_NOISE}


def claim_history(*, claim: Claim) -> list[dict[str, Any]]:
    """Every recorded change of a claim, its relations, citations, reviews, notes and speakers, oldest first.

    Each entry is ``{"at", "user", "model", "object_id", "event", "changes", "context"}``: `model` is the
    changed row's model name (``claim``, ``claimrelation``, ``citation``, ``review``, ``note``, ``speaker``,
    ...), `event` is ``insert``, ``update`` or ``delete``, `changes` maps each field to ``[old, new]``, and
    `user` is the acting user (None for changes made without one, such as a migration). Rows deleted
    since, and the claim itself once deleted, keep their history.
    """
    Events = pghistory.models.Events
    events = list(Events.objects.references(claim))
    # Every speaker the claim has had, so a corrected attribution keeps the old speaker's story visible.
    ClaimEvent = Claim.pgh_event_models["insert"]
    speaker_ids = set(
        ClaimEvent.objects.filter(pgh_obj_id=claim.pk, speaker_id__isnull=False).values_list("speaker_id", flat=True)
    )
    if speaker_ids:
        speakers = list(Speaker.objects.filter(pk__in=speaker_ids).only("pk"))
        if speakers:
            events += Events.objects.tracks(speakers)
            events += Events.objects.references(speakers).across("claims.SpeakerAliasEvent", "claims.SpeakerRoleEvent")
    unique = {event.pgh_slug: event for event in events}
    ordered = sorted(unique.values(), key=lambda event: (event.pgh_created_at, event.pgh_model, event.pgh_id))

    user_ids = {(event.pgh_context or {}).get("user") for event in ordered} - {None}
    users = get_user_model().objects.in_bulk([pk for pk in user_ids if isinstance(pk, int)])
    return [
        {
            "at": event.pgh_created_at,
            "user": users.get((event.pgh_context or {}).get("user")),
            "model": event.pgh_obj_model.split(".")[-1].lower(),
            "object_id": int(event.pgh_obj_id) if event.pgh_obj_id is not None else None,
            "event": event.pgh_label,
            "changes": _history_changes(event),
            "context": event.pgh_context or {},
        }
        for event in ordered
    ]
