"""Small JSON endpoints the workbench script calls to correct the selected claim and its links in place.

Each parses a form, hands the values to one editing service and answers with what changed, or with an
HTTP 4xx and field-level messages: 400 for bad input, 403 for a role that may not, 409 for a claim whose
state forbids the change. The admin wraps every view in its sign-in and CSRF checks; the caller has
already made sure the claim or link belongs to the article.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import JsonResponse

from claims.choices import SpeakerKind
from claims.exceptions import ClaimtrackError
from claims.models import Claim, ClaimRelation
from claims.services import editing
from claims.services.speakers import speaker_create

from .forms import ClaimEditForm, RelationRetypeForm

REFUSALS = (ClaimtrackError, ValidationError)


def refusal_json(error: Exception) -> JsonResponse:
    """A service's refusal as JSON: field messages where it names fields, the HTTP status its kind implies."""
    if isinstance(error, ClaimtrackError):
        return JsonResponse({"errors": {"__all__": [error.message]}}, status=error.status_code)
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return JsonResponse({"errors": error.message_dict}, status=400)
    return JsonResponse({"errors": {"__all__": list(error.messages)}}, status=400)


def form_errors_json(form) -> JsonResponse:
    """A bound form's errors, field by field."""
    return JsonResponse({"errors": {field: list(messages) for field, messages in form.errors.items()}}, status=400)


def _claim_json(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.pk,
        "speaker": claim.speaker.name if claim.speaker_id else None,
        "kind": claim.kind,
        "claim_type": claim.claim_type,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
    }


def claim_edit(request, *, claim: Claim) -> JsonResponse:
    """Change the fields the request sends (speaker or a new one, kind, type, span) through claim_update."""
    form = ClaimEditForm(request.POST)
    if not form.is_valid():
        return form_errors_json(form)
    changes = form.changes()
    new_name = form.cleaned_data["new_speaker_name"].strip()
    if not changes and not new_name:
        return JsonResponse({"errors": {"__all__": ["Nothing to change."]}}, status=400)
    try:
        # A new speaker and the claim that names it are saved together or not at all.
        with transaction.atomic():
            if new_name:
                changes["speaker"] = speaker_create(
                    name=new_name,
                    kind=form.cleaned_data["new_speaker_kind"] or SpeakerKind.PERSON,
                    user=request.user,
                )
            claim = editing.claim_update(claim=claim, user=request.user, **changes)
    except REFUSALS as error:
        return refusal_json(error)
    return JsonResponse({"claim": _claim_json(claim)})


def relation_retype(request, *, relation: ClaimRelation) -> JsonResponse:
    """Give a link another type through claim_relation_update."""
    form = RelationRetypeForm(request.POST)
    if not form.is_valid():
        return form_errors_json(form)
    try:
        relation = editing.claim_relation_update(
            relation=relation, user=request.user, relation_type=form.cleaned_data["relation_type"]
        )
    except REFUSALS as error:
        return refusal_json(error)
    return JsonResponse({"relation": {"id": relation.pk, "relation_type": relation.relation_type}})


def relation_remove(request, *, relation: ClaimRelation) -> JsonResponse:
    """Remove a link through claim_relation_delete."""
    try:
        editing.claim_relation_delete(relation=relation, user=request.user)
    except REFUSALS as error:
        return refusal_json(error)
    return JsonResponse({"removed": relation.pk})
