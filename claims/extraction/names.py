"""Read a noun phrase: pronoun, named person or organisation, spokesperson, description or group."""

from dataclasses import dataclass, field
from itertools import pairwise

from claims.extraction import given_names, lexicon
from claims.extraction.text import Token, is_dotted_initials, strip_possessive

# Tokens that may appear inside a run of capitalised name words.
_NAME_LINKS = {"of", "&"} | lexicon.NAME_PARTICLES
# Function words that are also ordinary given names or surnames.
_NAMEABLE = lexicon.MONTHS | {"will", "may", "bill", "mark", "grant", "hope", "faith", "joy", "chase"}
# Function words that open place and body names ("New York Post", "New Zealand Herald").
_NAME_OPENERS = frozenset({"new"})


@dataclass(slots=True)
class Mention:
    """What a noun phrase refers to, before it is tied to a speaker of the article."""

    kind: str  # pronoun person bare org spokes group description orgdesc plural
    text: str
    name: str = ""
    gender: str | None = None
    number: str = "sg"
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    members: list["Mention"] = field(default_factory=list)
    head: str = ""
    modifiers: list[str] = field(default_factory=list)
    other_than_focus: bool = False  # its apposition mentions "his"/"her": someone else than the topic
    determiner: str = ""  # "the", "a", "one" … opening a description

    @property
    def surname(self) -> str:
        """Last word of the name."""
        words = self.name.split()
        return words[-1] if words else ""


def _words(tokens: list[Token]) -> str:
    if len(tokens) == 1:
        return tokens[0].text.strip()
    out = []
    for i, tok in enumerate(tokens):
        if i and (tok.start != tokens[i - 1].end or tok.text in "(["):
            out.append(" ")
        out.append(tok.text)
    return "".join(out).strip()


def _is_role(low: str) -> bool:
    return low in lexicon.PERSON_ROLES or low.endswith("-year-old") or low.startswith("ex-")


def _name_token(tok: Token) -> bool:
    low = tok.low
    return tok.is_cap and (low not in lexicon.FUNCTION_WORDS or low in _NAMEABLE)


def _last_cap_run(tokens: list[Token]) -> tuple[int, int] | None:
    """(start, end) of the run of capitalised words that ends the phrase, if it does end with one."""
    end = len(tokens)
    if not end or not tokens[-1].is_cap:
        return None
    start = end - 1
    while start > 0:
        prev = tokens[start - 1]
        if prev.is_cap or (prev.low in _NAME_LINKS and start - 2 >= 0 and tokens[start - 2].is_cap):
            start -= 1
            continue
        # "the Office for Product Safety and Standards": for/on/and inside an organisation's name.
        if start - 2 >= 0 and (
            (prev.low in {"for", "on"} and tokens[start - 2].low in lexicon.ORG_HEADS and tokens[start - 2].is_cap)
            or (prev.low == "and" and _inside_org_name(tokens, start - 1))
        ):
            start -= 1
            continue
        # "the Anglers' Federation": a plural possessive inside a name.
        if prev.text in "'’" and start - 2 >= 0 and tokens[start - 2].is_cap and tokens[start - 2].end == prev.start:
            start -= 1
            continue
        # "Friends of the Earth", "Bank of the West": `of the` inside a name.
        if prev.low == "the" and start - 3 >= 0 and tokens[start - 2].low == "of" and tokens[start - 3].is_cap:
            start -= 2
            continue
        break
    # A run never starts with a linking word or a sentence-initial function word.
    while start < end and (
        tokens[start].low in _NAME_LINKS
        or (not _name_token(tokens[start]) and not (tokens[start].low in _NAME_OPENERS and end - start >= 2))
    ):
        start += 1
    return (start, end) if start < end else None


def _org_tail(run: list[Token]) -> int:
    """Length of the person name that follows an organisation name in one run, else 0.

    `Board of Trustees Maria Santos`: two name words after the organisation's `of` complement.
    """
    lows = [t.low for t in run]
    # "Secretary of State Ana Costa": an office names its holder the same way.
    heads = [i for i, low in enumerate(lows) if low in lexicon.ORG_HEADS or low in lexicon.PERSON_ROLES]
    if not heads:
        return 0
    rest = run[heads[-1] + 1 :]
    if rest and rest[0].low == "of":
        rest = rest[2:]
    if len(rest) >= 2 and all(_name_token(t) and t.low not in lexicon.ORG_HEADS for t in rest):
        return len(_person_core(rest)[1])
    return 0


