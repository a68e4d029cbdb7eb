"""Response links, sources and citations."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from claims import permissions as rules
from claims import selectors
from claims.api import serializers as s
from claims.api.views.base import PKLookupMixin
from claims.filters import (
    CitationFilterSet,
    ClaimRelationFilterSet,
    SourceFilterSet,
)
from claims.models import Citation, ClaimRelation, Source
from claims.services import editing


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
