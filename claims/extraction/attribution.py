"""Find who a quotation is attributed to: the speech verb near it and that verb's subject phrase.

Works on tokens of the masked text, where each quotation is a single token, so patterns such as
`X said: “…”`, `“…,” he told …`, `“…,” said the minister` and `X, who …, added that “…”` are read off
the words around the quotation.
"""

from dataclasses import dataclass, field

from claims.extraction import lexicon
from claims.extraction.leads import DASHES, skip_lead
from claims.extraction.phrases import is_speech_verb, np_backward, np_forward, verbish
from claims.extraction.text import Token

_PROGRESSIVE = {"was", "is", "were", "are", "been", "be", "am"}


@dataclass(slots=True)
class Cue:
    """How a quotation is attributed."""

    mode: str  # colon after before participle main social inherit none
    subject: list[Token] = field(default_factory=list)
    verb: Token | None = None
    appositions: list[list[Token]] = field(default_factory=list)


def main_subject(tokens: list[Token], a: int, b: int) -> tuple[list[Token], list[list[Token]]]:
    """Subject noun phrase of the sentence tokens[a:b] and the appositions that follow it."""
    i = skip_lead(tokens, a, b)
    j = np_forward(tokens, i, b)
    if j + 1 < b and j > i and tokens[j].low in lexicon.PREPOSITIONS and tokens[j - 1].low in lexicon.PERSON_ROLES:
        # "Another delegate on the Cruz slate, Jim Poolman, said": the role's complement is part of it.
        k = np_forward(tokens, j + 1, b)
        if k < b and tokens[k].text == ",":
            j = k
    subject = tokens[i:j]
    appositions: list[list[Token]] = []
    if j < b and tokens[j].text == ",":
        k = j + 1
        second_end = np_forward(tokens, k, b)
        named_second = any(t.is_cap for t in tokens[k:second_end])
        # The first phrase only describes ("Her neighbour", "The firm's chief executive"): no name in it
        # apart from a possessive owner.
        described_first = _describes(subject)
        # "The firm's chief executive, Jane Doe, said" / "A former minister, Jane Doe said".
        after_name = second_end + 1 if second_end < b and tokens[second_end].text == "," else second_end
        if described_first and named_second and second_end > k and after_name < b and verbish(tokens[after_name]):
            # The description is a role of the name after it.
            return tokens[k:second_end], [subject]
        # "X, the former minister, said" / "X, who …, said": appositions up to the predicate.
        chunk: list[Token] = []
        while k < b and len(appositions) < 4:
            tok = tokens[k]
            if tok.text == ",":
                appositions.append(chunk)
                chunk = []
                if k + 1 < b and verbish(tokens[k + 1]):
                    break
            else:
                chunk.append(tok)
            k += 1
    return subject, appositions


def _describes(phrase: list[Token]) -> bool:
    """The phrase only describes ("Her neighbour", "The firm's chief executive"): no name in it apart
    from a possessive owner, or it ends in a role noun."""
    return bool(phrase) and (
        phrase[-1].low in lexicon.PERSON_ROLES
        # "California Rep. Duncan Hunter's chief of staff": an owner, then lower-case words of a role.
        or _owned_role(phrase)
        or not any(t.is_cap and t.low not in lexicon.FUNCTION_WORDS for t in phrase)
        # "The leader of the Anti-Defamation League, Jo Bloggs, said": a role of a named body.
        or (phrase[0].low in lexicon.DETERMINERS and _role_of_body(phrase))
        # "Another delegate on the Cruz slate, Jim Poolman, said": a role, then where it belongs.
        or (phrase[0].low in _DESCRIBING_OPENERS and _role_before_preposition(phrase))
    )


_DESCRIBING_OPENERS = lexicon.DETERMINERS | {"another", "one"}


def _role_before_preposition(phrase: list[Token]) -> bool:
    for t in phrase[1:]:
        if t.low in lexicon.PREPOSITIONS:
            return False
        if t.low in lexicon.PERSON_ROLES and not t.is_cap:
            return True
    return False


def _owned_role(phrase: list[Token]) -> bool:
    owner = next((i for i, t in enumerate(phrase) if t.text.endswith(("'s", "’s"))), None)
    rest = phrase[owner + 1 :] if owner is not None else []
    return bool(rest) and all(not t.is_cap for t in rest) and any(t.low in lexicon.PERSON_ROLES for t in rest)