def _is_org(run: list[Token]) -> bool:
    lows = [t.low for t in run]
    if any(low in lexicon.ORG_HEADS for low in lows):
        return _org_tail(run) == 0
    if len(run) == 1 and len(run[0].text) >= 2 and strip_possessive(run[0].text).isupper():
        return True
    if "of" in lows:
        of = lows.index("of")
        return not any(low in lexicon.PEERAGE_TITLES for low in lows[:of])
    return False


def _person_then_of(body: list[Token]) -> Mention | None:
    """`Ana Costa of the city's planning board`: a person's name, then where they are from."""
    of = next((i for i, t in enumerate(body) if t.low == "of"), None)
    if of is None or of < 2 or of == len(body) - 1 or body[-1].is_cap:
        return None  # an "of" phrase ending in a capitalised name is read as a whole
    left = body[:of]
    if not all(t.is_cap for t in left) or any(t.low in lexicon.ORG_HEADS or _is_role(t.low) for t in left):
        return None
    mention = _parse_single(left, _words(left))
    return mention if mention is not None and mention.kind == "person" else None


def _person_of(run: list[Token]) -> tuple[list[Token], str | None]:
    """`Edward Stone of the Brookings Institution` / `Sen. Ann Moy of Ohio`: a person, then where they
    are from. Returns the person's words and the body they belong to (None for a place), or ([], None)."""
    lows = [t.low for t in run]
    if "of" not in lows:
        return [], None
    of = lows.index("of")
    left = run[:of]
    if not left or any(low in lexicon.PEERAGE_TITLES for low in lows[:of]):
        return [], None
    # "House Speaker Paul D. Ryan of Wisconsin": an office may come first, but the words before `of`
    # must end in a name, not in the head of a body ("Bank of …", "University of …").
    if any(low in lexicon.ORG_HEADS for low in lows[:of]) and (
        lows[of - 1] in lexicon.ORG_HEADS or _is_role(lows[of - 1]) or of < 3
    ):
        return [], None
    names = [t for t in left if _name_token(t) and t.low not in lexicon.TITLES and not is_initial(t.text)]
    if not names or (len(names) < 2 and lows[0] not in lexicon.TITLES):
        return [], None
    rest = [t for t in run[of + 1 :] if t.low not in lexicon.DETERMINERS]
    body = strip_possessive(_words(rest)) if rest and _is_org(rest) else None
    return left, body


