"""Offset-preserving views of a body: case-normalised shadow, paragraphs, tokens and sentences.

Every view has exactly the length of the body, so an offset found in a view is an offset in the body.
"""

import re
from collections import Counter

from claims.extraction import lexicon

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\r\u2028\u2029]")
_FIRST_WORD = re.compile(r"[ \t“”\"‘’']*([A-Z][A-Z'’\-]+)\b(?=[ \t]+\S*[a-z])")
_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_TOKEN = re.compile(r"[^\W_](?:[\w'’\-.]*[^\W_])?|\S")
MASK = "~"


class Token:
    """A word, a punctuation mark or a whole (masked) quotation."""

    __slots__ = ("end", "is_cap", "is_word", "low", "quote", "start", "text")

    def __init__(self, text: str, start: int, end: int, quote: int | None = None) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.quote = quote  # index of the quotation this token stands for
        if quote is None:
            # Lower-cased, without a possessive ending; computed once per distinct word because every
            # rule reads it and the same words recur in every article.
            info = _WORD_INFO.get(text)
            if info is None:
                info = _word_info(text)
            self.low, self.is_cap, self.is_word = info
        else:
            self.low, self.is_cap, self.is_word = "", False, False

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start})"


_WORD_INFO: dict[str, tuple[str, bool, bool]] = {}


def _word_info(text: str) -> tuple[str, bool, bool]:
    info = (strip_possessive(text).lower(), text[:1].isupper(), text[:1].isalnum())
    if len(_WORD_INFO) < 200_000:  # bounded: a long run over hostile text must not grow it forever
        _WORD_INFO[text] = info
    return info


def strip_possessive(word: str) -> str:
    """`Okafor’s` -> `Okafor`; `Jones’` -> `Jones`."""
    if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2]
    if len(word) > 2 and word[-1] in "'’":
        return word[:-1]
    return word


def shadow(body: str) -> str:
    """A same-length copy for name detection: no control characters, ALL-CAPS lead words title-cased."""
    text = _CONTROL.sub(" ", body) if _CONTROL.search(body) else body
    if "\t" in text:
        text = text.replace("\t", " ")
    out: list[str] | None = None
    caps: Counter[str] | None = None
    # Only line starts can hold a lead word: test each one instead of scanning every position.
    pos = 0
    while pos != -1 and pos < len(text):
        match = _FIRST_WORD.match(text, pos)
        pos = text.find("\n", pos) + 1 or -1
        if match is None:
            continue
        word = match.group(1)
        if caps is None:
            caps = Counter(_CAPS_WORD.findall(text))
        # An acronym used again elsewhere in capitals (BBC, NHS) is left alone.
        if caps[word] > 1:
            continue
        if out is None:
            out = list(text)
        start = match.start(1)
        out[start + 1 : match.end(1)] = word[1:].lower()
    return "".join(out) if out is not None else text


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated when the text has blank lines, otherwise one per line."""
    spans: list[tuple[int, int]] = []
    if _BLANK_LINE.search(text):
        pos = 0
        for match in _BLANK_LINE.finditer(text):
            spans.append((pos, match.start()))
            pos = match.end()
        spans.append((pos, len(text)))
    else:
        pos = 0
        for line in text.split("\n"):
            spans.append((pos, pos + len(line)))
            pos += len(line) + 1
    result = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            result.append((start, end))
    return result


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each [start, end) range (the inside of a quotation) with MASK characters, newlines too."""
    if not spans:
        return text
    parts = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        parts.append(text[pos:start])
        parts.append(MASK * max(0, end - start))
        pos = max(pos, end)
    parts.append(text[pos:])
    return "".join(parts)


def blank_line_mode(text: str) -> bool:
    """Whether paragraphs are separated by blank lines (single newlines then only wrap lines)."""
    return _BLANK_LINE.search(text) is not None


def tokenize(masked: str, quote_spans: list[tuple[int, int, int]]) -> list[Token]:
    """Tokens of the masked text; each quotation (open, end_exclusive, index) becomes one token."""
    tokens: list[Token] = []
    pos = 0
    finditer = _TOKEN.finditer
    new = object.__new__
    info = _WORD_INFO

    def words(lo: int, hi: int) -> list[Token]:
        # The hottest loop of extraction: Token.__init__'s work inlined, one plain loop per stretch.
        matches = list(finditer(masked, lo, hi))
        out = [new(Token) for _ in matches]
        for tok, match in zip(out, matches, strict=True):
            tok.text = text = match.group()
            tok.start, tok.end = match.span()
            tok.quote = None
            tok.low, tok.is_cap, tok.is_word = info.get(text) or _word_info(text)
        return out

    for open_pos, end, index in sorted(quote_spans):
        if open_pos < pos:
            continue
        tokens += words(pos, open_pos)
        tokens.append(Token(masked[open_pos:end], open_pos, end, index))
        pos = end
    tokens += words(pos, len(masked))
    return tokens


def sentences(body: str, masked: str, tokens: list[Token], blank_line_mode: bool) -> list[tuple[int, int]]:
    """Sentences as (first, last_exclusive) token index ranges."""
    spans: list[tuple[int, int]] = []
    first = 0
    n = len(tokens)
    for i in range(n - 1):
        tok, nxt = tokens[i], tokens[i + 1]
        width = nxt.start - tok.end
        if width == 0:
            continue  # adjacent tokens ("word," / "said:") never straddle a boundary
        if width == 1 and masked[tok.end] == " " and tok.quote is None and tok.text not in ".!?":
            continue  # the common case: one space after an ordinary word
        gap = masked[tok.end : nxt.start]
        newlines = gap.count("\n")
        boundary = False
        if newlines >= 2 or (newlines == 1 and not blank_line_mode):
            boundary = True
        elif newlines == 1:
            boundary = tok.text in ".!?:" or tok.quote is not None or nxt.is_cap or nxt.quote is not None
        elif tok.text in ".!?" and gap:
            prev = tokens[i - 1] if i else None
            abbreviation = (
                prev is not None
                and prev.end == tok.start
                and (prev.low in lexicon.ABBREVIATIONS or (len(prev.text) == 1 and prev.text.isupper()))
            )
            boundary = not abbreviation and (nxt.is_cap or nxt.quote is not None or nxt.text in "(“\"‘'")
        elif tok.quote is not None and gap and (nxt.is_cap or nxt.quote is not None):
            inner = body[tok.start : tok.end].rstrip("”\"’'»› \n")
            boundary = inner.endswith((".", "!", "?"))
        if boundary:
            spans.append((first, i + 1))
            first = i + 1
    if first < n:
        spans.append((first, n))
    return spans
