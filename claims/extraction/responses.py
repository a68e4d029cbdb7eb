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
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

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


class _Hinted:
    """A case-insensitive pattern searched only in text holding one of `hints`, lower-case substrings of
    which every match holds one: most statements are ruled out by a few `in` tests instead of a scan.

    Only ASCII text is tested (lower-casing it keeps every match's letters as they are); other text is
    always searched. A hint holds no whitespace, so a text holds one only inside one of its
    whitespace-free chunks: the answer is kept per chunk (the same words recur in every article).
    """

    def __init__(self, pattern: re.Pattern, hints: str) -> None:
        self.pattern = pattern
        self.hints = tuple(hints.split())
        self._held = _HintedChunks(self.hints)

    def search(self, text: str) -> re.Match | None:
        if text.isascii() and not any(map(self._held.__getitem__, text.split())):
            return None
        return self.pattern.search(text)


class _HintedChunks(dict):
    """Whitespace-free chunk -> whether it holds one of the hints, lower-cased (bounded)."""

    def __init__(self, hints: tuple[str, ...]) -> None:
        super().__init__()
        self.hints = hints

    def __missing__(self, chunk: str) -> bool:
        low = chunk.lower()
        held = any(map(low.__contains__, self.hints))
        if len(self) < 100_000:
            self[chunk] = held
        return held


# A statement that points back at what was just said.
ANAPHOR = _Hinted(
    re.compile(
        rf"\b(?:(?:these|those|this|that|such|the|their|his|her|its|any)\s+(?:\w+\s+){{0,3}}?(?:{_SAID_NOUNS})\b|"
        r"(?:this|that|it)\s+(?:is|was|'s|’s)\s+(?:simply\s+|just\s+|completely\s+|totally\s+|absolutely\s+)?"
        r"(?:not\s+true|untrue|false|wrong|incorrect|inaccurate|nonsense|rubbish|misleading|absurd|ridiculous)|"
        r"(?:reject|deny|dispute|refute|dismiss|contest|challenge)\s+(?:that|this|it|them)\b)",
        re.I,
    ),
    # Every match ends with one of the said nouns, a word of falsehood or a verb of denial.
    "claim allegation accusation charge suggestion assertion comment remark statement criticism complaint "
    "attack figure number report stor rumo characteri description assessment account version interpretation "
    "analysis estimate prediction warning concern insinuation smear point argument words "
    "true false wrong incorrect inaccurate nonsense rubbish misleading absurd ridiculous "
    "reject deny dispute refute dismiss contest challenge",
)
NUMERIC_NOUN = re.compile(r"\b(?:figures?|numbers?|statistics|estimates?|data)\b", re.I)
MIN_SCORE = 1.0
NEAR_BEST = 0.75
# Statements either side a response may answer by wording: a long article's worth, so that a very long
# body stays linear.
MAX_CANDIDATES = 60
# How far back a reference by name, role or demonstrative may reach, in statements.
MAX_REFERENCE_DISTANCE = 12


@dataclass(slots=True)
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
    side: int | None = None  # who the speaker speaks for: an organisation for its spokesperson, else itself
    cue: str = ""  # the sentence that said the speaker was answering ("X rejected the warning")
    bare_reply: bool = False  # "…,” she replied." / "X disagreed.": answers whoever spoke last
    paragraph: int = 0
    preface: str = ""  # the words of its sentence before it
    frame: str | None = None  # "earlier" / "supports": its sentence says it answers nobody (classify.frame_of)
    said_to_answer: bool = False  # an earlier sentence said its speaker denied or rejected something
    lead: str = ""  # the sentence before, in the same paragraph ("The chief executive went further.")


# A word right after a sentence end (and quotation marks or spaces): a capital there says nothing.
_INITIAL_WORD = re.compile(r"[.!?:][\s“”\"‘’']*([^\W\d_][\w'’\-]*)")


class _StemCache(dict):
    """Word -> stem, filled on first use (bounded: hostile text must not grow it forever)."""

    def __missing__(self, word: str) -> str:
        stem = _stem(word)
        if len(self) < 100_000:
            self[word] = stem
        return stem


class _LowerStemCache(dict):
    """Like _StemCache, but "" for capitalised words (names say who, not what)."""

    def __missing__(self, word: str) -> str:
        stem = "" if word[0].isupper() else _STEMS[word]
        if len(self) < 100_000:
            self[word] = stem
        return stem


