"""Reviews: verdicts, revisions and published URLs."""

from rest_framework import serializers

from claims.api.serializers.base import ChangesSerializer, StrictModelSerializer, UserBriefSerializer, max_length_of
from claims.api.serializers.claims import VerdictSerializer
from claims.choices import RATING_VALUES, Rating
from claims.models import Claim, Review


class ReviewSerializer(StrictModelSerializer):
    author = UserBriefSerializer(read_only=True)
    approved_by = UserBriefSerializer(read_only=True, allow_null=True)
    rating_value = serializers.SerializerMethodField()
    # Empty when no address was given, so not declared as a URI.
    published_url = serializers.CharField(read_only=True, help_text="Where the desk published the verdict, if given.")

    class Meta:
        model = Review
        fields = [
            "id",
            "claim",
            "author",
            "rating",
            "rating_value",
            "summary",
            "body",
            "status",
            "approved_by",
            "supersedes",
            "submitted_at",
            "published_at",
            "published_url",
            "origin",
            "source_publisher",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_rating_value(self, review) -> int | None:
        return RATING_VALUES.get(review.rating)


class ReviewReviseSerializer(ChangesSerializer):
    """The author's improvements to a verdict waiting for approval."""

    rating = serializers.ChoiceField(choices=Rating.choices, required=False)
    summary = serializers.CharField(max_length=max_length_of(Review, "summary"), required=False)
    body = serializers.CharField(required=False, allow_blank=True, max_length=max_length_of(Review, "body"))


class ReviewPublishedURLSerializer(serializers.Serializer):
    published_url = serializers.CharField(
        max_length=1000, allow_blank=True, help_text="The verdict's page on the desk's own site; empty to clear."
    )


class ReviewCreateSerializer(VerdictSerializer):
    claim = serializers.PrimaryKeyRelatedField(queryset=Claim.objects.only("id"))
