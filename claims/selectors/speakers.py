"""Reads about the speaker directory: records that may name the same speaker as another."""

import re

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Count, FloatField, Q, Value
from django.db.models.functions import Greatest

from claims.extraction import lexicon
from claims.models import Speaker

MAX_DUPLICATES = 20
# How alike two spellings must be (pg_trgm similarity, 0-1) to be offered without sharing a whole word.
DUPLICATE_SIMILARITY = 0.45
# Words that do not tell two speakers apart: articles, titles, initials, name suffixes.
_NEUTRAL = lexicon.words("the a an of and for sir dame lord lady") | lexicon.HONORIFICS | lexicon.NAME_SUFFIXES
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def name_words(name: str) -> frozenset[str]:
    """The words of a name that identify it, case-folded, possessives and single letters left out."""
    words = set()
    for word in _WORD.findall(name.casefold()):
        word = re.sub(r"['’]s$", "", word)
        if len(word) > 1 and word not in _NEUTRAL:
            words.add(word)
    return frozenset(words)


def _alike(words: frozenset[str], other: frozenset[str], kind: str) -> bool:
    if not words or not other:
        return False
    if kind == "person":
        # "Biden" / "Joseph R. Biden Jr." / "Joe Biden": one name's words within the other's; a bare
        # surname matches any fuller name ending in it.
        return words <= other or other <= words
    return words < other or other < words or words == other


def speaker_possible_duplicates(speaker: Speaker, *, limit: int = MAX_DUPLICATES) -> list[Speaker]:
    """Active speakers of the same kind that may be this one: a name (or alias) read in fuller or shorter
    form ("Labour" / "Labour Party") or spelt almost alike ("Okonjo" / "Okonjoh"). Each carries its
    `similarity` (pg_trgm, 0-1) and `claim_count`; offered to an editor to merge, never merged by guess."""
    names = [speaker.name, *speaker.aliases.values_list("name", flat=True)]
    own = [words for words in map(name_words, names) if words]
    similarity = Greatest(*(TrigramSimilarity("name", name) for name in names), Value(0.0, output_field=FloatField()))
    # The database narrows to near spellings and records sharing an identifying word; the fuller-or-shorter
    # test on those words runs here.
    narrowed = Q(similarity__gte=DUPLICATE_SIMILARITY)
    for word in set().union(*own):
        pattern = rf"\m{re.escape(word)}\M"
        narrowed |= Q(name__iregex=pattern) | Q(aliases__name__iregex=pattern)
    candidates = (
        Speaker.objects.filter(kind=speaker.kind, merged_into__isnull=True)
        .exclude(pk=speaker.pk)
        .annotate(similarity=similarity)
        .filter(narrowed)
        .prefetch_related("aliases")
        .annotate(claim_count=Count("claims", distinct=True))
        .distinct()
        .order_by("-similarity", "name", "id")[: limit * 5]
    )
    found = []
    for candidate in candidates:
        theirs = [name_words(n) for n in [candidate.name, *(a.name for a in candidate.aliases.all())]]
        if candidate.similarity >= DUPLICATE_SIMILARITY or any(
            _alike(mine, other, speaker.kind) for mine in own for other in theirs
        ):
            found.append(candidate)
            if len(found) == limit:
                break
    return found
