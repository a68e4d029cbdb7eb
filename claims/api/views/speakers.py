"""Speakers: the directory, merging and possible duplicates."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import permissions as rules
from claims import selectors
from claims.api import serializers as s
from claims.api.views.base import PKLookupMixin, checked_id
from claims.filters import (
    SpeakerFilterSet,
)
from claims.models import Speaker
from claims.services import speakers


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
