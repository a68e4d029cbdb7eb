"""Notes on a claim and a reviewer's queue."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response

from claims import permissions as rules
from claims import selectors
from claims.api import serializers as s
from claims.api.pagination import ClaimCursorPagination
from claims.api.views.base import checked_id
from claims.models import Claim
from claims.services import editing


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
