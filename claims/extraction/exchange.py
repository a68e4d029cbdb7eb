"""Who answers whom: claims and responses from the sides of an article's exchange.

A story of a dispute has sides: an accuser who makes claims about someone, the accused who answers,
and often the accuser again, answering the answer. The wording of one statement rarely shows all of
that, so kinds are decided for the article as a whole:

1. A statement whose own wording or sentence says it answers ("We reject…", "X denied…", "does not
   comment on…") is a response (`classify.relation_of`, `frame_of`).
2. A side that answers in that way is a responder. What it answers are the sides its answering
   statements name, else the sides whose claims name it. Its other statements answer too, unless the
   sentence says they were made earlier or in support of someone ("had set out her own record a week
   earlier"): a minister's statistics given before the row answer nobody.
3. An accuser who speaks again after being answered answers that answer (a response to a response).

A side nobody answers, and that answers nobody, only makes claims: third parties' statistics and
supporting statements stay claims. Links follow the same sides: a response answers the claims of the
side it answers that name its own side (and the rest of their threads); a reply to a response answers
the latest run of responses of the side it replies to. Without an identified other side, no link is
proposed (a "no comment" to an unquoted report answers nothing in the article).
"""

import bisect
import re
from dataclasses import dataclass, field

from claims.extraction.classify import is_no_comment
from claims.extraction.responses import ANAPHOR, NUMERIC_NOUN, LinkInput, _ChunkCache, link, lowered_words

# What an accuser calls the answer it replies to: "the department's statement", "that account".
_REPLY_NOUNS = re.compile(
    r"\b(?:the|that|this|these|those|his|her|its|their|[A-Z][\w\-]*['’]s?)\s+(?:[a-z\-]+\s+)?"
    r"(?:statement|response|answer|reply|explanation|denials?|defen[cs]e|apology|figures|numbers|account|"
    r"version|claims?|comments|remarks|words|arguments?|assurances?|excuses?|rebuttal|clarification|"
    r"admission|letter|bill|plan|offer)\b"
)
PROPAGATION_PARAGRAPHS = 1
LEDE_PARAGRAPHS = 1
MAX_BACK = 8  # statements an answer naming nobody may reach back to the accusation it answers
# The sentence around a quotation speaking of what someone said: "called the remarks", "X's statement".
_SAID_ABOUT = re.compile(
    r"\b(?:the|these|those|his|her|its|their|[A-Z][\w\-]*['’]s?)\s+(?:[a-z\-]+(?:['’]s)?\s+)?"
    r"(statement|remarks|comments|response|reply|explanation|denial|apology|rebuttal|clarification|"
    r"admission|assurances?)\b"
)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]*")
# Whitespace-free chunk -> its capitalised words: texts are read chunk by chunk, each chunk once.
_CHUNK_CAPITALISED = _ChunkCache(lambda chunk: tuple(_CAPITALISED.findall(chunk)))


@dataclass
class Side:
    """How the article names one side: the capitalised words of its names and its role nouns."""

    names: set[str] = field(default_factory=set)
    refs: set[str] = field(default_factory=set)
    own: set[str] = field(default_factory=set)  # every capitalised word of its names ("Department of Health")


_DETERMINED = re.compile(r"\b(?:the|this|that|our|your|their|his|her|its)\s+(?:[a-z\-]+\s+)?([a-z\-]+)", re.I)


def _nouns(text: str) -> set[str]:
    """Words right after a determiner, with at most one modifier between ("the transport minister")."""
    found = set()
    for match in _DETERMINED.finditer(text):
        found.add(match.group(1).lower())
        found.add(match.group(0).split()[1].lower())
    return found


class _Earlier:
    """The statements before the current one, as `_Exchange.run` needs them to find what a statement
    replies to: each side's first claim and, for each side, the latest response of each side answering it."""

    def __init__(self, answers: dict[int, set[int]]) -> None:
        self.answers = answers
        self.first_claim: dict[int, int] = {}
        self.latest: dict[int, dict[int, int]] = {}  # answered side -> answering side -> its latest response

    def add(self, t: int, side: int | None, kind: str) -> None:
        if side is None:
            return
        if kind == "claim":
            self.first_claim.setdefault(side, t)
        elif kind == "response":
            for answered in self.answers.get(side, ()):
                self.latest.setdefault(answered, {})[side] = t

    def answer_to(self, side: int, named: frozenset[int]) -> int | None:
        """The latest response answering `side`, made after that side's own first claim, if any; the
        latest by a side the statement names, if there is one."""
        first_claim = self.first_claim.get(side)
        if first_claim is None:
            return None
        found = named_found = None
        for other, r in self.latest.get(side, {}).items():
            if other == side or r <= first_claim:
                continue
            found = r if found is None else max(found, r)
            if other in named:
                named_found = r if named_found is None else max(named_found, r)
        return named_found if named_found is not None else found


