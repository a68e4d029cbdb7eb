"""Read article files (plain text, or JSON lines) into ingest requests, refusing bad input with a reason.

A JSON-lines file is read one line at a time, so a file of any size is imported in bounded memory; a bad
line is reported with its number and does not stop the lines after it.
"""

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

PLAIN_SUFFIXES = {".txt", ".text", ""}
JSON_LINES_SUFFIXES = {".jsonl", ".ndjson"}
JSON_FIELDS = {"headline", "url", "outlet", "published", "body", "byline", "language"}
BINARY_FILE = "binary file (contains NUL bytes), not text"
# A line holds one article's body (at most ARTICLE_MAX_BYTES) escaped as JSON, plus its other fields.
JSON_ESCAPE_ALLOWANCE = 2


class ImportFileError(Exception):
    """A file (or one line of it) that cannot be imported; the message is the one-line reason shown."""


@dataclass(frozen=True)
class ArticleInput:
    raw: str
    fields: dict = field(default_factory=dict)


@dataclass(frozen=True)
class FileItem:
    """One article of a file, or the reason it cannot be read; `line` is None for a plain-text file."""

    line: int | None
    article: ArticleInput | None = None
    error: str = ""


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


def is_json_lines(path: Path) -> bool:
    return path.suffix.lower() in JSON_LINES_SUFFIXES


def read_article_file(path: Path) -> Iterator[FileItem]:
    """Every article in one file, in order, each with its line number (JSON lines) or its reason.

    ImportFileError (raised before the first item) when the file as a whole cannot be imported.
    """
    if not path.exists():
        raise ImportFileError("no such file")
    size = path.stat().st_size
    if size == 0:
        raise ImportFileError("empty file")
    if is_json_lines(path):
        return _json_lines(path)
    return iter([_plain_text(path, size)])


def _plain_text(path: Path, size: int) -> FileItem:
    limit = settings.ARTICLE_MAX_BYTES
    if size > limit:
        raise ImportFileError(f"file is {size} bytes, over the limit of {limit} bytes")
    text = _decode(path.read_bytes(), where="")
    if not text.strip():
        raise ImportFileError("file has no text")
    return FileItem(line=None, article=ArticleInput(raw=text))


def _decode(data: bytes, *, where: str) -> str:
    if b"\x00" in data:
        raise ImportFileError(f"{where}binary data (contains NUL bytes), not text" if where else BINARY_FILE)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{where}not UTF-8 text (invalid byte at offset {error.start})") from None
    return text[1:] if text.startswith("\ufeff") else text


def _json_lines(path: Path) -> Iterator[FileItem]:
    limit = settings.ARTICLE_MAX_BYTES * JSON_ESCAPE_ALLOWANCE
    seen_text = False
    with path.open("rb") as stream:
        number = 0
        while True:
            data = stream.readline(limit + 1)
            if not data:
                break
            number += 1
            if len(data) > limit and not data.endswith(b"\n"):
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass  # skip the rest of the over-long line without holding it
                yield FileItem(line=number, error=f"line {number}: over the limit of {limit} bytes")
                seen_text = True
                continue
            try:
                line = _decode(data, where=f"line {number}: ")
                if not line.strip():
                    continue
                seen_text = True
                yield FileItem(line=number, article=_article_from_line(line, number))
            except ImportFileError as error:
                seen_text = True
                yield FileItem(line=number, error=str(error))
    if not seen_text:
        yield FileItem(line=None, error="file has no text")


def _article_from_line(line: str, number: int) -> ArticleInput:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"line {number}: malformed JSON ({error.msg})") from None
    return _article_from_record(record, number)


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
