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
3. An accuser who speaks again after being answered answers that answer (a response to a response) when
   it names the answer or its author, or speaks right after it.

A side nobody answers, and that answers nobody, only makes claims: third parties' statistics and
supporting statements stay claims. A formal statement ("In a statement, the company said") after charges
naming its speaker answers them. Links follow the same sides: a response answers the latest turn of
claims of each side it names or that accused it (a lede answers the first turn after it); a reply to a
response answers the latest run of responses of the side it replies to; a response naming nobody answers
the latest turn of whoever spoke last, if that turn can be answered (claims, or responses aimed at the
responder). A "no comment" is linked only by its own words: it often answers a report the article does
not quote. Each response's links carry a confidence from how they were found (`LINK_CONFIDENCE`).
"""

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from claims.extraction.classify import is_no_comment
from claims.extraction.responses import ANAPHOR, NUMERIC_NOUN, LinkInput, _ChunkCache, link, lowered_words, stems

# What an accuser calls the answer it replies to: "the department's statement", "that account".
_REPLY_NOUNS = re.compile(
    r"\b(?:the|that|this|these|those|his|her|its|their|[A-Z][\w\-]*['’]s?)\s+(?:[a-z\-]+\s+)?"
    r"(?:statement|response|answer|reply|explanation|denials?|defen[cs]e|apology|figures|numbers|account|"
    r"version|claims?|comments|remarks|words|arguments?|assurances?|excuses?|rebuttal|clarification|"
    r"admission|letter|bill|plan|offer)\b"
)
PROPAGATION_PARAGRAPHS = 1
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
# The sentence around a quotation speaking of what someone said: "called the remarks", "X's statement".
_SAID_ABOUT = re.compile(
    r"\b(?:the|these|those|his|her|its|their|[A-Z][\w\-]*['’]s?)\s+(?:[a-z\-]+(?:['’]s)?\s+)?"
    r"(statement|remarks|comments|response|reply|explanation|denial|apology|rebuttal|clarification|"
    r"admission|assurances?)\b"
)
# The sentence says the quotation comes from a formal statement (not a joint one: those make the case).
# Words every match of _SAID_ABOUT holds: a sentence holding none of them is not searched.
# An apology speaking of the speaker's own words: "I said something stupid", "my remarks".
_OWN_WORDS = re.compile(
    r"\b(?:I|we)\s+(?:\w+\s+)?(?:said|wrote|tweeted|posted|made)\b|\b(?:my|our)\s+(?:\w+\s+)?"
    r"(?:words|remarks|comments|tweets?|posts?|jokes?|language)\b|\bwhat\s+(?:I|we)\s+said\b"
)
# A quotation speaking of a named someone's words: "Dane's comments", "the minister's remarks".
_NAMED_SAID = re.compile(
    r"\b[A-Z][\w\-]*['’]s\s+(?:[a-z\-]+\s+)?(remarks|comments|claims|allegations|accusations|words|statement)\b"
)
_SAID_ABOUT_HINTS = (
    "statement", "remarks", "comments", "response", "reply", "explanation", "denial", "apology", "rebuttal",
    "clarification", "admission", "assurance",
)  # fmt: skip
_STATEMENT = re.compile(
    r"\b(?:[Ii]n|[Ii]ssued)\s+a\s+(?:written\s+|brief\s+|short\s+)?statement\b|\bstatement went on\b"
)
_GAINSAY = re.compile(r"\b(?:not|never|no|nothing|nobody)\b|n[’']t\b|\bonly\s+(?:\w+\s+){1,3}?if\b", re.I)
# A sentence saying the next voice takes the last answer further: "X went further.", "Y was more direct."
_SECONDING = re.compile(
    r"\b(?:went|goes|go) further\b|\bwas (?:even |much |far )?(?:more|less) (?:direct|blunt|forthright|outspoken|"
    r"emphatic|scathing|explicit|pointed|diplomatic|combative)\b|\bwas (?:even )?blunter\b"
)
# Someone speaking for the side just quoted: "…,” its director, Farah Quayle, said.'
_SPEAKS_FOR_IT = re.compile(
    r"^\W*(?:its|their)\s+(?:[a-z\-]+\s+){0,2}?(?:director|chief executive|spokes(?:man|woman|person)|president|"
    r"chair(?:man|woman|person)?|head|leader|secretary|founder|chief)\b"
)
_CONTRAST = re.compile(r"(?:But|However|Yet)\b")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]*")
# Whitespace-free chunk -> its capitalised words: texts are read chunk by chunk, each chunk once.
# "Dane's comments", "Tully’s numbers": a possessive names its owner.
_CHUNK_CAPITALISED = _ChunkCache(
    lambda chunk: tuple(w.removesuffix("'s").removesuffix("’s") for w in _CAPITALISED.findall(chunk))
)


@dataclass(slots=True)
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
        # The forms a role noun takes as a word of the text: "the department", "the department's".
        self._ref_forms = {form for r in self._by_ref for form in (r, r + "'s", r + "’s")}
        self._names = tuple(self._by_name)
        self._names_for: dict[int | None, tuple[str, ...]] = {}
        self._read: dict[str, set[str]] = {}  # a text's nouns after determiners, read once per text
        self._lowered: dict[str, set[str]] = {}  # text -> lowered_words(text) (never changed)
        self._pointing: dict[str, re.Match | None] = {}  # text -> ANAPHOR.search(text)
        self.mentions = [self._mentioned(item) for item in items]
        self.sure: dict[int, float] = {}  # response -> how sure its links are (LINK_CONFIDENCE)
        self._common: set[str] | None = None
        self._stems: dict[int, set[str]] = {}  # statement -> stems of its own words (never changed)
        self._answers: dict[int, set[int]] = {}
        self._starts = []  # where the run of consecutive statements by each one's side starts
        for i, item in enumerate(items):
            self._starts.append(self._starts[-1] if i and items[i - 1].side == item.side else i)
        # "“We delivered …,” she said. “Starts are up …”": a quotation going on keeps its frame.
        for i in range(1, len(items)):
            last, item = items[i - 1], items[i]
            if item.frame is None and last.side == item.side and last.paragraph == item.paragraph:
                item.frame = last.frame

    def _names_against(self, side: int | None) -> tuple[str, ...]:
        """The words naming a side that can name another side than `side` in its statements ("Energy
        Minister Kerryn Matheson said": her own words name only her)."""
        names = self._names_for.get(side)
        if names is None:
            own = self.sides.get(side)
            names = self._names if own is None else tuple(w for w in self._names if w not in own.own)
            self._names_for[side] = names
        return names

    @staticmethod
    def _capitalised(text: str, names: tuple[str, ...]) -> set[str]:
        """Those of `names` that are capitalised words of the text. A word of the text is a substring of
        it: a few substring tests rule most texts out before they are read word by word."""
        if not any(map(text.__contains__, names)):
            return set()
        found = set(chain.from_iterable(map(_CHUNK_CAPITALISED.__getitem__, text.split())))
        found.intersection_update(names)
        return found

    def _role_nouns(self, text: str) -> set[str]:
        """Its lower-cased words after a determiner when one of its words may refer to a side by role
        ("the minister", "the guild's"); memoised for the article (a sentence's quotations share it)."""
        found = self._read.get(text)
        if found is None:
            found = self._read[text] = _nouns(text) if self._may_refer(text) else set()
        return found

    def _may_refer(self, text: str) -> bool:
        """Whether a word of the text is a form of a role noun (for ASCII text, whose lower-cased words
        are substrings of it lower-cased, a substring test rules most texts out)."""
        forms = self._ref_forms
        if not forms:
            return False
        if text.isascii():
            low = text.lower()
            if not any(map(low.__contains__, forms)):
                return False
        return not self._lowered_words(text).isdisjoint(forms)

    def _lowered_words(self, text: str) -> set[str]:
        """lowered_words(text), read once for the article (linking reads the same texts)."""
        found = self._lowered.get(text)
        if found is None:
            found = self._lowered[text] = lowered_words(text)
        return found

    def _anaphor(self, text: str) -> re.Match | None:
        """ANAPHOR.search(text), searched once for the article."""
        if text in self._pointing:
            return self._pointing[text]
        found = self._pointing[text] = ANAPHOR.search(text)
        return found

    def _mentioned(self, item: LinkInput) -> frozenset[int]:
        """The other sides a statement, its sentence or its answering cue name or refer to by role."""
        names = self._names_against(item.side)
        capitalised = self._capitalised(item.words, names)  # the statement and its sentence
        nouns = self._role_nouns(item.words)
        if item.cue:
            capitalised |= self._capitalised(item.cue, names)
            nouns = nouns | self._role_nouns(item.cue)
        found = {self._by_name[w] for w in capitalised}
        found.update(self._by_ref[r] for r in nouns if r in self._by_ref)
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
            # Nobody named either way: "X rejected the claim" answers whoever spoke just before the side's
            # first answer.
            tried: set[int] = set()
            for i, item in enumerate(items):
                if answering[i] and item.side in answers and item.side not in tried:
                    tried.add(item.side)
                    nearest = self._nearest_claimant(i, kinds) if not answers[item.side] else None
                    if nearest is not None and relations[i] != "apologises_for":
                        answers[item.side].add(nearest)

        # "In a statement, the company said …" after charges naming the company: its formal answer.
        accusing: dict[int, set[int]] = {}  # side -> the sides of the claims so far that name it
        for i, item in enumerate(items):
            if (
                kinds[i] == "claim"
                and item.side is not None
                and not item.frame
                and "statement" in item.words  # every _STATEMENT match holds it
                and _STATEMENT.search(item.words)
            ):
                accusers = accusing.get(item.side, set()) - {item.side}
                if accusers or item.said_to_answer:
                    # Or the article said earlier that the speaker denied or rejected something.
                    kinds[i], relations[i] = "response", "rebuts"
                    answering[i] = True
                    answers.setdefault(item.side, set()).update(accusers)
            if kinds[i] == "claim" and item.side is not None:
                for named in self.mentions[i]:
                    accusing.setdefault(named, set()).add(item.side)

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
            if (
                kinds[i] == "claim"
                and i
                and relations[i - 1] == "apologises_for"
                and items[i - 1].side == side
                and items[i - 1].paragraph == item.paragraph
                and _CONTRAST.match(item.text)
            ):
                # "“We are deeply sorry …,” she said. “But we have not hidden anything.”": the apology
                # turns to a defence.
                kinds[i], relations[i] = "response", "denies"
                latest[side] = i
                continue
            # "…, but that X 'was not briefed'. The final figure, the department said, 'has yet to be
            # agreed'.": the same paragraph going on goes on answering, even when whom is not known.
            going_on = latest.get(side) == i - 1 and items[i - 1].paragraph == item.paragraph
            if kinds[i] == "response" or not (answers.get(side) or going_on) or item.frame or side not in latest:
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
            # "X said that claim was “…”" points at the latest answer, whoever else it names.
            pointed = self._anaphor(item.preface) is not None
            r = earlier.answer_to(item.side, frozenset() if pointed else self.mentions[i])
            if r is not None and (
                items[r].side in self.mentions[i]
                or _REPLY_NOUNS.search(item.words) is not None
                or (i - 1 in replies and items[i - 1].side == item.side)
                or self._right_after(r, i)
            ):
                kinds[i], relations[i] = "response", relations[i] or "rebuts"
                replies[i] = r

        self._answers = answers
        # "The society called the remarks “…”", "X said the department's statement “proves my point”":
        # anyone's words about what another side said answer it.
        reactions: dict[int, tuple[int, ...]] = {}
        seconds: dict[int, int] = {}  # statement -> the answer it takes further
        for i, item in enumerate(items):
            if kinds[i] != "claim" or item.side is None or item.frame:
                continue
            if i - 1 in seconds and items[i - 1].side == item.side and items[i - 1].paragraph == item.paragraph:
                seconds[i] = seconds[i - 1]  # the speaker goes on
                kinds[i], relations[i] = "response", relations[i - 1]
                continue
            if (
                i
                and kinds[i - 1] == "response"
                and items[i - 1].side not in (None, item.side)
                and item.paragraph - items[i - 1].paragraph <= 1
                and (_SECONDING.search(item.lead) or _SPEAKS_FOR_IT.search(item.words[len(item.text) :]))
            ):
                # "The league's chief executive went further. “Nobody is above the rules,” she said.": the
                # answer just given, taken further by another voice.
                seconds[i] = seconds.get(i - 1, i - 1)
                kinds[i], relations[i] = "response", relations[i - 1] or "rebuts"
                continue
            if (
                i - 1 in reactions
                and items[i - 1].side == item.side
                and item.paragraph - items[i - 1].paragraph <= PROPAGATION_PARAGRAPHS
            ):
                reactions[i] = reactions[i - 1]  # the speaker goes on
            else:
                preface = item.preface
                said = _SAID_ABOUT.search(preface) if any(map(preface.__contains__, _SAID_ABOUT_HINTS)) else None
                if said is None and ("’s " in item.text or "'s " in item.text) and self.mentions[i]:
                    # “Dane's comments do not reflect our values”: the words of someone the article quoted.
                    said = _NAMED_SAID.search(item.text)
                t = self._reacted_to(i, said)
                echoed = self._echoed_answers(i, kinds) if t is None else ()
                if echoed:
                    reactions[i] = echoed
                    kinds[i], relations[i] = "response", "rebuts"
                    continue
                if t is None:
                    t = self._named_turn_before(i)
                    if t is not None:
                        # The statements of that turn that named i's side, if some did: the attack answered.
                        turn = self._turn_of(t)
                        reactions[i] = tuple(k for k in turn if item.side in self.mentions[k]) or turn
                        kinds[i], relations[i] = "response", "rebuts"
                        continue
                if t is None:
                    continue
                reactions[i] = self._turn_of(t)
            kinds[i], relations[i] = "response", "rebuts"

        # Whom those answered, so that their own answerers' replies can reach them.
        for i, answered in reactions.items():
            sides = {items[t].side for t in answered} - {None}
            answers.setdefault(items[i].side, set()).update(sides)
        for i, j in seconds.items():
            also = answers.get(items[j].side, set()) | {items[t].side for t in reactions.get(j, ())}
            answers.setdefault(items[i].side, set()).update(also - {items[i].side, None})
        links = self._links(kinds, relations, answers, replies, answering)
        for i, answered in reactions.items():
            links[i] = tuple(t for t in answered if t != i)
            self.sure[i] = LINK_CONFIDENCE["reaction"]
        for i, j in seconds.items():
            links[i] = links[j]
            self.sure[i] = self.sure.get(j, LINK_CONFIDENCE["nearest"])
        sure = [self.sure.get(i, 0.0) if links[i] else 0.0 for i in range(len(items))]
        return kinds, relations, links, sure

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


def exchange(
    items: list[LinkInput], sides: dict[int, Side]
) -> tuple[list[str], list[str | None], list[tuple[int, ...]], list[float]]:
    """Kind, relation type, answered statements and the confidence of those links, for each statement."""
    if not any(item.relation or item.said_to_answer for item in items):
        # Nothing answers anything in so many words: nobody is a responder, so everything is a claim.
        n = len(items)
        return ["claim"] * n, [None] * n, [()] * n, [0.0] * n
    return _Exchange(items, sides).run()
