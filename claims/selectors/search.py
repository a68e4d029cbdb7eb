"""Search: ranked full text over claims and articles, and typo-tolerant lookup of speakers and claims.

Full text uses the stored `search_vector` columns and their GIN indexes with PostgreSQL's websearch syntax
(`"exact phrase"`, `or`, `-word`). Typo tolerance uses pg_trgm's word-similarity operator (`%>`) on the
upper-cased names and texts, which their trigram GIN indexes serve, so neither scans the table.
"""

import json
from dataclasses import dataclass

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Upper
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article
from claims.models import Claim, Speaker, SpeakerAlias

SEARCH_CONFIG = "english"
# ts_headline marks matches with these; they cannot occur in text, so escaping the rest is safe.
_START, _STOP = "\x02", "\x03"
MAX_LIMIT = 100
# Above this many matches (as the planner estimates them) a page of results comes sooner from walking the
# claims newest first and keeping those that match than from collecting every match out of the indexes.
DENSE_MATCHES = 5_000


@dataclass(frozen=True)
class SearchHit:
    """One ranked result: the row, its rank and an HTML snippet with the matching words in <mark>."""

    obj: object
    rank: float
    snippet: SafeString


def text_search_query(query: str) -> SearchQuery:
    """The websearch query for `query`: phrases in quotes, `or`, and `-word` to exclude."""
    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def _snippet(marked: str) -> SafeString:
    return mark_safe(escape(marked).replace(_START, "<mark>").replace(_STOP, "</mark>"))


def _headline(field: str, query: SearchQuery, **options) -> SearchHeadline:
    return SearchHeadline(field, query, config=SEARCH_CONFIG, start_sel=_START, stop_sel=_STOP, **options)


def claim_text_search(*, query: str, limit: int = 20) -> list[SearchHit]:
    """Claims matching `query`, best first (cover density rank), each with its text highlighted."""
    search = text_search_query(query)
    top = list(
        Claim.objects.filter(search_vector=search)
        .annotate(rank=SearchRank(F("search_vector"), search, cover_density=True))
        .order_by("-rank", "-id")
        .values_list("pk", "rank")[: min(limit, MAX_LIMIT)]
    )
    # Snippets only for the page shown: ts_headline re-parses the text, too slow to run on every match.
    rows = (
        Claim.objects.filter(pk__in=[pk for pk, _ in top])
        .select_related("speaker", "article__outlet")
        .defer("search_vector", "article__body", "article__raw_text", "article__search_vector", "article__text_sketch")
        .annotate(snippet=_headline("text", search, highlight_all=True))
        .in_bulk()
    )
    return [SearchHit(rows[pk], rank, _snippet(rows[pk].snippet)) for pk, rank in top if pk in rows]


def article_text_search(*, query: str, limit: int = 20) -> list[SearchHit]:
    """Articles whose headline or body match `query`, best first, each with a passage highlighted."""
    search = text_search_query(query)
    top = list(
        Article.objects.filter(search_vector=search)
        .annotate(rank=SearchRank(F("search_vector"), search, cover_density=True))
        .order_by("-rank", "-id")
        .values_list("pk", "rank")[: min(limit, MAX_LIMIT)]
    )
    rows = (
        Article.objects.filter(pk__in=[pk for pk, _ in top])
        .select_related("outlet")
        .only("id", "headline", "url", "published", "outlet__id", "outlet__name", "outlet__domain")
        .annotate(snippet=_headline("body", search, max_words=35, min_words=15, max_fragments=2))
        .in_bulk()
    )
    return [SearchHit(rows[pk], rank, _snippet(rows[pk].snippet)) for pk, rank in top if pk in rows]


def speaker_lookup(*, query: str, include_merged: bool = False) -> QuerySet[Speaker]:
    """Speakers whose name or an alias is like `query`, typos allowed ("Hargreves"), best match first."""
    needle = query.strip().upper()
    if not needle:
        return Speaker.objects.none()
    by_name = Speaker.objects.annotate(upper_name=Upper("name")).filter(
        Q(upper_name__trigram_word_similar=needle) | Q(upper_name__contains=needle)
    )
    by_alias = (
        SpeakerAlias.objects.annotate(upper_name=Upper("name"))
        .filter(Q(upper_name__trigram_word_similar=needle) | Q(upper_name__contains=needle))
        .values("speaker_id")
    )
    speakers = Speaker.objects.filter(Q(pk__in=by_name.values("pk")) | Q(pk__in=by_alias))
    if not include_merged:
        speakers = speakers.filter(merged_into__isnull=True)
    return speakers.annotate(similarity=TrigramWordSimilarity(needle, Upper("name"))).order_by(
        "-similarity", "name", "id"
    )


