"""Annotators' writes: claims, the links between them, sources, citations and discussion notes.

Every function checks the user's role in `claims.permissions`, validates before saving, runs in one
transaction and tags the history rows it writes with the acting user. None of them changes a claim's
status: that belongs to `claims.workflow`.
"""

from __future__ import annotations

from typing import Any

import pghistory
from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import Article
from claims import permissions
from claims.anchoring import quote_context
from claims.choices import ClaimKind, ClaimOrigin, ClaimStatus, ClaimType, RelationType, Stance, WebhookEvent
from claims.exceptions import StillInUse, TransitionNotAllowed
from claims.models import Citation, Claim, ClaimRelation, Note, Source, Speaker
from claims.services.fields import changeable_fields_check
from claims.services.matching import claim_matches_schedule
from claims.services.webhooks import webhook_event_emit
from claims.webhooks.payloads import claim_payload

# Once a verdict is written, the words it judges must not change under it.
_FROZEN_STATUSES = (ClaimStatus.REVIEWED, ClaimStatus.PUBLISHED)
_CLAIM_FIELDS = frozenset({"start", "end", "speaker", "kind", "claim_type", "direct"})
# A claim that has been taken into review carries work (verdicts) that deleting it would throw away.
_DELETABLE_STATUSES = (ClaimStatus.PROPOSED, ClaimStatus.REJECTED, ClaimStatus.ACCEPTED)
# What matching compares: the words, and whether two claims have the same speaker.
_MATCHED_FIELDS = frozenset({"text", "speaker"})
_RELATION_FIELDS = frozenset({"relation_type", "note"})
_CITATION_FIELDS = frozenset({"stance", "excerpt"})
_SOURCE_FIELDS = frozenset({"title", "source_type", "url", "publisher", "published", "archived_url", "notes"})


def claim_span(article: Article, start: Any, end: Any) -> dict[str, Any]:
    """Text, prefix and suffix of a span of `article.body`, or a ValidationError saying what is wrong."""
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise ValidationError({"start": ["Start and end must be whole numbers."]})
    length = len(article.body)
    if not 0 <= start < end <= length:
        raise ValidationError({"end": [f"The span must satisfy 0 ≤ start < end ≤ {length} (the body's length)."]})
    text = article.body[start:end]
    if not text.strip():
        raise ValidationError({"start": ["The span covers only whitespace."]})
    prefix, suffix = quote_context(article.body, start, end)
    return {"start": start, "end": end, "text": text, "prefix": prefix, "suffix": suffix}


def _check_choice(field: str, value: Any, choices: type) -> None:
    if value not in choices.values:
        raise ValidationError({field: [f"Choose one of {', '.join(choices.values)}."]})


def _check_speaker(speaker: Any) -> None:
    if speaker is not None and not isinstance(speaker, Speaker):
        raise ValidationError({"speaker": ["Choose a speaker."]})


def claim_span_free_check(article: Article, start: int, end: int, *, exclude: int | None = None) -> None:
    taken = Claim.objects.filter(article=article, start=start, end=end, orphaned_at__isnull=True).exclude(pk=exclude)
    if taken.exists():
        raise ValidationError({"start": ["Another claim already covers exactly this span."]})


def claim_create(
    *,
    article: Article,
    start: int,
    end: int,
    user: Any,
    speaker: Speaker | None = None,
    kind: str = ClaimKind.CLAIM,
    claim_type: str = ClaimType.OTHER,
    direct: bool = True,
    origin: str = ClaimOrigin.MANUAL,
) -> Claim:
    """Mark a span of an article as a claim; it starts as a proposal like any extracted one."""
    permissions.require(user, permissions.EDIT_CLAIM)
    span = claim_span(article, start, end)
    _check_choice("kind", kind, ClaimKind)
    _check_choice("claim_type", claim_type, ClaimType)
    _check_choice("origin", origin, ClaimOrigin)
    _check_speaker(speaker)
    with transaction.atomic(), pghistory.context(user=user.pk):
        claim_span_free_check(article, start, end)
        claim = Claim.objects.create(
            article=article,
            speaker=speaker,
            kind=kind,
            claim_type=claim_type,
            direct=bool(direct),
            origin=origin,
            created_by=user,
            **span,
        )
        claim_matches_schedule(claim_ids=[claim.pk])
    return claim