def _names(phrase: list[Token]) -> bool:
    """Two or more capitalised words and nothing else: `Jane Doe`, `Sen. Ana Costa`."""
    return (
        len(phrase) >= 2
        and all(t.is_cap or t.text == "." for t in phrase)
        and phrase[0].low not in lexicon.FUNCTION_WORDS
    )


def _role_of_body(phrase: list[Token]) -> bool:
    """`the leader of the league`: a role noun right before `of`."""
    return any(
        phrase[i].low == "of" and phrase[i - 1].low in lexicon.PERSON_ROLES and not phrase[i - 1].is_cap
        for i in range(1, len(phrase))
    )


def _skip_back_adverbs(tokens: list[Token], a: int, j: int) -> int:
    while j >= a and (tokens[j].low in lexicon.AUXILIARIES or _adverb(tokens[j])):
        j -= 1
    return j


_LY_NOUNS = lexicon.words("family ally rally assembly supply reply anomaly monopoly")


def _adverb(tok: Token) -> bool:
    """`-ly` words other than nouns (`family`, `ally`): `repeatedly`, `publicly`."""
    return tok.low.endswith("ly") and not tok.is_cap and tok.low not in _LY_NOUNS


def _coordinated_subject(tokens: list[Token], a: int, b: int, j: int) -> Cue | None:
    """The subject right before the verb that the verb after `and` at j is coordinated with."""
    for k in range(j - 1, max(a, j - 25) - 1, -1):
        tok = tokens[k]
        if tok.quote is not None or tok.text in ";:" or tok.low in lexicon.RELATIVES:
            return None
        finite = is_speech_verb(tokens, k) or (
            not tok.is_cap and len(tok.low) > 3 and tok.low.endswith("ed") and tok.low not in lexicon.ADJECTIVAL_ED
        )
        if finite and not tok.low.endswith("ing") and k > a:
            before = tokens[k - 1]
            if before.is_cap and before.low not in lexicon.FUNCTION_WORDS and before.low not in lexicon.DAYS:
                start = np_backward(tokens, a, k - 1)
                return Cue("before", tokens[start:k], tok)
            return None
    return None


def _opens_with_as(tokens: list[Token], a: int, v: int) -> bool:
    """The sentence opens with `As` (after `Or,` / `But`): "Or, as Ana Costa put it, “…”"."""
    for k in range(a, min(v, a + 3)):
        if tokens[k].low == "as":
            return True
        if tokens[k].low not in {"or", "and", "but", ","}:
            return False
    return False