def claim_lookup(*, query: str) -> QuerySet[Claim]:
    """Claims whose text contains words like `query`, typos allowed, most alike first (for autocompletes)."""
    needle = query.strip().upper()
    if not needle:
        return Claim.objects.none()
    return (
        Claim.objects.annotate(upper_text=Upper("text"))
        .filter(upper_text__trigram_word_similar=needle)
        .annotate(similarity=TrigramWordSimilarity(needle, Upper("text")))
        .order_by("-similarity", "-id")
    )


def claim_search_ids(
    term: str, *, typo_tolerant: bool = True, partial_words: bool = False, speakers: list[int] | None = None
) -> QuerySet:
    """Ids of the claims a search box's `term` finds: full text, a speaker by name (typos allowed), `#id`, with
    `typo_tolerant` the quoted words themselves with typos, and with `partial_words` any text containing it
    (an autocomplete, where people type the start of a word). For the admin changelist and its autocomplete,
    and anything else that filters claims by what a person typed: `.filter(pk__in=claim_search_ids(term))`
    (or `claim_search`). `speakers`: the speakers `term` names, when the caller has looked them up already.

    A UNION of searches each served by its own index; an OR of the same conditions across the joined tables
    makes PostgreSQL read every claim.
    """
    term = term.strip()
    claims = Claim.objects.order_by()
    searches = [
        claims.filter(search_vector=text_search_query(term)).values("pk"),
        # The speakers first, as a list: the planner then reads their claims from the speaker index and
        # knows from its statistics how many there are.
        claims.filter(speaker_id__in=_speaker_ids(term) if speakers is None else speakers).values("pk"),
    ]
    if typo_tolerant:
        searches.append(claim_lookup(query=term).order_by().values("pk"))
    if partial_words:
        searches.append(claims.filter(text__icontains=term).values("pk"))
    if (pk := _claim_id(term)) is not None:
        searches.append(claims.filter(pk=pk).values("pk"))
    first, *others = searches
    return first.union(*others)


def _speaker_ids(term: str) -> list[int]:
    return list(speaker_lookup(query=term, include_merged=True).order_by().values_list("pk", flat=True))


def _claim_id(term: str) -> int | None:
    digits = term.lstrip("#")
    return int(digits) if digits.isdigit() and int(digits) < 2**63 else None


def claim_search_condition(
    term: str, *, typo_tolerant: bool = True, partial_words: bool = False, speakers: list[int] | None = None
) -> Q:
    """What `claim_search_ids` finds, as one condition on the claims table's own columns (the speakers are
    looked up first): the shape for a term that matches many claims, where PostgreSQL reads the newest claims
    until a page is full instead of gathering every match."""
    term = term.strip()
    speakers = _speaker_ids(term) if speakers is None else speakers
    condition = Q(search_vector=text_search_query(term)) | Q(speaker_id__in=speakers)
    if typo_tolerant and term:
        condition |= Q(TrigramWordSimilar(Upper("text"), Value(term.upper())))
    if partial_words:
        condition |= Q(text__icontains=term)
    if (pk := _claim_id(term)) is not None:
        condition |= Q(pk=pk)
    return condition


def estimated_rows(queryset: QuerySet) -> int:
    """How many rows the planner expects `queryset` to return (no rows are read)."""
    return int(json.loads(queryset.explain(format="json"))[0]["Plan"]["Plan Rows"])


def claim_search(
    queryset: QuerySet[Claim], term: str, *, typo_tolerant: bool = True, partial_words: bool = False
) -> QuerySet[Claim]:
    """`queryset` narrowed to the claims `term` finds (see `claim_search_ids`), in the shape that serves a
    newest-first page soonest: the union of index searches for a term with few matches, one condition read
    along the newest claims for a term with many (a common word, a prolific speaker)."""
    options = {"typo_tolerant": typo_tolerant, "partial_words": partial_words, "speakers": _speaker_ids(term.strip())}
    ids = claim_search_ids(term, **options)
    if estimated_rows(ids.order_by()) < DENSE_MATCHES:
        return queryset.filter(pk__in=ids)
    return queryset.filter(claim_search_condition(term, **options))
