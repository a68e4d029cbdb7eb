"""Claims: list, create, edit, transitions, history and exports."""

from django.db import transaction
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import permissions as rules
from claims import selectors, workflow
from claims.api import serializers as s
from claims.api.etag import if_match_check, locked, with_row_version
from claims.api.exceptions import Conflict
from claims.api.pagination import ClaimCursorPagination
from claims.api.renderers import JSONLDRenderer, ORJSONRenderer
from claims.api.views.base import CSVRenderer, PKLookupMixin, checked_id, missing, stale, with_etag
from claims.api.views.reviews import review_response
from claims.choices import ClaimOrigin
from claims.exports.claimreview import NotPublished, claimreview_document
from claims.exports.csv import claim_csv_lines
from claims.filters import (
    ClaimFilterSet,
)
from claims.models import Claim
from claims.services import editing
from claims.services.versions import claim_reattach


class ClaimWriteMixin:
    """Fetches the claim detail with its ETag, and runs writes under the row lock with If-Match checked."""

    def claim_response(self, pk: int, code=status.HTTP_200_OK) -> Response:
        claim = with_row_version(selectors.claim_detail()).get(pk=pk)
        transitions = workflow.available_transitions(claim=claim, user=self.request.user)
        data = s.ClaimDetailSerializer(claim, context={"transitions": transitions}).data
        return with_etag(Response(data, status=code), claim)

    def locked_claim(self, pk, *, require_if_match: bool) -> Claim:
        """Lock the claim row; check If-Match (required for edits, honoured when sent with actions)."""
        claim = locked(Claim.objects.all(), checked_id(pk))
        if require_if_match or self.request.headers.get("If-Match"):
            if_match_check(self.request, claim)
        return claim


transition_response = {200: s.ClaimDetailSerializer, 412: stale}
claim_write_responses = {200: s.ClaimDetailSerializer, 412: stale, 428: missing}
if_match_header = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="ETag of the claim as you last read it; when sent, a stale one is refused with 412.",
)
if_match_required = OpenApiParameter(
    "If-Match", str, OpenApiParameter.HEADER, required=True, description="ETag of the claim as you last read it."
)


