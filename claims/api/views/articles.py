"""Articles: import, text, versions and their differences, annotations, orphaned claims."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from articles.models import Article, ArticleVersion
from articles.services import LikelyDuplicate
from claims import permissions as rules
from claims import selectors
from claims.api import serializers as s
from claims.api.exceptions import PayloadTooLarge
from claims.api.renderers import JSONLDRenderer, ORJSONParser, ORJSONRenderer, PlainTextParser
from claims.api.views.base import PKLookupMixin, PlainTextRenderer, checked_id
from claims.exports import annotations as annotation_export
from claims.filters import (
    ArticleFilterSet,
)
from claims.services.proposals import article_ingest


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
