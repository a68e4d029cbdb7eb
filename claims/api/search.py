"""Search endpoints: ranked full text over claims and articles, and typo-tolerant autocompletes."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import selectors
from claims.api.serializers import article_brief, speaker_brief

SEARCH_KINDS = ("claims", "articles")
DEFAULT_LIMIT, AUTOCOMPLETE_LIMIT = 20, 10
QUERY_MAX_CHARS = 500

# Each answer is a list of objects with at least an id (see the endpoint for the other fields).
LIST_OF_OBJECTS = inline_serializer(
    name="SearchListItem", fields={"id": serializers.IntegerField(required=False)}, many=True
)


class SearchQuerySerializer(serializers.Serializer):
    """What to search for: websearch syntax, which kinds of result, how many of each."""

    q = serializers.CharField(max_length=QUERY_MAX_CHARS, help_text='e.g. "per cent" or growth -budget')
    type = serializers.CharField(required=False, default="claims,articles", help_text="claims, articles or both")
    limit = serializers.IntegerField(
        required=False, default=DEFAULT_LIMIT, min_value=1, max_value=selectors.search.MAX_LIMIT
    )

    def validate_q(self, value: str) -> str:
        if "\x00" in value or not value.strip():
            raise serializers.ValidationError("Type something to search for.")
        return value.strip()

    def validate_type(self, value: str) -> list[str]:
        kinds = [kind.strip() for kind in value.split(",") if kind.strip()]
        unknown = [kind for kind in kinds if kind not in SEARCH_KINDS]
        if unknown or not kinds:
            raise serializers.ValidationError(f"Choose from {', '.join(SEARCH_KINDS)}.")
        return kinds


class AutocompleteQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=200)
    limit = serializers.IntegerField(required=False, default=AUTOCOMPLETE_LIMIT, min_value=1, max_value=50)

    def validate_q(self, value: str) -> str:
        if "\x00" in value or not value.strip():
            raise serializers.ValidationError("Type something to look up.")
        return value.strip()


def _parsed(serializer_class, request):
    serializer = serializer_class(data=request.query_params)
    if not serializer.is_valid():
        raise exceptions.ValidationError(serializer.errors)
    return serializer.validated_data


def _claim_hit(hit) -> dict:
    claim = hit.obj
    return {
        "id": claim.pk,
        "text": claim.text,
        "snippet": str(hit.snippet),
        "rank": round(hit.rank, 6),
        "status": claim.status,
        "speaker": speaker_brief(claim.speaker),
        "article": article_brief(claim.article),
    }


def _article_hit(hit) -> dict:
    return {**article_brief(hit.obj), "snippet": str(hit.snippet), "rank": round(hit.rank, 6)}


class SearchView(APIView):
    """Ranked full-text search; snippets are HTML with the matching words in <mark>, everything else escaped."""

    @extend_schema(
        summary="Search claims and articles (websearch syntax: phrases in quotes, or, -word)",
        parameters=[SearchQuerySerializer],
        responses={200: dict},
    )
    def get(self, request):
        params = _parsed(SearchQuerySerializer, request)
        data = {"query": params["q"]}
        if "claims" in params["type"]:
            data["claims"] = [
                _claim_hit(h) for h in selectors.claim_text_search(query=params["q"], limit=params["limit"])
            ]
        if "articles" in params["type"]:
            data["articles"] = [
                _article_hit(h) for h in selectors.article_text_search(query=params["q"], limit=params["limit"])
            ]
        return Response(data)


class SpeakerAutocompleteView(APIView):
    """Speakers by name or alias as typed, typos allowed."""

    @extend_schema(
        summary="Speakers like what was typed (typos allowed)",
        parameters=[AutocompleteQuerySerializer],
        responses={200: LIST_OF_OBJECTS},
    )
    def get(self, request):
        params = _parsed(AutocompleteQuerySerializer, request)
        speakers = selectors.speaker_lookup(query=params["q"])[: params["limit"]]
        return Response(
            [{**speaker_brief(speaker), "similarity": round(speaker.similarity, 3)} for speaker in speakers]
        )


class ClaimAutocompleteView(APIView):
    """Claims whose words are like what was typed, typos allowed: for linking a response to any claim."""

    @extend_schema(
        summary="Claims whose text is like what was typed (typos allowed)",
        parameters=[AutocompleteQuerySerializer],
        responses={200: LIST_OF_OBJECTS},
    )
    def get(self, request):
        params = _parsed(AutocompleteQuerySerializer, request)
        claims = (
            selectors.claim_lookup(query=params["q"])
            .select_related("speaker", "article__outlet")
            .defer(
                "search_vector", "article__body", "article__raw_text", "article__search_vector", "article__text_sketch"
            )[: params["limit"]]
        )
        return Response(
            [
                {
                    "id": claim.pk,
                    "text": claim.text,
                    "kind": claim.kind,
                    "status": claim.status,
                    "similarity": round(claim.similarity, 3),
                    "speaker": speaker_brief(claim.speaker),
                    "article": article_brief(claim.article),
                }
                for claim in claims
            ]
        )
