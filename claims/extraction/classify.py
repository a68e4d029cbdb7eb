"""Claim or response, the type of a claim, and how a response answers (rebuts, denies, apologises…).

The cues are general English: evaluative and emotional vocabulary for opinions, first-person future
commitments for promises, numbers for statistics, words of wrongdoing for accusations, and the stock
phrases of denials, rebuttals, clarifications and apologies. Each rule first checks a cheap word-set
or substring condition so the regular expressions only run on statements that could match.
"""

import re

from claims.extraction import lexicon
from claims.extraction.lexicon import words

_LOWER_WORD = re.compile(r"[a-z][a-z\-']*")


def _hints(*hints: str) -> tuple[str, ...]:
    """A set of literal substrings, tested with `_has_any`."""
    return tuple(dict.fromkeys(hints))


def _has_any(low: str, hints: tuple[str, ...]) -> bool:
    """Whether low contains one of the hints: a few `in` tests (memchr-fast) beat one regex scan."""
    return next(filter(low.__contains__, hints), None) is not None


_DIGIT = re.compile(r"\d")

_APOLOGY = re.compile(r"\b(sorry|apologi[sz]e[sd]?|apologies|apology|regret(?:s|ted)?)\b", re.I)
# An apology spoken of rather than made: "an apology", "his apologies", "the regret".
_SPOKEN_OF = re.compile(r"\b(?:an|the|this|that|his|her|their|its|your|such)\s+(?:\w+\s+)?$", re.I)
_DEMAND = re.compile(r"\b(should|must|needs? to|has to|have to|ought to|demand\w*|refus\w+ to)\s+(\w+\s+){0,2}$", re.I)

