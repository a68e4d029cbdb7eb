"""Read one body sentence by sentence: its quotations and posts, who said each, and what answers.

The reader resolves speakers as it goes (a pronoun means whoever the text was last about) and leaves a
draft of each statement for `assembly` to type, link and turn into the result.
"""

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise

from claims.extraction import lexicon
from claims.extraction.attribution import (
    Cue,
    deferred_source,
    find_cue,
    has_speech_cue,
    in_relative_clause,
    main_subject,
    subject_before,
)
from claims.extraction.classify import lower_words, relation_of
from claims.extraction.leads import DASHES
from claims.extraction.names import Mention, copy_mention, parse_np
from claims.extraction.phrases import is_speech_verb, np_forward
from claims.extraction.quotes import QuoteSpan, find_quotes, looks_like_title
from claims.extraction.social import SocialPost, find_posts
from claims.extraction.speakers import Registry
from claims.extraction.text import Token, blank_line_mode, is_heading, mask, paragraphs, sentences, shadow, tokenize

_LEADING_DET = {"the", "a", "an"}
_NAME_JOINERS = frozenset({"of", "de", "van", "von", "al", "bin"})
# Reported words that answer; an apology only when its verb says so ("called on him to apologise" does not).
_REPORTED_ANSWERS = frozenset({"rebuts", "denies", "clarifies"})
_UNATTRIBUTED = frozenset({"inherit", "none", "colon"})  # a draft's modes when no cue named its speaker
_REPLY = re.compile(r"(?:you(?:'re|’re| are) (?:right|wrong|correct)\b)", re.IGNORECASE)
_ANSWER_LEADS = frozenset({"asked", "responding", "replying", "response", "answering", "addressing"})


@dataclass(slots=True)
class Draft:
    """A statement being built."""

    start: int
    end: int
    closed: bool
    entity: int | None
    mode: str
    verb: str | None
    paragraph: int
    context: str
    before: str
    relation: str | None = None  # how its wording answers something, if it does
    answering: bool = False  # its speaker was just said to deny, reject or answer something
    cue: str = ""  # the words that said so ("X rejected the accusation"), for finding what is answered
    text: str = ""  # body[start:end]
    preface: str = ""  # the words of its sentence before it
    lead: str = ""  # the sentence before, in the same paragraph ("She had set out her record a week earlier.")
    lowered: tuple[str, list[str], set[str]] | None = None  # lower_words(text), shared by the classifiers
    said_to_answer: bool = False  # an earlier sentence said its speaker denied, rejected or answered something


def _items(text: str, paras: list[tuple[int, int]]) -> list[QuoteSpan | SocialPost]:
    """Quotations and embedded posts, in order, without overlaps (a post contains its own quotes)."""
    posts = find_posts(text, paras)
    quotes = find_quotes(text, paras)
    items: list[QuoteSpan | SocialPost] = list(posts)
    # Posts are in text order and do not overlap: the last post starting before a quote's end is the
    # only one it can overlap.
    post_starts = [p.start for p in posts]
    for q in quotes:
        k = bisect.bisect_left(post_starts, q.region_end) - 1
        if k < 0 or posts[k].end <= q.open:
            items.append(q)
    items.sort(key=lambda it: it.open if isinstance(it, QuoteSpan) else it.start)
    return items


def _token_span(item: QuoteSpan | SocialPost) -> tuple[int, int]:
    if isinstance(item, QuoteSpan):
        return item.open, item.region_end
    return item.start, item.end


def _fill_span(item: QuoteSpan | SocialPost) -> tuple[int, int]:
    if isinstance(item, QuoteSpan):
        return item.open + 1, item.close
    return item.start, item.end


def _is_statement(tokens: list[Token], a: int, b: int, k: int, item: QuoteSpan, quoted: str, speech) -> bool:
    """Leave out nicknames, labels, titles and scare quotes (`speech()`: the sentence has a speech cue)."""
    before = [t.low for t in tokens[max(a, k - 2) : k]]
    if not lexicon.LABEL_CUES.isdisjoint(before):
        return False
    title = looks_like_title(quoted)
    if title and (
        "called" in before or any(t.low in lexicon.WORK_NOUNS for t in tokens[max(a, k - 4) : k]) or not speech()
    ):
        return False
    words = len(quoted.split())
    if not item.closed and words < 4:
        return False
    if k == a and quoted.rstrip().endswith((".", "!", "?")) and not title:
        return True  # “Not a chance.” standing as a sentence of its own: somebody said it
    colon = k > a and tokens[k - 1].text == ":"
    return words > 3 or colon or speech()


