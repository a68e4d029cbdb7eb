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

import re
from dataclasses import dataclass, field

from claims.extraction.responses import LinkInput, _ChunkCache, link, lowered_words

# What an accuser calls the answer it replies to: "the department's statement", "that account".
_REPLY_NOUNS = re.compile(
    r"\b(?:the|that|this|these|those|his|her|its|their|[A-Z][\w\-]*['’]s?)\s+(?:[a-z\-]+\s+)?"
    r"(?:statement|response|answer|reply|explanation|denials?|defen[cs]e|apology|figures|numbers|account|"
    r"version|claims?|comments|remarks|words|arguments?|assurances?|excuses?|rebuttal|clarification|"
    r"admission|letter|bill|plan|offer)\b"
)
PROPAGATION_PARAGRAPHS = 1
_CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]*")
# Whitespace-free chunk -> its capitalised words: texts are read chunk by chunk, each chunk once.
_CHUNK_CAPITALISED = _ChunkCache(lambda chunk: tuple(_CAPITALISED.findall(chunk)))


@dataclass
class Side:
    """How the article names one side: the capitalised words of its names and its role nouns."""

    names: set[str] = field(default_factory=set)
    refs: set[str] = field(default_factory=set)
    own: set[str] = field(default_factory=set)  # every capitalised word of its names ("Department of Health")


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
        self._read: dict[str, tuple[set[str], set[str]]] = {}  # the sentence's words, read once per sentence
        self.mentions = [self._mentioned(item) for item in items]
        # "“We delivered …,” she said. “Starts are up …”": a quotation going on keeps its frame.
        for i in range(1, len(items)):
            last, item = items[i - 1], items[i]
            if item.frame is None and last.side == item.side and last.paragraph == item.paragraph:
                item.frame = last.frame

    def _words(self, text: str) -> tuple[set[str], set[str]]:
        """Capitalised words and lower-cased words of a piece of text (memoised for the article)."""
        found = self._read.get(text)
        if found is None:
            capitalised = set().union(*map(_CHUNK_CAPITALISED.__getitem__, text.split()))
            found = self._read[text] = (capitalised, lowered_words(text))
        return found

    def _mentioned(self, item: LinkInput) -> frozenset[int]:
        """The other sides a statement, its sentence or its answering cue name or refer to by role."""
        capitalised, nouns = self._words(item.text)
        around = self._words(item.words[len(item.text) :] if item.words.startswith(item.text) else item.words)
        cue = self._words(item.cue)
        capitalised = capitalised | around[0] | cue[0]
        own = self.sides.get(item.side)
        if own is not None:
            capitalised -= own.own  # "Energy Minister Kerryn Matheson said": her own words name only her
        found = {self._by_name[w] for w in capitalised if w in self._by_name}
        found.update(self._by_ref[r] for r in nouns | around[1] | cue[1] if r in self._by_ref)
        found.discard(item.side)
        return frozenset(found)

    def run(self) -> tuple[list[str], list[str | None], list[tuple[int, ...]]]:
        items, n = self.items, len(self.items)
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
        for side, answered in answers.items():
            if not answered:
                answered.update(
                    items[i].side
                    for i in range(n)
                    if kinds[i] == "claim" and side in self.mentions[i] and items[i].side is not None
                )

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
        for i, item in enumerate(items):
            if item.side is None:
                continue
            if kinds[i] == "response":
                if answers.get(item.side) or not answering[i]:
                    continue
            elif item.frame:
                continue
            r = self._answer_to(i, kinds, answers)
            if r is not None and (
                items[r].side in self.mentions[i]
                or _REPLY_NOUNS.search(item.words) is not None
                or (i - 1 in replies and items[i - 1].side == item.side)
            ):
                kinds[i], relations[i] = "response", relations[i] or "rebuts"
                replies[i] = r

        links = self._links(kinds, relations, answers, replies, answering)
        return kinds, relations, links

    def _answer_to(self, i: int, kinds: list[str], answers: dict[int, set[int]]) -> int | None:
        """The latest response answering i's side, made after that side's own first claim, if any."""
        items, side = self.items, self.items[i].side
        first_claim = next((t for t in range(i) if items[t].side == side and kinds[t] == "claim"), None)
        if first_claim is None:
            return None
        found = None
        for r in range(i - 1, first_claim, -1):
            other = items[r].side
            if kinds[r] == "response" and other != side and side in answers.get(other, ()):
                if other in self.mentions[i]:
                    return r  # the side it names
                found = r if found is None else found
        return found

    def _links(self, kinds, relations, answers, replies, answering) -> list[tuple[int, ...]]:
        items, n = self.items, len(self.items)
        # What the wording says first: shared rare words, or a reference to a speaker or to what was said.
        worded = link(
            [LinkInput(**{**vars(other), "kind": kinds[k], "relation": relations[k]}) for k, other in enumerate(items)]
        )
        links: list[tuple[int, ...]] = []
        for i, item in enumerate(items):
            if kinds[i] != "response":
                links.append(())
                continue
            if answering[i] and worded[i]:
                links.append(worded[i])
                continue
            if i in replies:
                links.append(self._run_of(replies[i], kinds))
                continue
            answered = answers.get(item.side, set())
            named = self.mentions[i] & answered
            targets = named or answered
            if not targets:
                links.append(worded[i])
                continue
            claims = [t for t in range(n) if t != i and kinds[t] == "claim" and items[t].side in targets]
            aimed = [t for t in claims if item.side in self.mentions[t]]
            if relations[i] == "apologises_for":
                claims = aimed
            elif aimed:
                threads = {self._thread_start(t) for t in aimed}
                claims = [t for t in claims if self._thread_start(t) in threads]
            links.append(tuple(claims))
        return links

    def _thread_start(self, i: int) -> int:
        """First statement of the run of consecutive statements by i's side."""
        side = self.items[i].side
        while i > 0 and self.items[i - 1].side == side:
            i -= 1
        return i

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
