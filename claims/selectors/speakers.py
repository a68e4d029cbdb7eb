"""Reads about the speaker directory: records that may name the same speaker as another."""

import re

from django.db.models import Count, Q

from claims.extraction import lexicon
from claims.models import Speaker

MAX_DUPLICATES = 20
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


def speaker_possible_duplicates(speaker: Speaker) -> list[Speaker]:
    """Active speakers of the same kind whose name (or an alias) reads as this speaker's in fuller or
    shorter form ("Labour" / "Labour Party"): offered to an editor to merge, never merged by guess."""
    names = [speaker.name, *speaker.aliases.values_list("name", flat=True)]
    own = [name_words(n) for n in names]
    own = [w for w in own if w]
    if not own:
        return []
    # Candidates share at least one identifying word with a name of this speaker (the database narrows
    # by word; the exact test runs here).
    shared = Q()
    for word in set().union(*own):
        pattern = rf"\m{re.escape(word)}\M"
        shared |= Q(name__iregex=pattern) | Q(aliases__name__iregex=pattern)
    candidates = (
        Speaker.objects.filter(shared, kind=speaker.kind, merged_into__isnull=True)
        .exclude(pk=speaker.pk)
        .prefetch_related("aliases")
        .annotate(claim_count=Count("claims", distinct=True))
        .distinct()
        .order_by("name", "id")[: MAX_DUPLICATES * 5]
    )
    found = []
    for candidate in candidates:
        theirs = [name_words(n) for n in [candidate.name, *(a.name for a in candidate.aliases.all())]]
        if any(_alike(mine, other, speaker.kind) for mine in own for other in theirs):
            found.append(candidate)
            if len(found) == MAX_DUPLICATES:
                break
    return found
