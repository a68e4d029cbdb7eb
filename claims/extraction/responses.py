"""Link each response to the claims it answers in the same article.

Consecutive statements of one speaker form a thread. A response is linked in two steps:

1. By wording: to the accusations of other speakers whose thread shares most of its vocabulary,
   weighting words by how rare they are in the article (so the story's common topic does not link
   everything).
2. Failing that, by reference: a response that names another speaker or refers to them by role
   ("the minister has misread her own figures"), or that points back with a demonstrative ("These
   claims are false", "We reject that"), answers the latest preceding thread of the speaker it refers
   to, or of the nearest other speaker. Any claim can be answered this way, not only accusations.
"""

import math
import re
from dataclasses import dataclass, field

from claims.extraction import lexicon
from claims.extraction.lexicon import words

_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ants", "ant", "ings", "ing", "ions", "ion", "ed", "es", "s", "ly")
# Verbs that only report speech; other speech verbs ("denied", "alleged") say what the statement is about.
_REPORTING = words(
    "said says say saying told tells tell telling added adds adding wrote writes write writing explained "
    "stated continued spoke speaking"
)
# Nouns for what someone said, as in "these claims", "the allegations", "such remarks".
_SAID_NOUNS = (
    r"claims?|allegations?|accusations?|charges?|suggestions?|assertions?|comments?|remarks?|statements?|"
    r"criticisms?|complaints?|attacks?|figures?|numbers?|reports?|stories|story|rumou?rs?|characteri[sz]ations?|"
    r"descriptions?|assessments?|account|version|interpretation|analysis|estimates?|predictions?|warnings?|"
    r"concerns?|insinuations?|smears?|points?|arguments?|words"
)
# A statement that points back at what was just said.
_ANAPHOR = re.compile(
    rf"\b(?:(?:these|those|this|that|such|the|their|his|her|its|any)\s+(?:\w+\s+){{0,3}}?(?:{_SAID_NOUNS})\b|"
    r"(?:this|that|it)\s+(?:is|was|'s|’s)\s+(?:simply\s+|just\s+|completely\s+|totally\s+|absolutely\s+)?"
    r"(?:not\s+true|untrue|false|wrong|incorrect|inaccurate|nonsense|rubbish|misleading|absurd|ridiculous)|"
    r"(?:reject|deny|dispute|refute|dismiss|contest|challenge)\s+(?:that|this|it|them)\b)",
    re.I,
)
MIN_SCORE = 1.0
NEAR_BEST = 0.75
MAX_CANDIDATES = 200
# How far back a reference by name, role or demonstrative may reach, in statements.
MAX_REFERENCE_DISTANCE = 12


@dataclass
class LinkInput:
    """What linking needs to know about one statement."""

    speaker: int | None
    kind: str
    claim_type: str
    relation: str | None
    words: str  # the statement and the words of its sentence outside the quotation
    speaker_names: tuple[str, ...] = ()
    text: str = ""  # the statement alone
    speaker_refs: frozenset[str] = field(default_factory=frozenset)  # role nouns and titles of its speaker


# A word, and whether a sentence end (and quotation marks or spaces) comes right before it.
_WORD_IN_CONTEXT = re.compile(r"([.!?:][\s“”\"‘’']*)?([^\W\d_][\w'’\-]*)")


def stems(text: str) -> set[str]:
    """Lower-case content-word stems; capitalised names are left out (they say who, not what)."""
    found = set()
    get = _STEMS.get
    first = True
    for initial, word in _WORD_IN_CONTEXT.findall(text):
        if word[0].isupper() and not initial and not first:
            continue
        first = False
        stem = get(word)
        if stem is None:
            stem = _stem(word)
            if len(_STEMS) < 100_000:
                _STEMS[word] = stem
        if stem:
            found.add(stem)
    return found


_STEMS: dict[str, str] = {}


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


