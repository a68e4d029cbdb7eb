"""Resolve mentions that do not name anyone: spokespeople, groups, descriptions of people and bodies."""

from claims.extraction import lexicon
from claims.extraction.names import Mention

# Descriptions that rename the person the story is about rather than name an office.
_BIOGRAPHICAL = {"former", "ex", "veteran", "retired", "onetime", "one-time", "erstwhile", "then", "outgoing"}


_DEFINITE = {"the", "this", "that"}
_INDEFINITE = {"a", "an", "one"}


class DescriptionResolution:
    """Registry steps for spokespeople, groups, plural nouns and descriptions (mixed into the Registry)."""

    def _resolve_spokes(self, mention: Mention, pos: int, sentence: int) -> int | None:
        org_index = None
        if mention.affiliation:
            org_index = self._resolve_org(Mention("org", mention.affiliation, name=mention.affiliation), pos, sentence)
        elif mention.modifiers:
            # "a company spokeswoman", "a spokesman for the office": the body the description points to.
            body = Mention("orgdesc", mention.modifiers[0], head=mention.modifiers[0])
            org_index = self._resolve_orgdesc(body, pos, sentence)
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
        index = self._new(name, "spokesperson", key, gender=mention.gender, number=mention.number, affiliation=org)
        if org_index is not None:
            self.speaks_for.setdefault(index, org_index)  # one side with the body it speaks for
        return index

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
        if name[:1].isupper() and " " not in name:
            # "Sanders said": a capitalised word that looks plural is the surname of someone already named.
            people = self._by_surname(name, None, sentence)
            if people:
                return people[0]
        key = "plural:" + name.lower()
        if key in self._by_key:
            return self._by_key[key]
        return self._new(name, "group", key, number="pl")

    def _recent_orgs(self, sentence: int, head: str) -> list[int]:
        """Organisations mentioned lately, most recent first, those that were subjects before the others;
        a business noun ("the company", "the firm") never means a public body or a party."""
        entries = [e for e in self._recent(sentence) if self.entities[e.entity].kind == "organisation"]
        if head in lexicon.BUSINESS_NOUNS:
            names = {e.entity: self.entities[e.entity].name.lower().split() for e in entries}
            entries = [e for e in entries if lexicon.PUBLIC_BODIES.isdisjoint(names[e.entity])]
        ordered = [e.entity for e in entries if e.subject and e.sentence >= sentence - 2]
        return list(dict.fromkeys([*ordered, *(e.entity for e in entries)]))

    def _resolve_orgdesc(self, mention: Mention, pos: int, sentence: int) -> int | None:
        recent_orgs = self._recent_orgs(sentence, mention.head)
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
        # "the party said" with no party named: an unnamed voice, not an organisation called "Party".
        key = "orgdesc:" + mention.head
        if key in self._by_key:
            return self._by_key[key]
        return self._new(mention.text, "spokesperson", key)

    def _role_match(self, head: str, gender: str | None, sentence: int, past: bool = False) -> int | None:
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
            if head in entity.titles or any(head in lexicon.TITLE_NOUNS.get(t, ()) for t in entity.titles):
                return index  # "the senator" for "Senator X", "the governor" for "Gov. X"
            roles = entity.role_words(current=not past)
            if head in roles or head.rstrip("s") in roles:
                return index
        return None

    def _resolve_document(self, mention: Mention, pos: int, sentence: int) -> int | None:
        if mention.determiner in _DEFINITE:
            # "the letter said": the letter the text spoke of last.
            for entry in self._recent(sentence):
                if self.entities[entry.entity].document == mention.head:
                    return entry.entity
            for index in range(len(self.entities) - 1, -1, -1):
                if self.entities[index].document == mention.head:
                    return index
        name = mention.name
        if mention.determiner in _DEFINITE and name.lower().startswith(mention.determiner + " "):
            name = name[len(mention.determiner) + 1 :]
        key = "doc:" + name.lower()
        if key in self._by_key:
            return self._by_key[key]
        affiliation = self._org_name(mention.affiliation) if mention.affiliation else None
        return self._new(name, "spokesperson", key, affiliation=affiliation, document=mention.head)

    def _resolve_description(self, mention: Mention, pos: int, sentence: int) -> int | None:
        if mention.determiner in _INDEFINITE:
            # "a neighbour said", "one voter said": someone the text has not introduced.
            key = "desc:" + mention.text.lower()
            if key in self._by_key:
                return self._by_key[key]
            return self._new(mention.text, "person", key, gender=mention.gender)
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
        matched = self._role_match(mention.head, mention.gender, sentence, past=biographical)
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
        # "the narrator", "the judge": no one introduced with that role is someone the text does not name,
        # not whoever the story was last about.
        key = "desc:" + mention.text.lower()
        if key in self._by_key:
            return self._by_key[key]
        return self._new(mention.text, "person", key, gender=mention.gender)
