"""Every enumerated value of the claims app, in one place."""

from django.db import models


class SpeakerKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"
    SPOKESPERSON = "spokesperson", "Unnamed spokesperson"
    GROUP = "group", "Group (joint signatories)"


class ClaimKind(models.TextChoices):
    CLAIM = "claim", "Claim"
    RESPONSE = "response", "Response"


class ClaimType(models.TextChoices):
    FACTUAL = "factual", "Factual"
    STATISTICAL = "statistical", "Statistical"
    ACCUSATION = "accusation", "Accusation"
    OPINION = "opinion", "Opinion"
    PROMISE = "promise", "Promise"
    OTHER = "other", "Other"


class ClaimOrigin(models.TextChoices):
    EXTRACTED = "extracted", "Extracted"
    MANUAL = "manual", "Manual"
    API = "api", "API"
    IMPORTED = "imported", "Imported (ClaimReview from a partner)"


class ClaimStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    IN_REVIEW = "in_review", "In review"
    REVIEWED = "reviewed", "Reviewed"
    PUBLISHED = "published", "Published"


class RelationType(models.TextChoices):
    REBUTS = "rebuts", "rebuts"
    DENIES = "denies", "denies"
    SUPPORTS = "supports", "supports"
    CLARIFIES = "clarifies", "clarifies"
    APOLOGISES_FOR = "apologises_for", "apologises for"
    REPEATS = "repeats", "repeats"
    CONTRADICTS = "contradicts", "contradicts"


# A relation of one of these types makes its source claim an answer to its target.
ANSWERING_RELATIONS = (
    RelationType.REBUTS,
    RelationType.DENIES,
    RelationType.CLARIFIES,
    RelationType.APOLOGISES_FOR,
)


class MatchState(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    DISMISSED = "dismissed", "Dismissed"


class SourceType(models.TextChoices):
    OFFICIAL_RECORD = "official_record", "Official record"
    DATASET = "dataset", "Dataset"
    DOCUMENT = "document", "Document"
    ARTICLE = "article", "Article"
    SOCIAL_POST = "social_post", "Social media post"
    BROADCAST = "broadcast", "Broadcast"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports"
    CONTRADICTS = "contradicts", "Contradicts"
    CONTEXT = "context", "Context"


class Rating(models.TextChoices):
    """Verdicts, ordered from worst to best; `RATING_VALUES` maps them onto ClaimReview's scale."""

    FALSE = "false", "False"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    MISLEADING = "misleading", "Misleading"
    HALF_TRUE = "half_true", "Half true"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    TRUE = "true", "True"
    UNPROVEN = "unproven", "Unproven"


# schema.org ClaimReview reviewRating: worstRating 1, bestRating 5; unproven has no place on the scale.
RATING_VALUES = {
    Rating.FALSE: 1,
    Rating.MOSTLY_FALSE: 2,
    Rating.MISLEADING: 2,
    Rating.HALF_TRUE: 3,
    Rating.MOSTLY_TRUE: 4,
    Rating.TRUE: 5,
    Rating.UNPROVEN: None,
}
RATING_BEST, RATING_WORST = 5, 1


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for approval"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"
    WITHDRAWN = "withdrawn", "Withdrawn"


# A claim has at most one review in these states at a time.
OPEN_REVIEW_STATUSES = (ReviewStatus.DRAFT, ReviewStatus.SUBMITTED)


class WebhookEvent(models.TextChoices):
    """What a webhook subscription can hear about."""

    CLAIM_ACCEPTED = "claim.accepted", "Claim accepted"
    CLAIM_REJECTED = "claim.rejected", "Claim rejected"
    CLAIM_REOPENED = "claim.reopened", "Claim reopened"
    CLAIM_ASSIGNED = "claim.assigned", "Claim assigned"
    CLAIM_UPDATED = "claim.updated", "Claim updated"
    CLAIM_DELETED = "claim.deleted", "Claim deleted"
    ARTICLE_UPDATED = "article.updated", "Article updated (new version, claims moved or orphaned)"
    REVIEW_SUBMITTED = "review.submitted", "Verdict submitted"
    REVIEW_PUBLISHED = "review.published", "Verdict published"


class WebhookDeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed (retries exhausted)"
    CANCELLED = "cancelled", "Cancelled (subscription disabled or deleted)"