def _responds(draft: Draft) -> bool:
    return draft.answering or draft.relation is not None


_REMEDY = re.compile(
    r"\b(?:change[sd]?|fix(?:es|ed)?|address(?:es|ed)?|solve[sd]?|tackle[sd]?|remed(?:y|ies|ied)|end(?:s|ed)?|"
    r"deal with|put right|sort out) (?:that|this) \.?$"
)
_COUNTER_VERBS = frozenset({"turned", "rounded", "hit", "lashed", "struck"})
_COUNTER_PARTICLES = {"turned": ("on",), "rounded": ("on",), "hit": ("back",), "lashed": ("out",), "struck": ("back",)}


def _counter_attack(lows: list[str]) -> bool:
    """`X turned on his critics` / `rounded on` / `hit back` / `lashed out` / `struck back`."""
    return any(low in _COUNTER_PARTICLES and nxt in _COUNTER_PARTICLES[low] for low, nxt in pairwise(lows))


def _asked_about_criticism(lows: list[str]) -> bool:
    """`Asked about the criticism, …` / `Responding to critics, …`: what follows answers someone."""
    for i, low in enumerate(lows):
        nxt = lows[i + 1] if i + 1 < len(lows) else ""
        lead = (
            (low == "asked" and nxt == "about")
            or (low in {"responding", "replying"} and nxt == "to")
            or (low == "response" and i and lows[i - 1] == "in")
            or low in {"answering", "addressing"}
        )
        if lead and not lexicon.CRITICISM_NOUNS.isdisjoint(lows[i + 1 : i + 7]):
            return True
    return False


def _apply_appositions(mention: Mention | None, appositions: list[list[Token]]) -> None:
    if mention is None:
        return
    for chunk in appositions:
        if not chunk:
            continue
        if any(t.low in {"his", "her"} for t in chunk):
            mention.other_than_focus = True
        first = chunk[0].low
        if first in lexicon.RELATIVES or first in lexicon.PREPOSITIONS:
            continue
        words = [t.text for t in chunk]
        if first in _LEADING_DET:
            words = words[1:]
        if words and len(words) <= 12 and mention.kind in {"person", "bare", "description"}:
            mention.roles.append(" ".join(words))