def subject_before(tokens: list[Token], a: int, b: int, v: int) -> Cue:
    """Subject of the speech verb at v (which precedes its quotation)."""
    verb = tokens[v]
    before = tokens[v - 1] if v > a else None
    participle = verb.low.endswith("ing") and not (before is not None and before.low in _PROGRESSIVE)
    if (
        participle
        and before is not None
        and before.is_cap
        and before.low not in lexicon.FUNCTION_WORDS
        and before.low not in lexicon.DAYS
    ):
        # "…, Ana Costa saying she was “encouraged”": the name right before the participle speaks.
        start = np_backward(tokens, a, v - 1)
        return Cue("participle", tokens[start:v], verb)
    if participle and v - 2 >= a and tokens[v - 1].text == ",":
        # "…, Ana Costa said on Friday, adding that …": whoever said it goes on.
        for k in range(v - 2, max(a, v - 6) - 1, -1):
            if tokens[k].quote is not None:
                break
            if is_speech_verb(tokens, k) and not tokens[k].low.endswith("ing"):
                cue = subject_before(tokens, a, b, k)
                if cue.subject:
                    return Cue("participle", cue.subject, verb, cue.appositions)
                break
    if participle and v == a:
        return Cue("none", [], verb)  # "Adding, “…”": whoever spoke last goes on
    if participle:
        subject, appositions = main_subject(tokens, a, b)
        return Cue("participle", subject, verb, appositions)
    j = _skip_back_adverbs(tokens, a, v - 1)
    if j > a and tokens[j].text in _DASHES:
        # "Ana Costa — who chaired the board — told …": the subject is before the parenthesis.
        opening = next((d for d in range(j - 1, max(a, j - 30) - 1, -1) if tokens[d].text in _DASHES), None)
        if opening is not None and opening > a:
            j = _skip_back_adverbs(tokens, a, opening - 1)
    if j < a:
        return Cue("none", [], verb)
    tok = tokens[j]
    if tok.low in {"and", "but", "then"}:
        # "… when Ana Costa lamented the delay and criticised the “…”": the first verb's subject.
        earlier = _coordinated_subject(tokens, a, b, j)
        if earlier is not None:
            return Cue("before", earlier.subject, verb, earlier.appositions)
    if tok.text == "," and _opens_with_as(tokens, a, v):
        # "As Ana Costa, an economist, put it, “…”": the name the lead opens with.
        named = _naming_subject(tokens, a, v)
        if named is not None:
            return named
    if tok.text == "," or tok.low in {"and", "but", "or", "then"} or tok.quote is not None:
        subject, appositions = main_subject(tokens, a, b)
        return Cue("main", subject, verb, appositions)
    if tok.low in lexicon.PRONOUNS:
        return Cue("before", [tok], verb)
    # "X who earlier this week accused …", "X and Y, who accused …": the relative pronoun's antecedent speaks.
    for k in range(j, max(a - 1, j - 25), -1):
        t = tokens[k]
        if t.low in {"who", "which"}:
            end = k - 1 if k - 1 > a and tokens[k - 1].text == "," else k
            start = np_backward(tokens, a, end - 1)
            return Cue("before", tokens[start:end], verb)
        if t.text in ",;:" or t.quote is not None or (k != j and is_speech_verb(tokens, k)):
            break
    start = np_backward(tokens, a, j)
    if (
        start - 3 >= a
        and tokens[start - 1].low in lexicon.PREPOSITIONS
        and tokens[start - 2].low.endswith(("ing", "ed"))
        and not tokens[start - 2].is_cap
        and not is_speech_verb(tokens, start - 2)
    ):
        # "Protesters marching through the streets chanted": the phrase before the participle speaks.
        first = np_backward(tokens, a, start - 3)
        if first <= start - 3 and tokens[first].quote is None:
            return Cue("before", tokens[first : start - 2], verb)
    # "A, B and C said": a coordinated list of names runs back over its commas.
    while start - 2 >= a and tokens[start - 1].text == "," and any(t.low == "and" for t in tokens[start : j + 1]):
        first = np_backward(tokens, a, start - 2)
        element = tokens[first : start - 1]
        named = any(t.is_cap and t.low not in lexicon.FUNCTION_WORDS for t in element)
        if not named or (first > a and tokens[first - 1].text != ","):
            break
        start = first
    if start == a:
        lead = skip_lead(tokens, a, b)
        if a < lead <= j:
            start = lead  # "In Paris the minister said": the lead is no part of the subject
    return Cue("before", tokens[start : j + 1], verb)