@extend_schema_view(
    list=extend_schema(summary="Claims, filtered; cursor-paginated, newest first by default"),
)
class ClaimViewSet(ClaimWriteMixin, PKLookupMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Claims, their workflow, their discussion and their exports."""

    # Built once: DRF's get_queryset hands each request a fresh clone, cheaper than rebuilding the rows query.
    queryset = selectors.claim_rows()
    filterset_class = ClaimFilterSet
    pagination_class = ClaimCursorPagination
    ordering_fields = ["id", "created_at", "updated_at"]
    role_rules = {
        "create": rules.EDIT_CLAIM,
        "update": rules.EDIT_CLAIM,
        "partial_update": rules.EDIT_CLAIM,
        "destroy": rules.EDIT_CLAIM,
        "accept": rules.ACCEPT,
        "reject": rules.ACCEPT,
        "reopen": rules.ACCEPT,
        "assign": rules.ASSIGN,
        "verdict": rules.REVIEW,
        "correct": rules.REVIEW,
        "reattach": rules.EDIT_CLAIM,
    }
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def get_serializer_class(self):
        return s.ClaimSerializer

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(s.ClaimSerializer(page, many=True).data)

    @extend_schema(
        summary="A claim with its speaker, article context, responses, citations and verdict",
        responses={200: s.ClaimDetailSerializer},
    )
    def retrieve(self, request, pk=None):
        get_object_or_404(Claim.objects.only("id"), pk=checked_id(pk))
        return self.claim_response(int(pk))

    @extend_schema(
        summary="Mark a span of an article as a claim",
        request=s.ClaimCreateSerializer,
        responses={201: s.ClaimDetailSerializer},
    )
    def create(self, request):
        serializer = s.ClaimCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        claim = editing.claim_create(user=request.user, origin=ClaimOrigin.API, **serializer.validated_data)
        return self.claim_response(claim.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Correct a claim's span, speaker, kind or type (needs If-Match)",
        request=s.ClaimUpdateSerializer,
        responses=claim_write_responses,
        parameters=[if_match_required],
    )
    def partial_update(self, request, pk=None):
        return self._update(request, pk, s.ClaimUpdateSerializer(data=request.data, partial=True))

    @extend_schema(
        summary="Replace a claim's editable fields: span, speaker, kind, type, directness (needs If-Match)",
        request=s.ClaimReplaceSerializer,
        responses=claim_write_responses,
        parameters=[if_match_required],
    )
    def update(self, request, pk=None):
        return self._update(request, pk, s.ClaimReplaceSerializer(data=request.data))

    def _update(self, request, pk, serializer) -> Response:
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            claim = self.locked_claim(pk, require_if_match=True)
            editing.claim_update(claim=claim, user=request.user, **serializer.validated_data)
        return self.claim_response(claim.pk)

    @extend_schema(
        summary="Delete a claim never taken into review, with its links and citations (needs If-Match)",
        request=None,
        responses={
            204: None,
            409: OpenApiResponse(description="The claim is in review or has verdicts: reject it instead"),
            412: stale,
            428: missing,
        },
        parameters=[if_match_required],
    )
    def destroy(self, request, pk=None):
        with transaction.atomic():
            editing.claim_delete(claim=self.locked_claim(pk, require_if_match=True), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Put an orphaned claim back on a span of the article's current text",
        request=s.ReattachSerializer,
        responses={200: s.ClaimDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def reattach(self, request, pk=None):
        serializer = s.ReattachSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            claim = self.locked_claim(pk, require_if_match=False)
            claim_reattach(claim=claim, user=request.user, **serializer.validated_data)
        return self.claim_response(claim.pk)

    @extend_schema(
        summary="Accept a proposal", request=None, responses=transition_response, parameters=[if_match_header]
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._run_transition(request, pk, workflow.claim_accept)

    @extend_schema(
        summary="Reject a proposal",
        request=s.RejectSerializer,
        responses=transition_response,
        parameters=[if_match_header],
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._run_transition(request, pk, workflow.claim_reject, s.RejectSerializer)

    @extend_schema(
        summary="Bring a rejected proposal back",
        request=None,
        responses=transition_response,
        parameters=[if_match_header],
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._run_transition(request, pk, workflow.claim_reopen)

    @extend_schema(
        summary="Assign the claim to a reviewer (or reassign it)",
        request=s.AssignSerializer,
        responses=transition_response,
        parameters=[if_match_header],
    )
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        return self._run_transition(request, pk, workflow.claim_assign, s.AssignSerializer)

    def _run_transition(self, request, pk, transition, serializer_class=None) -> Response:
        """Parse the body (if the transition takes one), apply it under the row lock, answer with the claim."""
        arguments = {}
        if serializer_class is not None:
            serializer = serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            arguments = serializer.validated_data
        with transaction.atomic():
            claim = transition(claim=self.locked_claim(pk, require_if_match=False), user=request.user, **arguments)
        return self.claim_response(claim.pk)

    def _verdict(self, request, pk, write) -> Response:
        serializer = s.VerdictSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            review = write(
                claim=self.locked_claim(pk, require_if_match=False), user=request.user, **serializer.validated_data
            )
        return review_response(review.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Submit the verdict on a claim in review (it then waits for a second person's approval)",
        request=s.VerdictSerializer,
        responses={201: s.ReviewSerializer, 412: stale},
        parameters=[if_match_header],
    )
    @action(detail=True, methods=["post"])
    def verdict(self, request, pk=None):
        return self._verdict(request, pk, workflow.review_submit)

    @extend_schema(
        summary="Submit a corrected verdict on a published claim",
        request=s.VerdictSerializer,
        responses={201: s.ReviewSerializer, 412: stale},
        parameters=[if_match_header],
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        return self._verdict(request, pk, workflow.review_correct)

    @extend_schema(
        summary="Every recorded change of the claim and what hangs off it",
        responses=s.HistoryEventSerializer(many=True),
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        claim = get_object_or_404(Claim, pk=checked_id(pk))
        return Response(s.HistoryEventSerializer(selectors.claim_history(claim=claim), many=True).data)

    @extend_schema(
        summary="schema.org ClaimReview (JSON-LD) of the published verdict; 409 while unpublished",
        responses={
            (200, "application/ld+json"): OpenApiTypes.OBJECT,
            409: OpenApiResponse(description="No published verdict"),
        },
        filters=False,
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONLDRenderer, ORJSONRenderer], pagination_class=None)
    def claimreview(self, request, pk=None):
        try:
            claim = selectors.claim_with_published_review(claim_id=checked_id(pk))
        except Claim.DoesNotExist:
            raise exceptions.NotFound() from None
        build = request.build_absolute_uri
        try:
            document = claimreview_document(
                claim=claim,
                public_url=build(reverse("public:factcheck", args=[claim.pk])),
                appearances=selectors.claim_appearances(claim=claim),
                article_url=build(reverse("api:article-detail", args=[claim.article_id])),
            )
        except NotPublished as exc:
            raise Conflict(str(exc)) from exc
        return Response(document, content_type="application/ld+json")

    @extend_schema(
        summary="The filtered claim list as CSV, with speakers, responses, sources and verdicts (streamed)",
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    @action(detail=False, methods=["get"], url_path="export.csv", renderer_classes=[CSVRenderer], pagination_class=None)
    def export_csv(self, request):
        claims = self.filter_queryset(selectors.claim_export()).order_by("id")
        response = StreamingHttpResponse(claim_csv_lines(claims), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="claims.csv"'
        return response
