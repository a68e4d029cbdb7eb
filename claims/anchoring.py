"""Anchor claims to article text the W3C way, and find them again when the text changes.

A claim keeps a TextQuoteSelector (its exact text with a prefix and suffix of context) and its position.
On a new version of the article it is placed the way Hypothesis re-anchors annotations: the exact text
first (the best-scoring occurrence when there are several), then the text between its prefix and suffix
near where the diff says the old position went, then an approximate match scored on quote, context and
position. A claim that none of these place with confidence is an orphan: better unplaced than placed on
the wrong words.
"""

import bisect
import difflib
import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

# How much text on each side of a quotation is kept to find it again (TextQuoteSelector prefix/suffix).
CONTEXT_CHARS = 32

# Hypothesis weighs a candidate's quote, prefix, suffix and position like this (match-quote.ts).
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

# Below these a candidate is not the claim's text. Set on the re-anchoring corpus so that nothing lands on
# wrong text: a lost claim costs a reviewer one re-attachment, a misplaced one costs trust.
EXACT_SHORT_CHARS = 20  # an exact quote shorter than this must also have its context
EXACT_MIN_CONTEXT = 0.5
CONTEXT_MIN_QUOTE = 0.75
CONTEXT_MIN_CONTAINED = 0.95  # a shortened quote: what is left must be almost all old words
CONTEXT_MIN_KEPT = 0.4
CONTEXT_MIN_AFFIX = 0.85
APPROXIMATE_MIN_QUOTE = 0.85
APPROXIMATE_MIN_SCORE = 0.8
SEARCH_MARGIN = 2000  # chars either side of the expected position searched for prefix, suffix, quote
BOUNDARY_SLACK = 6  # chars an approximate match's ends may move to fit the quote best

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


class Method:
    EXACT = "exact"
    CONTEXT = "context"
    APPROXIMATE = "approximate"
    ORPHANED = "orphaned"


@dataclass(frozen=True)
class Selector:
    """Where a claim was: its exact text, the context around it and its offsets in the old text."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Placement:
    """Where a claim goes in the new text, how it was found and how sure the match is (0 to 1)."""

    start: int
    end: int
    method: str
    score: float

    @property
    def placed(self) -> bool:
        return self.method != Method.ORPHANED


def quote_context(body: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix of the span body[start:end]."""
    return body[max(0, start - CONTEXT_CHARS) : start], body[end : end + CONTEXT_CHARS]


class PositionMap:
    """Where an offset of the old text went in the new one, from a word-level diff of the two."""

    def __init__(self, old: str, new: str):
        old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
        old_offsets, new_offsets = _offsets(old_tokens), _offsets(new_tokens)
        matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
        # (old char offset, new char offset) at the start of every block of unchanged tokens.
        self._old_starts: list[int] = []
        self._pairs: list[tuple[int, int, int]] = []
        for i, j, size in matcher.get_matching_blocks():
            if size == 0:
                continue
            old_start, new_start = old_offsets[i], new_offsets[j]
            length = old_offsets[i + size] - old_start
            self._old_starts.append(old_start)
            self._pairs.append((old_start, new_start, length))
        self.new_length = len(new)

    def __call__(self, offset: int) -> int:
        index = bisect.bisect_right(self._old_starts, offset) - 1
        if index < 0:
            return min(offset, self.new_length)
        old_start, new_start, length = self._pairs[index]
        return min(new_start + min(offset - old_start, length), self.new_length)


def _offsets(tokens: list[str]) -> list[int]:
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    return offsets


def _similarity(first: str, second: str) -> float:
    if not first and not second:
        return 1.0
    return Indel.normalized_similarity(first, second)


def _context_scores(body: str, start: int, end: int, selector: Selector) -> tuple[float, float]:
    prefix_score = _similarity(selector.prefix, body[max(0, start - len(selector.prefix)) : start])
    suffix_score = _similarity(selector.suffix, body[end : end + len(selector.suffix)])
    return prefix_score, suffix_score


def _score(body: str, start: int, end: int, selector: Selector, hint: int, quote_score: float) -> float:
    prefix_score, suffix_score = _context_scores(body, start, end, selector)
    position_score = 1 - abs(start - hint) / max(len(body), 1)
    raw = (
        QUOTE_WEIGHT * quote_score
        + PREFIX_WEIGHT * prefix_score
        + SUFFIX_WEIGHT * suffix_score
        + POSITION_WEIGHT * position_score
    )
    return raw / TOTAL_WEIGHT


def _occurrences(body: str, text: str) -> list[int]:
    found, at = [], body.find(text)
    while at != -1:
        found.append(at)
        at = body.find(text, at + 1)
    return found


