"""What the speaker registry keeps: one entity per speaker, its names and roles, and the mentions in reading order."""

import re
from dataclasses import dataclass, field

from claims.extraction import lexicon
from claims.extraction.names import is_initial

# Words that put a role in the past: "the former governor" is not "the governor".
PAST_ROLE = frozenset({"former", "ex", "onetime", "one-time", "erstwhile", "retired", "late", "then"})


def org_words(name: str) -> frozenset[str]:
    """Lower-case words of an organisation's name, without `the`, `of`, `and`."""
    found = _ORG_WORDS.get(name)
    if found is None:
        found = frozenset(w.lower() for w in name.split() if w.lower() not in {"the", "of", "and", "&"})
        if len(_ORG_WORDS) < _MEMO_LIMIT:
            _ORG_WORDS[name] = found
    return found


# Pure functions of a name string, memoised: the same names are read again and again in an article.
_ORG_NOUNS = lexicon.ORG_HEADS | lexicon.ORG_DESCRIPTIONS
_NAME_WORDS: dict[str, tuple[str, ...]] = {}
_TITLE_OF: dict[str, str | None] = {}
_PERSON_WORDS: dict[str, tuple[str, ...]] = {}
_ORG_WORDS: dict[str, frozenset[str]] = {}
_MEMO_LIMIT = 50_000  # bounded: a long run over hostile text must not grow them forever


def _name_words(name: str) -> tuple[str, ...]:
    found = _NAME_WORDS.get(name)
    if found is None:
        words = name.split()
        if "of" in words[1:]:
            words = words[: words.index("of", 1)]
        # "Mr. King": a name word may also be a title; it stays when nothing else would.
        found = _without_initials(tuple(w for w in words if w.lower() not in lexicon.TITLES) or tuple(words[-1:]))
        if len(_NAME_WORDS) < _MEMO_LIMIT:
            _NAME_WORDS[name] = found
    return found


def _without_initials(words: tuple[str, ...]) -> tuple[str, ...]:
    """Name words without initials and suffixes ("Carolyn B. Maloney" is "Carolyn Maloney")."""
    kept = tuple(w for w in words if not is_initial(w) and w.lower().rstrip(".") not in lexicon.NAME_SUFFIXES)
    return kept or words


def _title_of(alias: str) -> str | None:
    """The title an alias starts with (`mr`, `senator`), if any."""
    if alias in _TITLE_OF:
        return _TITLE_OF[alias]
    words = alias.split()
    first = words[0].lower().rstrip(".") if words else ""  # "Gov." is "gov"
    title = first if first in lexicon.TITLES else None
    if len(_TITLE_OF) < _MEMO_LIMIT:
        _TITLE_OF[alias] = title
    return title


def person_words(name: str) -> tuple[str, ...]:
    """Name words of a person mention: titles dropped, then a territorial `of X` ending."""
    found = _PERSON_WORDS.get(name)
    if found is None:
        words = [w for w in name.split() if w.lower() not in lexicon.TITLES] or name.split()[-1:]
        if "of" in words[1:]:
            words = words[: words.index("of", 1)]
        found = _without_initials(tuple(words))
        if len(_PERSON_WORDS) < _MEMO_LIMIT:
            _PERSON_WORDS[name] = found
    return found


_POSSESSIVE = re.compile(r"(?:'|’)s?$")


def public_aliases(name: str, aliases: list[str]) -> tuple[str, ...]:
    """The aliases worth keeping in a speaker directory: other ways to refer to the speaker.

    Mentions that are the name with a description in front ("former minister Ana Costa") only repeat
    the name (the description is kept as a role), a possessive ("Ana Costa's") is the name itself, and a
    description ("the minister", "the 72-year-old") is a role, not a name: it fits other people too.
    """
    kept: list[str] = []
    seen = {name.casefold()}
    for alias in aliases:
        if "'" in alias or "’" in alias:  # every _POSSESSIVE match holds one
            alias = _POSSESSIVE.sub("", alias)
        alias = alias.strip()
        folded = alias.casefold()
        if not alias or folded in seen or folded.endswith(" " + name.casefold()) or _describes(alias):
            continue
        seen.add(folded)
        kept.append(alias)
    return tuple(kept)


def _describes(alias: str) -> bool:
    """A description rather than a name: no capitalised word after its determiner ("the party")."""
    words = alias.split()
    if words and words[0].lower() in lexicon.DETERMINERS | lexicon.POSSESSIVES:
        words = words[1:]
    return not words or words[0][:1].islower() or words[0][:1].isdigit()


@dataclass(slots=True)
class Entity:
    """A speaker (or candidate speaker) of one article."""

    name: str
    kind: str  # person organisation spokesperson group
    gender: str | None = None
    guessed: bool = False  # the gender comes from a pronoun taken to refer to it, not from the text
    number: str = "sg"
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    members: list[int] = field(default_factory=list)
    key: str = ""
    bare: bool = False  # an organisation only because the text gave one capitalised word ("Okafor said")
    document: str = ""  # the noun of a document that speaks ("letter", "memo"), for "the letter" later
    _role_keys: set[str] = field(default_factory=set, repr=False)
    _role_words: set[str] | None = field(default=None, repr=False)
    _current_words: set[str] = field(default_factory=set, repr=False)
    _titles: tuple[int, str, frozenset[str]] | None = field(default=None, repr=False)

    def add_alias(self, alias: str) -> None:
        """Remember another name the text uses, once."""
        alias = alias.strip(" ,;:")
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def add_role(self, role: str) -> None:
        """Remember a role description, once."""
        role = role.strip(" ,;:")
        if role and role.lower() not in self._role_keys:
            self.roles.append(role)
            self._role_keys.add(role.lower())
            self._role_words = None

    @property
    def name_words(self) -> tuple[str, ...]:
        """Name words without titles and without a territorial `of X` ending."""
        return _name_words(self.name)

    @property
    def titles(self) -> frozenset[str]:
        """Titles used with this name anywhere in the text (cached until it gains a name)."""
        cached = self._titles
        if cached is None or cached[0] != len(self.aliases) or cached[1] != self.name:
            found = {_title_of(alias) for alias in [self.name, *self.aliases]}
            found.discard(None)
            cached = self._titles = (len(self.aliases), self.name, frozenset(found))
        return cached[2]

    def references(self) -> frozenset[str]:
        """Common nouns the text may use for this speaker: its role nouns, office titles, org heads."""
        found = self.role_words() & lexicon.PERSON_ROLES
        found |= self.titles & lexicon.NEUTRAL_TITLES
        if self.kind in {"organisation", "spokesperson"}:
            org = self.affiliation if self.kind == "spokesperson" and self.affiliation else self.name
            found |= _ORG_NOUNS.intersection(org.lower().split())
        return frozenset(found)

    def role_words(self, current: bool = False) -> set[str]:
        """Lower-case words of the stated roles (`current`: only of roles not held in the past)."""
        if self._role_words is None:
            words: set[str] = set()
            now: set[str] = set()
            for role in self.roles:
                role_words = {w.lower().strip(",") for w in role.replace("-", " ").split()}
                words |= role_words
                if role_words.isdisjoint(PAST_ROLE):
                    now |= role_words
            self._role_words, self._current_words = words, now
        return self._current_words if current else self._role_words


@dataclass(slots=True)
class Entry:
    """One mention in reading order."""

    pos: int
    sentence: int
    entity: int
    subject: bool