def _person_core(run: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split a capitalised run into (prefix, person name): a title and at most two name words."""
    lows = [t.low for t in run]
    for i, low in enumerate(lows):
        if low in lexicon.TITLES and i + 1 < len(run):
            return run[:i], run[i:]
    # From the end: suffixes ("Jr."), the surname ("de Souza" with its particle), then one given
    # name with the initials around it ("Carolyn B. Maloney", "C. Stewart Verdery").
    k = len(run)
    while k > 1 and lows[k - 1].rstrip(".") in lexicon.NAME_SUFFIXES:
        k -= 1
    k -= 1
    if k >= 2 and lows[k - 1] in lexicon.NAME_PARTICLES:
        k -= 1
    while k > 0 and is_initial(run[k - 1].text):
        k -= 1
    if k > 0:
        k -= 1
    while k > 0 and is_initial(run[k - 1].text):
        k -= 1
    return run[:k], run[k:]


def is_initial(word: str) -> bool:
    """`B.` (or a bare capital letter) standing for a name."""
    return (
        (len(word) == 2 and word[1] == "." and word[0].isupper())
        or (len(word) == 1 and word.isupper())
        or (len(word) >= 4 and word.endswith(".") and is_dotted_initials(word))
    )


def _affiliation(tokens: list[Token]) -> str | None:
    """The first capitalised non-role words of a role description: `Former Green Party treasurer`."""
    best: list[Token] = []
    current: list[Token] = []
    for tok in [*tokens, None]:
        if tok is not None and (
            (tok.is_cap and tok.low not in lexicon.FUNCTION_WORDS and not _is_role(tok.low))
            or (tok.low in {"of", "&"} and current)
        ):
            current.append(tok)
            continue
        while current and current[-1].low in {"of", "&"}:
            current.pop()
        if current and not best:
            best = current
        current = []
    return strip_possessive(_words(best)) if best else None


def _spokes(tokens: list[Token], text: str) -> Mention | None:
    lows = [t.low for t in tokens]
    for i, low in enumerate(lows):
        if low not in lexicon.SPOKES_NOUNS:
            continue
        org_tokens: list[Token] = []
        if i + 1 < len(tokens) and lows[i + 1] in {"for", "at", "from", "close", "in"}:
            org_tokens = [t for t in tokens[i + 2 :] if t.low not in lexicon.DETERMINERS and t.low != "to"]
        elif i == len(tokens) - 1:
            # "A Department of Health spokesperson": the name right before the noun, links included.
            run = _last_cap_run(tokens[:i])
            org_tokens = tokens[run[0] : run[1]] if run else []
        else:
            continue
        org = strip_possessive(_words(org_tokens)) if org_tokens else None
        # "a company spokeswoman", "a spokesman for the office": a body described, not named.
        before = org_tokens or tokens[i - 1 : i]
        described = [t.low for t in before if t.low in lexicon.ORG_DESCRIPTIONS and not t.is_cap]
        if org_tokens and not any(t.is_cap for t in org_tokens):
            org = None
        noun = tokens[i].text.lower()
        gender = "f" if noun in lexicon.FEMALE_NOUNS else "m" if noun in lexicon.MALE_NOUNS else None
        number = "pl" if noun.endswith(("s", "people", "men")) and noun not in {"spokesperson"} else "sg"
        return Mention(
            "spokes",
            text,
            name=f"{org} {noun}" if org else noun,
            gender=gender,
            number=number,
            affiliation=org,
            head=noun,
            modifiers=described[-1:] if org is None else [],
        )
    return None


def _inside_org_name(tokens: list[Token], i: int) -> bool:
    """`Department for Culture and Sport`: an `and` between capitals after an organisation's of/for."""
    if not (0 < i < len(tokens) - 1 and tokens[i - 1].is_cap and tokens[i + 1].is_cap):
        return False
    # What follows the `and` must be the rest of the name: a few capitalised words ending the phrase.
    rest = tokens[i + 1 :]
    if len(rest) > 3 or not all(t.is_cap or t.low in {"of", "the"} for t in rest):
        return False
    k = i - 1
    while k > 0 and i - k <= 4 and (tokens[k].is_cap or tokens[k].low in {"of", "for", "on", "the"}):
        if tokens[k].low in {"of", "for", "on"} and tokens[k - 1].low in lexicon.ORG_HEADS:
            return True
        k -= 1
    return False


_PARSED: dict[tuple | str, Mention | None] = {}
_MISSING = object()


def parse_np(tokens: list[Token]) -> Mention | None:
    """Interpret a noun phrase (the subject of an attribution or of a sentence).

    The reading depends only on the words and their spacing, and the same phrases ("he", "a
    spokesman for the council") recur everywhere, so readings are memoised and shared: callers must
    not change the result, but take `copy_mention()` of it first.
    """
    tokens = [t for t in tokens if t.quote is None]
    texts = [t.text for t in tokens]
    if "." in texts[1:]:
        tokens = _join_initials(tokens)
        texts = [t.text for t in tokens]
    # Most phrases are one word ("he", a surname): the word is the key. Otherwise the words, and after
    # which of them a space comes (the spacing changes the reading).
    key = texts[0] if len(tokens) == 1 else (*texts, *[a.end != b.start for a, b in pairwise(tokens)])
    cached = _PARSED.get(key, _MISSING)
    if cached is _MISSING:
        cached = _parse_np(tokens)
        if len(_PARSED) < 50_000:
            _PARSED[key] = cached
    return cached


def _join_initials(tokens: list[Token]) -> list[Token]:
    """`G.K` `.` read as the one initials word `G.K.`."""
    out: list[Token] = []
    for t in tokens:
        if t.text == "." and out and out[-1].end == t.start and is_dotted_initials(out[-1].text):
            out[-1] = Token(out[-1].text + ".", out[-1].start, t.end)
        else:
            out.append(t)
    return out


def copy_mention(mention: Mention) -> Mention:
    """A copy of a mention that may be changed without touching the memoised reading."""
    return _copy(mention)


def _copy(mention: Mention) -> Mention:
    return Mention(
        mention.kind, mention.text, mention.name, mention.gender, mention.number, list(mention.roles),
        mention.affiliation, list(mention.aliases), [_copy(m) for m in mention.members], mention.head,
        list(mention.modifiers), mention.other_than_focus, mention.determiner,
    )  # fmt: skip


def _parse_np(tokens: list[Token]) -> Mention | None:
    aliases: list[str] = []
    # "(JLC)": an acronym in brackets is another name for what precedes it.
    if "(" in [t.text for t in tokens]:
        kept, depth, inner = [], 0, []
        for t in tokens:
            if t.text == "(":
                depth += 1
            elif t.text == ")" and depth:
                depth -= 1
                if inner:
                    aliases.append(_words(inner))
                inner = []
            elif depth:
                inner.append(t)
            else:
                kept.append(t)
        tokens = kept
    while tokens and (tokens[-1].text in ",;:-–—" or tokens[-1].low in lexicon.DAYS):
        tokens = tokens[:-1]  # "Ana Costa on Tuesday" is read without the day ("on" ends the phrase)
        if tokens and tokens[-1].low == "on":
            tokens = tokens[:-1]  # "The Security Council on Friday": the day's preposition too
    while tokens and (tokens[0].low in lexicon.DAYS or tokens[0].low in _CLAUSE_OPENERS):
        tokens = tokens[1:]  # "and the report says", "why critics say": the phrase starts after the link
    if not tokens:
        return None
    if any(t.text in _SHOUTED_FUNCTION_WORDS for t in tokens):
        return None  # "THE BORROWING Back when …": a heading run into the sentence, nobody's name
    text = _words(tokens)
    if _coordinated_modifiers(tokens):
        return Mention("plural", text, name=text, number="pl", head=tokens[-1].low)
    if len(tokens) == 1 and tokens[0].low in lexicon.PRONOUNS:
        gender, number = lexicon.PRONOUNS[tokens[0].low]
        return Mention("pronoun", text, gender=gender, number=number, head=tokens[0].low)
    parts: list[list[Token]] = [[]]
    # In "A, B and C" the commas separate members too.
    listing = any(t.low in {"and", "&"} for t in tokens) and any(t.text == "," for t in tokens)
    for i, t in enumerate(tokens):
        if t.low in {"and", "&"} and _inside_org_name(tokens, i):
            parts[-1].append(t)
        elif (t.low in {"and", "&"} or (listing and t.text == ",")) and parts[-1]:
            parts.append([])
        else:
            parts[-1].append(t)
    if len(parts) > 1 and all(parts):
        members = [_parse_np(p) for p in parts]
        if all(m is not None and m.kind != "plural" for m in members):
            named = [m for m in members if m.kind in {"person", "org", "bare"}]
            if named and members[0].kind != "orgdesc":
                group = Mention("group", text, number="pl", members=members, aliases=aliases)
                # "Green backbenchers X and Y": roles stated before the first name belong to all.
                group.roles = list(members[0].roles)
                group.affiliation = members[0].affiliation
                return group
    mention = _parse_single(tokens, text)
    if mention is None:
        mention = _leading_name(tokens)
    if mention is not None:
        mention.aliases.extend(aliases)
    return mention


_SHOUTED_FUNCTION_WORDS = frozenset({"THE", "AN", "OF", "AND", "FOR", "WITH", "FROM", "TO", "ON"})
_CLAUSE_OPENERS = frozenset({"and", "but", "or", "so", "why", "how", "where"})


def _coordinated_modifiers(tokens: list[Token]) -> bool:
    """`Federal and state officials`: two words describing one plural noun, not two named members."""
    return (
        len(tokens) >= 4
        and tokens[1].low == "and"
        and not tokens[2].is_cap
        and tokens[2].low not in lexicon.FUNCTION_WORDS
        and not tokens[-1].is_cap
        and (tokens[-1].low in lexicon.PEOPLE_NOUNS or tokens[-1].low in lexicon.PERSON_ROLES)
        and tokens[-1].low.endswith("s")
    )


def _is_number(low: str) -> bool:
    """`twenty-two`, `eighty`, `1995`: a number word or figure."""
    return low.isdigit() or low.split("-")[0] in lexicon.NUMBER_WORDS


def _leading_name(tokens: list[Token]) -> Mention | None:
    """`Manafort all but begged`, `Cruz himself said`, `Clinton supports`: the phrase read too far past
    a name into words that are not part of it; the name at its start is the subject."""
    first = tokens[0].low
    # "Smiling broadly, …", "Eight years ago": a participle or a number opening the sentence.
    if first.endswith("ing") or _is_number(first):
        return None
    end = 0
    while (
        end < len(tokens)
        and tokens[end].low not in lexicon.DAYS
        and (_name_token(tokens[end]) or (end and tokens[end].low in _NAME_LINKS))
    ):
        end += 1
    if not end or end == len(tokens) or tokens[end].is_cap or not tokens[end].is_word:
        return None
    if tokens[end - 1].text != strip_possessive(tokens[end - 1].text):
        return None  # "Clinton's position was supported": the name is the owner, not the subject
    while end and tokens[end - 1].low in _NAME_LINKS:
        end -= 1
    mention = _parse_single(tokens[:end], _words(tokens[:end])) if end else None
    return mention if mention is not None and mention.kind in {"person", "bare", "org"} else None


def _parse_single(tokens: list[Token], text: str) -> Mention | None:
    det = tokens[0].low in lexicon.DETERMINERS or tokens[0].low in {"one"}
    body = tokens[1:] if det else tokens
    if not body:
        return None
    person = _person_then_of(body)
    if person is not None:
        return person
    for i, tok in enumerate(body[:-2]):
        if tok.low in lexicon.DOCUMENT_NOUNS and body[i + 1].low in {"by", "from"}:
            # "A study by the Grattan Institute found": its author speaks through it.
            author = body[i + 2 :]
            return _parse_single(author, _words(author))
    spokes = _spokes(body, text)
    if spokes is not None:
        return spokes
    run = _last_cap_run(body)
    last = body[-1].low
    # "Board of Deputies", "House of Representatives": an organisation despite its person-like last word.
    of_org = run is not None and "of" in {t.low for t in body[run[0] : run[1]]} and _is_org(body[run[0] : run[1]])
    # "Mr. King", "Dr. Bishop": after an honorific even a role noun is a surname.
    honorific = run is not None and run[1] - run[0] >= 2 and body[run[0]].low in lexicon.HONORIFICS
    # "Peter T. King": after an initial too.
    honorific = honorific or (run is not None and run[1] - run[0] >= 2 and is_initial(body[run[1] - 2].text))
    if run is not None and (of_org or honorific or not _is_role(last)):
        start, end = run
        run_tokens = body[start:end]
        tail = _org_tail(run_tokens)
        if tail:
            start = end - tail
            run_tokens = body[start:end]
        if len(run_tokens) == 1 and _is_number(run_tokens[0].low):
            return None  # "Twenty-two unions backed it": a number, never someone's name
        if len(run_tokens) >= 2 and all(len(t.text) > 1 and t.text.isupper() for t in run_tokens):
            return None  # "LOS ANGELES", "FULL TEXT": a dateline or a label in capitals
        if run_tokens[-1].low in lexicon.PLACE_HEADS and not any(t.low in lexicon.TITLES for t in run_tokens):
            return None  # "Elm Street", "City Tower": somewhere, not someone
        if (
            len(run_tokens) == 2
            and run_tokens[0].low in lexicon.PLACE_PREFIXES
            and not body[:start]
            and not (det and run_tokens[0].low == "new")  # "The New Yorker" is no place
        ):
            return None  # "San Diego", "Fort Worth"
        prefix = body[:start]
        person, of_body = _person_of(run_tokens)
        if person:
            run_tokens = person
        elif _is_org(run_tokens):
            name = strip_possessive(_words(run_tokens))
            return Mention("org", text, name=name, number="sg", roles=[_words(prefix)] if prefix else [])
        extra, core = _person_core(run_tokens)
        prefix = prefix + extra
        lows = [t.low for t in core]
        title = lows[0] if lows[0] in lexicon.TITLES else None
        gender = "m" if title in lexicon.MALE_TITLES else "f" if title in lexicon.FEMALE_TITLES else None
        name_tokens = core if title in lexicon.KEPT_TITLES or title is None else core[1:]
        if title and len(core) == 1:
            return None
        name = strip_possessive(_words(name_tokens))
        kind = "person" if title or len(name_tokens) >= 2 else "bare"
        if gender is None and len(name_tokens) >= 2:
            # "Christine Todd Whitman": the first given name tells, even when kept out of the name.
            given = extra[-1] if extra and extra[-1].is_cap else name_tokens[0]
            gender = _given_name_gender(given.low) or _given_name_gender(name_tokens[0].low)
        if kind == "bare" and not prefix and name.lower().endswith(("ers", "ists", "ians", "ents", "ants")):
            # "Dockworkers walked out": a capitalised plural noun opening a sentence, not a name.
            return Mention("plural", text, name=name, number="pl", head=name.lower())
        role = _words(prefix)
        mention = Mention(kind, text, name=name, gender=gender, roles=[role] if role else [])
        mention.affiliation = of_body or (_affiliation(prefix) if prefix else None)
        if title and title not in lexicon.KEPT_TITLES:
            mention.aliases.append(_words(core))
        return mention
    head = last
    modifiers = [t.text for t in body[:-1]]
    determiner = tokens[0].low if det else ""
    if head in lexicon.DOCUMENT_NOUNS and not body[-1].is_cap:
        return _document(body, text, determiner)
    if head in lexicon.ORG_DESCRIPTIONS and det and not _is_role(head):
        return Mention("orgdesc", text, head=head, modifiers=modifiers)
    if _is_role(head):
        plural = head.endswith("s") and not head.endswith(("ss", "us"))
        gender = "f" if head in lexicon.FEMALE_NOUNS else "m" if head in lexicon.MALE_NOUNS else None
        if plural and not det:
            return Mention("plural", text, name=text, number="pl", head=head, modifiers=modifiers)
        if plural:
            return Mention("plural", text, name=_words(body), number="pl", head=head, modifiers=modifiers)
        return Mention("description", text, head=head, modifiers=modifiers, gender=gender, determiner=determiner)
    if head in lexicon.PEOPLE_NOUNS and _counted(tokens):
        # "His surrogates called him …", "the victim's family said": unnamed people who speak together.
        return Mention("plural", text, name=_words(body), number="pl", head=head, modifiers=modifiers)
    return None


def _counted(tokens: list[Token]) -> bool:
    """The phrase opens with a determiner, an owner or a quantifier (`his`, `Ana Costa's`, `several`)."""
    first = tokens[0].low
    return (
        first in lexicon.DETERMINERS
        or first in lexicon.POSSESSIVES
        or first in lexicon.QUANTIFIERS
        or any(t.text.endswith(("'s", "’s")) for t in tokens[:-1])
    )


def _given_name_gender(low: str) -> str | None:
    """`m` or `f` when a given name shows it (`Ana Costa`, `Peter Ruiz`), else None."""
    return "m" if low in given_names.MALE else "f" if low in given_names.FEMALE else None


def _document(body: list[Token], text: str, determiner: str) -> Mention:
    """`the letter`, `a Homeland Security memo`, `the campaign's statement`: a document that speaks for
    whoever wrote it; the capitalised words before its noun name the author."""
    words = [strip_possessive(t.text) if t.text[-2:] in {"'s", "’s"} else t.text for t in body]
    owner = [t for t in body[:-1] if t.is_cap and t.low not in lexicon.FUNCTION_WORDS]
    return Mention(
        "document",
        text,
        name=" ".join(words),
        head=body[-1].low,
        modifiers=[t.text for t in body[:-1]],
        affiliation=strip_possessive(_words(owner)) if owner else None,
        determiner=determiner,
    )
