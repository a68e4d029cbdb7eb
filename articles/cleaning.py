"""Turn a raw article file into headline, publication date and the body every annotation anchors to.

Cleaning only removes whole pieces (a date marker, a headline line, boilerplate lines); it never
rewrites the characters of the text it keeps, so quotes, dashes and spaces stay exactly as published.
"""

import datetime as dt
import re
from dataclasses import dataclass

DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
BOILERPLATE_LINES = (
    re.compile(r"^\s*READ MORE\s*:", re.IGNORECASE),
    re.compile(r"^\s*To view this content,? you(?:'|’)ll need to update your privacy settings", re.IGNORECASE),
    re.compile(r"^\s*Please click here to do so\.?\s*$", re.IGNORECASE),
)
HEADLINE_MAX_CHARS = 160
SENTENCE_END = (".", "!", "?", "”", '"', "’", "'", ":")


@dataclass(frozen=True)
class CleanedArticle:
    headline: str
    published: dt.date | None
    body: str


def clean_article(raw: str) -> CleanedArticle:
    """Split a raw article into headline, publication date and cleaned body."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    published, text = _take_date_marker(text)
    text = _drop_boilerplate(text)
    headline, body = _take_headline(text)
    return CleanedArticle(headline=headline, published=published, body=body)


def _take_date_marker(text: str) -> tuple[dt.date | None, str]:
    match = DATE_MARKER.match(text)
    if not match:
        return None, text
    try:
        published = dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None, text
    return published, text[match.end() :]


def _drop_boilerplate(text: str) -> str:
    kept: list[str] = []
    for line in text.split("\n"):
        if any(pattern.match(line) for pattern in BOILERPLATE_LINES):
            # The blank line that separated the dropped paragraph goes with it.
            if kept and not kept[-1].strip():
                kept.pop()
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n ")


def _take_headline(text: str) -> tuple[str, str]:
    """A short first line that does not end a sentence is a headline; otherwise use the lead."""
    first_line, _, rest = text.partition("\n")
    line = first_line.strip()
    if rest.strip() and line and len(line) <= HEADLINE_MAX_CHARS and not line.endswith(SENTENCE_END):
        return line, rest.lstrip("\n")
    return _lead_as_headline(line), text


def _lead_as_headline(first_paragraph: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", first_paragraph, maxsplit=1)[0]
    if len(sentence) <= HEADLINE_MAX_CHARS:
        return sentence
    return sentence[: HEADLINE_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
