"""API views: parse the request, call one service or selector, render the result."""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, generics, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response

from articles.models import Article, ArticleVersion
from articles.services import LikelyDuplicate
from claims import permissions as rules
from claims import selectors, workflow
from claims.api import serializers as s
from claims.api.etag import etag_for, if_match_check, locked, with_row_version
from claims.api.exceptions import Conflict, PayloadTooLarge
from claims.api.pagination import ClaimCursorPagination
from claims.api.renderers import JSONLDRenderer, ORJSONParser, ORJSONRenderer, PlainTextParser
from claims.choices import ClaimOrigin, ClaimStatus
from claims.exports import annotations as annotation_export
from claims.exports.claimreview import NotPublished, claimreview_document
from claims.exports.csv import claim_csv_lines
from claims.filters import (
    ArticleFilterSet,
    CitationFilterSet,
    ClaimFilterSet,
    ClaimRelationFilterSet,
    ReviewFilterSet,
    SourceFilterSet,
    SpeakerFilterSet,
)
from claims.models import Citation, Claim, ClaimRelation, Review, Source, Speaker
from claims.models.tokens import APIToken
from claims.models.webhooks import WebhookSubscription
from claims.services import editing, speakers, tokens
from claims.services import reviews as review_services
from claims.services import webhooks as webhook_services
from claims.services.proposals import article_ingest
from claims.services.versions import claim_reattach

MAX_ID = 2**63 - 1
ID_PATTERN = r"[0-9]+"


class PKLookupMixin:
    """Numeric ids; one too large for the database is simply not found."""

    lookup_value_regex = ID_PATTERN

    def get_object(self):
        if int(self.kwargs[self.lookup_field]) > MAX_ID:
            raise exceptions.NotFound()
        return super().get_object()


def checked_id(value) -> int:
    if int(value) > MAX_ID:
        raise exceptions.NotFound()
    return int(value)


def with_etag(response: Response, instance) -> Response:
    response["ETag"] = etag_for(instance)
    return response


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else str(data or "").encode()


class PlainTextRenderer(BaseRenderer):
    media_type = "text/plain"
    format = "txt"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else str(data or "").encode()