class Reader:
    """Reads one body sentence by sentence, resolving speakers as it goes."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.text = shadow(body)
        self.paras = paragraphs(self.text)
        self.para_starts = [p[0] for p in self.paras]
        self.items = _items(self.text, self.paras)
        self.masked = mask(self.text, [_fill_span(it) for it in self.items])
        spans = [(*_token_span(it), i) for i, it in enumerate(self.items)]
        self.tokens = tokenize(self.masked, spans)
        self.token_starts = [t.start for t in self.tokens]
        self.lows = [t.low for t in self.tokens]
        self.quote_index = [k for k, t in enumerate(self.tokens) if t.quote is not None]
        self.name_index = [
            k for k, t in enumerate(self.tokens) if t.quote is None and (t.is_cap or t.low in _NAME_JOINERS)
        ]
        self.sentences = sentences(self.text, self.masked, self.tokens, blank_line_mode(self.text))
        self.registry = Registry()
        self.drafts: list[Draft] = []
        self._answering: set[int] = set()  # speakers the previous sentence says denied/rejected something
        self._answerers: set[int] = set()  # speakers any sentence so far said denied/rejected something
        self._answer_cue = ""  # that sentence's words
        self._continuing = -1  # the sentence whose quotation may carry on the response before it
        self._outside: tuple[int, str] = (-1, "")
        self._lead: tuple[int, str] = (-1, "")  # the words of the sentence before the one being read
        self._colon: tuple[int, int | None] = (-1, None)  # a sentence ending in a colon, and its subject

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph containing pos."""
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def read(self) -> list[Draft]:
        """Read every sentence; the drafts of the body's statements, in order."""
        for s, (a, b) in enumerate(self.sentences):
            self._sentence(s, a, b)
        return self.drafts

    def _resolve(self, tokens: list[Token], appositions: list[list[Token]], s: int) -> int | None:
        mention = parse_np(tokens)
        if mention is not None and any(appositions):
            mention = copy_mention(mention)
            _apply_appositions(mention, appositions)
        pos = tokens[0].start if tokens else 0
        if mention is not None and mention.kind == "bare":
            # "Okafor said": a single word right before a speech verb may be a person's name.
            after = bisect.bisect_right(self.token_starts, tokens[-1].start)
            self.registry.speaking = after < len(self.tokens) and self.lows[after] in lexicon.SPEECH_VERBS
        index = self.registry.resolve(mention, pos, s)
        self.registry.speaking = False
        return index

    def _sentence(self, s: int, a: int, b: int) -> None:
        tokens = self.tokens
        heading = is_heading(tokens, a, b, first=s == 0)
        # A heading's capitalised words are not names: nobody in it is the subject of a sentence.
        subject_tokens, appositions = main_subject(tokens, a, b) if not heading else ([], [])
        subject = self._resolve(subject_tokens, appositions, s) if subject_tokens else None
        subject_pos = subject_tokens[0].start if subject_tokens else tokens[a].start
        self.registry.note(subject, subject_pos, s, subject=True)
        noted_subject = subject is not None
        cue_found: list[bool] = []

        def speech() -> bool:
            if not cue_found:
                cue_found.append(has_speech_cue(tokens, a, b))
            return cue_found[0]

        said_by: dict[int, int | None] = {}  # the speakers this sentence's cues resolved, by position
        lo = bisect.bisect_left(self.quote_index, a)
        for k in self.quote_index[lo : bisect.bisect_left(self.quote_index, b, lo)]:
            item = self.items[tokens[k].quote]
            if isinstance(item, SocialPost):
                entity = self._post_author(item, s)
                self._add(item.start, item.end, True, entity, "social", None, s, a, b, k)
                continue
            quoted = self.text[item.start : item.end]
            if not _is_statement(tokens, a, b, k, item, quoted, speech):
                continue
            cue = find_cue(tokens, a, b, k)
            entity = None
            if (
                cue.subject
                and subject_tokens
                and cue.subject[0] is subject_tokens[0]
                and len(cue.subject) == len(subject_tokens)
            ):
                entity = subject  # the sentence's subject, already resolved above
            elif cue.subject and cue.subject[0].start in said_by:
                entity = said_by[cue.subject[0].start]  # "…,” he said, adding that “…”": the same words
            elif cue.subject and not heading:
                if len(cue.subject) == 1 and self.drafts and _REPLY.match(quoted):
                    # "“You're right, …,” he said": the reply answers the last speaker, who is not "he".
                    self.registry.avoid = self.drafts[-1].entity
                entity = self._resolve(cue.subject, cue.appositions, s)
                self.registry.avoid = None
                said_by[cue.subject[0].start] = entity
            mode = cue.mode
            if entity is None and cue.mode == "none" and subject is not None and k > a:
                # "The association called the pledge “too little, too late”": no speech verb, but the
                # sentence's own subject is the one who used the words.
                entity, mode = subject, "main"
            first_person = len(cue.subject) == 1 and cue.subject[0].low == "i"
            if entity is None and not first_person:  # "“…,” I said": the writer, whom no one names
                entity, mode = self._fallback(item, cue, s)
            elif not noted_subject:
                self.registry.note(entity, cue.subject[0].start, s, subject=True)
                noted_subject = True
            elif entity != subject and cue.subject:
                # The speaker of a quotation is a candidate for the pronouns that follow, as the subject is.
                self.registry.note(entity, cue.subject[0].start, s, subject=False)
            self._add(item.start, item.end, item.closed, entity, mode, cue.verb, s, a, b, k)
            if entity is not None and self._answering and self._answers(entity, cue, s):
                self.drafts[-1].answering = True
                self.drafts[-1].cue = self._answer_cue
        if not heading:
            self._deferred(s, a, b)
            self._note_names(s, a, b, subject_tokens)
        elif tokens[a].text in DASHES:
            self._deferred(s, a, b)  # "- Ana Costa." signing the quotation above looks like a label
        if subject is not None and tokens[b - 1].text == ":":
            self._colon = (s, subject)  # "The foundation describes itself this way:" introduces a quotation
        # "X rejected the accusation. “…,” said X." / "Asked about the criticism, she laughed. “…”":
        # the quote after such a sentence answers too.
        lows = self.lows[a:b]
        quoted = "" in lows
        # Only a subject can be said to answer: without one the wording is not read.
        responding = (
            not quoted
            and subject is not None
            and (
                not lexicon.STRONG_RESPONSE_VERBS.isdisjoint(lows)
                or (not lexicon.WEAK_RESPONSE_VERBS.isdisjoint(lows) and not lexicon.CRITICISM_NOUNS.isdisjoint(lows))
                or (not _ANSWER_LEADS.isdisjoint(lows) and _asked_about_criticism(lows))
                # "Later in the debate, he turned on the opposition leader.": a counter-attack.
                or (not _COUNTER_VERBS.isdisjoint(lows) and _counter_attack(lows))
                # "The minister said the new bill would change that.": a remedy for what was just said.
                or (lows[-2:-1] in (["that"], ["this"]) and _REMEDY.search(" ".join(lows[-5:])) is not None)
                # "He said the campaigners had misread the report.": reported words that answer.
                or (
                    b > a
                    and relation_of(self.body[self.tokens[a].start : self.tokens[b - 1].end], None, "")
                    in _REPORTED_ANSWERS
                )
            )
        )
        self._answering = {subject} if responding else set()
        if responding:
            self._answerers.add(subject)
        self._answer_cue = self._outside_words(s, a, b) if self._answering else ""
        if not responding and quoted and self.drafts and self.drafts[-1].mode != "social":
            # "We reject these claims. We have always followed the rules.": a response goes on.
            last = self.drafts[-1]
            if (
                last.entity is not None
                and self.tokens[a].start <= last.start
                and _responds(last)
                and last.relation != "apologises_for"  # an apology is followed by its reasons
            ):
                self._answering = {last.entity}
                self._answer_cue = last.cue
                self._continuing = s + 1

    def _deferred(self, s: int, a: int, b: int) -> None:
        """“…” Those were the words of X.: the quotations just before, given to nobody by their own
        sentence, were X's."""
        if not self.drafts or self.drafts[-1].mode not in _UNATTRIBUTED:
            return
        source = deferred_source(self.tokens, a, b)
        if not source:
            return
        entity = self._resolve(source, [], s)
        if entity is None:
            return
        since = self.tokens[self.sentences[s - 1][0]].start if s else 0
        for draft in reversed(self.drafts):
            if draft.start < since or draft.mode not in _UNATTRIBUTED:
                break
            draft.entity, draft.mode = entity, "after"
        self.registry.note(entity, source[0].start, s, subject=True)

    def _answers(self, entity: int, cue: Cue, s: int) -> bool:
        """Whether a quotation by `entity` speaks for someone just said to reject or deny something."""
        if self._continuing == s and cue.verb is not None and cue.verb.low not in lexicon.NEUTRAL_SPEECH:
            return False  # "He explained: …" after a denial starts something new
        if entity in self._answering:
            return True
        entities = self.registry.entities
        speaker = entities[entity]
        for index in self._answering:
            other = entities[index]
            # "The company rejected that account. “…,” said its chief executive." / a spokesperson for it.
            possessive = any(chunk and chunk[0].low in {"its", "their"} for chunk in [cue.subject, *cue.appositions])
            if other.kind == "organisation" and (speaker.affiliation == other.name or possessive):
                self.registry.speaks_for.setdefault(entity, index)
                return True
        return False

    def _outside_words(self, s: int, a: int, b: int) -> str:
        if self._outside[0] != s:  # the same for every quotation of the sentence: join it once
            self._outside = (s, " ".join([t.text for t in self.tokens[a:b] if t.quote is None]))
        return self._outside[1]

    def _fallback(self, item: QuoteSpan, cue: Cue, s: int) -> tuple[int | None, str]:
        """No attribution in the sentence: a quote continuing the previous speaker's, else the topic."""
        para = self.paragraph_of(item.open)
        if self._colon[0] == s - 1:
            return self._colon[1], "colon"
        last = self.drafts[-1] if self.drafts else None
        # "Sen. Ana Costa identified the losers. “They will drive an hour …”": someone the paragraph
        # made its subject after the last quotation says the words, not that quotation's speaker.
        since = max(self.paras[para][0], last.end if last is not None else 0)
        reporter = self._reporter(s - 1, since)
        if reporter is not None:
            return reporter, "inherit"
        subject = self.registry.subject_between(since, item.open, s)
        if subject is not None:
            return subject, "inherit"
        if last is not None and last.entity is not None and para - last.paragraph <= 1:
            return last.entity, "inherit"
        return self.registry.focus(s), "none"

    def _reporter(self, s: int, since: int) -> int | None:
        """`The delay may be deliberate, Ana Costa said. “…”`: who the sentence before (with no quotation of
        its own, after `since`) says is speaking goes on speaking."""
        if s < 0:
            return None
        a, b = self.sentences[s]
        tokens = self.tokens
        if b - a < 3 or tokens[a].start < since or any(t.quote is not None for t in tokens[a:b]):
            return None
        for v in range(b - 1, a, -1):
            if tokens[v].low.endswith("ing") or not is_speech_verb(tokens, v) or in_relative_clause(tokens, a, v):
                continue
            if tokens[v - 1].text == "," and v + 1 < b:
                # "…, said Ana Costa."
                end = np_forward(tokens, v + 1, b)
                subject = tokens[v + 1 : end] if end > v + 1 and (end == b or tokens[end].text in ".,;") else []
            else:
                subject = subject_before(tokens, a, b, v).subject
            mention = parse_np(subject) if subject else None
            known = mention is not None and mention.kind == "bare" and self.registry.people_named(mention.name)
            if mention is None or not (known or mention.kind in {"person", "pronoun", "spokes", "org"}):
                return None
            return self._resolve(subject, [], s)
        return None

    def _post_author(self, post: SocialPost, s: int) -> int | None:
        author = [t for t in self.tokens_of(post.author_start, post.author_start + len(post.author))]
        entity = self._resolve(author, [], s) if author else None
        if entity is not None:
            self.registry.entities[entity].add_alias("@" + post.handle)
            self.registry.note(entity, post.start, s, subject=True)
        return entity

    def tokens_of(self, start: int, end: int) -> list[Token]:
        """Tokens lying within [start, end)."""
        i = bisect.bisect_left(self.token_starts, start)
        j = bisect.bisect_left(self.token_starts, end, i)
        return self.tokens[i:j]

    def _add(self, start, end, closed, entity, mode, verb, s, a, b, k) -> None:
        tokens = self.tokens
        outside = self._outside_words(s, a, b)
        before = " ".join([t.text for t in tokens[max(a, k - 6) : k] if t.quote is None])
        self.drafts.append(
            Draft(
                start=start,
                end=end,
                closed=closed,
                entity=entity,
                mode=mode,
                verb=verb.low if isinstance(verb, Token) else None,
                paragraph=self.paragraph_of(start),
                context=outside,
                before=before,
            )
        )
        draft = self.drafts[-1]
        draft.preface = " ".join([t.text for t in tokens[a:k] if t.quote is None])
        if s > 0:
            lead_a, lead_b = self.sentences[s - 1]
            if lead_a < lead_b and self.paragraph_of(tokens[lead_a].start) == draft.paragraph:
                if self._lead[0] != s - 1:  # the same for every quotation of the sentence: join it once
                    self._lead = (s - 1, " ".join([t.text for t in tokens[lead_a:lead_b] if t.quote is None]))
                draft.lead = self._lead[1]
        draft.text = text = self.body[start:end]
        draft.lowered = lower_words(text)
        draft.relation = relation_of(text, draft.verb, before, draft.lowered)
        draft.said_to_answer = entity in self._answerers

    def _note_names(self, s: int, a: int, b: int, subject_tokens: list[Token]) -> None:
        """Record people and organisations named in the sentence (candidates for later pronouns)."""
        skip_start = subject_tokens[0].start if subject_tokens else -1
        skip_end = subject_tokens[-1].end if subject_tokens else -1
        tokens = self.tokens
        # Only capitalised words (and the particles that join them) can be part of a name.
        lo = bisect.bisect_left(self.name_index, a)
        hi = bisect.bisect_left(self.name_index, b, lo)
        run: list[Token] = []
        last = -2
        for k in [*self.name_index[lo:hi], b + 1]:
            tok = tokens[k] if k < b else None
            if tok is not None and k == last + 1 and run and not skip_start <= tok.start < skip_end:
                run.append(tok)
                last = k
                continue
            if run and last - len(run) + 1 > a:
                self._note_run(run, s)
            run = []
            if tok is not None and tok.is_cap and not skip_start <= tok.start < skip_end:
                run.append(tok)
            last = k

    def _note_run(self, run: list[Token], s: int) -> None:
        mention = parse_np(run)
        # A lone capitalised word counts only as the surname of someone already named.
        if mention is not None and (
            mention.kind in {"person", "org"} or (mention.kind == "bare" and self.registry.people_named(mention.name))
        ):
            self.registry.note(self.registry.resolve(mention, run[0].start, s), run[0].start, s, False)