_STEMS = _StemCache()
_LOWER_STEMS = _LowerStemCache()


class _ChunkCache(dict):
    """What a function of a whitespace-free chunk of text gives, filled on first use (bounded).

    No _WORD match spans whitespace, so a text's words are its chunks' words in order: texts are read
    chunk by chunk (`str.split()`, then look-ups), and a regular expression runs only on new chunks.
    """

    def __init__(self, read) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, chunk: str):
        value = self.read(chunk)
        if len(self) < 100_000:
            self[chunk] = value
        return value


# Chunk -> stems of its lower-case words; -> stem of its first word (None without words); -> its
# words, lower-cased. Tuples, not sets: a tuple of strings leaves the garbage collector's lists.
_CHUNK_STEMS = _ChunkCache(lambda chunk: tuple(map(_LOWER_STEMS.__getitem__, _WORD.findall(chunk))))
_CHUNK_FIRST_STEM = _ChunkCache(lambda chunk: next((_STEMS[w] for w in _WORD.findall(chunk)), None))
_CHUNK_LOWER_WORDS = _ChunkCache(lambda chunk: tuple(w.lower() for w in _WORD.findall(chunk)))


def lowered_words(text: str) -> set[str]:
    """The lower-cased _WORD words of text."""
    return set(chain.from_iterable(map(_CHUNK_LOWER_WORDS.__getitem__, text.split())))


def stems(text: str) -> set[str]:
    """Lower-case content-word stems; capitalised names are left out (they say who, not what).

    A capitalised word still counts as the first word or right after a sentence end.
    """
    chunks = text.split()
    found = set(chain.from_iterable(map(_CHUNK_STEMS.__getitem__, chunks)))
    for chunk in chunks:
        first = _CHUNK_FIRST_STEM[chunk]
        if first is not None:
            found.add(first)
            break
    else:
        return set()  # no words at all
    initials = _INITIAL_WORD.findall(text)
    if initials:
        found.update(map(_STEMS.__getitem__, initials))
    found.discard("")
    return found


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


class _Weights(dict):
    """Stem -> inverse document frequency, computed on first look-up: only shared stems are looked up."""

    def __init__(self, df: Counter, n: int) -> None:
        super().__init__()
        self.df = df
        self.n = n

    def __missing__(self, stem: str) -> float:
        weight = self[stem] = math.log(1 + self.n / self.df[stem])
        return weight


