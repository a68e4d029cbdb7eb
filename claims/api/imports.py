"""POST /api/v1/claimreviews/import: editors import partners' ClaimReview JSON-LD, with a report per record."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims import permissions as rules
from claims.api.renderers import ORJSONParser
from claims.services.claimreviews import claimreview_import_many


class RecordOutcomeSerializer(serializers.Serializer):
    position = serializers.CharField(help_text="Where the record is in the body: `[2]`, `dataFeedElement[0].item[1]`.")
    status = serializers.ChoiceField(choices=["imported", "unchanged", "failed"])
    reason = serializers.CharField(help_text="Why a failed record was skipped; empty otherwise.")
    review_id = serializers.IntegerField(allow_null=True)
    claim_id = serializers.IntegerField(allow_null=True)


class ImportReportSerializer(serializers.Serializer):
    imported = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    failed = serializers.IntegerField()
    records = RecordOutcomeSerializer(many=True)


class JSONLDParser(ORJSONParser):
    """JSON-LD bodies, as partners label them."""

    media_type = "application/ld+json"


class ClaimReviewImportView(APIView):
    """Import ClaimReview JSON-LD: one object, a list, a `@graph` or a Data Commons DataFeed."""

    action = "create"
    parser_classes = [ORJSONParser, JSONLDParser]
    role_rules = {"create": rules.PUBLISH}

    @extend_schema(
        summary="Import partners' ClaimReview JSON-LD as published, imported verdicts (editors)",
        description=(
            "Each record is imported on its own: a bad one is reported with its position and skipped, the rest "
            "are imported. A record imported before (same `url`) is reported as unchanged. 400 when no record "
            "could be imported."
        ),
        request=OpenApiTypes.OBJECT,
        responses={200: ImportReportSerializer, 400: ImportReportSerializer},
    )
    def post(self, request):
        report = claimreview_import_many(
            document=request.data, user=request.user, source_name=f"API import by {request.user.get_username()}"
        )
        body = {
            "imported": report.count("imported"),
            "unchanged": report.count("unchanged"),
            "failed": len(report.failed),
            "records": [vars(outcome) for outcome in report.records],
        }
        nothing_taken = not report.records or len(report.failed) == len(report.records)
        code = status.HTTP_400_BAD_REQUEST if nothing_taken else status.HTTP_200_OK
        return Response(ImportReportSerializer(body).data, status=code)
