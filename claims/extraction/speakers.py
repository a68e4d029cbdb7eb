"""The article's speakers and who each mention refers to: names, surnames, pronouns, descriptions."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from claims.extraction import lexicon
from claims.extraction.names import Mention, is_initial

LOOKBACK_SENTENCES = 8
MAX_ORG_CANDIDATES = 64
LOOKBACK_ENTRIES = 60
# Descriptions that rename the person the story is about rather than name an office.
_BIOGRAPHICAL = {"former", "ex", "veteran", "retired", "onetime", "one-time", "erstwhile", "then", "outgoing"}


def _org_words(name: str) -> frozenset[str]:
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
_PERSON_KEYS: dict[tuple[str, ...], str] = {}
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
    first = words[0].lower() if words else ""
    title = first if first in lexicon.TITLES else None
    if len(_TITLE_OF) < _MEMO_LIMIT:
        _TITLE_OF[alias] = title
    return title


def _person_words(name: str) -> tuple[str, ...]:
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
        alias = _POSSESSIVE.sub("", alias).strip()
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
    number: str = "sg"
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    affiliation: str | None = None
    members: list[int] = field(default_factory=list)
    key: str = ""
    bare: bool = False  # an organisation only because the text gave one capitalised word ("Okafor said")
    _role_keys: set[str] = field(default_factory=set, repr=False)
    _role_words: set[str] | None = field(default=None, repr=False)
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
    def name_words(self) -> list[str]:
        """Name words without titles and without a territorial `of X` ending."""
        return list(_name_words(self.name))

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

    def role_words(self) -> set[str]:
        """Lower-case words of the stated roles."""
        if self._role_words is None:
            words: set[str] = set()
            for role in self.roles:
                words.update(w.lower().strip(",") for w in role.replace("-", " ").split())
            self._role_words = words
        return self._role_words


@dataclass(slots=True)
class Entry:
    """One mention in reading order."""

    pos: int
    sentence: int
    entity: int
    subject: bool


class Registry:
    """Speakers found so far and the order in which the text mentioned them."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.history: list[Entry] = []
        self._by_key: dict[str, int] = {}
        self._last_seen: dict[int, int] = {}
        # Word indexes keep look-ups independent of how many speakers a long text has.
        self._people_by_word: dict[str, list[int]] = {}
        self._orgs_by_word: dict[str, list[int]] = {}
        # People the text shows speaking for an organisation ("its chief executive, Jane Doe").
        self.speaks_for: dict[int, int] = {}
        self._org_by_words: dict[frozenset[str], int] = {}
        self._alias_cache: dict[int, tuple[int, str, list[frozenset[str]]]] = {}
        self.speaking = False  # the mention being resolved is followed by a speech verb

    # -- bookkeeping -------------------------------------------------------------------------------
    def note(self, entity: int | None, pos: int, sentence: int, subject: bool) -> None:
        """Record that `entity` is mentioned at `pos` (as the subject of its sentence or not)."""
        if entity is not None:
            self._last_seen[entity] = len(self.history)
            self.history.append(Entry(pos, sentence, entity, subject))

    def _new(self, name: str, kind: str, key: str, **kwargs) -> int:
        self.entities.append(Entity(name=name, kind=kind, key=key, **kwargs))
        index = len(self.entities) - 1
        self._by_key[key] = index
        self._index_names(index, name)
        return index

    def _index_names(self, index: int, name: str) -> None:
        entity = self.entities[index]
        if entity.kind == "person":
            for word in entity.name_words:
                ids = self._people_by_word.setdefault(word.lower(), [])
                if index not in ids:
                    ids.append(index)
        elif entity.kind == "organisation":
            words = _org_words(name)
            self._org_by_words.setdefault(frozenset(words), index)
            for word in words:
                ids = self._orgs_by_word.setdefault(word, [])
                if index not in ids:
                    ids.append(index)

    def _recent(self, sentence: int):
        """History entries, most recent first, within the look-back window."""
        for count, entry in enumerate(reversed(self.history)):
            if entry.sentence < sentence - LOOKBACK_SENTENCES or count > LOOKBACK_ENTRIES:
                return
            yield entry

    def focus(self, sentence: int, exclude: int | None = None) -> int | None:
        """The person the text is currently about: the most recent person subject."""
        for entry in self._recent(sentence):
            entity = self.entities[entry.entity]
            if entry.subject and entity.kind == "person" and entry.entity != exclude:
                return entry.entity
        return None

    # -- resolution --------------------------------------------------------------------------------
    def resolve(self, mention: Mention | None, pos: int, sentence: int) -> int | None:
        """The entity a mention refers to, creating one for a new name."""
        if mention is None:
            return None
        index = _RESOLVERS[mention.kind](self, mention, pos, sentence)
        if index is not None:
            entity = self.entities[index]
            if mention.kind not in {"pronoun"}:
                entity.add_alias(mention.text)
                for alias in mention.aliases:
                    entity.add_alias(alias)
                    self._index_names(index, alias)
            for role in mention.roles:
                entity.add_role(role)
            if mention.affiliation and not entity.affiliation and entity.kind != "organisation":
                entity.affiliation = self._org_name(mention.affiliation)
            if mention.gender and entity.gender is None and entity.kind in {"person", "spokesperson"}:
                entity.gender = mention.gender
        return index

    def side_of(self, index: int) -> int:
        """Whom a speaker speaks for: the organisation (or person) it represents, else itself.

        A spokesperson for X and X, or "X's spokesman, Jane Doe" and X, are one side of an exchange.
        """
        entity = self.entities[index]
        if index in self.speaks_for:
            return self.speaks_for[index]
        principal = None
        if entity.kind == "spokesperson" and entity.affiliation:
            principal = entity.affiliation
        elif entity.kind == "person":
            for role in entity.roles:
                words = role.split()
                if len(words) >= 2 and words[-1].lower() in lexicon.SPOKES_NOUNS and words[-2][:1].isupper():
                    principal = " ".join(words[:-1])
                    break
        if principal is None:
            return index
        found = self._find_org(principal)
        if found is None:
            bare = principal.removesuffix("'s").removesuffix("’s").rstrip("'’")
            people = self._people_by_word.get(bare.split()[-1].lower(), ()) if bare.split() else ()
            found = people[0] if people else None
        return found if found is not None else index

    def _org_name(self, name: str) -> str:
        index = self._find_org(name)
        return self.entities[index].name if index is not None else name

    def _compatible_person(self, entity: Entity, gender: str | None) -> bool:
        return (
            (entity.kind in {"person", "spokesperson"} or entity.bare)
            and entity.number == "sg"
            and (gender is None or entity.gender in (None, gender))
        )

    def _resolve_pronoun(self, mention: Mention, pos: int, sentence: int) -> int | None:
        if mention.number in {"i", "we"}:
            return None
        candidates = self._hobbs_order(pos, sentence)
        if mention.number == "pl":
            candidates = list(candidates)  # read twice below
        for index in candidates:
            entity = self.entities[index]
            if mention.number == "sg" and self._compatible_person(entity, mention.gender):
                if mention.gender and entity.gender is None:
                    entity.gender = mention.gender
                if entity.bare:
                    self._make_person(index)
                return index
            if mention.number == "pl" and (entity.kind == "group" or entity.number == "pl"):
                return index
            if mention.number == "org" and entity.kind == "organisation":
                return index
        if mention.number == "pl":
            for index in candidates:
                if self.entities[index].kind == "organisation":
                    return index
        return None

    def _hobbs_order(self, pos: int, sentence: int) -> Iterator[int]:
        """Candidates sentence by sentence, most recent sentence first; subjects before other mentions.

        Lazy: the history is in reading order, so going back through it meets each sentence's entries
        together, and a pronoun usually resolves within the first sentence looked at.
        """
        seen: set[int] = set()
        group: list[Entry] = []
        for entry in self._recent(sentence):
            if entry.sentence == sentence and entry.pos >= pos:
                continue
            if group and entry.sentence != group[0].sentence:
                yield from self._hobbs_group(group, sentence, seen)
                group = []
            group.append(entry)
        if group:
            yield from self._hobbs_group(group, sentence, seen)

    def _hobbs_group(self, group: list[Entry], sentence: int, seen: set[int]) -> Iterator[int]:
        """One sentence's candidates not met yet: subjects first, then by position (backwards in the
        sentence being read)."""
        if group[0].sentence == sentence:
            group = sorted(group, key=lambda e: (not e.subject, -e.pos))
        else:
            group = sorted(group, key=lambda e: (not e.subject, e.pos))
        for entry in group:
            if entry.entity not in seen:
                seen.add(entry.entity)
                yield entry.entity

    def _person_key(self, words: tuple[str, ...]) -> str:
        key = _PERSON_KEYS.get(words)
        if key is None:
            key = "person:" + " ".join(w.lower() for w in words)
            if len(_PERSON_KEYS) < _MEMO_LIMIT:
                _PERSON_KEYS[words] = key
        return key

    def _resolve_person(self, mention: Mention, pos: int, sentence: int) -> int | None:
        words = _person_words(mention.name)
        if not words:
            return None
        if len(words) >= 2:
            key = self._person_key(words)
            if key in self._by_key:
                return self._by_key[key]
            # A person first met by surname alone ("Mr X") gets the full name now.
            for index in self._by_surname(words[-1], mention.gender, sentence):
                entity = self.entities[index]
                if len(entity.name_words) == 1:
                    entity.add_alias(entity.name)
                    entity.name = mention.name
                    self._by_key[key] = index
                    self._index_names(index, mention.name)
                    return index
            return self._new(mention.name, "person", key, gender=mention.gender)
        matches = self._by_surname(words[0], mention.gender, sentence)
        if matches:
            return matches[0]
        return self._new(mention.name, "person", self._person_key(words), gender=mention.gender)

    def people_named(self, word: str) -> bool:
        """Whether someone already met has this word in their name."""
        return word.lower() in self._people_by_word

    def _by_surname(self, surname: str, gender: str | None, sentence: int) -> list[int]:
        """People with this surname (or given name), most recently mentioned first."""
        found = [
            i
            for i in self._people_by_word.get(surname.lower(), ())
            if gender is None or self.entities[i].gender in (None, gender)
        ]
        # When two people share a surname, the one named last is meant.
        return sorted(found, key=lambda i: -self._last_seen.get(i, -1))

    def _resolve_bare(self, mention: Mention, pos: int, sentence: int) -> int | None:
        matches = self._by_surname(mention.name, None, sentence)
        if matches:
            return matches[0]
        known = len(self.entities)
        index = self._resolve_org(mention, pos, sentence)
        if index is not None and index >= known and self.speaking:
            self.entities[index].bare = True  # "he" or "she" may show it is a person after all
        return index

    def _make_person(self, index: int) -> None:
        """A one-word name first taken for an organisation that a personal pronoun refers to."""
        entity = self.entities[index]
        entity.kind = "person"
        entity.bare = False
        self._index_names(index, entity.name)

    def _find_org(self, name: str) -> int | None:
        words = _org_words(name)
        if not words:
            return None
        exact = self._org_by_words.get(frozenset(words))
        if exact is not None:
            return exact
        candidates = sorted({i for w in words for i in self._orgs_by_word.get(w, ())})
        # In a very long text a common word ("council") is shared by many bodies: the first match in
        # index order is kept, but only a bounded number of them are examined.
        for i in candidates[:MAX_ORG_CANDIDATES]:
            for other in self._alias_words(i):
                if other and (words <= other or other <= words):
                    return i
        return None

    def _alias_words(self, index: int) -> list[frozenset[str]]:
        """Organisation-name words of each name of entity `index` (cached until it gains a name)."""
        e = self.entities[index]
        cached = self._alias_cache.get(index)
        if cached is None or cached[0] != len(e.aliases) or cached[1] != e.name:
            cached = (len(e.aliases), e.name, [frozenset(_org_words(a)) for a in [e.name, *e.aliases]])
            self._alias_cache[index] = cached
        return cached[2]

    def _resolve_org(self, mention: Mention, pos: int, sentence: int) -> int | None:
        index = self._find_org(mention.name)
        if index is not None:
            entity = self.entities[index]
            # Prefer the fuller name ("Green Party" over "Greens") as the display name.
            if len(mention.name.split()) > len(entity.name.split()):
                entity.add_alias(entity.name)
                entity.name = mention.name
                self._index_names(index, mention.name)
            return index
        return self._new(mention.name, "organisation", "org:" + mention.name.lower())

    def _resolve_spokes(self, mention: Mention, pos: int, sentence: int) -> int | None:
        org_index = None
        if mention.affiliation:
            org_index = self._resolve_org(Mention("org", mention.affiliation, name=mention.affiliation), pos, sentence)
        else:
            # "... defended the process and a source said": the organisation just mentioned.
            for entry in self._recent(sentence):
                if entry.sentence < sentence - 1:
                    break
                if self.entities[entry.entity].kind == "organisation":
                    org_index = entry.entity
                    break
        org = self.entities[org_index].name if org_index is not None else None
        noun = mention.head
        key = f"spokes:{org_index}:{noun}"
        if key in self._by_key:
            return self._by_key[key]
        name = f"{org} {noun}" if org else noun
        return self._new(name, "spokesperson", key, gender=mention.gender, number=mention.number, affiliation=org)

    def _resolve_group(self, mention: Mention, pos: int, sentence: int) -> int | None:
        members = [self.resolve(m, pos, sentence) for m in mention.members]
        members = [m for m in members if m is not None]
        if len(set(members)) < 2:
            return members[0] if members else None
        key = "group:" + ",".join(str(m) for m in sorted(set(members)))
        if key in self._by_key:
            return self._by_key[key]
        name = " and ".join(self.entities[m].name for m in dict.fromkeys(members))
        return self._new(name, "group", key, number="pl", members=list(dict.fromkeys(members)))

    def _resolve_plural(self, mention: Mention, pos: int, sentence: int) -> int | None:
        name = mention.name
        key = "plural:" + name.lower()
        if key in self._by_key:
            return self._by_key[key]
        return self._new(name, "group", key, number="pl")

    def _resolve_orgdesc(self, mention: Mention, pos: int, sentence: int) -> int | None:
        recent_orgs = [e.entity for e in self._recent(sentence) if self.entities[e.entity].kind == "organisation"]
        for index in recent_orgs:
            if mention.head in self.entities[index].name.lower():
                return index
        for index in self._orgs_by_word.get(mention.head, ()):
            return index
        modifiers = [m for m in mention.modifiers if m.lower() not in lexicon.FUNCTION_WORDS]
        if modifiers and all(m[:1].islower() for m in modifiers):
            # "the hospital trust" names a body of its own, not whichever organisation came last.
            name = " ".join([*modifiers, mention.head])
            key = "orgdesc:" + name.lower()
            return self._by_key.get(key) if key in self._by_key else self._new(name, "organisation", key)
        if recent_orgs:
            return recent_orgs[0]
        focus = self.focus(sentence)
        if focus is not None and self.entities[focus].affiliation:
            return self._find_org(self.entities[focus].affiliation)
        return self._new(mention.head.capitalize(), "organisation", "orgdesc:" + mention.head)

    def _role_match(self, head: str, gender: str | None, sentence: int) -> int | None:
        titles = lexicon.TITLE_ROLE_NOUNS.get(head)
        head = head.removeprefix("ex-")
        seen: set[int] = set()
        for entry in self._recent(sentence):
            index = entry.entity
            if index in seen:
                continue
            seen.add(index)
            entity = self.entities[index]
            if not self._compatible_person(entity, gender):
                continue
            if titles is not None and entity.titles & titles:
                return index
            if head in entity.titles:  # "the senator" for "Senator X"
                return index
            if head in entity.role_words() or head.rstrip("s") in entity.role_words():
                return index
        return None

    def _resolve_description(self, mention: Mention, pos: int, sentence: int) -> int | None:
        modifiers = {m.lower() for m in mention.modifiers}
        biographical = (
            bool(modifiers & _BIOGRAPHICAL)
            or mention.head.startswith("ex-")
            or any(m.endswith("-year-old") for m in modifiers)
            or mention.head.endswith("-year-old")
        )
        focus = self.focus(sentence)
        if biographical and focus is not None and self._compatible_person(self.entities[focus], mention.gender):
            return focus
        matched = self._role_match(mention.head, mention.gender, sentence)
        if matched is not None:
            return matched
        if mention.head in lexicon.ORG_DESCRIPTIONS and not biographical:
            # "the regulator said": a body that is also a role noun means the organisation just mentioned.
            for entry in self._recent(sentence):
                if self.entities[entry.entity].kind == "organisation":
                    self.entities[entry.entity].add_role(mention.head)
                    return entry.entity
        if mention.other_than_focus:
            for entry in self._recent(sentence):
                entity = self.entities[entry.entity]
                if (
                    entry.entity != focus
                    and entity.kind == "person"
                    and self._compatible_person(entity, mention.gender)
                ):
                    return entry.entity
        if focus is not None and self._compatible_person(self.entities[focus], mention.gender):
            return focus
        key = "desc:" + mention.text.lower()
        if key in self._by_key:
            return self._by_key[key]
        return self._new(mention.text, "person", key, gender=mention.gender)


# Resolution by mention kind (Registry.resolve): a table instead of building a method name per call.
_RESOLVERS = {
    kind: getattr(Registry, f"_resolve_{kind}")
    for kind in ("pronoun", "person", "bare", "org", "spokes", "group", "description", "orgdesc", "plural")
}
