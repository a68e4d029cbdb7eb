"""A claim's recorded history told in words: field labels, names instead of ids, labels instead of codes."""

from collections import defaultdict
from typing import Any

from django.apps import apps
from django.db import models

# Bookkeeping that changes with every edit and says nothing a reviewer needs: the anchor context is
# recomputed from the span, the status timestamps repeat the row's own time.
_QUIET_FIELDS = frozenset({"prefix", "suffix", "status_changed_at", "status_changed_by", "text_hash", "submitted_at"})
_EVENT_WORDS = {"insert": "added", "update": "changed", "delete": "removed"}


def _model(name: str) -> type[models.Model] | None:
    try:
        return apps.get_model("claims", name)
    except LookupError:
        return None


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    for field in model._meta.concrete_fields:
        if key in (field.name, field.attname):
            return field
    return None


def _names(wanted: dict[type[models.Model], set[Any]]) -> dict[tuple[type[models.Model], Any], str]:
    """One query per related model: the display name of every row the history points at."""
    names: dict[tuple[type[models.Model], Any], str] = {}
    for model, ids in wanted.items():
        ids = {pk for pk in ids if isinstance(pk, int)}
        if not ids:
            continue
        if model is apps.get_model("claims", "Claim"):
            rows = model.objects.filter(pk__in=ids).only("pk", "text")
            found = {row.pk: f"#{row.pk} “{row}”" for row in rows}
        elif hasattr(model, "get_username"):
            found = {row.pk: row.get_username() for row in model.objects.filter(pk__in=ids)}
        else:
            found = {row.pk: str(row) for row in model.objects.filter(pk__in=ids)}
        for pk in ids:
            names[(model, pk)] = found.get(pk, f"#{pk} (since removed)")
    return names


def _display(field: models.Field | None, value: Any, names: dict) -> str:
    if value is None or value == "":
        return "—"
    if field is None:
        return str(value)
    if field.is_relation and field.related_model is not None:
        return names.get((field.related_model, value), f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "yes" if value else "no"
    return str(value)


def history_in_words(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each event of `claim_history` as a heading ("Claim #12 changed") and its changes as label, old, new."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for event in events:
        model = _model(event["model"])
        for key, (old, new) in event["changes"].items():
            field = _field(model, key)
            if field is not None and field.is_relation and field.related_model is not None:
                wanted[field.related_model].update((old, new))
    names = _names(wanted)
    told = []
    for event in events:
        model = _model(event["model"])
        noun = str(model._meta.verbose_name).capitalize() if model is not None else event["model"]
        rows = []
        for key, (old, new) in event["changes"].items():
            if key in _QUIET_FIELDS:
                continue
            field = _field(model, key)
            label = str(field.verbose_name).capitalize() if field is not None else key.replace("_", " ").capitalize()
            rows.append({"label": label, "old": _display(field, old, names), "new": _display(field, new, names)})
        transition = event["context"].get("transition")
        told.append(
            {
                "at": event["at"],
                "user": event["user"],
                "title": f"{noun} #{event['object_id']} {_EVENT_WORDS.get(event['event'], event['event'])}",
                "transition": transition.replace("_", " ") if transition else "",
                "event": event["event"],
                "rows": rows,
            }
        )
    return told