class _Linker:
    """Per-article state for linking; word bags are computed only for statements that need them."""

    def __init__(
        self,
        items: list[LinkInput],
        text_bags: dict[int, set[str]] | None = None,
        lowered: dict[str, set[str]] | None = None,
    ) -> None:
        self.items = items
        self.thread_of = threads(items)
        self._bags: dict[int, set[str]] = {}
        # Statement -> stems of its own words: shared with the caller, who may have read some already.
        self._text_bags: dict[int, set[str]] = {} if text_bags is None else text_bags
        self._contexts: dict[str, set[str]] = {}
        # Text -> lowered_words(text): shared with the caller, who may have read some already.
        self._lower_words: dict[str, set[str]] = {} if lowered is None else lowered
        self._weight: dict[str, float] | None = None

    def bag(self, i: int) -> set[str]:
        """Stems of the statement and of its sentence (shared by the sentence's quotations: computed once)."""
        bag = self._bags.get(i)
        if bag is None:
            item = self.items[i]
            if item.text and item.words.startswith(item.text):
                context = item.words[len(item.text) :]
                around = self._contexts.get(context)
                if around is None:
                    around = self._contexts[context] = stems(context)
                bag = self.text_bag(i) | around
            else:
                bag = stems(item.words)
            self._bags[i] = bag
        return bag

    def text_bag(self, i: int) -> set[str]:
        """Stems of the statement alone."""
        bag = self._text_bags.get(i)
        if bag is None:
            bag = self._text_bags[i] = stems(self.items[i].text)
        return bag

    def lower_words(self, i: int) -> set[str]:
        words = self.items[i].words
        found = self._lower_words.get(words)
        if found is None:
            found = self._lower_words[words] = lowered_words(words)
        return found

    def weights(self) -> dict[str, float]:
        """Inverse document frequency of each stem over the article's statements."""
        if self._weight is None:
            df = Counter(chain.from_iterable(map(self.bag, range(len(self.items)))))
            self._weight = _Weights(df, max(1, len(self.items)))
        return self._weight

    def by_wording(self, r: int) -> tuple[int, ...]:
        """Accusations of other speakers whose threads share the response's rarer words."""
        items, item = self.items, self.items[r]
        lo, hi = max(0, r - MAX_CANDIDATES), min(len(items), r + MAX_CANDIDATES)
        # Accusations anywhere near; other earlier claims only when the response echoes their words.
        candidates = [
            i
            for i in range(lo, hi)
            if items[i].kind == "claim"
            and (items[i].claim_type == "accusation" or i < r)
            and items[i].side != item.side
            and (item.relation != "apologises_for" or self._names_speaker(i, r))
        ]
        if not candidates:
            return ()
        bag = self.bag(r)
        weight = self.weights()
        scores: dict[int, float] = {}
        echoed = []
        for i in candidates:
            overlap = bag & self.bag(i)
            if not overlap:
                continue  # adds nothing to its thread's score
            if items[i].claim_type != "accusation":
                if not self._echoes(r, i):
                    continue
                echoed.append(i)
            thread = self.thread_of[i]
            scores[thread] = scores.get(thread, 0.0) + sum(map(weight.__getitem__, overlap))
        if not scores:
            return ()
        # A thread whose words the response echoes is answered as a whole (the post and its quoted part).
        echoed_threads = {self.thread_of[i]: True for i in echoed}
        best = max(scores.values())
        if best < MIN_SCORE:
            return ()
        chosen = {t for t, score in scores.items() if score >= NEAR_BEST * best}
        return tuple(
            i
            for i in candidates
            if self.thread_of[i] in chosen
            and (items[i].claim_type == "accusation" or i in echoed or echoed_threads.get(self.thread_of[i]))
        )

    def _echoes(self, r: int, i: int) -> bool:
        """Whether the response repeats the claim's own words: two or more, and half of them or four."""
        own = self.text_bag(i)
        shared = len(own & self.bag(r))
        return shared >= 2 and (shared >= 4 or 2 * shared >= len(own))

    def by_reference(self, r: int) -> tuple[int, ...]:
        """The latest preceding thread of the speaker the response refers to, or points back at."""
        items, item = self.items, self.items[r]
        if item.relation == "apologises_for":
            return ()  # an apology answers what the apologiser is blamed for, not anyone's last words
        earlier = [
            i
            for i in range(r - 1, max(-1, r - 1 - MAX_REFERENCE_DISTANCE), -1)
            if items[i].kind == "claim" and items[i].speaker is not None and items[i].side != item.side
        ]
        if not earlier:
            return ()
        said = self.lower_words(r) | lowered_words(item.cue)
        the_nouns = _nouns_after_determiner(item.words + " " + item.cue)
        for i in earlier:
            other = items[i]
            names = {w.lower() for w in other.speaker_names if len(w) > 2}
            if names & said or other.speaker_refs & the_nouns:
                return self._thread(i)
        anaphor = ANAPHOR.search(item.text) or ANAPHOR.search(item.cue)
        if anaphor is None:
            return self._thread(earlier[0]) if item.bare_reply else ()
        if NUMERIC_NOUN.search(anaphor.group()):
            # "That number is wrong": only a claim with a number can be meant.
            earlier = [i for i in earlier if items[i].claim_type == "statistical"]
        return self._thread(earlier[0]) if earlier else ()

    def _thread(self, i: int) -> tuple[int, ...]:
        """Claims of the thread containing i, in order."""
        thread = self.thread_of[i]
        k = i
        while k > 0 and self.thread_of[k - 1] == thread:  # threads are runs of consecutive statements
            k -= 1
        return tuple(j for j in range(k, i + 1) if self.items[j].kind == "claim")

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


def link(
    items: list[LinkInput],
    wanted: list[int] | None = None,
    text_bags: dict[int, set[str]] | None = None,
    lowered: dict[str, set[str]] | None = None,
) -> list[tuple[int, ...]]:
    """For each statement, the indexes of the statements it responds to (empty for claims).

    With `wanted`, only those responses are linked (the others get no links).
    """
    if wanted is None:
        wanted = [r for r, item in enumerate(items) if item.kind == "response"]
    result: list[tuple[int, ...]] = [()] * len(items)
    if not wanted:
        return result
    linker = _Linker(items, text_bags, lowered)
    for r in wanted:
        if items[r].kind == "response":
            result[r] = linker.by_wording(r) or linker.by_reference(r)
    return result