def claim_update(*, claim: Claim, user: Any, **changes: Any) -> Claim:
    """Correct a claim's span (`start`/`end`), speaker, kind, type or directness."""
    permissions.require(user, permissions.EDIT_CLAIM)
    changeable_fields_check(changes, _CLAIM_FIELDS)
    if "kind" in changes:
        _check_choice("kind", changes["kind"], ClaimKind)
    if "claim_type" in changes:
        _check_choice("claim_type", changes["claim_type"], ClaimType)
    if "speaker" in changes:
        _check_speaker(changes["speaker"])
    with transaction.atomic(), pghistory.context(user=user.pk):
        locked = (
            Claim.objects.select_for_update(of=("self",))
            .select_related("article", "speaker", "assignee", "status_changed_by")
            .get(pk=claim.pk)
        )
        if locked.status in _FROZEN_STATUSES:
            raise TransitionNotAllowed(
                f"The claim is {locked.get_status_display().lower()}: change it through a corrected verdict."
            )
        if "start" in changes or "end" in changes:
            span = claim_span(locked.article, changes.pop("start", locked.start), changes.pop("end", locked.end))
            claim_span_free_check(locked.article, span["start"], span["end"], exclude=locked.pk)
            changes.update(span)
        changed = sorted(field for field, value in changes.items() if getattr(locked, field) != value)
        if not changed:
            return locked
        for field in changed:
            setattr(locked, field, changes[field])
        locked.save(update_fields=[*changed, "updated_at"])
        _announce(locked, changed)
        if _MATCHED_FIELDS.intersection(changed):
            claim_matches_schedule(claim_ids=[locked.pk])
    return locked


def claim_delete(*, claim: Claim, user: Any) -> None:
    """Remove a claim that was never taken into review, with its links and citations (history stays)."""
    permissions.require(user, permissions.DELETE)
    with transaction.atomic(), pghistory.context(user=user.pk):
        locked = Claim.objects.select_for_update(of=("self",)).select_related("speaker").filter(pk=claim.pk).first()
        if locked is None:
            return
        if locked.status not in _DELETABLE_STATUSES or locked.reviews.exists():
            raise StillInUse(
                f"The claim is {locked.get_status_display().lower()} and has review work attached; "
                "reject it instead of deleting it."
            )
        payload = {"claim": claim_payload(locked)}
        locked.delete()
        webhook_event_emit(event=WebhookEvent.CLAIM_DELETED, payload=payload)


def _announce(claim: Claim, changed: list[str]) -> None:
    webhook_event_emit(event=WebhookEvent.CLAIM_UPDATED, payload={"claim": claim_payload(claim), "changed": changed})


def _claim_for_announcement(pk: int) -> Claim:
    return Claim.objects.select_related("speaker", "assignee", "status_changed_by").get(pk=pk)


def claim_relation_create(
    *, source: Claim, target: Claim, relation_type: str, user: Any, note: str = ""
) -> ClaimRelation:
    """Link two claims: `source` rebuts, denies, supports, clarifies, ... `target`."""
    permissions.require(user, permissions.LINK)
    _check_choice("relation_type", relation_type, RelationType)
    if source.pk == target.pk:
        raise ValidationError({"target": ["A claim cannot be linked to itself."]})
    with transaction.atomic(), pghistory.context(user=user.pk):
        if ClaimRelation.objects.filter(source=source, target=target, relation_type=relation_type).exists():
            raise ValidationError({"relation_type": ["These two claims are already linked this way."]})
        relation = ClaimRelation.objects.create(
            source=source, target=target, relation_type=relation_type, note=note.strip(), created_by=user
        )
        _announce(_claim_for_announcement(target.pk), ["relations"])
    return relation


# The name the workflow speaks of: a response is linked to the claim it answers.
claim_link_response = claim_relation_create


def claim_relation_delete(*, relation: ClaimRelation, user: Any) -> None:
    """Remove a link between two claims (its history stays)."""
    permissions.require(user, permissions.LINK)
    with transaction.atomic(), pghistory.context(user=user.pk):
        deleted, _ = ClaimRelation.objects.filter(pk=relation.pk).delete()
        if deleted:
            _announce(_claim_for_announcement(relation.target_id), ["relations"])


