"""Turn a raw article file into headline, byline, publication date and the body annotations anchor to.

Cleaning only removes whole pieces (a date marker, a headline line, a byline, boilerplate lines); it never
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
# A closing quotation mark ends a sentence only after a full stop ("… he said “no.”"): a headline may end
# on a quoted phrase (… calls report "recycled nonsense").
SENTENCE_END = re.compile(r"[.!?:][\"'”’]*$")
# "By Helen Marsh, Health Correspondent", "By Special Correspondent": one short line naming the writer.
BYLINE = re.compile(r"^By\s+[A-Z][^\n]{1,100}$")


@dataclass(frozen=True)
class CleanedArticle:
    headline: str
    published: dt.date | None
    body: str
    byline: str = ""


def clean_article(raw: str) -> CleanedArticle:
    """Split a raw article into headline, publication date and cleaned body."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    published, text = _take_date_marker(text)
    text = _drop_boilerplate(text)
    headline, body = _take_headline(text)
    byline, body = _take_byline(body)
    return CleanedArticle(headline=headline, published=published, body=body, byline=byline)


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
    if rest.strip() and line and len(line) <= HEADLINE_MAX_CHARS and not SENTENCE_END.search(line):
        return line, rest.lstrip("\n")
    return _lead_as_headline(line), text


def _take_byline(text: str) -> tuple[str, str]:
    """A first line "By <name>[, <role>]" names the writer, not anyone the article quotes."""
    first_line, _, rest = text.partition("\n")
    line = first_line.strip()
    if rest.strip() and BYLINE.match(line) and not SENTENCE_END.search(line):
        return line.removeprefix("By").strip(), rest.lstrip("\n")
    return "", text


def _lead_as_headline(first_paragraph: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", first_paragraph, maxsplit=1)[0]
    if len(sentence) <= HEADLINE_MAX_CHARS:
        return sentence
    return sentence[: HEADLINE_MAX_CHARS - 1].rsplit(" ", 1)[0] + "…"