def subject_after(tokens: list[Token], q: int, b: int) -> Cue | None:
    """`“…,” he said` / `“…,” said the minister` / `“…” according to X`."""
    k = q + 1
    if k < b and tokens[k].text in _DASHES and tokens[k].start > tokens[q].end - 2:
        # "“…” ― Ana Costa": a name after a dash, closing the line, signs the quotation.
        name = _signature(tokens, k + 1, b)
        if name:
            return Cue("after", name)
    if k < b and tokens[k].text in ",–—-":
        k += 1
    if k >= b:
        return None
    tok = tokens[k]
    if tok.low in {"and", "or"}:
        return None  # "… call them “…” and describe …": a second verb of the same subject, no attribution
    if tok.low in lexicon.SPEECH_VERBS and not tok.low.endswith("ing") and tok.quote is None:
        end = np_forward(tokens, k + 1, b)
        if end > k + 1:
            subject = tokens[k + 1 : end]
            name = _closing_name(tokens, end, b)
            if name and (not any(t.is_cap for t in subject) or subject[-1].low in lexicon.PERSON_ROLES):
                # "“…,” said its chief executive, Jane Doe.": the name speaks, the description is her role.
                return Cue("after", name, tok, [subject])
            return Cue("after", subject, tok, _trailing_apposition(tokens, end, b))
        return None
    if tok.low == "according" and k + 1 < b and tokens[k + 1].low == "to":
        end = np_forward(tokens, k + 2, b)
        return Cue("after", tokens[k + 2 : end], tok) if end > k + 2 else None
    end = np_forward(tokens, k, b)
    if end == k or end - k > 10:
        return None
    v = end
    while v < b and (tokens[v].low in lexicon.AUXILIARIES or tokens[v].low.endswith("ly")):
        v += 1
    if end < b and tokens[end].text == ",":
        # "“…,” Jane Doe, the chief executive, said." / "“…,” Jane Doe, 30, of Leeds, who …, said."
        appositions = []
        v = end
        while v < b and tokens[v].text == "," and len(appositions) < 4:
            if v + 1 < b and is_speech_verb(tokens, v + 1):
                break
            chunk = _trailing_apposition(tokens, v, b)
            if not chunk:
                break
            appositions += chunk
            v += 1
            while v < b and tokens[v].text != ",":  # the comma that closes the apposition
                v += 1
        v += 1
        if appositions and v < b and is_speech_verb(tokens, v):
            subject = tokens[k:end]
            if _describes(subject) and _names(appositions[0]):
                # "“…,” the ministry's spokesman, Jane Doe, said.": the name speaks, the description is her role.
                return Cue("after", appositions[0], tokens[v], [subject, *appositions[1:]])
            return Cue("after", subject, tokens[v], appositions)
        return None
    went = end if end + 1 < b and tokens[end].low in _GO_ON else end - 1  # "went" ends the phrase or not
    goes_on = went > k and went + 1 < b and tokens[went].low in _GO_ON and tokens[went + 1].low == "on"
    if goes_on and (went + 2 == b or not tokens[went + 2].is_word):
        return Cue("after", tokens[k:went], tokens[went])  # "“…” Ana Costa went on."
    if v < b and is_speech_verb(tokens, v):
        if tokens[v].low.endswith("ing") and tokens[v - 1].low not in _PROGRESSIVE:
            return None  # "the “problems” Sanders had answering questions": not who said it
        if v + 1 < b and tokens[v + 1].low in {"yes", "no"}:
            return None  # "…,” Ana Costa said yes, over and over: her words are the yes, not the quotation
        return Cue("after", tokens[k:end], tokens[v])
    if end + 1 < b and tokens[end].low in {"in", "from", "of", "at", "with"} and tokens[k].low in lexicon.DETERMINERS:
        # "“…” a narrator in the campaign's ad asks.": the phrase's own complement before the verb.
        after = np_forward(tokens, end + 1, b)
        speaks = end + 1 < after < b and after - k <= 10 and is_speech_verb(tokens, after)
        if speaks and not tokens[after].low.endswith("ing"):
            return Cue("after", tokens[k:end], tokens[after])
    return None


_DASHES = DASHES


def _signature(tokens: list[Token], k: int, b: int) -> list[Token]:
    """Two to five capitalised words that end the sentence (`― Ana Costa`, `— Ana Costa.`)."""
    end = k
    while end < b and end - k < 5 and tokens[end].quote is None and (tokens[end].is_cap or tokens[end].text == "."):
        end += 1
    name = [t for t in tokens[k:end] if t.text != "."]
    return name if len(name) >= 2 and end == b else []


def _closing_name(tokens: list[Token], end: int, b: int) -> list[Token]:
    """`, Jane Doe.` closing the sentence: the capitalised name after a comma, if that is all there is."""
    if end >= b or tokens[end].text != ",":
        return []
    k = end + 1
    name = []
    while k < b and tokens[k].quote is None and (tokens[k].is_cap or tokens[k].low in lexicon.NAME_PARTICLES):
        name.append(tokens[k])
        k += 1
    if not name or len(name) > 4 or not name[0].is_cap:
        return []
    return name if k == b or tokens[k].text in ".;" else []