class _Linker:
    """Per-article state for linking; word bags are computed only for statements that need them."""

    def __init__(self, items: list[LinkInput]) -> None:
        self.items = items
        self.thread_of = threads(items)
        self._bags: dict[int, set[str]] = {}
        self._lower_words: dict[int, set[str]] = {}
        self._weight: dict[str, float] | None = None

    def bag(self, i: int) -> set[str]:
        bag = self._bags.get(i)
        if bag is None:
            bag = self._bags[i] = stems(self.items[i].words)
        return bag

    def lower_words(self, i: int) -> set[str]:
        found = self._lower_words.get(i)
        if found is None:
            found = self._lower_words[i] = {w.lower() for w in _WORD.findall(self.items[i].words)}
        return found

    def weights(self) -> dict[str, float]:
        """Inverse document frequency of each stem over the article's statements."""
        if self._weight is None:
            df: dict[str, int] = {}
            for i in range(len(self.items)):
                for s in self.bag(i):
                    df[s] = df.get(s, 0) + 1
            n = max(1, len(self.items))
            self._weight = {s: math.log(1 + n / count) for s, count in df.items()}
        return self._weight

    def by_wording(self, r: int) -> tuple[int, ...]:
        """Accusations of other speakers whose threads share the response's rarer words."""
        items, item = self.items, self.items[r]
        lo, hi = max(0, r - MAX_CANDIDATES), min(len(items), r + MAX_CANDIDATES)
        candidates = [
            i
            for i in range(lo, hi)
            if items[i].kind == "claim"
            and items[i].claim_type == "accusation"
            and items[i].speaker != item.speaker
            and (item.relation != "apologises_for" or self._names_speaker(i, r))
        ]
        if not candidates:
            return ()
        bag = self.bag(r)
        weight = self.weights()
        scores: dict[int, float] = {}
        for i in candidates:
            overlap = bag & self.bag(i)
            thread = self.thread_of[i]
            scores[thread] = scores.get(thread, 0.0) + sum([weight[s] for s in overlap])
        best = max(scores.values())
        if best < MIN_SCORE:
            return ()
        chosen = {t for t, score in scores.items() if score >= NEAR_BEST * best}
        return tuple(i for i in candidates if self.thread_of[i] in chosen)

    def by_reference(self, r: int) -> tuple[int, ...]:
        """The latest preceding thread of the speaker the response refers to, or points back at."""
        items, item = self.items, self.items[r]
        if item.relation == "apologises_for":
            return ()  # an apology answers what the apologiser is blamed for, not anyone's last words
        earlier = [
            i
            for i in range(r - 1, max(-1, r - 1 - MAX_REFERENCE_DISTANCE), -1)
            if items[i].kind == "claim" and items[i].speaker is not None and items[i].speaker != item.speaker
        ]
        if not earlier:
            return ()
        said = self.lower_words(r)
        the_nouns = _nouns_after_determiner(item.words)
        for i in earlier:
            other = items[i]
            names = {w.lower() for w in other.speaker_names if len(w) > 2}
            if names & said or other.speaker_refs & the_nouns:
                return self._thread(i)
        if _ANAPHOR.search(item.text):
            return self._thread(earlier[0])
        return ()

    def _thread(self, i: int) -> tuple[int, ...]:
        """Claims of the thread containing i, in order."""
        thread = self.thread_of[i]
        found = [k for k in range(i, -1, -1) if self.thread_of[k] == thread and self.items[k].kind == "claim"]
        return tuple(sorted(found))

    def _names_speaker(self, claim: int, response: int) -> bool:
        """An apology answers only accusations that name the one apologising."""
        names = {w.lower() for w in self.items[response].speaker_names if len(w) > 2}
        return bool(names & self.lower_words(claim))


_DETERMINED = re.compile(r"\b(?:the|this|that|our|your|their)\s+(?:[a-z\-]+\s+)?([a-z\-]+)", re.I)


def _nouns_after_determiner(text: str) -> set[str]:
    """Words that follow a determiner, with at most one modifier between: "the transport minister"."""
    found = set()
    for match in _DETERMINED.finditer(text):
        found.add(match.group(1).lower())
        # "the minister has": the word right after the determiner may itself be the noun.
        first = match.group(0).split()
        if len(first) >= 2:
            found.add(first[1].lower())
    return found


def link(items: list[LinkInput]) -> list[tuple[int, ...]]:
    """For each statement, the indexes of the statements it responds to (empty for claims)."""
    if not any(item.kind == "response" for item in items):
        return [() for _ in items]
    linker = _Linker(items)
    result: list[tuple[int, ...]] = []
    for r, item in enumerate(items):
        if item.kind != "response":
            result.append(())
            continue
        result.append(linker.by_wording(r) or linker.by_reference(r))
    return result
