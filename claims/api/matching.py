"""Claims across articles over the API: a claim's candidate matches and a reviewer's decision on one, and the
claims in other articles a response may answer."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import permissions as rules
from claims import selectors
from claims.api.serializers import article_brief, speaker_brief
from claims.choices import MatchState
from claims.models import Claim
from claims.selectors.counter import counter_targets
from claims.services.matching import claim_match_between, claim_match_confirm, claim_match_dismiss

MAX_ID = 2**63 - 1

# Each answer is a list of objects with at least an id (see the endpoint for the other fields).
LIST_OF_OBJECTS = inline_serializer(
    name="MatchListItem", fields={"id": serializers.IntegerField(required=False)}, many=True
)


def _claim(pk: str) -> Claim:
    if int(pk) > MAX_ID:
        raise exceptions.NotFound()
    return get_object_or_404(Claim.objects.only("id", "article_id"), pk=int(pk))


def match_view_data(view) -> dict:
    """A match as the API shows it, from the point of view of one of its claims."""
    other, verdict = view.other, view.verdict
    return {
        "claim": {
            "id": other.pk,
            "text": other.text,
            "status": other.status,
            "speaker": speaker_brief(other.speaker),
            "article": article_brief(other.article),
        },
        "score": view.match.score,
        "state": view.match.state,
        "same_speaker": view.match.same_speaker,
        "automatic": view.match.automatic,
        "verdict": {"rating": verdict.rating, "summary": verdict.summary} if verdict else None,
    }


class ClaimMatchListView(APIView):
    """The claim's candidate matches in other articles, best first, with their scores and states."""

    @extend_schema(
        summary="Candidate matches of a claim in other articles, with scores and states",
        responses={200: LIST_OF_OBJECTS},
    )
    def get(self, request, pk):
        claim = _claim(pk)
        states = request.query_params.get("state")
        chosen = tuple(states.split(",")) if states else (MatchState.SUGGESTED, MatchState.CONFIRMED)
        if any(state not in MatchState.values for state in chosen):
            raise exceptions.ValidationError({"state": [f"Choose from {', '.join(MatchState.values)}."]})
        return Response([match_view_data(view) for view in selectors.claim_matches(claim=claim, states=chosen)])


class ClaimMatchDecisionView(APIView):
    """Confirm (a `repeats` link) or dismiss (never suggested again) one candidate match."""

    write_rule = rules.LINK
    decision = None

    @extend_schema(summary="Confirm or dismiss a candidate match", request=None, responses={200: dict})
    def post(self, request, pk, other):
        claim = _claim(pk)
        if int(other) > MAX_ID:
            raise exceptions.NotFound()
        match = claim_match_between(claim=claim, other_id=int(other))
        decide = claim_match_confirm if self.decision == "confirm" else claim_match_dismiss
        decided = decide(match=match, user=request.user)
        return Response({"claim": claim.pk, "other": int(other), "state": decided.state})


class CounterTargetListView(APIView):
    """Claims in other articles that a response may answer (they name its speaker or their organisation).

    Confirm one by creating a `rebuts` or `denies` relation (`POST /api/v1/relations/`).
    """

    @extend_schema(
        summary="Suggested claims in other articles that this response may answer", responses={200: LIST_OF_OBJECTS}
    )
    def get(self, request, pk):
        if int(pk) > MAX_ID:
            raise exceptions.NotFound()
        response = get_object_or_404(Claim.objects.select_related("speaker__organisation", "article"), pk=int(pk))
        return Response(
            [
                {
                    "id": claim.pk,
                    "text": claim.text,
                    "claim_type": claim.claim_type,
                    "status": claim.status,
                    "speaker": speaker_brief(claim.speaker),
                    "article": article_brief(claim.article),
                }
                for claim in counter_targets(response=response)
            ]
        )