def claim_relation_update(*, relation: ClaimRelation, user: Any, **changes: Any) -> ClaimRelation:
    """Change how one claim relates to another (its type) or the note explaining it."""
    permissions.require(user, permissions.LINK)
    changeable_fields_check(changes, _RELATION_FIELDS)
    if "relation_type" in changes:
        _check_choice("relation_type", changes["relation_type"], RelationType)
    with transaction.atomic(), pghistory.context(user=user.pk):
        locked = ClaimRelation.objects.select_for_update().get(pk=relation.pk)
        new_type = changes.get("relation_type", locked.relation_type)
        duplicate = ClaimRelation.objects.filter(
            source_id=locked.source_id, target_id=locked.target_id, relation_type=new_type
        ).exclude(pk=locked.pk)
        if duplicate.exists():
            raise ValidationError({"relation_type": ["These two claims are already linked this way."]})
        locked.relation_type = new_type
        locked.note = str(changes.get("note", locked.note)).strip()
        locked.save(update_fields=["relation_type", "note"])
        _announce(_claim_for_announcement(locked.target_id), ["relations"])
    return locked


def _clean_source(source: Source) -> None:
    try:
        source.full_clean(exclude=["id"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None


def source_create(*, user: Any, **fields: Any) -> Source:
    """Record a piece of evidence (official record, dataset, document, article, post, broadcast)."""
    permissions.require(user, permissions.LINK)
    changeable_fields_check(fields, _SOURCE_FIELDS)
    source = Source(**fields)
    _clean_source(source)
    with transaction.atomic(), pghistory.context(user=user.pk):
        source.save()
    return source


def source_update(*, source: Source, user: Any, **changes: Any) -> Source:
    """Correct a source's description."""
    permissions.require(user, permissions.LINK)
    changeable_fields_check(changes, _SOURCE_FIELDS)
    with transaction.atomic(), pghistory.context(user=user.pk):
        locked = Source.objects.select_for_update().get(pk=source.pk)
        for field, value in changes.items():
            setattr(locked, field, value)
        _clean_source(locked)
        locked.save()
    return locked


def source_delete(*, source: Source, user: Any) -> None:
    """Remove a source that no claim cites any more."""
    permissions.require(user, permissions.DELETE)
    with transaction.atomic(), pghistory.context(user=user.pk):
        locked = Source.objects.select_for_update().filter(pk=source.pk).first()
        if locked is None:
            return
        cited = locked.citations.count()
        if cited:
            raise StillInUse(f"This source is cited by {cited} claim(s); remove those citations first.")
        locked.delete()


def citation_create(*, claim: Claim, source: Source, stance: str, user: Any, excerpt: str = "") -> Citation:
    """Cite a source for or against a claim, with the excerpt that matters."""
    permissions.require(user, permissions.LINK)
    _check_choice("stance", stance, Stance)
    with transaction.atomic(), pghistory.context(user=user.pk):
        if Citation.objects.filter(claim=claim, source=source, stance=stance).exists():
            raise ValidationError({"source": ["This source is already cited with this stance."]})
        citation = Citation.objects.create(
            claim=claim, source=source, stance=stance, excerpt=excerpt.strip(), created_by=user
        )
        _announce(_claim_for_announcement(claim.pk), ["citations"])
    return citation


def citation_update(*, citation: Citation, user: Any, **changes: Any) -> Citation:
    """Change a citation's stance or the excerpt that matters."""
    permissions.require(user, permissions.LINK)
    changeable_fields_check(changes, _CITATION_FIELDS)
    if "stance" in changes:
        _check_choice("stance", changes["stance"], Stance)
    with transaction.atomic(), pghistory.context(user=user.pk):
        locked = Citation.objects.select_for_update().get(pk=citation.pk)
        new_stance = changes.get("stance", locked.stance)
        duplicate = Citation.objects.filter(claim_id=locked.claim_id, source_id=locked.source_id, stance=new_stance)
        if duplicate.exclude(pk=locked.pk).exists():
            raise ValidationError({"stance": ["This source is already cited with this stance."]})
        locked.stance = new_stance
        locked.excerpt = str(changes.get("excerpt", locked.excerpt)).strip()
        locked.save(update_fields=["stance", "excerpt"])
        _announce(_claim_for_announcement(locked.claim_id), ["citations"])
    return locked


def citation_delete(*, citation: Citation, user: Any) -> None:
    """Remove a citation (its history stays)."""
    permissions.require(user, permissions.LINK)
    with transaction.atomic(), pghistory.context(user=user.pk):
        deleted, _ = Citation.objects.filter(pk=citation.pk).delete()
        if deleted:
            _announce(_claim_for_announcement(citation.claim_id), ["citations"])


def note_create(*, claim: Claim, user: Any, body: str) -> Note:
    """Add a message to a claim's discussion thread."""
    permissions.require(user, permissions.NOTE)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": ["Write something."]})
    with transaction.atomic(), pghistory.context(user=user.pk):
        return Note.objects.create(claim=claim, author=user, body=body)
