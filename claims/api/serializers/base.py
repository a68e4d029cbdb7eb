"""Shared pieces: strict field checking, date formats and the brief forms nested in other resources."""

import datetime as dt
from collections.abc import Mapping

from django.core.validators import URLValidator
from rest_framework import serializers

from claims.choices import (
    RATING_VALUES,
    ClaimKind,
    ClaimStatus,
    Rating,
    RelationType,
    ReviewStatus,
    SourceType,
    SpeakerKind,
    Stance,
)


class StrictFieldsMixin:
    """A write naming a field the serializer does not accept is refused, naming the field.

    Silently ignoring it would tell a client that `{"status": "published"}` worked when nothing changed.
    """

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            refused = {
                name: ["This field is read-only." if name in self.fields else "Unknown field."]
                for name in data
                if name not in writable
            }
            if refused:
                raise serializers.ValidationError(refused)
        return super().to_internal_value(data)


class StrictSerializer(StrictFieldsMixin, serializers.Serializer):
    pass


class StrictModelSerializer(StrictFieldsMixin, serializers.ModelSerializer):
    pass


def url_or_blank(**kwargs) -> serializers.CharField:
    """A URL that may be left empty: declared as a plain string, since "" is not a `uri`."""
    return serializers.CharField(max_length=1000, allow_blank=True, validators=[URLValidator()], **kwargs)


def iso_datetime(value: dt.datetime | None) -> str | None:
    """The same text DRF's DateTimeField writes (UTC as `Z`)."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def iso_date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


# --- small nested shapes -------------------------------------------------------------------------


class UserBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)

    def to_representation(self, user):
        return user_brief(user)


def user_brief(user) -> dict | None:
    return None if user is None else {"id": user.pk, "username": user.get_username()}


class OutletBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    domain = serializers.CharField(read_only=True)


def outlet_brief(outlet) -> dict | None:
    return None if outlet is None else {"id": outlet.pk, "name": outlet.name, "domain": outlet.domain}


class SpeakerBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=SpeakerKind.choices, read_only=True)

    def to_representation(self, speaker):
        return speaker_brief(speaker)


def speaker_brief(speaker) -> dict | None:
    return None if speaker is None else {"id": speaker.pk, "name": speaker.name, "kind": speaker.kind}


class ArticleBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    headline = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)
    published = serializers.DateField(read_only=True, allow_null=True)
    outlet = OutletBriefSerializer(read_only=True, allow_null=True)


def article_brief(article) -> dict:
    return {
        "id": article.pk,
        "headline": article.headline,
        "url": article.url,
        "published": iso_date(article.published),
        "outlet": outlet_brief(article.outlet),
    }


class SourceBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    source_type = serializers.ChoiceField(choices=SourceType.choices, read_only=True)
    url = serializers.CharField(read_only=True)
    publisher = serializers.CharField(read_only=True)


class CitationBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    stance = serializers.ChoiceField(choices=Stance.choices, read_only=True)
    excerpt = serializers.CharField(read_only=True)
    source = SourceBriefSerializer(read_only=True)


def citation_brief(citation) -> dict:
    source = citation.source
    return {
        "id": citation.pk,
        "stance": citation.stance,
        "excerpt": citation.excerpt,
        "source": {
            "id": source.pk,
            "title": source.title,
            "source_type": source.source_type,
            "url": source.url,
            "publisher": source.publisher,
        },
    }


class ClaimBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    article_id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices, read_only=True)
    speaker = SpeakerBriefSerializer(read_only=True, allow_null=True)


def claim_brief(claim) -> dict:
    return {
        "id": claim.pk,
        "article_id": claim.article_id,
        "text": claim.text,
        "kind": claim.kind,
        "status": claim.status,
        "speaker": speaker_brief(claim.speaker),
    }


class RelatedClaimSerializer(StrictSerializer):
    relation_id = serializers.IntegerField(read_only=True)
    relation_type = serializers.ChoiceField(choices=RelationType.choices, read_only=True)
    claim = ClaimBriefSerializer(read_only=True)


class ReviewBriefSerializer(StrictSerializer):
    id = serializers.IntegerField(read_only=True)
    rating = serializers.ChoiceField(choices=Rating.choices, read_only=True)
    rating_value = serializers.IntegerField(read_only=True, allow_null=True)
    summary = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=ReviewStatus.choices, read_only=True)
    author = UserBriefSerializer(read_only=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True)


def review_brief(review) -> dict:
    return {
        "id": review.pk,
        "rating": review.rating,
        "rating_value": RATING_VALUES.get(review.rating),
        "summary": review.summary,
        "status": review.status,
        "author": user_brief(review.author),
        "published_at": iso_datetime(review.published_at),
    }


# --- claims ---------------------------------------------------------------------------------------


def max_length_of(model, field: str) -> int:
    """The limit the model declares for a free-text field: one number for the admin, the API and the docs."""
    return model._meta.get_field(field).max_length


class ChangesSerializer(StrictSerializer):
    """Input of a PATCH that may touch only the declared fields: any other field is refused, not ignored."""

    def validate(self, attrs):
        fixed = sorted(set(getattr(self, "initial_data", {}) or {}) - set(self.fields))
        if fixed:
            raise serializers.ValidationError({field: ["This field cannot be changed here."] for field in fixed})
        return attrs


# --- articles -------------------------------------------------------------------------------------


# What every article representation starts with.
