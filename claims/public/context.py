"""The sentence a quotation sits in, so a reader sees the claim as the article gave it."""

import re
from typing import NamedTuple

# A sentence ends at . ! or ? (optionally followed by a closing quotation mark) before white space.
_SENTENCE_END = re.compile(r"[.!?][\"”’']?(?=\s)")
_CLOSED_QUOTE = re.compile(r"([\"”’']?)(?=\s+[A-Z“\"]|\s*$)")
CONTEXT_LIMIT = 300


class InSentence(NamedTuple):
    """The text before the quotation in its sentence, the quotation itself and the text after it."""

    before: str
    quote: str
    after: str


def sentence_around(body: str, start: int, end: int) -> InSentence:
    """Split the sentence holding body[start:end] around it, each side cut to CONTEXT_LIMIT characters."""
    paragraph_start = body.rfind("\n", 0, start) + 1
    ends_before = [
        match.end() for match in _SENTENCE_END.finditer(body, paragraph_start, max(paragraph_start, start - 1))
    ]
    sentence_start = ends_before[-1] if ends_before else paragraph_start
    paragraph_end = body.find("\n", end)
    paragraph_end = len(body) if paragraph_end == -1 else paragraph_end
    # A quotation ending in its own full stop ends the sentence when a new one starts after its closing mark.
    closing = _CLOSED_QUOTE.match(body, end, paragraph_end) if body[start:end][-1:] in ".!?" else None
    if closing:
        sentence_end = closing.end(1)
    else:
        following = _SENTENCE_END.search(body, end, paragraph_end)
        sentence_end = following.end() if following else paragraph_end
    before = body[sentence_start:start].lstrip()
    after = body[end:sentence_end].rstrip()
    if len(before) > CONTEXT_LIMIT:
        before = "…" + before[-CONTEXT_LIMIT:].lstrip()
    if len(after) > CONTEXT_LIMIT:
        after = after[:CONTEXT_LIMIT].rstrip() + "…"
    return InSentence(before, body[start:end], after)