_REFUSAL = re.compile(
    r"\b(?:nothing|no need|no reason|(?:i|we)\s+(?:will not|won't|won’t|do not|don't|don’t|refuse|am not going|"
    r"are not going|have no intention))\s+(?:\w+\s+){0,2}?(?:to\s+)?$",
    re.I,
)
_DENIAL = re.compile(
    r"\b(?:(?:i|we)\s+(?:\w+ly\s+)?(?:deny|denies|refute)|(?:is|are|was|were)\s+"
    r"(?:completely\s+|totally\s+|simply\s+|entirely\s+|wholly\s+|utterly\s+)?"
    r"(?:untrue|not true|false|baseless|unfounded|without foundation|inaccurate|incorrect|nonsense|"
    r"fabricated|a fabrication)|categorically|never\s+(?:said|did|made|took|knew|received|met|saw)|"
    r"no\s+(?:truth|basis)\s+(?:in|to|for)|(?:i|we)\s+(?:do\s+not|don['’]t|cannot|can['’]t)\s+recogni[sz]e|"
    r"at\s+no\s+(?:point|time|stage)\s+(?:did|has|have|had|was|were)|no\s+recollection|"
    r"(?:no|not\s+a\s+(?:shred|scrap)\s+of)\s+evidence(?:\s+whatsoever)?\s*$)\b",
    re.I,
)
# "The figures reported this week are wrong", "That number is simply incorrect".
_SAID_IS_WRONG = re.compile(
    r"\b(?:claims?|allegations?|accusations?|figures?|numbers?|statistics|reports?|suggestions?|stories|story|"
    r"account|characteri[sz]ation|description|estimates?|data)\b(?:\s+[\w’'\-]+){0,5}?\s+(?:is|are|was|were)\s+"
    r"(?:simply\s+|just\s+|completely\s+|totally\s+|plainly\s+|plain\s+|flatly\s+|entirely\s+)?"
    r"(?:wrong|incorrect|not correct|inaccurate|misleading|untrue|not true|false|mistaken)\b"
)
_REBUTTAL = re.compile(
    r"\b(?:(?:i|we)\s+(?:\w+ly\s+)?(?:reject|dismiss|dispute|disagree)|"
    r"(?:false|baseless|unfounded|misleading|untrue)\s+(?:and\s+\w+\s+)?"
    r"(?:claims?|allegations?|accusations?|suggestions?|assertions?|reports?|and)|"
    r"takes?\s+(?:\w+\s+){0,3}(?:complaints?|allegations?|concerns?|claims?|reports?|safety|matters?)\s+"
    r"(?:\w+\s+){0,8}?(?:extremely\s+|very\s+|incredibly\s+)?seriously|smear campaign|"
    r"politically motivated (?:attack|smear|campaign)|(?:i|we)\s+(?:\w+\s+)?stand by|misread|misrepresent\w*|"
    r"mischaracteri[sz]\w*|distort\w*)\b",
    re.I,
)
_CLARIFY = re.compile(
    r"\b(?:to clarify|to be clear|what (?:i|we) meant|taken out of context|misinterpreted|was referring to|"
    r"did not mean|didn't mean)\b",
    re.I,
)
# Word beginnings of charged words: bigotry, dishonesty, abuse, illegality, incompetence, scandal.
_ACCUSATION_STEMS = tuple(
    words(
        """racis anti-semit antisemit islamophob homophob transphob xenophob misogyn sexis bigot corrupt fraud
    liar cover-up coverup abus harass bully bullied intimidat vilif smear threat attack betray hypocri
    incompeten negligen illegal unlawful misled mislead deceiv deceit hatred disgrace shameful scandal
    complicit condon cruel reckless dishonest discriminat prejudice disgust insult exploit cheat
    embezzl brib extort mismanag neglect ignor endanger"""
    )
)
_ACCUSATION_WORDS = words(
    "lie lies lied lying fail failed fails failing failure failures waste wasted mess broke broken breach "
    "breached abandoned stole stolen theft greed greedy"
)
# Blame framed as what someone did or did not do (single words of blame are in the lists above).
_ACCUSATION_PHRASES = re.compile(
    r"refus(?:ed|es|ing) to|cover(?:ed|ing)? up|turn(?:ed|ing)? a blind eye|looked the other way|"
    r"politically motivated|put (?:\w+ )?lives at risk"
)
_NUMBER = re.compile(r"\b(?!(?:19|20)\d\d\b)\d")
_STAT_WORDS = words(
    """percent million millions billion billions thousand thousands majority minority doubled doubling
    tripled tripling halved twice"""
)
_STAT_PHRASES = _hints(
    "%",
    "per cent",
    "-fold",
    "half of",
    "half the",
    "quarter of",
    "third of",
    "thirds of",
    "by a third",
    "by half",
    "by a quarter",
    "one in ",
)
# Words without which none of the phrases above can match.
_ACCUSATION_PHRASE_WORDS = words(
    "refused refuses refusing cover covered covering turned turn turning looked politically lives"
)
_PROMISE_VERBS = words("pledged promised vowed pledges promises vows guaranteed guarantees")
_PROMISE = re.compile(
    r"\b(?:i|we)(?:'ll|’ll|\s+will|\s+shall|\s+am going to|\s+are going to|\s+pledge|\s+promise|\s+vow|"
    r"\s+guarantee|\s+intend to|\s+commit to|\s+will continue|\s+are committed to|\s+am committed to)\b",
    re.I,
)
# Evaluative and emotional vocabulary, and the grammar of stance (modal obligation, first-person belief).
_OPINION_WORDS = words(
    """think believe feel felt view opinion should must ought sad saddened angry furious appalled shocked
    horrified heartbroken devastated outraged dismayed concerned worried frustrated disappointed delighted
    pleased happy thrilled excited proud grateful glad uncomfortable wrong good bad better best worse
    worst great terrible awful dreadful excellent wonderful fantastic brilliant outrageous unacceptable
    ridiculous absurd shameful disgraceful deplorable essential important vital crucial disastrous
    welcome deserve deserves deserved hope hopeful clear fair unfair right wise foolish naive sorry
    regrettable tragic tragedy historic remarkable extraordinary incredible amazing"""
)
_OPINION_PHRASES = re.compile(r"\b(?:in my view|i'm|i am|we are|need to|needs to|right thing)\b")
_FINITE = words("is are was were has have had will would can could do does did am")
_CONTRACTION = re.compile(r"\w'(?:s|re|m)\b")


