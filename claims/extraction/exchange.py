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

import re
from dataclasses import dataclass, field
from itertools import chain

from claims.extraction.answering import LINK_CONFIDENCE, Answering
from claims.extraction.responses import ANAPHOR, LinkInput, _ChunkCache, lowered_words

# What an accuser calls the answer it replies to: "the department's statement", "that account".
_REPLY_NOUNS = re.compile(
    r"\b(?:the|that|this|these|those|his|her|its|their|[A-Z][\w\-]*['’]s?)\s+(?:[a-z\-]+\s+)?"
    r"(?:statement|response|answer|reply|explanation|denials?|defen[cs]e|apology|figures|numbers|account|"
    r"version|claims?|comments|remarks|words|arguments?|assurances?|excuses?|rebuttal|clarification|"
    r"admission|letter|bill|plan|offer)\b"
)
PROPAGATION_PARAGRAPHS = 1
# The sentence around a quotation speaking of what someone said: "called the remarks", "X's statement".
_SAID_ABOUT = re.compile(
    r"\b(?:the|these|those|his|her|its|their|[A-Z][\w\-]*['’]s?)\s+(?:[a-z\-]+(?:['’]s)?\s+)?"
    r"(statement|remarks|comments|response|reply|explanation|denial|apology|rebuttal|clarification|"
    r"admission|assurances?)\b"
)
# A quotation speaking of a named someone's words: "Dane's comments", "the minister's remarks".
_NAMED_SAID = re.compile(
    r"\b[A-Z][\w\-]*['’]s\s+(?:[a-z\-]+\s+)?(remarks|comments|claims|allegations|accusations|words|statement)\b"
)
# Words every match of _SAID_ABOUT holds: a sentence holding none of them is not searched.
_SAID_ABOUT_HINTS = (
    "statement", "remarks", "comments", "response", "reply", "explanation", "denial", "apology", "rebuttal",
    "clarification", "admission", "assurance",
)  # fmt: skip
# The sentence says the quotation comes from a formal statement (not a joint one: those make the case).
_STATEMENT = re.compile(
    r"\b(?:[Ii]n|[Ii]ssued)\s+a\s+(?:written\s+|brief\s+|short\s+)?statement\b|\bstatement went on\b"
)
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


class _Exchange(Answering):
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


def exchange(
    items: list[LinkInput], sides: dict[int, Side]
) -> tuple[list[str], list[str | None], list[tuple[int, ...]], list[float]]:
    """Kind, relation type, answered statements and the confidence of those links, for each statement."""
    if not any(item.relation or item.said_to_answer for item in items):
        # Nothing answers anything in so many words: nobody is a responder, so everything is a claim.
        n = len(items)
        return ["claim"] * n, [None] * n, [()] * n, [0.0] * n
    return _Exchange(items, sides).run()
