"""Import of partners' ClaimReview: each record becomes a speaker, a claim and a published, imported verdict.

A record is known by the address it was published at, so importing it again changes nothing. Each record
is imported in its own transaction: a bad one is reported with its position and the rest still land.
"""

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article
from articles.services import outlet_get_or_create
from claims.choices import ClaimKind, ClaimOrigin, ClaimStatus, ReviewStatus, SpeakerKind
from claims.imports.claimreview import ParsedReview, RecordInvalid, parse, records
from claims.models import Claim, Review, Speaker
from claims.services.speakers import speaker_create, speaker_find_by_name

IMPORT_ACCOUNT = "claimreview-import"
# A request or file holds at most this many records; a larger feed is split by the sender.
MAX_RECORDS = 5000


@dataclass
class RecordOutcome:
    """What became of one record: imported, unchanged (seen before) or failed with a reason."""

    position: str
    status: Literal["imported", "unchanged", "failed"]
    reason: str = ""
    review_id: int | None = None
    claim_id: int | None = None


@dataclass
class ImportReport:
    """Every record's outcome, in document order."""

    records: list[RecordOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.records if outcome.status == status)

    @property
    def failed(self) -> list[RecordOutcome]:
        return [outcome for outcome in self.records if outcome.status == "failed"]


def import_account():
    """The account imported verdicts are recorded under when no person imports them (it cannot sign in)."""
    user, created = get_user_model().objects.get_or_create(username=IMPORT_ACCOUNT, defaults={"is_active": False})
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _speaker(parsed: ParsedReview) -> Speaker | None:
    if not parsed.speaker_name:
        return None
    kind = SpeakerKind.PERSON if parsed.speaker_is_person else SpeakerKind.ORGANISATION
    return speaker_find_by_name(name=parsed.speaker_name, kind=kind) or speaker_create(
        name=parsed.speaker_name, kind=kind
    )


def _article(parsed: ParsedReview, raw: str, source_name: str) -> Article:
    # The partner sends the claim, not the article: the claim's words are the body it is anchored to, and
    # the record itself is kept as the raw text it came from. No canonical URL: our own copy of that story,
    # if we have one, stays the story's identity.
    outlet = outlet_get_or_create(name=parsed.appearance_outlet) if parsed.appearance_outlet else None
    article = Article(
        headline=parsed.appearance_headline or f"Claim reviewed by {parsed.publisher}",
        outlet=outlet,
        url=parsed.appearance_url,
        published=parsed.appearance_date,
        body=parsed.claim_text,
        raw_text=raw,
        source_name=source_name[:300],
        content_hash=hashlib.sha256(raw.encode()).hexdigest(),
    )
    article.full_clean(validate_unique=False, validate_constraints=False)
    article.save()
    return article


def _published_at(parsed: ParsedReview) -> dt.datetime:
    day = parsed.published or dt.datetime.now(dt.UTC).date()
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def claimreview_import(*, data: Any, user: Any, source_name: str, position: str = "[0]") -> RecordOutcome:
    """Import one ClaimReview record (atomically) or say why not; one seen before is left as it is."""
    try:
        parsed = parse(data)
    except RecordInvalid as error:
        return RecordOutcome(position, "failed", str(error))
    existing = Review.objects.filter(origin=ClaimOrigin.IMPORTED, published_url=parsed.url).first()
    if existing:
        return RecordOutcome(position, "unchanged", review_id=existing.pk, claim_id=existing.claim_id)
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
    try:
        with transaction.atomic():
            article = _article(parsed, raw, source_name)
            claim = Claim(
                article=article,
                speaker=_speaker(parsed),
                text=parsed.claim_text,
                start=0,
                end=len(parsed.claim_text),
                kind=ClaimKind.CLAIM,
                origin=ClaimOrigin.IMPORTED,
                # The partner already reviewed and published it: it enters our workflow at its end.
                status=ClaimStatus.PUBLISHED,
            )
            claim.full_clean(validate_unique=False, validate_constraints=False)
            claim.save()
            review = Review(
                claim=claim,
                author=user,
                rating=parsed.rating,
                summary=(parsed.headline or parsed.rating_name or claim.text)[:500],
                body=parsed.body,
                status=ReviewStatus.PUBLISHED,
                published_at=_published_at(parsed),
                published_url=parsed.url,
                origin=ClaimOrigin.IMPORTED,
                source_publisher=parsed.publisher,
            )
            review.full_clean(validate_unique=False, validate_constraints=False)
            review.save()
    except ValidationError as error:
        reasons = [f"{name}: {messages[0]}" for name, messages in error.message_dict.items()]
        return RecordOutcome(position, "failed", "; ".join(reasons))
    except IntegrityError:
        # Another import of the same review won the race, or the same record text arrived under a new address.
        return RecordOutcome(position, "failed", "conflicts with a record already imported.")
    return RecordOutcome(position, "imported", review_id=review.pk, claim_id=claim.pk)


def claimreview_import_many(*, document: Any, user: Any, source_name: str) -> ImportReport:
    """Import every ClaimReview in a document (object, list, `@graph` or DataFeed), each on its own."""
    found = list(records(document))
    report = ImportReport()
    if len(found) > MAX_RECORDS:
        report.records.append(RecordOutcome("", "failed", f"more than {MAX_RECORDS} records; split the file."))
        return report
    for record in found:
        report.records.append(
            claimreview_import(data=record.data, user=user, source_name=source_name, position=record.position)
        )
    return report