# Stems match at the start of a word, whole words as words: one scan of the text for all of them.
_ACCUSATION = re.compile(
    r"(?<![a-z\-'])(?:"
    + "|".join(re.escape(stem) for stem in sorted(_ACCUSATION_STEMS, key=len, reverse=True))
    + r"|(?:"
    + "|".join(sorted(_ACCUSATION_WORDS, key=len, reverse=True))
    + r")(?![a-z\-]))"
)


def is_accusation(text: str) -> bool:
    """Whether the wording charges someone with wrongdoing."""
    low = text.lower()
    return _ACCUSATION.search(low) is not None or _ACCUSATION_PHRASES.search(low) is not None


def _is_statistical(low: str, found: set[str]) -> bool:
    return (
        (_DIGIT.search(low) is not None and _NUMBER.search(low) is not None)
        or not found.isdisjoint(_STAT_WORDS)
        or _has_any(low, _STAT_PHRASES)
    )


# The words each answering rule needs (checked as a set, so long quotations cost one word scan).
_APOLOGY_WORDS = words("sorry apologise apologised apologize apologized apologies apology regret regrets regretted")
_CLARIFY_WORDS = words("clarify clear meant context misinterpreted referring mean")
_DENIAL_WORDS = words(
    """i we deny denies refute untrue true false baseless unfounded foundation inaccurate incorrect nonsense
    fabricated fabrication categorically never truth basis evidence recognise recognize recollection"""
)
_SAID_IS_WRONG_WORDS = words("wrong incorrect correct inaccurate misleading untrue true false mistaken")
_REBUTTAL_WORDS = words(
    """reject dismiss dispute disagree false baseless unfounded misleading untrue seriously smear
    politically stand misread misrepresent misrepresents misrepresented misrepresenting misrepresentation
    mischaracterise mischaracterised mischaracterize mischaracterized mischaracterisation
    mischaracterization distort distorts distorted distorting distortion"""
)
_ANY_RELATION_WORD = (
    _APOLOGY_WORDS | _CLARIFY_WORDS | _DENIAL_WORDS | _SAID_IS_WRONG_WORDS | _REBUTTAL_WORDS | lexicon.ANSWER_WORDS
) - {"i", "we", "mean", "clear", "true", "basis", "truth", "stand", "correct", "evidence"}


class _ChargedWords(dict):
    """Word -> whether it begins with a charged stem, filled on first use (bounded)."""

    def __missing__(self, word: str) -> bool:
        charged = word.startswith(_ACCUSATION_STEMS)
        if len(self) < 100_000:
            self[word] = charged
        return charged


_CHARGED = _ChargedWords()


def _accuses(low: str, found: set[str]) -> bool:
    if not found.isdisjoint(_ACCUSATION_WORDS) or any(map(_CHARGED.__getitem__, found)):
        return True
    return not found.isdisjoint(_ACCUSATION_PHRASE_WORDS) and _ACCUSATION_PHRASES.search(low) is not None


def lower_words(text: str) -> tuple[str, list[str], set[str]]:
    """The lower-cased text, its words in order and as a set: what both classifiers read."""
    low = text.lower()
    found_list = _LOWER_WORD.findall(low)
    return low, found_list, set(found_list)


