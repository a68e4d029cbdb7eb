"""Which statements each response answers, once the exchange has said who answers whom.

The methods of `exchange._Exchange` that find an answer's targets: the turn of claims of a side it names or
that accused it, the answer a reply replies to, the earlier answer whose rarer words it gainsays, or the
latest turn of whoever spoke last. They read the per-article state `_Exchange` sets up (statements, sides,
the sides each statement names, cached words), so they live on a mixin rather than as free functions.
"""

import bisect
import re
from collections import Counter
from itertools import chain

from claims.extraction.classify import is_no_comment
from claims.extraction.responses import NUMERIC_NOUN, link, lowered_words, stems

LEDE_PARAGRAPHS = 1
# How sure a link is, by how it was found: the response's own words (shared rare words, a name, "these
# claims"), words about another side's statement ("called the remarks"), a reply to the answer its side
# got, the latest turn of a side it names, of a side that accused it, or of whoever spoke last.
LINK_CONFIDENCE = {
    "wording": 0.55, "reaction": 0.45, "reply": 0.5, "named side": 0.5, "answered side": 0.45, "nearest": 0.4,
}  # fmt: skip
NEAREST_PARAGRAPHS = 2  # how far an answer naming nobody reaches for the side it answers
ECHO_BACK, ECHO_PARAGRAPHS = 8, 5  # how far back an answer whose words a statement gainsays may lie
NAMED_TURN_PARAGRAPHS = 1  # how far back the turn a statement answers by naming its speaker may lie
MAX_BACK = 8  # statements an answer naming nobody may reach back to the accusation it answers
# An apology speaking of the speaker's own words: "I said something stupid", "my remarks".
_OWN_WORDS = re.compile(
    r"\b(?:I|we)\s+(?:\w+\s+)?(?:said|wrote|tweeted|posted|made)\b|\b(?:my|our)\s+(?:\w+\s+)?"
    r"(?:words|remarks|comments|tweets?|posts?|jokes?|language)\b|\bwhat\s+(?:I|we)\s+said\b"
)
_GAINSAY = re.compile(r"\b(?:not|never|no|nothing|nobody)\b|n[’']t\b|\bonly\s+(?:\w+\s+){1,3}?if\b", re.I)