def _trailing_apposition(tokens: list[Token], end: int, b: int) -> list[list[Token]]:
    if end >= b or tokens[end].text != ",":
        return []
    chunk = []
    k = end + 1
    while k < b and tokens[k].quote is None and len(chunk) < 20:
        text = tokens[k].text
        # "R-Ky.,": the dot of an abbreviation stays in the apposition.
        if text == "." and chunk and tokens[k - 1].end == tokens[k].start and k + 1 < b and tokens[k + 1].text == ",":
            k += 1
            continue
        if text in ",.;:":
            break
        chunk.append(tokens[k])
        k += 1
    return [chunk] if chunk and k < b and tokens[k].text == "," else []


def find_cue(tokens: list[Token], a: int, b: int, q: int) -> Cue:
    """The attribution of the quotation token q in sentence tokens[a:b]."""
    signed = _name_before_colon(tokens, a, q)
    if signed is not None:
        return signed
    # `X said: “…”`: the colon ties the quotation to the verb before it.
    if q - 1 >= a and tokens[q - 1].text in ":,":
        for v in range(q - 2, max(a - 1, q - 14), -1):
            if is_speech_verb(tokens, v):
                if (tokens[q - 1].text == ":" or v == q - 2) and not (v == a and tokens[v].is_cap and v + 1 < q - 1):
                    return subject_before(tokens, a, b, v)
                if v == a and tokens[v].is_cap:
                    # "Said Ana Costa, who runs the shop, “…”": the name after the opening verb speaks.
                    end = np_forward(tokens, v + 1, q)
                    if end > v + 1:
                        return Cue("after", tokens[v + 1 : end], tokens[v], _trailing_apposition(tokens, end, q + 1))
                break
            if tokens[v].quote is not None:
                break
    after = subject_after(tokens, q, b)
    if after is not None:
        return after
    if q - 2 >= a and tokens[q - 1].low in {"and", "or"} and tokens[q - 2].quote is not None:
        return find_cue(tokens, a, b, q - 2)  # "… about “A” and “B”": the same words go on
    according = _according_before(tokens, a, q) or _passive_agent(tokens, a, b, q)
    if according is not None:
        return according
    if q - 1 > a and tokens[q - 1].low in _NAMING_VERBS and not tokens[q - 1].is_cap:
        named = _naming_subject(tokens, a, q - 1)
        if named is not None:
            return named
    named = _naming_before(tokens, a, b, q)
    if named is not None:
        return named
    talked = _talked_about(tokens, a, q)
    if talked is not None:
        return subject_before(tokens, a, b, talked)
    interjected = _dashed_after_name(tokens, a, b, q)
    if interjected is not None:
        return interjected
    # The nearest speech verb before the quote, unless it sits in a relative clause ("MPs who had
    # spoken out") and the clause's own verb comes earlier.
    relative_verb = None
    speech_verbs = lexicon.SPEECH_CUES
    for v in range(q - 1, a - 1, -1):
        if tokens[v].low in speech_verbs and is_speech_verb(tokens, v):  # the set test first: cheap
            if not _in_relative_clause(tokens, a, v):
                cue = subject_before(tokens, a, b, v)
                return _reporting(tokens, a, b, cue) or cue
            relative_verb = relative_verb if relative_verb is not None else v
    if relative_verb is not None:
        return subject_before(tokens, a, b, relative_verb)
    return _closing_attribution(tokens, q, b)


def _reporting(tokens: list[Token], a: int, b: int, cue: Cue) -> Cue | None:
    """`Ana Costa said Reyes asked members to be “…”`: a speech verb whose subject stands right after
    another speech verb is reported by that verb's subject, who gives the words."""
    if cue.mode != "before" or not cue.subject or cue.verb is None:
        return None
    k = bisect_index(tokens, cue.subject[0], a) - 1
    if k > a and tokens[k].low == "that":
        k -= 1
    if k <= a or tokens[k].low.endswith("ing") or not is_speech_verb(tokens, k):
        return None
    outer = subject_before(tokens, a, b, k)
    return outer if outer.subject else None


def bisect_index(tokens: list[Token], token: Token, a: int) -> int:
    """Index of `token` in tokens, searching from a."""
    k = a
    while tokens[k] is not token:
        k += 1
    return k


