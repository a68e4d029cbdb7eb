"""The article's speakers and who each mention refers to: names, surnames, pronouns, descriptions."""

from collections.abc import Iterator

from claims.extraction import lexicon
from claims.extraction.descriptions import DescriptionResolution
from claims.extraction.entities import Entity, Entry, org_words, person_words, public_aliases
from claims.extraction.names import Mention

__all__ = ["Registry", "public_aliases"]

LOOKBACK_SENTENCES = 8
MAX_ORG_CANDIDATES = 64
LOOKBACK_ENTRIES = 60
_PERSON_KEYS: dict[tuple[str, ...], str] = {}
_MEMO_LIMIT = 50_000  # bounded, as the memos of entities.py


class Registry(DescriptionResolution):
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
        self.avoid: int | None = None  # a speaker the pronoun being resolved cannot mean (the one answered)
        # The people the text has called by one name word alone ("Murphy", "Ms. Murphy"), and that word.
        self._called: dict[str, set[int]] = {}

    # -- bookkeeping -------------------------------------------------------------------------------
    def note(self, entity: int | None, pos: int, sentence: int, subject: bool) -> None:
        """Record that `entity` is mentioned at `pos` (as the subject of its sentence or not)."""
        if entity is not None:
            self._last_seen[entity] = len(self.history)
            self.history.append(Entry(pos, sentence, entity, subject))
            # "Mrs. Ana Costa and Mr. Jo Lis spoke. “…,” she said.": each member is a candidate too.
            for member in self.entities[entity].members:
                self._last_seen[member] = len(self.history)
                self.history.append(Entry(pos, sentence, member, False))

    def _new(self, name: str, kind: str, key: str, **kwargs) -> int:
        self.entities.append(Entity(name=name, kind=kind, key=key, **kwargs))
        index = len(self.entities) - 1
        self._by_key[key] = index
        if not key.startswith("desc:"):  # "a Trump supporter" is not someone called Trump
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
            words = org_words(name)
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

    def subject_between(self, lo: int, hi: int, sentence: int) -> int | None:
        """The subject of the latest sentence mentioned in [lo, hi) of the text, if any."""
        for entry in self._recent(sentence):
            if entry.pos < lo:
                return None
            if entry.subject and entry.pos < hi:
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
            if mention.kind in {"person", "bare"} and entity.kind == "person":
                words = person_words(mention.name)
                if len(words) == 1:
                    self._called.setdefault(words[0].lower(), set()).add(index)
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
            and not entity.document
            and entity.number == "sg"
            and (gender is None or entity.gender in (None, gender))
        )

    def _resolve_pronoun(self, mention: Mention, pos: int, sentence: int) -> int | None:
        if mention.number in {"i", "we"}:
            return None
        candidates = self._hobbs_order(pos, sentence)
        if mention.number == "pl":
            candidates = list(candidates)  # read twice below
        nearest: tuple[int, int] | None = None  # the first single person met: (sentence, index)
        for index, said_in in candidates:
            entity = self.entities[index]
            if index == self.avoid:
                continue
            if mention.number == "sg" and self._compatible_person(entity, mention.gender):
                if nearest is not None and nearest[0] > said_in and self.entities[nearest[1]].guessed:
                    # A nearer person ruled out only by a gender guessed from an earlier pronoun: the
                    # guess was wrong, recency wins.
                    index, entity = nearest[1], self.entities[nearest[1]]
                    entity.gender = None
                if mention.gender and entity.gender is None:
                    entity.gender = mention.gender
                    entity.guessed = True
                if entity.bare:
                    self._make_person(index)
                return index
            if nearest is None and entity.kind == "person" and entity.number == "sg" and not entity.document:
                nearest = (said_in, index)
            if mention.number == "pl" and (entity.kind == "group" or entity.number == "pl"):
                return index
            if mention.number == "org" and (entity.kind == "organisation" or entity.document):
                return index
        if mention.number == "pl":
            for index, _ in candidates:
                if self.entities[index].kind == "organisation":
                    return index
        return None

    def _hobbs_order(self, pos: int, sentence: int) -> Iterator[tuple[int, int]]:
        """Candidates (and the sentence of their mention) sentence by sentence, most recent first; subjects
        before other mentions.

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

    def _hobbs_group(self, group: list[Entry], sentence: int, seen: set[int]) -> Iterator[tuple[int, int]]:
        """One sentence's candidates not met yet: subjects first, then by position (backwards in the
        sentence being read)."""
        if group[0].sentence == sentence:
            group = sorted(group, key=lambda e: (not e.subject, -e.pos))
        else:
            group = sorted(group, key=lambda e: (not e.subject, e.pos))
        for entry in group:
            if entry.entity not in seen:
                seen.add(entry.entity)
                yield entry.entity, entry.sentence

    def _person_key(self, words: tuple[str, ...]) -> str:
        key = _PERSON_KEYS.get(words)
        if key is None:
            key = "person:" + " ".join(w.lower() for w in words)
            if len(_PERSON_KEYS) < _MEMO_LIMIT:
                _PERSON_KEYS[words] = key
        return key

    def _resolve_person(self, mention: Mention, pos: int, sentence: int) -> int | None:
        words = person_words(mention.name)
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
        # When two people share a surname, the one the text already calls by it alone is meant ("his
        # mother, Marie Murphy" does not make her "Murphy"), else the one named last.
        called = self._called.get(surname.lower(), ())
        return sorted(found, key=lambda i: (i not in called, -self._last_seen.get(i, -1)))

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
        words = org_words(name)
        if not words:
            return None
        exact = self._org_by_words.get(frozenset(words))
        if exact is not None:
            return exact
        candidates = sorted({i for w in words for i in self._orgs_by_word.get(w, ())})
        # In a very long text a common word ("council") is shared by many bodies: the first match in
        # index order is kept, but only a bounded number of them are examined.
        for i in candidates[:MAX_ORG_CANDIDATES]:
            if self.entities[i].kind != "organisation" or (self.entities[i].bare and len(words) > 1):
                continue  # "Trump said" (likely a person) is not "Trump University"
            for other in self._alias_words(i):
                if other and (words <= other or other <= words):
                    return i
        return None

    def _alias_words(self, index: int) -> list[frozenset[str]]:
        """Organisation-name words of each name of entity `index` (cached until it gains a name)."""
        e = self.entities[index]
        cached = self._alias_cache.get(index)
        if cached is None or cached[0] != len(e.aliases) or cached[1] != e.name:
            cached = (len(e.aliases), e.name, [frozenset(org_words(a)) for a in [e.name, *e.aliases]])
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


# Resolution by mention kind (Registry.resolve): a table instead of building a method name per call.
_RESOLVERS = {
    kind: getattr(Registry, f"_resolve_{kind}")
    for kind in ("pronoun", "person", "bare", "org", "spokes", "group", "description", "orgdesc", "plural", "document")
}