def relation_of(
    text: str, verb: str | None, before: str, lowered: tuple[str, list[str], set[str]] | None = None
) -> str | None:
    """How a statement answers something, if its wording shows it does: rebuts, denies, apologises…

    `lowered` is `lower_words(text)` when the caller already has it.
    """
    verb = (verb or "").lower()
    if verb.startswith("reject") and _REJECTED_OFFER.search(before):
        verb = ""  # "rejected a pay offer it called “insulting”": no one's words are answered
    low, found_list, found = lowered if lowered is not None else lower_words(text)
    if found.isdisjoint(_ANY_RELATION_WORD) and not _has_any(low, _WEAK_HINTS):
        # Most statements are claims: one word scan rules every wording rule out at once.
        if _no_comment(low):
            return "rebuts"
        if verb.startswith("apolog"):
            return "apologises_for"
        if verb.startswith("den"):
            return "denies"
        return "rebuts" if verb in lexicon.STRONG_RESPONSE_VERBS else None
    if not found.isdisjoint(_APOLOGY_WORDS):
        apology = _APOLOGY.search(text)
        if apology and _REFUSAL.search(text[: apology.start()]):
            return "rebuts"  # "nothing to apologise for": a refusal to apologise defends
        if apology and _SPOKEN_OF.search(text[: apology.start()]):
            apology = None  # "An apology that turns up a day late": words about someone's apology
        if apology and not _DEMAND.search(before + " " + text[: apology.start()]):
            return "apologises_for"
    if verb.startswith("apolog"):
        return "apologises_for"
    if not found.isdisjoint(_CLARIFY_WORDS) and _CLARIFY.search(low):
        return "clarifies"
    if verb.startswith("den") or (not found.isdisjoint(_DENIAL_WORDS) and _DENIAL.search(low)):
        return "denies"
    if not found.isdisjoint(_SAID_IS_WRONG_WORDS) and _SAID_IS_WRONG.search(low):
        return "denies"
    if not lexicon.ANSWER_WORDS.isdisjoint(found) and (len(found_list) <= 6 or found_list[0] in {"i", "we"}):
        # "strongly disputes", "We reject …": the quotation itself is the answer.
        return "denies" if "den" in low else "rebuts"
    if verb in lexicon.STRONG_RESPONSE_VERBS or (not found.isdisjoint(_REBUTTAL_WORDS) and _REBUTTAL.search(low)):
        return "rebuts"
    return "rebuts" if _no_comment(low) else None


# What one rejects without answering anybody's words: "rejected a pay offer", "rejected the council's plan".
_OFFERED = (
    r"\s+(?:a|an|the|its|their|his|her|this|that)\s+(?:[\w\-’']+\s+){0,2}?"
    r"(?:offers?|proposals?|deals?|bids?|plans?|motions?|applications?|requests?|settlements?|amendments?)\b"
)
# The sentence around a quotation saying its speaker answers: "X has denied claims that …, insisting “…”".
_FRAME_ANSWER = re.compile(
    rf"\b(?:denied|denies|denying|(?:rejected|rejects|rejecting)(?!{_OFFERED})|rebutted|refuted|dismissed|disputed|"
    r"hit back|hitting back|hits back|in (?:a )?response to|responding to|replying (?:to|for)|reacting to|"
    r"apologi[sz]ed|apologi[sz]es|apologi[sz]ing|clarification|clarified|clarifying)\b"
)
_REJECTED_OFFER = re.compile(r"\breject\w*" + _OFFERED)
_FRAME_ANSWER_WORDS = words(
    """denied denies denying rejected rejects rejecting rebutted refuted dismissed disputed hit hitting hits
    response responding replying apologised apologized apologises apologizes apologising apologizing
    clarification clarified clarifying reacting"""
)
# Said before the row, or in support of another side: "had set out her own record a week earlier".
_FRAME_EARLIER = re.compile(
    r"\bhad\s+(?:\w+\s+)?(?:said|told|set out|claimed|written|argued|boasted|insisted|promised|announced|"
    r"declared|stated|pointed)\b|\b(?:a|one|two|three|four|five|several|few|some)\s+(?:\w+\s+)?"
    r"(?:days?|weeks?|months?|years?)\s+(?:earlier|before)\b|\bearlier\s+(?:this|that|in\s+the)\s+"
    r"(?:week|month|year)\b|\bbefore\s+the\s+(?:row|allegations?|claims?|accusations?|controversy|dispute)\b|"
    r"\b(?:days?|weeks?|months?|years?)\s+ago\b|\b(?:said|told|wrote|added)\s+(?:\w+\s+)?at\s+the\s+time\b"
)
_FRAME_SUPPORTS = re.compile(
    r"\b(?:backed|backing|supported|supporting|agreed|agreeing|echoed|echoing|endorsed|bore out|"
    r"sided with|welcomed)\b"
)