def _name_before_colon(tokens: list[Token], a: int, q: int) -> Cue | None:
    """`Pollsters agree - Ana Costa: “…”`: a full name set off before a colon introduces its words."""
    if q - 3 < a or tokens[q - 1].text != ":" or not tokens[q - 2].is_cap:
        return None
    start = np_backward(tokens, a, q - 2)
    if start > a and tokens[start - 1].text not in _DASHES and tokens[start - 1].low not in {"from", "by"}:
        return None
    name = tokens[start : q - 1]
    if not _names(name) or any(t.low in lexicon.FUNCTION_WORDS for t in name) or len(name) > 4:
        return None
    return Cue("colon", name)


def _according_before(tokens: list[Token], a: int, q: int) -> Cue | None:
    """`According to the Courier, “…”`: the source named right before the quotation, or opening the
    sentence (`According to Ana Costa, the move reeks of “fear”`)."""
    for v in range(q - 3, max(a, q - 16) - 1, -1):
        if tokens[v].quote is not None:
            return None
        if tokens[v].low == "according" and tokens[v + 1].low == "to":
            end = np_forward(tokens, v + 2, q)
            if end > v + 2 and (end == q or (end + 1 == q and tokens[end].text in ",:")):
                return Cue("before", tokens[v + 2 : end], tokens[v])
            break
    i = skip_lead(tokens, a, q) if tokens[a].low != "according" else a
    if i + 2 < q and tokens[i].low == "according" and tokens[i + 1].low == "to":
        end = np_forward(tokens, i + 2, q)
        if end > i + 2 and end < q and tokens[end].text == ",":
            return Cue("before", tokens[i + 2 : end], tokens[i])
    return None


_PASSIVE_AUX = frozenset({"was", "were", "been", "being", "is", "are", "be", "got"})


def _passive_agent(tokens: list[Token], a: int, b: int, q: int) -> Cue | None:
    """`The mayor was accused of “…” by a local rival`: the agent after `by` said it, not the subject."""
    if q + 2 >= b or tokens[q + 1].low != "by":
        return None
    for v in range(q - 1, max(a, q - 5) - 1, -1):
        tok = tokens[v]
        if tok.quote is not None:
            return None
        passive = tok.low.endswith(("ed", "en")) and (tok.low in lexicon.SPEECH_VERBS or tok.low in _NAMING_VERBS)
        if passive and v > a and tokens[v - 1].low in _PASSIVE_AUX | lexicon.AUXILIARIES:
            end = np_forward(tokens, q + 2, b)
            if end > q + 2:
                return Cue("after", tokens[q + 2 : end], tok, _trailing_apposition(tokens, end, b))
            return None
    return None


_CLAUSE_LEADS = frozenset({"which", "that", "what", "as"})


def _naming_subject(tokens: list[Token], a: int, v: int) -> Cue | None:
    """`… which the firm's founder, Ana Costa, called “…”` / `… which Ana Costa called “…”`: whoever
    the naming verb's own subject is used the words, not the sentence's subject."""
    j = _skip_back_adverbs(tokens, a, v - 1)
    if j <= a:
        return None
    if tokens[j].text != ",":
        if tokens[j].low in lexicon.PRONOUNS and j - 1 >= a and tokens[j - 1].low in _CLAUSE_LEADS:
            return Cue("before", [tokens[j]], tokens[v])  # "… what it called “…”"
        if not tokens[j].is_cap or tokens[j].low in lexicon.FUNCTION_WORDS:
            return None
        start = np_backward(tokens, a, j)
        if start < j and tokens[start].low in _CLAUSE_LEADS:
            start += 1  # "for what Ana Costa called “…”": `what` opens the clause
            return Cue("before", tokens[start : j + 1], tokens[v])
        if start > a and tokens[start - 1].low in _CLAUSE_LEADS:
            return Cue("before", tokens[start : j + 1], tokens[v])
        return None
    # "X, appositive, called": the two phrases between the commas, one a name, one a description.
    c = next((k for k in range(j - 1, max(a, j - 25) - 1, -1) if tokens[k].text == ","), None)
    if c is None or c <= a:
        return None
    inner = tokens[c + 1 : j]
    start = np_backward(tokens, a, c - 1)
    outer = tokens[start:c]
    if not outer or start <= a or tokens[start - 1].low not in _CLAUSE_LEADS:
        return None
    if _names(inner) and _describes(outer):
        return Cue("before", inner, tokens[v], [outer])
    if (_describes(inner) or inner[0].low in lexicon.DETERMINERS) and outer[-1].is_cap:
        return Cue("before", outer, tokens[v], [inner])
    return None


