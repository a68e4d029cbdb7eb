"""Link each response to the claims it answers in the same article.

A response answers accusations by other speakers. Consecutive statements of one speaker form a thread;
the response is linked to the accusations of the thread(s) whose wording it shares most, weighting
words by how rare they are in the article (so the story's common topic does not link everything).
"""

import math
import re
from dataclasses import dataclass

from claims.extraction import lexicon
from claims.extraction.lexicon import words

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ants", "ant", "ings", "ing", "ions", "ion", "ed", "es", "s", "ly")
# Verbs that only report speech; other speech verbs ("denied", "alleged") say what the statement is about.
_REPORTING = words(
    "said says say saying told tells tell telling added adds adding wrote writes write writing explained "
    "stated continued spoke speaking"
)
MIN_SCORE = 1.0
NEAR_BEST = 0.75
MAX_CANDIDATES = 200


@dataclass
class LinkInput:
    """What linking needs to know about one statement."""

    speaker: int | None
    kind: str
    claim_type: str
    relation: str | None
    words: str  # the statement and the words of its sentence outside the quotation
    speaker_names: tuple[str, ...] = ()


def stems(text: str) -> set[str]:
    """Lower-case content-word stems; capitalised names are left out (they say who, not what)."""
    found = set()
    for i, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        if word[0].isupper() and i and not _sentence_initial(text, match.start()):
            continue
        stem = _STEMS.get(word)
        if stem is None:
            stem = _stem(word)
            if len(_STEMS) < 100_000:
                _STEMS[word] = stem
        if stem:
            found.add(stem)
    return found


_STEMS: dict[str, str] = {}


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether the word at pos opens a sentence (so its capital says nothing about it being a name)."""
    k = pos - 1
    while k >= 0 and text[k] in " \t\n“”\"‘’'":
        k -= 1
    return k < 0 or text[k] in ".!?:"


def _stem(word: str) -> str:
    """Crude stem: drop one common suffix, keep six letters; "" for words that say nothing."""
    low = word.lower().replace("’", "'")
    if low in lexicon.STOPWORDS or low in _REPORTING or len(low) < 3:
        return ""
    for suffix in _SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 4:
            low = low[: -len(suffix)]
            break
    return low[:6]


def threads(items: list[LinkInput]) -> list[int]:
    """Thread number of each statement: a new thread whenever the speaker changes."""
    out, current, last = [], -1, object()
    for item in items:
        if item.speaker != last or item.speaker is None:
            current += 1
            last = item.speaker
        out.append(current)
    return out


def link(items: list[LinkInput]) -> list[tuple[int, ...]]:
    """For each statement, the indexes of the statements it responds to (empty for claims)."""
    bags = [stems(item.words) for item in items]
    df: dict[str, int] = {}
    for bag in bags:
        for stem in bag:
            df[stem] = df.get(stem, 0) + 1
    n = max(1, len(items))
    weight = {stem: math.log(1 + n / count) for stem, count in df.items()}
    thread_of = threads(items)
    result: list[tuple[int, ...]] = []
    for r, item in enumerate(items):
        if item.kind != "response":
            result.append(())
            continue
        lo, hi = max(0, r - MAX_CANDIDATES), min(len(items), r + MAX_CANDIDATES)
        candidates = [
            i
            for i in range(lo, hi)
            if items[i].kind == "claim"
            and items[i].claim_type == "accusation"
            and items[i].speaker != item.speaker
            and (item.relation != "apologises_for" or _names_speaker(items[i], item))
        ]
        scores: dict[int, float] = {}
        for i in candidates:
            overlap = bags[r] & bags[i]
            scores[thread_of[i]] = scores.get(thread_of[i], 0.0) + sum(weight[s] for s in overlap)
        if not scores:
            result.append(())
            continue
        best = max(scores.values())
        if best < MIN_SCORE:
            result.append(())
            continue
        chosen = {t for t, score in scores.items() if score >= NEAR_BEST * best}
        result.append(tuple(i for i in candidates if thread_of[i] in chosen))
    return result


def _names_speaker(claim: LinkInput, response: LinkInput) -> bool:
    """An apology answers only accusations that name the one apologising."""
    names = {w.lower() for w in response.speaker_names if len(w) > 2}
    return bool(names & {w.lower() for w in _WORD.findall(claim.words)})
