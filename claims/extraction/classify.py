"""Claim or response, the type of a claim, and how a response answers (rebuts, denies, apologises…)."""

import re

from claims.extraction import lexicon
from claims.extraction.lexicon import words

_APOLOGY = re.compile(r"\b(sorry|apologi[sz]e[sd]?|apologies|apology|regret(?:s|ted)?)\b", re.I)
_DEMAND = re.compile(r"\b(should|must|needs? to|has to|have to|ought to|demand\w*|refus\w+ to)\s+(\w+\s+){0,2}$", re.I)
_DENIAL = re.compile(
    r"\b(?:(?:i|we)\s+(?:\w+ly\s+)?(?:deny|denies|refute)|(?:is|are|was|were)\s+(?:completely\s+|totally\s+|simply\s+)?"
    r"(?:untrue|not true|false|baseless|unfounded|without foundation|wholly inaccurate|inaccurate|nonsense)|"
    r"categorically|never\s+(?:said|did|made|took|knew)|no\s+(?:truth|basis)\s+(?:in|to|for))\b",
    re.I,
)
_REBUTTAL = re.compile(
    r"\b(?:(?:i|we)\s+(?:\w+ly\s+)?(?:reject|dismiss)|false and|these (?:false|baseless|unfounded)|"
    r"takes?\s+(?:\w+\s+){0,3}(?:complaints?|allegations?|concerns?|claims?)\s+(?:\w+\s+){0,8}?"
    r"(?:extremely\s+|very\s+|incredibly\s+)?seriously|smear campaign|politically motivated attack)\b",
    re.I,
)
_CLARIFY = re.compile(
    r"\b(?:to clarify|to be clear|what (?:i|we) meant|taken out of context|misinterpreted|misrepresent\w*|"
    r"was referring to|did not mean)\b",
    re.I,
)
# Word beginnings of charged accusations (checked word by word: much faster than one big pattern).
_ACCUSATION_STEMS = tuple(
    words(
        """racis anti-semit antisemit islamophob homophob transphob misogyn sexis bigot corrupt fraud liar
    cover-up coverup abus harass bully bullied intimidat vilif smear threat attack betray hypocri
    incompeten negligen illegal unlawful misled mislead deceiv deceit hatred unwilling failure
    disgrace shameful scandal motivated complicit condon cruel reckless dishonest incompatible
    discriminat prejudice normalised normalized disgust insult de-selection deselection excuse
    anti-western anti-democratic"""
    )
)
_ACCUSATION_WORDS = words(
    "lie lies lied lying fail failed fails failing waste wasted mess broke broken breach breached"
)
_ACCUSATION_PHRASES = re.compile(
    r"refus(?:ed|es|ing) to|never (?:having )?been|cover(?:ed)? up|sided with|siding with|again and again|"
    r"in your name|allowed? (?:their|his|her)"
)
_LOWER_WORD = re.compile(r"[a-z][a-z\-]*")


def is_accusation(text: str) -> bool:
    """Whether the wording charges someone with wrongdoing."""
    low = text.lower()
    for word in _LOWER_WORD.findall(low):
        if word in _ACCUSATION_WORDS or word.startswith(_ACCUSATION_STEMS):
            return True
    return _ACCUSATION_PHRASES.search(low) is not None


_STAT_WORDS = ("per cent", "percent", "%", "fold", "doubl", "tripl", "halved", "million", "billion",
               "thousand", "majority", "minority")  # fmt: skip
_STAT = re.compile(
    r"(?:\d+(?:[.,]\d+)?\s*(?:%|per ?cent|percent|million|billion|bn|m\b|k\b|times|fold)|"
    r"\b\d{1,3}(?:,\d{3})+\b|\b(?!19\d\d\b|20\d\d\b)\d+(?:\.\d+)?\b|"
    r"\b(?:four|five|six|seven|eight|nine|ten|two|three)-fold\b|\bdoubl(?:ed|ing)\b|\btripl(?:ed|ing)\b|"
    r"\bhalved\b|\bper cent\b|\bpercent\b|\bmillions?\b|\bbillions?\b|\bthousands?\b|\bmajority\b|"
    r"\bminority\b)",
    re.I,
)
_PROMISE = re.compile(
    r"\b(?:i|we)(?:'ll|’ll|\s+will|\s+shall|\s+am going to|\s+are going to|\s+pledge|\s+promise|\s+vow|"
    r"\s+intend to|\s+commit to|\s+will continue)\b",
    re.I,
)
_OPINION = re.compile(
    r"\b(?:i think|i believe|i feel|in my view|i'm|i am|we are|should|must|ought|need to|needs to|"
    r"sad|angry|appalled|heartbroken|delighted|proud|disappointed|concerned|worried|wrong|right thing|"
    r"good|bad|best|worst|great|terrible|awful|outrageous|unacceptable|ridiculous|absurd|riddance|"
    r"distraction|clear|no wonder|uncomfortable|essential|important|deserve|hope|welcome|distress\w*)\b",
    re.I,
)
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|do|does|did|am|'s|'re|'m)\b", re.I)


def _is_statistical(text: str) -> bool:
    low = text.lower()
    if not any(c.isdigit() for c in low) and not any(w in low for w in _STAT_WORDS):
        return False
    return _STAT.search(low) is not None


def relation_of(text: str, verb: str | None, before: str) -> str | None:
    """How a statement answers something, if its wording shows it does: rebuts, denies, apologises…"""
    verb = (verb or "").lower()
    if _APOLOGY.search(text) and not _DEMAND.search(before + " " + text[: _APOLOGY.search(text).start()]):
        return "apologises_for"
    if verb.startswith("apolog"):
        return "apologises_for"
    if _CLARIFY.search(text):
        return "clarifies"
    if verb.startswith("den") or _DENIAL.search(text):
        return "denies"
    if verb in lexicon.RESPONSE_VERBS or _REBUTTAL.search(text):
        return "rebuts"
    return None


def claim_type(text: str, verb: str | None, context: str) -> str:
    """factual, statistical, accusation, opinion, promise or other, from wording and speech verb."""
    verb = (verb or "").lower()
    if verb in lexicon.ACCUSATION_VERBS or is_accusation(text):
        return "accusation"
    if _is_statistical(text):
        return "statistical"
    if verb in {"pledged", "promised", "vowed", "pledges", "promises", "vows"} or _PROMISE.search(text):
        return "promise"
    if len(text.split()) <= 4 and is_accusation(context):
        return "accusation"
    if _OPINION.search(text):
        return "opinion"
    if len(text.split()) >= 6 and _FINITE.search(text):
        return "factual"
    return "other"


def confidence(*, mode: str, words: int, closed: bool, resolved: bool) -> float:
    """How sure extraction is of a statement and its attribution (0..1)."""
    base = {
        "colon": 0.95, "after": 0.93, "before": 0.9, "participle": 0.85, "main": 0.85, "social": 0.9,
        "inherit": 0.8, "none": 0.5,
    }.get(mode, 0.6)  # fmt: skip
    if words <= 2:
        base -= 0.1
    if not closed:
        base -= 0.25
    if not resolved:
        base -= 0.2
    return round(max(0.05, min(1.0, base)), 3)