def _naming_before(tokens: list[Token], a: int, b: int, q: int) -> Cue | None:
    """`… as the Courier called them in an editorial, “…”` / `Costa and Reyes call them “…”`: a verb of
    naming a few words before the quotation, with its object between."""
    for v in range(q - 1, max(a, q - 10), -1):
        tok = tokens[v]
        if tok.quote is not None or tok.text in ";:":
            return None
        if tok.is_cap or (tok.low not in _NAMING_VERBS and tok.low not in _NAMING_BASE):
            continue
        if v + 1 >= q or tokens[v + 1].low not in _NAMED_OBJECTS:
            return None
        named = _naming_subject(tokens, a, v)
        if named is not None:
            return named
        if v + 2 == q or (v + 3 == q and tokens[v + 2].low in {"a", "an", "the"}):
            cue = subject_before(tokens, a, b, v)
            return cue if cue.subject else None
        return None
    return None


_CLOSING_PREPOSITIONS = frozenset({"to", "in", "on", "at", "during", "after", "before", "while"})


_TALK_VERBS = lexicon.words("talked talks spoke speaks ranted rants raved raves")
_GO_ON = lexicon.words("went goes go going")


def _talked_about(tokens: list[Token], a: int, q: int) -> int | None:
    """`… as Ana Costa went on about “…”` / `Costa talked about “…”`: the index of the verb of talking
    right before the quotation, if there is one."""
    if q - 2 <= a or tokens[q - 1].low != "about":
        return None
    if tokens[q - 2].low in _TALK_VERBS:
        return q - 2
    if q - 3 > a and tokens[q - 2].low == "on" and tokens[q - 3].low in _GO_ON:
        return q - 3
    return None


def _dashed_after_name(tokens: list[Token], a: int, b: int, q: int) -> Cue | None:
    """`… including the former candidate Ana Costa -- “…” -- and …`: a quotation set off by dashes right
    after a name is that person's."""
    k = q - 1
    while k > a and tokens[k].text in DASHES and q - k <= 2:
        k -= 1
    if k == q - 1 or k <= a or not tokens[k].is_cap or tokens[k].low in lexicon.FUNCTION_WORDS:
        return None
    after = q + 1
    if after >= b or tokens[after].text not in DASHES:
        return None
    start = np_backward(tokens, a, k)
    name = tokens[start : k + 1]
    return Cue("before", name, None) if _names(name[-2:]) else None


def _closing_attribution(tokens: list[Token], q: int, b: int) -> Cue:
    """`It used “velvet gloves” in its dealings, said Ana Costa, an analyst.` / `…, Ana Costa said.`:
    an attribution closing the sentence covers the quotation inside it, as does `…, according to X.`"""
    for v in range(q + 1, b):
        if tokens[v].quote is not None:
            continue  # "… “A” and “B,” Ana Costa said.": the closing attribution covers both
        if tokens[v].low == "according" and v + 2 < b and tokens[v + 1].low == "to" and tokens[v - 1].text == ",":
            end = np_forward(tokens, v + 2, b)
            if end > v + 2 and (end == b or tokens[end].text in ".;"):
                return Cue("after", tokens[v + 2 : end], tokens[v])
        if not is_speech_verb(tokens, v):
            continue
        w = v + 1 if tokens[v].low not in {"put", "puts"} else v + 2  # "… as the memo put it."
        closing = w >= b or tokens[w].text in ".,;" or tokens[w].low in _CLOSING_PREPOSITIONS
        if tokens[v - 1].text == ",":
            end = np_forward(tokens, v + 1, b)
            if end > v + 1 and (end == b or tokens[end].text in ".,;"):
                return Cue("after", tokens[v + 1 : end], tokens[v], _trailing_apposition(tokens, end, b))
            # "… “B,” Ana Costa, the former governor, proclaimed.": the name before the apposition speaks.
            appos = np_backward(tokens, q + 1, v - 2) if v - 2 > q else v
            if closing and q + 2 < appos < v - 1 and tokens[appos - 1].text == ",":
                first = np_backward(tokens, q + 1, appos - 2)
                name = tokens[first : appos - 1]
                boundary = tokens[first - 1]
                if first < appos - 1 and (boundary.text == "," or boundary.quote is not None) and _names(name):
                    return Cue("after", name, tokens[v], [tokens[appos : v - 1]])
        else:
            start = np_backward(tokens, q + 1, v - 1)
            after_quote = tokens[start - 1].quote is not None  # "… and “B,” Ana Costa said."
            if tokens[start].low == "as":
                start += 1
            set_off = start - 2 >= q and (tokens[start - 2].text == "," or tokens[start - 2].quote is not None)
            if start < v and tokens[start - 1].low == "as" and set_off and closing:
                return Cue("after", tokens[start:v], tokens[v])  # "…,” as a ministry memo put it."
            if q + 1 < start < v and (tokens[start - 1].text == "," or after_quote) and closing:
                return Cue("after", tokens[start:v], tokens[v])
        break
    return Cue("none")


