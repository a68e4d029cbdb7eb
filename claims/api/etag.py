"""Optimistic concurrency: representations carry a strong ETag, writes must send it back in If-Match.

The version is a digest of the whole row as PostgreSQL holds it, so it changes with every change of any
column however it is made (service, bulk update, raw SQL): no write can slip past the check.
"""

from django.db import models
from django.db.models.expressions import RawSQL

from claims.api.exceptions import PreconditionFailed, PreconditionRequired


def with_row_version(queryset: models.QuerySet) -> models.QuerySet:
    """Annotate each row with its version (`row_version`)."""
    table = queryset.model._meta.db_table
    return queryset.annotate(row_version=RawSQL(f'left(md5(("{table}".*)::text), 20)', ()))


def etag_for(instance: models.Model) -> str:
    return f'"{instance._meta.model_name}-{instance.pk}-{instance.row_version}"'


def if_match_check(request, instance: models.Model) -> None:
    """Refuse a write without If-Match (428) or with a stale one (412). Call with the row locked."""
    header = request.headers.get("If-Match")
    if not header:
        raise PreconditionRequired()
    current = etag_for(instance)
    candidates = {tag.strip() for tag in header.split(",")}
    # A weak tag never matches under strong comparison; "*" means "whatever is there".
    if "*" not in candidates and current not in candidates:
        raise PreconditionFailed()


def locked(queryset: models.QuerySet, pk) -> models.Model:
    """The row, locked until the end of the transaction, with its current version."""
    return with_row_version(queryset.select_for_update(of=("self",))).get(pk=pk)