class _Exchange:
    """Per-article state: the sides each statement names, and who answers whom."""

    def __init__(self, items: list[LinkInput], sides: dict[int, Side]) -> None:
        self.items = items
        # A word two sides share ("Minister" in "Energy Minister" and "Prime Minister") names neither.
        owners: dict[str, set[int]] = {}
        for side, vocabulary in sides.items():
            for word in vocabulary.names | {"~" + ref for ref in vocabulary.refs}:
                owners.setdefault(word, set()).add(side)
        self.sides = {
            side: Side(
                names={w for w in vocabulary.names if len(owners[w]) == 1},
                refs={r for r in vocabulary.refs if len(owners["~" + r]) == 1},
                own=vocabulary.own | vocabulary.names,
            )
            for side, vocabulary in sides.items()
        }
        # Word -> the one side it names; role noun -> the one side it refers to.
        self._by_name = {w: side for side, vocabulary in self.sides.items() for w in vocabulary.names}
        self._by_ref = {r: side for side, vocabulary in self.sides.items() for r in vocabulary.refs}
        # The words of each text, read once per article (a sentence's words are shared by its quotations).
        self._caps_of: dict[str, set[str]] = {}
        self._nouns_of: dict[str, set[str]] = {}
        self.mentions = [self._mentioned(item) for item in items]
        self._starts = []  # where the run of consecutive statements by each one's side starts
        for i, item in enumerate(items):
            self._starts.append(self._starts[-1] if i and items[i - 1].side == item.side else i)
        # "“We delivered …,” she said. “Starts are up …”": a quotation going on keeps its frame.
        for i in range(1, len(items)):
            last, item = items[i - 1], items[i]
            if item.frame is None and last.side == item.side and last.paragraph == item.paragraph:
                item.frame = last.frame

    def _capitalised(self, text: str) -> set[str]:
        """Capitalised words of a piece of text (memoised for the article)."""
        found = self._caps_of.get(text)
        if found is None:
            found = self._caps_of[text] = set().union(*map(_CHUNK_CAPITALISED.__getitem__, text.split()))
        return found

    def _role_nouns(self, text: str) -> set[str]:
        """The role nouns of sides a text uses: only after a determiner ("the minister", "the guild's")."""
        found = self._nouns_of.get(text)
        if found is None:
            refs = self._by_ref
            # Lower-casing ASCII text keeps each of its words a substring: a text holding none of the role
            # nouns needs no word scan.
            low = text.lower()
            if not refs or (text.isascii() and not any(r in low for r in refs)):
                found = set()
            else:
                found = _nouns(text).intersection(refs)
                if found and lowered_words(text).isdisjoint(refs):
                    found = set()
            self._nouns_of[text] = found
        return found

    def _mentioned(self, item: LinkInput) -> frozenset[int]:
        """The other sides a statement, its sentence or its answering cue name or refer to by role."""
        texts = (item.text, item.words[len(item.text) :] if item.words.startswith(item.text) else item.words, item.cue)
        # A word of a text is a substring of the texts joined: most names and role nouns are ruled out
        # by a substring test, and only texts that may hold one are read word by word.
        joined = "\n".join(texts)
        own = self.sides.get(item.side)
        # "Energy Minister Kerryn Matheson said": her own words name only her.
        own_words = own.own if own is not None else ()
        found = set()
        for word, side in self._by_name.items():
            if (
                word in joined
                and side not in found
                and word not in own_words
                and any(word in self._capitalised(text) for text in texts)
            ):
                found.add(side)
        by_ref = self._by_ref
        for text in texts:
            found.update(by_ref[r] for r in self._role_nouns(text))
        found.discard(item.side)
        return frozenset(found)

    def run(self) -> tuple[list[str], list[str | None], list[tuple[int, ...]]]:
        items = self.items
        relations = [item.relation for item in items]
        kinds = ["response" if relation else "claim" for relation in relations]
        answering = [relation is not None for relation in relations]  # said so by its own words

        # Whom each responder answers: the sides its answers name, else the sides whose claims name it.
        answers: dict[int, set[int]] = {}
        claiming = {item.side for item, kind in zip(items, kinds, strict=True) if kind == "claim"}
        for i, item in enumerate(items):
            # An apology is followed by its reasons, which answer nobody.
            if answering[i] and item.side is not None and relations[i] != "apologises_for":
                answers.setdefault(item.side, set()).update(s for s in self.mentions[i] if s in claiming)
        if not all(answers.values()):
            # The sides whose claims name each side, read in one pass over the statements.
            naming: dict[int, set[int]] = {}
            for i, item in enumerate(items):
                if kinds[i] == "claim" and item.side is not None:
                    for named in self.mentions[i]:
                        naming.setdefault(named, set()).add(item.side)
            for side, answered in answers.items():
                if not answered:
                    answered.update(naming.get(side, ()))

        # A responder's other statements answer too (not those said earlier, or in support), while the
        # exchange goes on: each answer carries the side's turn a few paragraphs further.
        latest: dict[int, int] = {}
        for i, item in enumerate(items):
            side = item.side
            if side is None:
                continue
            if answering[i]:
                if relations[i] != "apologises_for":
                    latest[side] = i
                continue
            if kinds[i] == "response" or not answers.get(side) or item.frame or side not in latest:
                continue
            if item.paragraph - items[latest[side]].paragraph <= PROPAGATION_PARAGRAPHS:
                kinds[i], relations[i] = "response", "rebuts"
                latest[side] = i

        # An accuser speaking again after being answered answers the answer.
        replies: dict[int, int] = {}
        earlier = _Earlier(answers)
        for i, item in enumerate(items):
            if i:
                earlier.add(i - 1, items[i - 1].side, kinds[i - 1])  # its kind is settled
            if item.side is None:
                continue
            if kinds[i] == "response":
                if answers.get(item.side) or not answering[i]:
                    continue
            elif item.frame:
                continue
            r = earlier.answer_to(item.side, self.mentions[i])
            if r is not None and (
                items[r].side in self.mentions[i]
                or _REPLY_NOUNS.search(item.words) is not None
                or (i - 1 in replies and items[i - 1].side == item.side)
            ):
                kinds[i], relations[i] = "response", relations[i] or "rebuts"
                replies[i] = r

        # "The society called the remarks “…”", "X said the department's statement “proves my point”":
        # anyone's words about what another side said answer it.
        reactions: dict[int, tuple[int, ...]] = {}
        for i, item in enumerate(items):
            if kinds[i] != "claim" or item.side is None or item.frame:
                continue
            if i - 1 in reactions and items[i - 1].side == item.side and items[i - 1].paragraph == item.paragraph:
                reactions[i] = reactions[i - 1]  # the quotation goes on
            else:
                said = _SAID_ABOUT.search(item.preface)
                t = self._reacted_to(i, said)
                if t is None:
                    continue
                reactions[i] = self._turn_of(t)
            kinds[i], relations[i] = "response", "rebuts"

        links = self._links(kinds, relations, answers, replies, answering)
        for i, answered in reactions.items():
            links[i] = tuple(t for t in answered if t != i)
        return kinds, relations, links

    def _links(self, kinds, relations, answers, replies, answering) -> list[tuple[int, ...]]:
        items, n = self.items, len(self.items)
        # What the wording says first: shared rare words, or a reference to a speaker or to what was said.
        # The statements are handed over by the caller (their frames are set in __init__ too): they take
        # their final kinds in place rather than being copied.
        for k, other in enumerate(items):
            other.kind, other.relation = kinds[k], relations[k]
        worded = link(items)
        # Each side's claims in order, and the claims naming each side: what a response may answer.
        self._claims: dict[int | None, list[int]] = {}
        self._naming: dict[int, list[int]] = {}
        for t in range(n):
            if kinds[t] == "claim":
                self._claims.setdefault(items[t].side, []).append(t)
                for named in self.mentions[t]:
                    self._naming.setdefault(named, []).append(t)
        links: list[tuple[int, ...]] = []
        for i in range(n):
            if kinds[i] != "response":
                links.append(())
            elif i in replies:
                links.append(self._run_of(replies[i], kinds))
            else:
                links.append(self._answered(i, kinds, relations[i], answers, worded[i] if answering[i] else ()))
        return links

    def _answered(self, i, kinds, relation, answers, worded) -> tuple[int, ...]:
        """What response i answers: its wording's links where they agree with the sides it names, else
        the claims of the sides it answers (those aimed at it and the rest of their threads), else the
        latest thread of another side."""
        items, item = self.items, self.items[i]
        answered = answers.get(item.side, set())
        named = self.mentions[i] & answered
        if worded and (not named or {items[t].side for t in worded} <= named):
            return worded
        # A lede answers what the story goes on to report; later on, answers follow what they answer.
        lede = item.paragraph <= LEDE_PARAGRAPHS
        targets = named or answered
        claims = sorted(t for side in targets for t in self._earlier(self._claims.get(side, ()), i, lede) if t != i)
        pointed = (ANAPHOR.search(item.words) or ANAPHOR.search(item.cue)) if claims else None
        if pointed is not None and NUMERIC_NOUN.search(pointed.group()):
            # "disputes the figures": only a claim with a number can be meant.
            claims = [t for t in claims if items[t].claim_type == "statistical"]
        aimed = [t for t in claims if item.side in self.mentions[t]]
        if aimed:
            threads = {self._thread_start(t) for t in aimed}
            claims = [t for t in claims if self._thread_start(t) in threads]
        if claims and relation != "apologises_for":
            return tuple(claims)
        if relation == "apologises_for":
            # An apology answers the claims that blame the one apologising.
            blamed = [t for t in self._earlier(self._naming.get(item.side, ()), i, lede) if items[t].side != item.side]
            return worded or tuple(blamed)
        if i and items[i - 1].side == item.side and kinds[i - 1] == "response":
            return worded  # a response going on answers what its first part answered (set by the caller)
        return worded or self._latest_thread(i, kinds, relation)

    def _latest_thread(self, i: int, kinds: list[str], relation: str | None) -> tuple[int, ...]:
        """An answer naming nobody answers the latest thread of claims another side made.

        Not a "no comment": it often answers a report the article does not quote; nor a statement pointing
        back at something ("these claims"), whose wording's links already decided.
        """
        items = self.items
        item = items[i]
        if relation == "apologises_for" or is_no_comment(item.text) or ANAPHOR.search(item.text):
            return ()  # "That figure is wrong" points at something: the wording's links decided
        for t in range(i - 1, max(-1, i - 1 - MAX_BACK), -1):
            other = items[t]
            if kinds[t] == "claim" and other.side is not None and other.side != items[i].side:
                start = self._thread_start(t)
                thread = [k for k in range(start, t + 1) if kinds[k] == "claim"]
                pointed = ANAPHOR.search(item.words + " " + item.cue)
                if pointed is not None and NUMERIC_NOUN.search(pointed.group()):
                    thread = [k for k in thread if items[k].claim_type == "statistical"]  # "disputes the figures"
                return tuple(thread)
        return ()

    def _thread_start(self, i: int) -> int:
        """First statement of the run of consecutive statements by i's side."""
        return self._starts[i]

    @staticmethod
    def _earlier(ordered: list[int], i: int, lede: bool) -> list[int]:
        """The statements of an ordered list before i, or all of them for a lede."""
        return ordered if lede else ordered[: bisect.bisect_left(ordered, i)]

    def _reacted_to(self, i: int, said: re.Match | None) -> int | None:
        """The latest statement of the side whose words i's sentence speaks of, if it speaks of any."""
        if said is None:
            return None
        items, side = self.items, self.items[i].side
        named = self.mentions[i]
        noun = said.group(1)
        earlier = [
            t
            for t in range(i - 1, max(-1, i - 1 - MAX_BACK), -1)
            if items[t].side is not None and items[t].side != side and (items[t].side in named or not named)
        ]
        # "the company's statement" is the one the article introduced as a statement.
        introduced = next((t for t in earlier if noun in lowered_words(items[t].words[len(items[t].text) :])), None)
        return introduced if introduced is not None else (earlier[0] if earlier else None)

    def _turn_of(self, t: int) -> tuple[int, ...]:
        """The run of consecutive statements by t's side that ends at t."""
        start = self._thread_start(t)
        return tuple(range(start, t + 1))

    def _run_of(self, r: int, kinds: list[str]) -> tuple[int, ...]:
        """The run of responses by r's side that ends at r."""
        start = r
        side = self.items[r].side
        while start > 0 and self.items[start - 1].side == side and kinds[start - 1] == "response":
            start -= 1
        return tuple(range(start, r + 1))


def exchange(
    items: list[LinkInput], sides: dict[int, Side]
) -> tuple[list[str], list[str | None], list[tuple[int, ...]]]:
    """Kind, relation type and answered statements of each statement, from the article's sides."""
    if not any(item.relation for item in items):
        # Nothing answers anything in so many words: nobody is a responder, so everything is a claim.
        return ["claim"] * len(items), [None] * len(items), [()] * len(items)
    return _Exchange(items, sides).run()
