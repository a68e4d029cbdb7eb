"""Reads the API, the exports and the history view need."""

from typing import Any

import pghistory.models
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchQuery
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, TextField
from django.db.models.expressions import RawSQL

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
        .defer("body", "raw_text", "search_vector", "text_sketch")
        .annotate(claim_count=Count("claims", distinct=True))
    )


def article_detail() -> QuerySet[Article]:
    """Articles with their outlet and their claims (and each claim's speaker)."""
    return (
        Article.objects.select_related("outlet")
        .defer("raw_text", "search_vector", "text_sketch")
        .prefetch_related(Prefetch("claims", queryset=Claim.objects.select_related("speaker").defer("search_vector")))
    )


def article_annotations(*, article: Article, include_proposals: bool = False) -> QuerySet[Claim]:
    """The article's claims in reading order, as annotations need them: accepted and later ones, or with
    proposals too; each with its published verdict, the confirmed responses it drew and its citations."""
    shown = [ClaimStatus.ACCEPTED, ClaimStatus.IN_REVIEW, ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED]
    if include_proposals:
        shown.append(ClaimStatus.PROPOSED)
    answers = (
        ClaimRelation.objects.filter(relation_type__in=ANSWERING_RELATIONS, source__status__in=shown)
        .select_related("source")
        .only("id", "target_id", "relation_type", "source__id", "source__text")
        .order_by("source_id")
    )
    return (
        Claim.objects.filter(article=article, status__in=shown)
        .select_related("speaker", "created_by")
        .defer("search_vector")
        .prefetch_related(
            Prefetch(
                "reviews", queryset=Review.objects.filter(status=ReviewStatus.PUBLISHED), to_attr="published_reviews"
            ),
            Prefetch("incoming_relations", queryset=answers, to_attr="answered_by"),
            Prefetch("citations", queryset=Citation.objects.select_related("source").order_by("id"), to_attr="cited"),
        )
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


# A claim as lists show it (the JSON of ClaimSerializer), built by PostgreSQL beside the row: one round trip
# serves a whole page, nested speaker, article, assignee and citations included, and Python passes the text
# through untouched. Written as SQL because compiling the same tree of ORM expressions cost more than running
# the query; `tests/api/test_claims.py` holds it to the serializer. Timestamps are written as DRF writes
# them (UTC, `Z`, microseconds only when there are any).
_ISO_UTC = """replace(to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '.000000Z', 'Z')"""
CLAIM_DOCUMENT_SQL = """(
    SELECT row_to_json(claim) FROM (
        SELECT
            "claims_claim"."id",
            (
                SELECT row_to_json(article) FROM (
                    SELECT a.id, a.headline, a.url, a.published, (
                        SELECT row_to_json(outlet) FROM (
                            SELECT o.id, o.name, o.domain FROM articles_outlet o WHERE o.id = a.outlet_id
                        ) outlet
                    ) AS outlet
                    FROM articles_article a WHERE a.id = "claims_claim"."article_id"
                ) article
            ) AS article,
            (
                SELECT row_to_json(speaker) FROM (
                    SELECT sp.id, sp.name, sp.kind FROM claims_speaker sp WHERE sp.id = "claims_claim"."speaker_id"
                ) speaker
            ) AS speaker,
            "claims_claim"."text",
            "claims_claim"."start",
            "claims_claim"."end",
            "claims_claim"."direct",
            "claims_claim"."kind",
            "claims_claim"."claim_type",
            "claims_claim"."origin",
            "claims_claim"."confidence",
            "claims_claim"."status",
            (
                SELECT row_to_json(assignee) FROM (
                    SELECT u.id, u.username FROM auth_user u WHERE u.id = "claims_claim"."assignee_id"
                ) assignee
            ) AS assignee,
            COALESCE((
                SELECT json_agg(citation ORDER BY citation.id) FROM (
                    SELECT ci.id, ci.stance, ci.excerpt, (
                        SELECT row_to_json(source) FROM (
                            SELECT so.id, so.title, so.source_type, so.url, so.publisher
                            FROM claims_source so WHERE so.id = ci.source_id
                        ) source
                    ) AS source
                    FROM claims_citation ci WHERE ci.claim_id = "claims_claim"."id"
                ) citation
            ), '[]') AS citations,
            {created_at} AS created_at,
            {updated_at} AS updated_at,
            {orphaned_at} AS orphaned_at
    ) claim
)::text""".format(
    created_at=_ISO_UTC.format(column='"claims_claim"."created_at"'),
    updated_at=_ISO_UTC.format(column='"claims_claim"."updated_at"'),
    orphaned_at=_ISO_UTC.format(column='"claims_claim"."orphaned_at"'),
)


def claim_rows(queryset: QuerySet[Claim] | None = None) -> QuerySet:
    """Claims as dicts of `id` and `document`, the JSON text of the list representation (see
    CLAIM_DOCUMENT_SQL). Timestamps are left in the document: parsing them into datetimes for every row
    cost more than the rest of the row; the cursor pagination reads them from the document when it orders
    by them."""
    return (Claim.objects.all() if queryset is None else queryset).values(
        "id", document=RawSQL(CLAIM_DOCUMENT_SQL, (), output_field=TextField())
    )


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