def in_relative_clause(tokens: list[Token], a: int, v: int) -> bool:
    """Whether the verb at v sits in a relative clause (`MPs who had spoken out`)."""
    return _in_relative_clause(tokens, a, v)


def _in_relative_clause(tokens: list[Token], a: int, v: int) -> bool:
    for k in range(v - 1, max(a - 1, v - 6), -1):
        low = tokens[k].low
        if low in {"who", "which", "that"}:
            return True
        if tokens[k].text in ",;:" or tokens[k].quote is not None or low in lexicon.PRONOUNS:
            return False
    return False


def has_speech_cue(tokens: list[Token], a: int, b: int) -> bool:
    """Whether the sentence has a speech verb at all (short quotes without one are scare quotes)."""
    speech_verbs = lexicon.SPEECH_CUES
    for k in range(a, b):
        low = tokens[k].low
        if low == "according" or low in _NAMING_VERBS or (low in speech_verbs and is_speech_verb(tokens, k)):
            return True
    return False


# "She called the ruling “disgraceful”": a verb of naming quotes the words someone used.
_NAMING_VERBS = lexicon.words("called calling calls described describing describes")
_NAMING_BASE = lexicon.words("call describe")
_NAMED_OBJECTS = lexicon.words("him her them it us me")  # "they call it “…”": only with the object before the quotation


_DEFERRED_NOUNS = lexicon.words("""words word message verdict view warning assessment response reaction claim
    plea promise answer reply advice comment comments thoughts""")


def deferred_source(tokens: list[Token], a: int, b: int) -> list[Token] | None:
    """`Those were the words of Ana Costa.` / `That was the message from the union on Monday.`: a
    sentence that names who said the quotation before it."""
    if tokens[a].text in DASHES and 1 < b - a <= 6:
        # "“…”" then a line "- Ana Costa.": the name signs the quotation above it.
        name = [t for t in tokens[a + 1 : b] if t.text != "."]
        if name and all(t.is_cap and t.quote is None and t.low not in lexicon.FUNCTION_WORDS for t in name):
            return name
        return None
    if b - a < 5 or tokens[a].low not in {"those", "these", "that", "this", "such", "so"}:
        return None
    k = a + 1
    if tokens[a].low == "so" and tokens[k].low in {"said", "says"}:
        end = np_forward(tokens, k + 1, b)
        return tokens[k + 1 : end] if end > k + 1 else None
    if tokens[k].low not in {"was", "were", "is", "are"}:
        return None
    k += 1
    if k < b and tokens[k].low == "the":
        k += 1
    while k < b and tokens[k].low not in _DEFERRED_NOUNS and tokens[k].is_word and k - a < 6:
        k += 1  # "the parting words", "the blunt message"
    if k + 1 >= b or tokens[k].low not in _DEFERRED_NOUNS or tokens[k + 1].low not in {"of", "from", "by"}:
        return None
    end = np_forward(tokens, k + 2, b)
    if end == k + 2:
        return None
    if end + 1 < b and tokens[end].text == ",":
        # "the words of the party's transport spokeswoman, Ana Costa,": the name after the role.
        second = np_forward(tokens, end + 1, b)
        if _names(tokens[end + 1 : second]) and _describes(tokens[k + 2 : end]):
            return tokens[end + 1 : second]
    return tokens[k + 2 : end]
