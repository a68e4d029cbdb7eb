"""Counter-statements across articles: the claims a response in one article may be answering in another."""

import datetime as dt
import operator
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce, TruncDate

from claims.choices import ANSWERING_RELATIONS, ClaimKind, ClaimStatus, ClaimType
from claims.models import Claim, ClaimRelation, Speaker, SpeakerRole

# How far apart a claim and the response to it are usually published.
ANSWER_WINDOW = dt.timedelta(days=30)


def responder_names(speaker: Speaker) -> list[str]:
    """The names a claim against this speaker would use: theirs, their aliases, their organisations'."""
    people = [speaker]
    if speaker.organisation_id:
        people.append(speaker.organisation)
    organisations = Speaker.objects.filter(
        pk__in=SpeakerRole.objects.filter(speaker=speaker, organisation__isnull=False).values("organisation")
    )
    people.extend(organisations)
    names = {person.name for person in people}
    for person in people:
        names.update(person.aliases.values_list("name", flat=True))
    # A spokesperson's own label ("a Labour spokesman") names no one an accusation would.
    return sorted(n for n in names if n and not (speaker.kind == "spokesperson" and n == speaker.name))


def counter_targets(*, response: Claim, limit: int = 10) -> list[Claim]:
    """Recent claims in other articles that name the responder or their organisation, accusations first.

    For a response whose allegation is not quoted in its own article; a reviewer confirms one as
    `rebuts` or `denies`. Claims it already answers are left out.
    """
    if response.speaker_id is None:
        return []
    names = responder_names(response.speaker)
    if not names:
        return []
    query = reduce(operator.or_, (SearchQuery(n, config="english", search_type="phrase") for n in names))
    published = response.article.published or response.article.created_at.date()
    answered = ClaimRelation.objects.filter(source=response, relation_type__in=ANSWERING_RELATIONS).values("target")
    day = Coalesce("article__published", TruncDate("article__created_at"))
    return list(
        # The accused are named in the quotation or in the article around it.
        Claim.objects.filter(Q(search_vector=query) | Q(article__search_vector=query), kind=ClaimKind.CLAIM)
        .exclude(article_id=response.article_id)
        .exclude(status=ClaimStatus.REJECTED)
        .exclude(pk__in=answered)
        .exclude(speaker_id=response.speaker_id)
        .annotate(day=day)
        .filter(day__gte=published - ANSWER_WINDOW, day__lte=published + dt.timedelta(days=1))
        .annotate(
            accusation=Case(
                When(claim_type=ClaimType.ACCUSATION, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
            rank=SearchRank(F("search_vector"), query),
        )
        .select_related("speaker", "article__outlet")
        .defer("search_vector", "article__body", "article__raw_text", "article__search_vector", "article__text_sketch")
        .order_by("-accusation", "-day", "-rank", "-id")[:limit]
    )
