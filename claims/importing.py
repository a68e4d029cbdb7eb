"""Read article files (plain text, or JSON lines) into ingest requests, refusing bad input with a reason."""

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

PLAIN_SUFFIXES = {".txt", ".text", ""}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
JSON_FIELDS = {"headline", "url", "outlet", "published", "body", "byline", "language"}


class ImportFileError(Exception):
    """A file that cannot be imported; the message is the one-line reason shown to the user."""


@dataclass(frozen=True)
class ArticleInput:
    raw: str
    fields: dict = field(default_factory=dict)


def collect_files(paths: list[str]) -> list[Path]:
    """The article files named, with folders expanded to the importable files inside them."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in PLAIN_SUFFIXES | JSON_LINES_SUFFIXES
                    and not p.name.startswith(".")
                )
            )
        else:
            files.append(path)
    return files


def read_article_file(path: Path) -> list[ArticleInput]:
    """Every article in one file, or ImportFileError with the reason it cannot be imported."""
    if not path.exists():
        raise ImportFileError("no such file")
    is_json_lines = path.suffix.lower() in JSON_LINES_SUFFIXES
    limit = settings.IMPORT_FILE_MAX_BYTES if is_json_lines else settings.ARTICLE_MAX_BYTES
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError("empty file")
    if size > limit:
        raise ImportFileError(f"file is {size} bytes, over the limit of {limit} bytes")
    data = path.read_bytes()
    if b"\x00" in data:
        raise ImportFileError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"not UTF-8 text (invalid byte at offset {error.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ImportFileError("file has no text")
    return list(_json_lines(text)) if is_json_lines else [ArticleInput(raw=text)]


def _json_lines(text: str) -> Iterator[ArticleInput]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ImportFileError(f"line {number}: malformed JSON ({error.msg})") from None
        yield _article_from_record(record, number)


def _article_from_record(record, number: int) -> ArticleInput:
    if not isinstance(record, dict):
        raise ImportFileError(f"line {number}: expected a JSON object")
    unknown = set(record) - JSON_FIELDS
    if unknown:
        raise ImportFileError(f"line {number}: unknown field(s) {', '.join(sorted(unknown))}")
    body = record.get("body")
    if not isinstance(body, str) or not body.strip():
        raise ImportFileError(f"line {number}: 'body' must be non-empty text")
    fields = {}
    for key, target in (
        ("headline", "headline"),
        ("url", "url"),
        ("outlet", "outlet_name"),
        ("byline", "byline"),
        ("language", "language"),
    ):
        value = record.get(key)
        if value is not None:
            if not isinstance(value, str):
                raise ImportFileError(f"line {number}: '{key}' must be text")
            fields[target] = value
    if record.get("published"):
        try:
            fields["published"] = dt.date.fromisoformat(str(record["published"])[:10])
        except ValueError:
            raise ImportFileError(f"line {number}: 'published' must be a date (YYYY-MM-DD)") from None
    return ArticleInput(raw=body, fields=fields)