class Answering:
    """Finding the statements a response answers (mixed into `exchange._Exchange`)."""

    def _echoed_answers(self, i: int, kinds: list[str]) -> tuple[int, ...]:
        """The answers a few paragraphs before i, by other sides and not to i's, whose rarer words i
        gainsays: a shareholder's "Eleven clean audits is not an answer" after the company's "audited
        without qualification for eleven consecutive years"."""
        items, item = self.items, self.items[i]
        if not (_GAINSAY.search(item.text) or _GAINSAY.search(item.preface)):
            return ()
        found = []
        own = None
        for t in range(i - 1, max(-1, i - 1 - ECHO_BACK), -1):
            other = items[t]
            if item.paragraph - other.paragraph > ECHO_PARAGRAPHS:
                break
            # An answer to i's own side is left to the rules of replies (it may answer i, said later).
            if other.side is None or other.side == item.side or kinds[t] != "response":
                continue
            if item.side in self._answers.get(other.side, ()):
                continue
            if own is None:
                own = stems(item.text + " " + item.preface)
            shared = own & self._text_stems(t)
            # The story's common words are counted only once two words are shared at all.
            if len(shared) >= 2 and len(shared - self._common_stems()) >= 2:
                found.append(t)
        return tuple(sorted(found))

    def _text_stems(self, t: int) -> set[str]:
        """stems() of statement t's own words, read once for the article (linking reads them too)."""
        found = self._stems.get(t)
        if found is None:
            found = self._stems[t] = stems(self.items[t].text)
        return found

    def _common_stems(self) -> set[str]:
        """Stems of three or more statements: the story's topic, which echoes nothing in particular."""
        if self._common is None:
            counts = Counter(chain.from_iterable(map(self._text_stems, range(len(self.items)))))
            self._common = {stem for stem, n in counts.items() if n >= 3}
        return self._common

    def _named_turn_before(self, i: int) -> int | None:
        """The statement right before i, when another side made it and one of the two names the other:
        "Kettleby said the minister was “…”" after the minister spoke; the councillor a leader's attack
        named, speaking next."""
        if not i:
            return None
        items, t = self.items, i - 1
        other, side = items[t].side, items[i].side
        if other is None or other == side or items[i].paragraph - items[t].paragraph > NAMED_TURN_PARAGRAPHS:
            return None
        if not (other in self.mentions[i] or side in self.mentions[t]):
            return None
        # Naming alone is talk about someone; an answer gainsays: "not for a closure", "a bill that hasn't passed".
        return t if _GAINSAY.search(items[i].text) else None

    def _nearest_claimant(self, i: int, kinds: list[str]) -> int | None:
        """The side of the nearest claim by another side before i (after it, for a lede); "That number is
        wrong" can only answer a claim with a number."""
        items, side = self.items, self.items[i].side
        pointed = self._anaphor(items[i].words)  # the quotation and its sentence: "disputes the figures"
        statistical = pointed is not None and NUMERIC_NOUN.search(pointed.group()) is not None
        order = range(i + 1, len(items)) if items[i].paragraph <= LEDE_PARAGRAPHS else range(i - 1, -1, -1)
        for t in order:
            if abs(items[t].paragraph - items[i].paragraph) > NEAREST_PARAGRAPHS:
                return None
            if (
                kinds[t] == "claim"
                and items[t].side not in (None, side)
                and (not statistical or items[t].claim_type == "statistical")
            ):
                return items[t].side
        return None

    def _right_after(self, r: int, i: int) -> bool:
        """Whether i comes right after the answer r (only r's side speaks between them, a paragraph or two on)."""
        items = self.items
        side = items[r].side
        return items[i].paragraph - items[r].paragraph <= 2 and all(items[t].side == side for t in range(r + 1, i))

    def _links(self, kinds, relations, answers, replies, answering) -> list[tuple[int, ...]]:
        items, n = self.items, len(self.items)
        # What the wording says first: shared rare words, or a reference to a speaker or to what was said.
        for k, other in enumerate(items):  # the items are this article's own: decided kinds go on them
            other.kind, other.relation = kinds[k], relations[k]
        # Only a statement that says it answers is linked by its wording.
        worded = link(
            items, [k for k in range(n) if kinds[k] == "response" and answering[k]], self._stems, self._lowered
        )
        # Each side's claims in order (and those with a number): what a response may answer.
        self._claims: dict[int | None, list[int]] = {}
        self._statistical: dict[int | None, list[int]] = {}
        for t in range(n):
            if kinds[t] == "claim":
                self._claims.setdefault(items[t].side, []).append(t)
                if items[t].claim_type == "statistical":
                    self._statistical.setdefault(items[t].side, []).append(t)
        links: list[tuple[int, ...]] = []
        for i in range(n):
            if kinds[i] != "response":
                links.append(())
            elif i in replies:
                links.append(self._run_of(replies[i], kinds))
                self.sure[i] = LINK_CONFIDENCE["reply"]
            else:
                links.append(self._answered(i, kinds, relations[i], answers, worded[i] if answering[i] else ()))
        return links

    def _answered(self, i, kinds, relation, answers, worded) -> tuple[int, ...]:
        """What response i answers: its wording's links where they agree with the sides it names, else
        the latest turn of claims of each side it answers, else the latest turn of the nearest other side."""
        items, item = self.items, self.items[i]
        if relation == "apologises_for" and _OWN_WORDS.search(item.text):
            # "I said something stupid …, and then I doubled down": an apology for the speaker's own words
            # answers what the article quoted the speaker saying.
            own = tuple(t for t in range(i) if items[t].side == item.side)
            if own:
                self.sure[i] = LINK_CONFIDENCE["named side"]
                return own
        answered = answers.get(item.side, set())
        named = self.mentions[i] & answered
        self.sure[i] = LINK_CONFIDENCE["wording"]
        if worded and (not named or {items[t].side for t in worded} <= named):
            if self._anaphor(item.text) and len({self._thread_start(t) for t in worded}) == 1:
                # "These claims are false": the whole turn the claims were made in.
                return tuple(t for t in self._turn_of(worded[-1]) if kinds[t] == "claim")
            return worded
        if is_no_comment(item.text):
            return worded  # a "no comment" often answers what the article does not quote
        if relation == "apologises_for":
            if worded:
                return worded
            self.sure[i] = LINK_CONFIDENCE["nearest"]
            return self._latest_turn(i, kinds, answers)  # the blame it answers is the nearest other side's
        pointed = self._anaphor(item.words) or self._anaphor(item.cue)
        statistical = pointed is not None and NUMERIC_NOUN.search(pointed.group()) is not None
        found: list[int] = []
        for side in sorted(named or answered):
            found.extend(self._turn_before(i, side, kinds, statistical))
        if statistical and not found:
            # "The figure was wrong" when the turn it answers gave its figures in words ("three reports").
            for side in sorted(named or answered):
                found.extend(self._turn_before(i, side, kinds, False))
        if found:
            self.sure[i] = LINK_CONFIDENCE["named side" if named else "answered side"]
        going_on = i > 0 and items[i - 1].side == item.side and kinds[i - 1] == "response"
        if not found and not answered and not going_on and not self._anaphor(item.text):
            # "That figure is wrong" points at something: the wording's links decided; "disputes the
            # figures" can only mean a claim with a number.
            found = list(self._latest_turn(i, kinds, answers))
            self.sure[i] = LINK_CONFIDENCE["nearest"]
            if statistical:
                found = [t for t in found if items[t].claim_type == "statistical"]
        if not found and not worded and answered and not going_on:
            # The sides it answers spoke last in answers to it: "nothing to apologise for" after the
            # society called the remarks "lazy": it replies to those answers.
            run = self._latest_turn(i, kinds, answers)
            if run and all(kinds[t] == "response" and items[t].side in answered for t in run):
                found = list(run)
                self.sure[i] = LINK_CONFIDENCE["reply"]
        if not found:
            self.sure[i] = LINK_CONFIDENCE["wording"]
        return tuple(sorted(set(found))) or worded

    def _turn_before(self, i: int, side: int, kinds: list[str], statistical: bool) -> tuple[int, ...]:
        """The latest run of side's claims before i (for a lede, the first after it)."""
        items = self.items
        candidates = (self._statistical if statistical else self._claims).get(side, [])
        if items[i].paragraph <= LEDE_PARAGRAPHS and not bisect.bisect_left(self._claims.get(side, []), i):
            k = bisect.bisect_right(candidates, i)
            if k == len(candidates):
                return ()
            order = range(candidates[k], len(items))
        else:
            k = bisect.bisect_left(candidates, i)
            if not k:
                return ()
            order = range(candidates[k - 1], -1, -1)
        run: list[int] = []
        for t in order:
            if items[t].side == side and kinds[t] == "claim":
                if not statistical or items[t].claim_type == "statistical":
                    run.append(t)
            elif items[t].side != side and items[t].side is not None:
                break
        return tuple(sorted(run))

    def _latest_turn(self, i: int, kinds: list[str], answers: dict[int, set[int]]) -> tuple[int, ...]:
        """The latest turn of the nearest other side before i (for a lede, the first after it): its claims,
        or its responses when they answered i's side (a reply to the answer)."""
        items, side = self.items, self.items[i].side
        near = range(i - 1, max(-1, i - 1 - MAX_BACK), -1)
        if items[i].paragraph <= LEDE_PARAGRAPHS and not any(items[t].side not in (None, side) for t in near):
            near = range(i + 1, min(len(items), i + 1 + MAX_BACK))
        run: list[int] = []
        for t in near:
            other = items[t].side
            if run and other != items[run[0]].side:
                if self._answerable(run, side, kinds, answers):
                    break
                run = []
            if other is None or other == side:
                continue
            run.append(t)
        if not run or not self._answerable(run, side, kinds, answers):
            return ()
        wanted = "response" if all(kinds[t] == "response" for t in run) else "claim"
        return tuple(sorted(t for t in run if kinds[t] == wanted))

    def _answerable(self, run: list[int], side: int | None, kinds: list[str], answers: dict[int, set[int]]) -> bool:
        """Whether a side's turn can be what `side` answers: claims, or responses that answered `side`."""
        if any(kinds[t] == "claim" for t in run):
            return True
        return side in answers.get(self.items[run[0]].side, ())

    def _thread_start(self, i: int) -> int:
        """First statement of the run of consecutive statements by i's side."""
        return self._starts[i]

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
