"""Find quotations: curly or straight, double or single, re-opened across paragraphs, or left unclosed."""

import bisect
import re
from typing import NamedTuple

_DOUBLE_MARKS = '“”„«»"'
_SINGLE_MARKS = "‘’‚‹›'"
_DOUBLE = re.compile(f"[{_DOUBLE_MARKS}]")
_OPENERS_AFTER = set("([{—–-/“\"‘'«\u00a0")
_CLOSERS_BEFORE = set(".,;:!?)]}—–-”\"’'»…")
_TRAILING = " \t\n\u00a0,;:–—-"
MAX_UNCLOSED = 600


class QuoteSpan(NamedTuple):
    """A quotation: positions of its marks and of the quoted text (a tuple: cheap to build)."""

    open: int  # index of the opening mark
    close: int  # index of the closing mark, or the paragraph end when unclosed
    start: int  # quoted text: body[start:end]
    end: int
    closed: bool
    single: bool
    paragraphs: int  # how many paragraphs it runs over

    @property
    def region_end(self) -> int:
        """Exclusive end of the quotation including its closing mark."""
        return self.close + 1 if self.closed else self.close


def _text_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\u00a0":
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _starts_with_opener(text: str, start: int, end: int, marks: str) -> int | None:
    """Index of an opening mark at the start of a paragraph, if any."""
    pos = start
    while pos < end and text[pos] in " \t\u00a0":
        pos += 1
    if pos < end and text[pos] in marks:
        return pos
    return None


def _double_role(text: str, i: int, start: int, end: int, inside: bool) -> str:
    """'open', 'close' or 'skip' for a double mark at i given whether a quotation is open."""
    char = text[i]
    if char in "“„«":
        return "open"
    if char in "”»":
        return "close" if inside else "skip"
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    opener = prev.isspace() or prev in _OPENERS_AFTER
    closer = nxt.isspace() or nxt in _CLOSERS_BEFORE
    if inside:
        return "open" if opener and not closer and prev.isspace() else "close"
    return "skip" if closer and not opener else "open"


def _single_role(text: str, i: int, start: int, end: int) -> str:
    char = text[i]
    prev = text[i - 1] if i > start else " "
    nxt = text[i + 1] if i + 1 < end else " "
    if char in "‘‚‹'" and (prev.isspace() or prev in _OPENERS_AFTER) and nxt.isalnum():
        return "open"
    if char in "’›'" and not prev.isspace() and (nxt.isspace() or nxt in _CLOSERS_BEFORE):
        return "close"
    return "skip"


def _mark_positions(text: str, marks: str) -> list[int]:
    """Sorted positions of any of the mark characters: one str.find run per character, which is much
    faster than a regular-expression scan for a class of non-ASCII characters."""
    found: list[int] = []
    find = text.find
    for mark in marks:
        i = find(mark)
        while i != -1:
            found.append(i)
            i = find(mark, i + 1)
    found.sort()
    return found


def _scan(text, paras, marks, role_of, openers, single):
    """Pair marks paragraph by paragraph, carrying a quotation over when the next paragraph re-opens."""
    found: list[QuoteSpan] = []
    # One scan of the whole text; each paragraph takes its share (paragraph gaps hold no marks).
    all_marks = _mark_positions(text, marks)
    if not all_marks:
        return found
    open_pos: int | None = None
    span_paras = 0
    lo = 0
    for k, (p_start, p_end) in enumerate(paras):
        pos = p_start
        if open_pos is not None:
            # British style: a re-opening mark at the start of this paragraph continues the quotation.
            pos = _starts_with_opener(text, p_start, p_end, openers) + 1
            span_paras += 1
        lo = bisect.bisect_left(all_marks, pos, lo)
        hi = bisect.bisect_left(all_marks, p_end, lo)
        if lo == hi and open_pos is None:
            continue
        marks = all_marks[lo:hi]
        lo = hi
        for j, i in enumerate(marks):
            role = role_of(text, i, p_start, p_end, open_pos is not None)
            if role == "open":
                if open_pos is None or span_paras == 1:
                    open_pos, span_paras = i, 1
            elif role == "close" and open_pos is not None:
                if (
                    single
                    and _possessive(text, i, p_end)
                    and any(role_of(text, m, p_start, p_end, True) == "close" for m in marks[j + 1 :])
                ):
                    continue
                s, e = _text_span(text, open_pos + 1, i)
                found.append(QuoteSpan(open_pos, i, s, e, True, single, span_paras))
                open_pos = None
        if open_pos is None:
            continue
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        if nxt is not None and _starts_with_opener(text, nxt[0], nxt[1], openers) is not None:
            continue
        if not single and p_end - open_pos <= MAX_UNCLOSED * span_paras:
            s, e = _text_span(text, open_pos + 1, p_end)
            found.append(QuoteSpan(open_pos, p_end, s, e, False, single, span_paras))
        open_pos = None
    return found


def _possessive(text: str, i: int, end: int) -> bool:
    """`players’ union`: an apostrophe after a plural -s followed by a lower-case word."""
    return text[i - 1] in "sS" and i + 2 < end and text[i + 1] == " " and text[i + 2].islower()


def _single_role_adapter(text, i, start, end, inside):
    role = _single_role(text, i, start, end)
    if role == "open" and inside:
        return "skip"
    return role


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[QuoteSpan]:
    """All top-level quotations in text (single quotes nested in double ones are part of them)."""
    doubles = _scan(text, paras, _DOUBLE_MARKS, _double_role, '“„«"', single=False)
    singles = _scan(text, paras, _SINGLE_MARKS, _single_role_adapter, "‘'", single=True)
    spans = doubles + singles
    spans.sort(key=lambda q: (q.open, -q.region_end))
    kept: list[QuoteSpan] = []
    for q in spans:
        if q.single and _DOUBLE.search(text, q.open, q.region_end):
            continue  # a mis-paired apostrophe would otherwise swallow real quotations
        if q.end <= q.start or not (
            text[q.start].isalpha() or any(c.isalpha() for c in text[q.start : min(q.end, q.start + 200)])
        ):
            continue
        # Inside (or overlapping) a quotation already kept: it is nested or a stray mark.
        if kept and q.open < kept[-1].region_end:
            continue
        kept.append(q)
    return kept


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# A _TITLE_WORD of four or more characters that starts with a lower-case letter.
_LOWER_LONG_WORD = re.compile(r"(?<![\w'’\-])[a-z][\w'’\-]{3}")


def looks_like_title(quoted: str) -> bool:
    """Several words, every long one capitalised, no sentence punctuation: a title or a name."""
    if len(quoted) > 160 or quoted.rstrip().endswith((".", "!", "?")):
        return False  # longer than any twelve-word title, or a sentence
    if _LOWER_LONG_WORD.search(quoted):
        return False  # a long word in lower case: one search rules most quotations out
    words = _TITLE_WORD.findall(quoted)
    if len(words) < 2 or len(words) > 12:
        return False
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and all(w[0].isupper() for w in long_words)
