"""Verdicts: write, revise, send back, withdraw and publish."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import permissions as rules
from claims import selectors, workflow
from claims.api import serializers as s
from claims.api.etag import if_match_check, locked, with_row_version
from claims.api.views.base import PKLookupMixin, checked_id, missing, stale, with_etag
from claims.choices import ClaimStatus
from claims.filters import (
    ReviewFilterSet,
)
from claims.models import Claim, Review
from claims.services import reviews as review_services


def review_response(pk: int, code=status.HTTP_200_OK) -> Response:
    review = with_row_version(selectors.review_list()).get(pk=pk)
    return with_etag(Response(s.ReviewSerializer(review).data, status=code), review)


review_if_match_header = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="ETag of the verdict as you last read it; when sent, a stale one is refused with 412.",
)
review_if_match_required = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=True, description="ETag of the verdict as you last read it."
)
review_write_responses = {200: s.ReviewSerializer, 412: stale, 428: missing}
review_transition_responses = {200: s.ReviewSerializer, 412: stale}


@extend_schema_view(list=extend_schema(summary="Verdicts, filtered by claim, author, status and rating"))
class ReviewViewSet(PKLookupMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Verdicts on claims; publishing one needs a second person's approval."""

    queryset = Review.objects.all()
    serializer_class = s.ReviewSerializer
    filterset_class = ReviewFilterSet
    ordering_fields = ["id", "created_at", "published_at"]
    ordering = ["-id"]
    role_rules = {
        "create": rules.REVIEW,
        "partial_update": rules.REVIEW,
        "destroy": rules.REVIEW,
        "publish": rules.PUBLISH,
        "send_back": rules.PUBLISH,
        "withdraw": rules.REVIEW,
        "published_url": rules.REVIEW,
    }
    # DELETE withdraws the verdict: its row stays (status "withdrawn"), so it needs the change permission.
    model_permission_verbs = {"destroy": "change"}
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.review_list()

    @extend_schema(summary="A verdict (with its ETag)", responses={200: s.ReviewSerializer})
    def retrieve(self, request, pk=None):
        get_object_or_404(Review.objects.only("id"), pk=checked_id(pk))
        return review_response(int(pk))

    @extend_schema(
        summary="Submit a verdict on a claim (a correction when the claim is already published)",
        request=s.ReviewCreateSerializer,
        responses={201: s.ReviewSerializer},
    )
    def create(self, request):
        serializer = s.ReviewCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        claim = data.pop("claim")
        write = workflow.review_correct if claim.status == ClaimStatus.PUBLISHED else workflow.review_submit
        review = write(claim=claim, user=request.user, **data)
        return review_response(review.pk, status.HTTP_201_CREATED)

    def _run_transition(self, request, pk, transition, serializer_class=None, *, require_if_match=False) -> Response:
        """Parse the body (if the step takes one), apply it under the row locks, answer with the review."""
        arguments = {}
        if serializer_class is not None:
            serializer = serializer_class(data=request.data, partial=request.method == "PATCH")
            serializer.is_valid(raise_exception=True)
            arguments = serializer.validated_data
        with transaction.atomic():
            review = self._locked_review(pk, require_if_match=require_if_match)
            review = transition(review=review, user=request.user, **arguments)
        return review_response(review.pk)

    def _locked_review(self, pk, *, require_if_match: bool = False) -> Review:
        """Lock the review row; check If-Match (required for edits, honoured when sent with actions)."""
        # Claim row first, then the review: the order the workflow locks them in, so the two never deadlock.
        list(Claim.objects.select_for_update(of=("self",)).filter(reviews__pk=checked_id(pk)).values_list("pk"))
        review = locked(Review.objects.all(), checked_id(pk))
        if require_if_match or self.request.headers.get("If-Match"):
            if_match_check(self.request, review)
        return review

    @extend_schema(
        summary="Revise your verdict while it waits for approval: rating, summary, body (needs If-Match)",
        request=s.ReviewReviseSerializer,
        responses=review_write_responses,
        parameters=[review_if_match_required],
    )
    def partial_update(self, request, pk=None):
        return self._run_transition(
            request, pk, workflow.review_revise, s.ReviewReviseSerializer, require_if_match=True
        )

    @extend_schema(
        summary="Withdraw your verdict before it is approved; the claim returns to review (needs If-Match)",
        request=None,
        responses=review_write_responses,
        parameters=[review_if_match_required],
    )
    def destroy(self, request, pk=None):
        # The verdict is kept, marked withdrawn, so the answer shows it as it now stands.
        return self._run_transition(request, pk, workflow.review_withdraw, require_if_match=True)

    @extend_schema(
        summary="Withdraw your verdict before it is approved (the same as DELETE; If-Match optional)",
        request=None,
        responses=review_transition_responses,
        parameters=[review_if_match_header],
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._run_transition(request, pk, workflow.review_withdraw)

    @extend_schema(
        summary="Approve and publish a submitted verdict (not by its author; needs If-Match)",
        request=None,
        responses=review_write_responses,
        parameters=[review_if_match_required],
    )
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        # Publishing puts the verdict in front of readers: the approver must have read this very version.
        return self._run_transition(request, pk, workflow.review_publish, require_if_match=True)

    @extend_schema(
        summary="Return a submitted verdict to its reviewer",
        request=s.RejectSerializer,
        responses=review_transition_responses,
        parameters=[review_if_match_header],
    )
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, pk=None):
        return self._run_transition(request, pk, workflow.review_send_back, s.RejectSerializer)

    @extend_schema(
        summary="Record where the desk published the verdict (its ClaimReview url); an empty value clears it",
        request=s.ReviewPublishedURLSerializer,
        responses={200: s.ReviewSerializer},
        parameters=[review_if_match_header],
    )
    @action(detail=True, methods=["post"], url_path="published-url")
    def published_url(self, request, pk=None):
        return self._run_transition(
            request, pk, review_services.review_set_published_url, s.ReviewPublishedURLSerializer
        )


# --- webhooks and tokens --------------------------------------------------------------------------