def _place_exact(body: str, selector: Selector, hint: int) -> Placement | None:
    length = len(selector.exact)
    scored = sorted(
        ((_score(body, at, at + length, selector, hint, 1.0), at) for at in _occurrences(body, selector.exact)),
        reverse=True,
    )
    if not scored:
        return None
    best_score, best = scored[0]
    context = sum(_context_scores(body, best, best + length, selector)) / 2
    if len(scored) > 1 and best_score - scored[1][0] < 0.02 and context < 1:
        return None  # two places fit equally well: which one is this claim cannot be told
    if length < EXACT_SHORT_CHARS and context < EXACT_MIN_CONTEXT:
        return None
    return Placement(best, best + length, Method.EXACT, round(best_score, 3))


def _nearest(body: str, needle: str, hint: int, lo: int, hi: int) -> int | None:
    positions = [at for at in _occurrences(body[lo:hi], needle)] if needle else []
    if not positions:
        return None
    return min((lo + at for at in positions), key=lambda at: abs(at - hint))


def _place_between_context(body: str, selector: Selector, hint: int) -> Placement | None:
    """The quote changed but the words around it did not: take what now stands between them."""
    if not selector.prefix or not selector.suffix or len(selector.prefix) + len(selector.suffix) < CONTEXT_CHARS:
        return None  # too little context to tell the claim's place from any other
    lo, hi = max(0, hint - SEARCH_MARGIN), min(len(body), hint + SEARCH_MARGIN + len(selector.exact))
    prefix_at = _nearest(body, selector.prefix, hint - len(selector.prefix), lo, hi)
    if prefix_at is None:
        return None
    start = prefix_at + len(selector.prefix)
    window_end = min(len(body), start + 2 * len(selector.exact) + CONTEXT_CHARS)
    suffix_at = body.find(selector.suffix, start, window_end + len(selector.suffix))
    if suffix_at <= start:
        return None
    candidate = body[start:suffix_at]
    quote_score = _similarity(selector.exact, candidate)
    contained = fuzz.partial_ratio(candidate.casefold(), selector.exact.casefold()) / 100
    shortened = contained >= CONTEXT_MIN_CONTAINED and len(candidate) >= CONTEXT_MIN_KEPT * len(selector.exact)
    if quote_score < CONTEXT_MIN_QUOTE and not shortened:
        return None
    score = _score(body, start, suffix_at, selector, hint, max(quote_score, contained if shortened else 0))
    return Placement(start, suffix_at, Method.CONTEXT, round(score, 3))


def _place_approximately(body: str, selector: Selector, hint: int) -> Placement | None:
    """The best near-match of the quote around the expected position, its ends fitted to the quote."""
    lo = max(0, hint - SEARCH_MARGIN)
    hi = min(len(body), hint + SEARCH_MARGIN + len(selector.exact))
    alignment = fuzz.partial_ratio_alignment(selector.exact, body[lo:hi])
    if alignment is None or alignment.score / 100 < APPROXIMATE_MIN_QUOTE:
        return None
    best: tuple[float, int, int] | None = None
    first, last = lo + alignment.dest_start, lo + alignment.dest_end
    for start in range(max(0, first - BOUNDARY_SLACK), min(len(body), first + BOUNDARY_SLACK) + 1):
        for end in range(max(start + 1, last - BOUNDARY_SLACK), min(len(body), last + BOUNDARY_SLACK) + 1):
            fit = _similarity(selector.exact, body[start:end])
            # Ties go to the span with ends on word boundaries, then the shorter one.
            key = (fit, _on_boundaries(body, start, end), -(end - start))
            if best is None or key > best[0]:
                best = (key, start, end)
    (quote_score, _, _), start, end = best
    if quote_score < APPROXIMATE_MIN_QUOTE:
        return None
    score = _score(body, start, end, selector, hint, quote_score)
    if score < APPROXIMATE_MIN_SCORE:
        return None
    return Placement(start, end, Method.APPROXIMATE, round(score, 3))


def _on_boundaries(body: str, start: int, end: int) -> bool:
    before = body[start - 1] if start > 0 else " "
    after = body[end] if end < len(body) else " "
    return not (before.isalnum() and body[start].isalnum()) and not (after.isalnum() and body[end - 1].isalnum())


def place(selector: Selector, body: str, *, hint: int) -> Placement:
    """Where the claim described by `selector` stands in `body`; `hint` is where its start is expected."""
    for strategy in (_place_exact, _place_between_context, _place_approximately):
        placement = strategy(body, selector, hint)
        if placement is not None:
            return placement
    return Placement(selector.start, selector.end, Method.ORPHANED, 0.0)