def frame_relation(context: str) -> str | None:
    """How the sentence around a quotation says its speaker answers something, if it does."""
    low = context.lower()
    if _FRAME_ANSWER_WORDS.isdisjoint(_LOWER_WORD.findall(low)):
        return None
    match = _FRAME_ANSWER.search(low)
    if match is None:
        return None
    word = match.group()
    if word.startswith("den"):
        return "denies"
    if word.startswith("clarif"):
        return "clarifies"
    return "apologises_for" if word.startswith("apolog") else "rebuts"


_EARLIER_HINTS = _hints("had ", "earlier", "before", " ago", "at the time")
_SUPPORT_HINTS = _hints("back", "support", "agree", "echo", "endorse", "bore out", "sided", "welcome")


def frame_of(context: str) -> str | None:
    """ "earlier" or "supports" when the sentence says the statement answers nobody, else None."""
    low = context.lower()
    if _has_any(low, _EARLIER_HINTS) and _FRAME_EARLIER.search(low):
        return "earlier"
    return "supports" if _has_any(low, _SUPPORT_HINTS) and _FRAME_SUPPORTS.search(low) else None


# "does not comment on", "not going to comment", "inappropriate to comment": an answer that says nothing.
_NO_COMMENT = re.compile(
    r"\b(?:(?:do|does|did|will|would|could|can|cannot)(?:\s+not|n't|n’t)?\s+(?:\w+\s+)?comment|"
    r"not\s+(?:going|able|prepared|willing|in a position)\s+to\s+comment|"
    r"(?:inappropriate|not\s+(?:be\s+)?appropriate)\s+(?:for\s+\w+\s+)?to\s+comment|no\s+comment)\b"
)
_COMMENT_HINTS = _hints("comment")


def _no_comment(low: str) -> bool:
    return _has_any(low, _COMMENT_HINTS) and _NO_COMMENT.search(low) is not None


def is_no_comment(text: str) -> bool:
    """Whether the statement declines to comment ("does not comment on …")."""
    return _no_comment(text.lower())


# Phrases whose words are too common for the word test: "not true", "be clear", "what we meant".
_WEAK_HINTS = _hints("not true", "be clear", "meant", "not mean", "n't mean", "stand by", "no truth", "no basis",
                     "not correct", "evidence", "at no ")  # fmt: skip


def claim_type(
    text: str, verb: str | None, context: str, lowered: tuple[str, list[str], set[str]] | None = None
) -> str:
    """factual, statistical, accusation, opinion, promise or other, from wording and speech verb.

    `lowered` is `lower_words(text)` when the caller already has it.
    """
    verb = (verb or "").lower()
    low, _, found = lowered if lowered is not None else lower_words(text)
    if verb in lexicon.ACCUSATION_VERBS or _accuses(low, found):
        return "accusation"
    if _is_statistical(low, found):
        return "statistical"
    if verb in _PROMISE_VERBS or (found & {"i", "we", "i'll", "we'll"} and _PROMISE.search(low)):
        return "promise"
    if len(text.split()) <= 4 and is_accusation(context):
        return "accusation"
    if found & _OPINION_WORDS or _OPINION_PHRASES.search(low):
        return "opinion"
    if len(text.split()) >= 6 and (found & _FINITE or _CONTRACTION.search(low)):
        return "factual"
    return "other"


_MODE_CONFIDENCE = {
    "colon": 0.95, "after": 0.93, "before": 0.9, "participle": 0.85, "main": 0.85, "social": 0.9,
    "inherit": 0.8, "none": 0.5,
}  # fmt: skip


def confidence(*, mode: str, words: int, closed: bool, resolved: bool) -> float:
    """How sure extraction is of a statement and its attribution (0..1)."""
    base = _MODE_CONFIDENCE.get(mode, 0.6)
    if words <= 2:
        base -= 0.1
    if not closed:
        base -= 0.25
    if not resolved:
        base -= 0.2
    return round(max(0.05, min(1.0, base)), 3)
