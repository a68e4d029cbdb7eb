"""Small helpers shared by the extraction tests."""

from pathlib import Path

from claims.extraction import Extraction, ProposedStatement, extract

ARTICLES = Path(__file__).parent / "articles"


def load(name: str) -> tuple[str, Extraction]:
    """Extract a test article; returns its body and the extraction."""
    body = (ARTICLES / name).read_text(encoding="utf-8")
    return body, extract(body)


def statement(extraction: Extraction, text: str) -> ProposedStatement:
    """The one statement whose text starts with `text`."""
    found = [s for s in extraction.statements if s.text.startswith(text)]
    assert len(found) == 1, f"{text!r}: {[s.text for s in extraction.statements]}"
    return found[0]


def speaker_of(extraction: Extraction, text: str) -> str | None:
    """Name of the speaker of the statement starting with `text`."""
    index = statement(extraction, text).speaker
    return extraction.speakers[index].name if index is not None else None


def texts(extraction: Extraction) -> list[str]:
    """All statement texts, in order."""
    return [s.text for s in extraction.statements]
