"""Assemble a body's extraction from the reader's drafts: claim types, the exchange's kinds and links,
and the speakers numbered in the order the statements use them."""

import re

from claims.extraction import lexicon
from claims.extraction.classify import claim_type, confidence, frame_of, frame_relation
from claims.extraction.exchange import Side, exchange
from claims.extraction.reading import Draft
from claims.extraction.responses import LinkInput
from claims.extraction.speakers import Entity, Registry, public_aliases
from claims.extraction.types import Extraction, ProposedSpeaker, ProposedStatement

# "Her neighbour disagreed." / "X hit back within the hour.": a reply verb without an object.
_BARE_REPLY = re.compile(
    r"\b(?:replied|responded|retorted|countered|disagreed|objected|hit back)\b"
    r"(?!\s+(?:to|with|that|the|this|these|those|a|an|his|her|their|its)\b)"
)

# Documents in which an organisation speaks for itself; a memo or a report makes its own case.
_ANSWERING_DOCUMENTS = lexicon.words("statement letter email release response reply note")
# A sentence opening on an answer: "Replying to the charge, …", "In response, …", "Hitting back, …".
_ANSWER_LEAD = re.compile(r"(?:Replying|Responding|Reacting|Hitting back|In (?:a )?response)\b")


# Pure functions of a name or role string, memoised (bounded): the same names and roles recur.
_MEMO_LIMIT = 50_000
_CAPITALS: dict[str, tuple[str, ...]] = {}
_ROLE_VOCABULARY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _capitals(name: str) -> tuple[str, ...]:
    """The capitalised words of a name."""
    found = _CAPITALS.get(name)
    if found is None:
        found = tuple(w for w in name.split() if w[:1].isupper())
        if len(_CAPITALS) < _MEMO_LIMIT:
            _CAPITALS[name] = found
    return found