# --- articles -------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Articles, filtered by outlet, date range and full text"),
    retrieve=extend_schema(summary="An article with its body and claims"),
)
class ArticleViewSet(PKLookupMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Articles: import (cleaned, stored and extracted in one step), search, read with their claims."""

    queryset = Article.objects.all()
    filterset_class = ArticleFilterSet
    ordering_fields = ["published", "created_at", "id"]
    ordering = ["-published", "-id"]
    role_rules = {"create": rules.EDIT_CLAIM}
    parser_classes = [ORJSONParser, PlainTextParser]
    # The JSON around an article (escapes, metadata) may be larger than its text; the text is checked too.
    max_body_bytes = 2 * settings.ARTICLE_MAX_BYTES

    def get_queryset(self):
        return selectors.article_list() if self.action == "list" else selectors.article_detail()

    def get_serializer_class(self):
        if self.action == "list":
            return s.ArticleSerializer
        if self.action == "create":
            return s.ArticleCreateSerializer
        return s.ArticleDetailSerializer

    @extend_schema(
        summary="Import an article from its text (JSON or text/plain); 200 if the same text was imported before",
        request={"application/json": s.ArticleCreateSerializer, "text/plain": OpenApiTypes.STR},
        responses={201: s.ArticleDetailSerializer, 200: s.ArticleDetailSerializer},
    )
    def create(self, request):
        serializer = s.ArticleCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if len(data["text"].encode("utf-8")) > settings.ARTICLE_MAX_BYTES:
            raise PayloadTooLarge(f"An article may be at most {settings.ARTICLE_MAX_BYTES} bytes.")
        try:
            result = article_ingest(
                raw=data["text"],
                user=request.user,
                headline=data["headline"],
                outlet_name=data["outlet"],
                url=data["url"],
                published=data["published"],
                byline=data["byline"],
                language=data["language"],
                source_name=data["source_name"],
                allow_duplicate=data["allow_duplicate"],
            )
        except LikelyDuplicate as duplicate:
            original = duplicate.article
            return Response(
                {
                    "body": duplicate.messages,
                    "duplicate_of": {
                        "id": original.pk,
                        "headline": original.headline,
                        "url": original.url,
                        "api_url": self.request.build_absolute_uri(reverse("api:article-detail", args=[original.pk])),
                    },
                    "similarity": round(duplicate.similarity, 3),
                },
                status=status.HTTP_409_CONFLICT,
            )
        article = selectors.article_detail().get(pk=result.article.pk)
        data = {**s.ArticleDetailSerializer(article).data, "import_status": result.status}
        if result.reanchor is not None:
            data["reanchor"] = result.reanchor.as_payload()
        return Response(data, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)

    @extend_schema(
        summary="The texts seen at this article, oldest first", responses=s.ArticleVersionSerializer(many=True)
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def versions(self, request, pk=None):
        article = get_object_or_404(Article.objects.only("id"), pk=checked_id(pk))
        return Response(s.ArticleVersionSerializer(selectors.article_versions(article=article), many=True).data)

    @extend_schema(
        summary="How two versions differ (default: the latest against the one before)",
        parameters=[
            OpenApiParameter("from", int, description="The older version's number."),
            OpenApiParameter("to", int, description="The newer version's number."),
        ],
        responses=s.ArticleDiffSerializer,
        filters=False,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def diff(self, request, pk=None):
        article = get_object_or_404(Article.objects.only("id"), pk=checked_id(pk))
        numbers = {}
        for name in ("from", "to"):
            value = request.query_params.get(name)
            if value is not None:
                if not value.isdigit():
                    raise exceptions.ValidationError({name: ["A version number."]})
                numbers[name] = int(value)
        try:
            diff = selectors.article_version_diff(article=article, old=numbers.get("from"), new=numbers.get("to"))
        except ArticleVersion.DoesNotExist:
            raise exceptions.NotFound("No such version of this article.") from None
        return Response(s.ArticleDiffSerializer(diff).data)

    @extend_schema(summary="Claims a new version lost, to be re-attached", responses=s.OrphanClaimSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def orphans(self, request, pk=None):
        article = get_object_or_404(Article.objects.only("id"), pk=checked_id(pk))
        return Response(s.OrphanClaimSerializer(selectors.article_orphans(article=article), many=True).data)

    def _urls(self, article: Article, *, include_proposals: bool = False) -> dict:
        build = self.request.build_absolute_uri
        collection_url = build(reverse("api:article-annotations", args=[article.pk]))
        return {
            "collection_url": collection_url + ("?proposals=true" if include_proposals else ""),
            "text_url": build(reverse("api:article-text", args=[article.pk])),
            "links": annotation_export.Links(
                claim=lambda claim: build(reverse("api:claim-detail", args=[claim.pk])),
                speaker=lambda speaker: build(reverse("api:speaker-detail", args=[speaker.pk])),
                source=lambda source: source.url or build(reverse("api:source-detail", args=[source.pk])),
                verdict=lambda claim: build(reverse("public:factcheck", args=[claim.pk])),
            ),
        }

    @extend_schema(
        summary="The article's claims as a W3C Web Annotation collection (JSON-LD), first page embedded",
        parameters=[
            OpenApiParameter("page", int, description="A page other than the first (0-based)."),
            OpenApiParameter(
                "proposals", bool, description="true: include unreviewed proposals (default: accepted and later only)."
            ),
        ],
        responses={(200, "application/ld+json"): OpenApiTypes.OBJECT},
        filters=False,
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONLDRenderer, ORJSONRenderer], pagination_class=None)
    def annotations(self, request, pk=None):
        article = get_object_or_404(Article.objects.only("id", "headline", "url"), pk=checked_id(pk))
        include = request.query_params.get("proposals", "false")
        if include not in ("true", "false"):
            raise exceptions.ValidationError({"proposals": ["true or false."]})
        claims = selectors.article_annotations(article=article, include_proposals=include == "true")
        total = claims.count()
        page_param = request.query_params.get("page")
        urls = self._urls(article, include_proposals=include == "true")
        if page_param is None:
            page_claims = list(claims[: annotation_export.PAGE_SIZE])
            document = annotation_export.annotation_collection(claims=page_claims, article=article, total=total, **urls)
            return Response(document, content_type="application/ld+json")
        try:
            page = int(page_param)
        except ValueError:
            raise exceptions.ValidationError({"page": ["A whole number."]}) from None
        last = max(0, (total - 1) // annotation_export.PAGE_SIZE)
        if not 0 <= page <= last:
            raise exceptions.NotFound("No such page.")
        offset = page * annotation_export.PAGE_SIZE
        document = annotation_export.annotation_page(
            claims=list(claims[offset : offset + annotation_export.PAGE_SIZE]),
            article=article,
            page=page,
            total=total,
            embedded=False,
            **urls,
        )
        return Response(document, content_type="application/ld+json")

    @extend_schema(
        summary="The article's cleaned text, which claim offsets and annotation selectors count in",
        responses={(200, "text/plain"): OpenApiTypes.STR},
        filters=False,
    )
    @action(detail=True, methods=["get"], renderer_classes=[PlainTextRenderer], pagination_class=None)
    def text(self, request, pk=None):
        article = get_object_or_404(Article.objects.only("id", "body"), pk=checked_id(pk))
        return HttpResponse(article.body, content_type="text/plain; charset=utf-8")


# --- speakers -------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Speakers, filtered by kind, affiliation, or name/alias (fuzzy)"),
    retrieve=extend_schema(summary="A speaker with roles and claim counts"),
)
class SpeakerViewSet(
    PKLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """People, organisations, unnamed spokespersons and groups."""

    queryset = Speaker.objects.all()
    filterset_class = SpeakerFilterSet
    ordering_fields = ["name", "id"]
    ordering = ["name", "id"]
    role_rules = {
        "create": rules.EDIT_SPEAKER,
        "partial_update": rules.EDIT_SPEAKER,
        "merge": rules.MERGE_SPEAKERS,
    }
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.speaker_list() if self.action == "list" else selectors.speaker_detail()

    def get_serializer_class(self):
        if self.action == "list":
            return s.SpeakerSerializer
        if self.action in ("create", "partial_update"):
            return s.SpeakerWriteSerializer
        if self.action == "merge":
            return s.SpeakerMergeSerializer
        return s.SpeakerDetailSerializer

    def _detail(self, pk: int, code=status.HTTP_200_OK) -> Response:
        return Response(s.SpeakerDetailSerializer(selectors.speaker_detail().get(pk=pk)).data, status=code)

    @extend_schema(
        summary="Add a speaker", request=s.SpeakerWriteSerializer, responses={201: s.SpeakerDetailSerializer}
    )
    def create(self, request):
        serializer = s.SpeakerWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        speaker = speakers.speaker_create(user=request.user, **serializer.validated_data)
        return self._detail(speaker.pk, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Correct a speaker's name, kind, description or organisation",
        request=s.SpeakerWriteSerializer,
        responses={200: s.SpeakerDetailSerializer},
    )
    def partial_update(self, request, pk=None):
        speaker = self.get_object()
        serializer = s.SpeakerWriteSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = {k: v for k, v in serializer.validated_data.items() if k != "aliases"}
        with transaction.atomic():
            speaker = speakers.speaker_update(speaker=speaker, user=request.user, **changes)
            if "aliases" in serializer.validated_data:
                speakers.speaker_add_aliases(speaker=speaker, names=serializer.validated_data["aliases"])
        return self._detail(speaker.pk)

    @extend_schema(
        summary="Speakers that may be the same as this one (a shorter or fuller name): candidates to merge",
        responses={200: s.SpeakerSerializer(many=True)},
    )
    @action(detail=True, methods=["get"])
    def duplicates(self, request, pk=None):
        speaker = get_object_or_404(Speaker, pk=checked_id(pk))
        return Response(s.SpeakerSerializer(selectors.speaker_possible_duplicates(speaker), many=True).data)

    @extend_schema(
        summary="Merge this speaker into another; every claim, alias and role moves to it",
        request=s.SpeakerMergeSerializer,
        responses={200: s.SpeakerDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        source = get_object_or_404(Speaker, pk=checked_id(pk))
        serializer = s.SpeakerMergeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = speakers.speaker_merge(source=source, target=serializer.validated_data["into"], user=request.user)
        return self._detail(target.pk)


# --- claims ---------------------------------------------------------------------------------------


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


stale = OpenApiResponse(description="Stale If-Match: the resource changed since you read it")
missing = OpenApiResponse(description="If-Match missing")
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


def review_response(pk: int, code=status.HTTP_200_OK) -> Response:
    review = with_row_version(selectors.review_list()).get(pk=pk)
    return with_etag(Response(s.ReviewSerializer(review).data, status=code), review)


class ClaimNoteListView(generics.ListCreateAPIView):
    """A claim's discussion thread."""

    serializer_class = s.NoteSerializer
    role_rules = {"create": rules.NOTE}
    filter_backends = []

    def initial(self, request, *args, **kwargs):
        self.action = "create" if request.method == "POST" else "list"
        super().initial(request, *args, **kwargs)

    def claim(self) -> Claim:
        return get_object_or_404(Claim.objects.only("id"), pk=checked_id(self.kwargs["pk"]))

    def get_queryset(self):
        return selectors.note_list(claim=self.claim())

    @extend_schema(summary="Add a note to the claim's thread", responses={201: s.NoteSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = editing.note_create(claim=self.claim(), user=request.user, body=serializer.validated_data["body"])
        note = selectors.note_list(claim=note.claim).get(pk=note.pk)
        return Response(s.NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class QueueView(generics.ListAPIView):
    """The signed-in user's queue: claims assigned to them in review, and verdicts awaiting their approval."""

    serializer_class = s.ClaimSerializer
    pagination_class = ClaimCursorPagination
    filter_backends = []

    def get_queryset(self):
        return selectors.claim_queue(user=self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(s.ClaimSerializer(page, many=True).data)


# --- relations, sources, citations, reviews -------------------------------------------------------


class LinkViewSet(
    PKLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Base of the endpoints annotators tie claims together with: list, read, create, change, delete."""

    ordering_fields = ["id", "created_at"]
    ordering = ["id"]
    role_rules = {"create": rules.LINK, "partial_update": rules.LINK, "destroy": rules.LINK}
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]


class ClaimRelationViewSet(LinkViewSet):
    """Typed links between claims: a response rebuts, denies, clarifies ... the claim it answers."""

    queryset = ClaimRelation.objects.all()
    serializer_class = s.ClaimRelationSerializer
    filterset_class = ClaimRelationFilterSet

    def get_queryset(self):
        return selectors.relation_list()

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = editing.claim_relation_create(
            source=data["source"],
            target=data["target"],
            relation_type=data["relation_type"],
            note=data["note"],
            user=self.request.user,
        )

    @extend_schema(
        summary="Change a link's type or note",
        request=s.ClaimRelationUpdateSerializer,
        responses={200: s.ClaimRelationSerializer},
    )
    def partial_update(self, request, pk=None):
        serializer = s.ClaimRelationUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        relation = editing.claim_relation_update(
            relation=self.get_object(), user=request.user, **serializer.validated_data
        )
        return Response(s.ClaimRelationSerializer(selectors.relation_list().get(pk=relation.pk)).data)

    def perform_destroy(self, instance):
        editing.claim_relation_delete(relation=instance, user=self.request.user)


class SourceViewSet(
    PKLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Evidence: official records, datasets, documents, articles, posts, broadcasts."""

    queryset = Source.objects.all()
    serializer_class = s.SourceSerializer
    filterset_class = SourceFilterSet
    ordering_fields = ["title", "published", "id"]
    ordering = ["title", "id"]
    role_rules = {"create": rules.LINK, "update": rules.LINK, "partial_update": rules.LINK, "destroy": rules.LINK}

    def get_queryset(self):
        return selectors.source_list()

    def perform_create(self, serializer):
        source = editing.source_create(user=self.request.user, **serializer.validated_data)
        serializer.instance = selectors.source_list().get(pk=source.pk)

    def perform_update(self, serializer):
        source = editing.source_update(source=serializer.instance, user=self.request.user, **serializer.validated_data)
        serializer.instance = selectors.source_list().get(pk=source.pk)

    @extend_schema(
        summary="Delete a source no claim cites; 409 while it is cited",
        responses={204: None, 409: OpenApiResponse(description="The source is still cited")},
    )
    def destroy(self, request, pk=None):
        editing.source_delete(source=self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CitationViewSet(LinkViewSet):
    """Sources cited for or against claims, with the excerpt that matters."""

    queryset = Citation.objects.all()
    serializer_class = s.CitationSerializer
    filterset_class = CitationFilterSet

    def get_queryset(self):
        return selectors.citation_list()

    @extend_schema(
        summary="Change a citation's stance or excerpt",
        request=s.CitationUpdateSerializer,
        responses={200: s.CitationSerializer},
    )
    def partial_update(self, request, pk=None):
        serializer = s.CitationUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        citation = editing.citation_update(citation=self.get_object(), user=request.user, **serializer.validated_data)
        return Response(s.CitationSerializer(selectors.citation_list().get(pk=citation.pk)).data)

    def perform_create(self, serializer):
        serializer.instance = editing.citation_create(user=self.request.user, **serializer.validated_data)

    def perform_destroy(self, instance):
        editing.citation_delete(citation=instance, user=self.request.user)


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


class WebhookSubscriptionViewSet(
    PKLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Endpoints told about workflow events; editors manage them."""

    queryset = WebhookSubscription.objects.all()
    serializer_class = s.WebhookSubscriptionSerializer
    filter_backends = [OrderingFilter]
    ordering_fields = ["id", "url", "created_at"]
    ordering = ["id"]
    read_rule = rules.MANAGE_WEBHOOKS
    write_rule = rules.MANAGE_WEBHOOKS
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return selectors.webhook_list()

    @extend_schema(responses={201: s.WebhookSubscriptionCreatedSerializer})
    def create(self, request):
        serializer = s.WebhookSubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        subscription, secret = webhook_services.webhook_subscription_create(
            url=data["url"], events=data["events"], description=data.get("description", ""), user=request.user
        )
        if data.get("is_active") is False:
            subscription = webhook_services.webhook_subscription_update(
                subscription=subscription, user=request.user, is_active=False
            )
        subscription.secret = secret
        return Response(s.WebhookSubscriptionCreatedSerializer(subscription).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.instance = webhook_services.webhook_subscription_update(
            subscription=serializer.instance, user=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        webhook_services.webhook_subscription_delete(subscription=instance, user=self.request.user)

    @extend_schema(request=None, responses={200: s.WebhookSubscriptionCreatedSerializer})
    @action(detail=True, methods=["post"], url_path="rotate-secret")
    def rotate_secret(self, request, pk=None):
        subscription, secret = webhook_services.webhook_subscription_rotate_secret(
            subscription=self.get_object(), user=request.user
        )
        subscription.secret = secret
        return Response(s.WebhookSubscriptionCreatedSerializer(subscription).data)


class APITokenViewSet(
    PKLookupMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The signed-in user's API tokens: create one (its key is shown once), list, revoke.

    A token is only ever issued to the user who asks for it. Editors may also revoke anyone's token
    (someone left, a key leaked), which never reveals more than the token's prefix and name.
    """

    queryset = APIToken.objects.all()
    serializer_class = s.APITokenSerializer
    filter_backends = []
    role_rules = {"create": rules.VIEW, "destroy": rules.VIEW}
    # Tokens are everyone's own business: no model permission beyond being signed in with a role.
    check_model_permissions = False

    def get_queryset(self):
        if self.action == "destroy" and rules.can(self.request.user, rules.REVOKE_TOKENS):
            return APIToken.objects.all()
        return APIToken.objects.filter(user=self.request.user)

    @extend_schema(request=s.APITokenCreateSerializer, responses={201: s.APITokenCreatedSerializer})
    def create(self, request):
        serializer = s.APITokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        created = tokens.token_create(user=request.user, name=serializer.validated_data["name"])
        created.token.key = created.key
        return Response(s.APITokenCreatedSerializer(created.token).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Revoke your token, or (editors) anyone's; it stays listed with revoked_at set")
    def destroy(self, request, pk=None):
        tokens.token_revoke(token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