def _role_vocabulary(role: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The role nouns and the capitalised words of a role, by which the text may refer to its side."""
    found = _ROLE_VOCABULARY.get(role)
    if found is None:
        words = role.replace("-", " ").split()
        found = (
            # "the guild's general secretary": the body a role belongs to refers to the side too.
            tuple(
                w.lower().removesuffix("'s").removesuffix("’s")
                for w in words
                if w[:1].islower() and w.lower() not in lexicon.STOPWORDS and len(w) > 3
            ),
            # "Opposition energy spokeswoman": the capitalised words of a role name the side too.
            tuple(w for w in words if len(w) > 2 and w[:1].isupper() and w.lower() not in lexicon.STOPWORDS),
        )
        if len(_ROLE_VOCABULARY) < _MEMO_LIMIT:
            _ROLE_VOCABULARY[role] = found
    return found


def _reattribute_repeated_words(drafts: list[Draft], entities: list[Entity]) -> None:
    """A partial quote by an unnamed speaker that recurs inside a named speaker's fuller quotation
    (“holding the country to ransom” … then the post itself) is the same utterance: same speaker."""
    for n, d in enumerate(drafts):
        if d.entity is not None and not entities[d.entity].key.startswith("desc:"):
            continue
        words = d.text
        if len(words.split()) < 3:
            continue
        for other in drafts[max(0, n - 30) : n + 30]:
            if (
                other is not d
                and other.entity is not None
                and entities[other.entity].kind in {"person", "organisation"}
                and not entities[other.entity].key.startswith("desc:")
                and other.end - other.start > d.end - d.start
                and words in other.text
            ):
                if d.entity is not None:
                    description = entities[d.entity].name
                    entities[other.entity].add_role(description.removeprefix("The ").removeprefix("the "))
                d.entity = other.entity
                break


def assemble(drafts: list[Draft], registry: Registry) -> Extraction:
    """Type, answer and link the drafts of a body's statements, and number their speakers."""
    entities = registry.entities
    _reattribute_repeated_words(drafts, entities)
    types, relations = [], []
    for d in drafts:
        types.append(claim_type(d.text, d.verb, d.context, d.lowered))
        relations.append(d.relation)
    accusers = {d.entity for d, t in zip(drafts, types, strict=True) if t == "accusation"}
    for n, d in enumerate(drafts):
        if relations[n] is None:
            # "X denied the claims and complained of “…”": the quotation's own verb says what it is.
            # "Replying for the government, X … accused the opposition of “…”": a lead frames the whole sentence.
            framed = d.verb not in lexicon.ACCUSATION_VERBS or _ANSWER_LEAD.match(d.preface) is not None
            # A quotation the sentence dates before the row answers nothing, whatever came just before it.
            answering = d.answering and frame_of(d.lead + " " + d.context) != "earlier"
            relations[n] = "rebuts" if answering else frame_relation(d.preface) if framed else None
        speaker = entities[d.entity] if d.entity is not None else None
        # An organisation's voice speaking in a story of accusations made by others answers them.
        spokesperson = (
            speaker is not None
            and speaker.kind == "spokesperson"
            and (not speaker.document or speaker.document in _ANSWERING_DOCUMENTS)
        )
        if not relations[n] and spokesperson and accusers - {d.entity, None}:
            relations[n] = "rebuts"
    speaking = {d.entity for d in drafts if d.entity is not None}
    refs = {e: entities[e].references() for e in speaking}
    names = {e: entities[e].name_words for e in speaking}
    sides = {e: registry.side_of(e) for e in speaking}
    vocabulary: dict[int, Side] = {}
    for e in speaking:
        side = vocabulary.get(sides[e])
        if side is None:
            side = vocabulary[sides[e]] = Side()
        entity = entities[e]
        side.own.update(*map(_capitals, (entity.name, *entity.aliases, entity.affiliation or "")))
        side.names.update(
            [w for w in names[e] if len(w) > 2 and w[:1].isupper() and w.lower() not in lexicon.STOPWORDS]
        )
        for role in entity.roles:
            role_refs, role_names = _role_vocabulary(role)
            side.refs.update(role_refs)
            side.names.update(role_names)
        side.refs.update(refs[e])
    answering = any(relations)  # else nothing is a response, and no frame is needed
    kinds, relations, links, sure = exchange(
        [
            LinkInput(
                speaker=d.entity,
                kind="response" if rel else "claim",
                claim_type=t,
                relation=rel,
                words=d.text + " " + d.context,
                speaker_names=names[d.entity] if d.entity is not None else (),
                text=d.text,
                speaker_refs=refs[d.entity] if d.entity is not None else frozenset(),
                side=sides[d.entity] if d.entity is not None else None,
                cue=d.cue,
                bare_reply=d.verb in lexicon.REPLY_VERBS or bool(d.cue and _BARE_REPLY.search(d.cue)),
                frame=frame_of(d.lead + " " + d.context) if answering else None,
                paragraph=d.paragraph,
                preface=d.preface,
                lead=d.lead,
                said_to_answer=d.said_to_answer,
            )
            for d, t, rel in zip(drafts, types, relations, strict=True)
        ],
        vocabulary,
    )
    for n in range(1, len(drafts)):
        d, last = drafts[n], drafts[n - 1]
        # "“That is nonsense,” X replied. “My plan …”": the second half answers what the first did.
        if (
            kinds[n] == "response"
            and not links[n]
            and kinds[n - 1] == "response"
            and d.entity is not None
            and d.entity == last.entity
            and d.paragraph - last.paragraph <= 1
        ):
            links[n], sure[n] = links[n - 1], sure[n - 1]
    used: dict[int, int] = {}
    order: list[int] = []

    def use(index: int) -> int:
        if index not in used:
            used[index] = -1
            for member in entities[index].members:
                use(member)
            used[index] = len(order)
            order.append(index)
        return used[index]

    speaker_ids = [use(d.entity) if d.entity is not None else None for d in drafts]
    speakers = tuple(
        ProposedSpeaker(
            name=entities[i].name,
            kind=entities[i].kind,
            aliases=public_aliases(entities[i].name, entities[i].aliases),
            roles=tuple(entities[i].roles),
            affiliation=entities[i].affiliation,
            members=tuple(used[m] for m in entities[i].members),
        )
        for i in order
    )
    statements = []
    for n, d in enumerate(drafts):
        kind = kinds[n]
        relation = relations[n] if kind == "response" else None
        if kind == "response" and relation is None:
            relation = "rebuts"
        statements.append(
            ProposedStatement(
                text=d.text,
                start=d.start,
                end=d.end,
                speaker=speaker_ids[n],
                kind=kind,
                claim_type=types[n],
                direct=True,
                confidence=confidence(
                    mode=d.mode,
                    words=len(d.text.split()),
                    closed=d.closed,
                    resolved=d.entity is not None,
                ),
                responds_to=links[n],
                relation_type=relation,
                link_confidence=sure[n] if links[n] else None,
            )
        )
    return Extraction(speakers=speakers, statements=tuple(statements))
