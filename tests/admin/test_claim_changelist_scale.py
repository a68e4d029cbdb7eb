"""The claim changelist on large tables: estimated counts, pages fetched by id, index-backed search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from claims.admin import pagination
from claims.selectors import search as search_selectors
from tests.factories import ClaimFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:claims_claim_changelist"


def _ids(response) -> list[int]:
    return [claim.pk for claim in response.context["cl"].result_list]


def test_pages_are_newest_first_and_cover_every_claim_once(client, staff_user):
    newest_first = sorted((c.pk for c in ClaimFactory.create_batch(7)), reverse=True)
    client.force_login(staff_user)
    changelist = client.get(reverse(CHANGELIST)).context["cl"]
    assert [c.pk for c in changelist.result_list] == newest_first

    paginator = pagination.EstimatedCountPaginator(changelist.queryset, 3)
    pages = [[c.pk for c in paginator.page(n).object_list] for n in paginator.page_range]
    assert pages == [newest_first[0:3], newest_first[3:6], newest_first[6:7]]


def test_large_results_are_counted_from_the_plan_not_with_count(client, staff_user, monkeypatch):
    ClaimFactory.create_batch(4)
    client.force_login(staff_user)
    monkeypatch.setattr(pagination, "EXACT_COUNT_BELOW", 0)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1
    assert not any("COUNT(" in q["sql"].upper() for q in queries if "claims_claim" in q["sql"])
    monkeypatch.setattr(pagination, "EXACT_COUNT_BELOW", 10_000)
    assert client.get(reverse(CHANGELIST)).context["cl"].result_count == 4


def test_search_finds_text_speaker_names_and_ids_without_or_across_tables(client, staff_user):
    by_text = ClaimFactory()
    speaker = SpeakerFactory(name="Oluwaseun Marchetti")
    by_speaker = ClaimFactory(speaker=speaker)
    other = ClaimFactory()
    client.force_login(staff_user)

    def found(term):
        with CaptureQueriesContext(connection) as queries:
            ids = set(_ids(client.get(reverse(CHANGELIST), {"q": term})))
        assert any("UNION" in q["sql"] for q in queries)
        return ids

    assert by_text.pk in found("budgets balanced")
    assert found("marchett") == {by_speaker.pk}
    assert found(f"#{other.pk}") == {other.pk}
    assert found("qzxjvw") == set()


def test_speaker_filter_names_only_the_chosen_speaker(client, staff_user):
    mine = ClaimFactory(speaker=SpeakerFactory(name="Priya Vandermeer"))
    ClaimFactory(speaker=SpeakerFactory(name="Tomasz Okonkwo-Reyes"))
    client.force_login(staff_user)

    def speaker_choices(response):
        specs = [f for f in response.context["cl"].filter_specs if f.title == "speaker"]
        return [label for spec in specs for _, label in spec.lookup_choices]

    unfiltered = client.get(reverse(CHANGELIST))
    filtered = client.get(reverse(CHANGELIST), {"speaker": mine.speaker_id})

    assert speaker_choices(unfiltered) == []
    assert _ids(filtered) == [mine.pk]
    assert speaker_choices(filtered) == ["Priya Vandermeer"]


def test_a_search_matching_many_claims_walks_the_newest_and_finds_the_same(client, staff_user, monkeypatch):
    """Above `DENSE_MATCHES` expected matches the search is one condition read newest first, not a union of
    every match; either way a term finds the same claims, in the same order."""
    speaker = SpeakerFactory(name="Henrike Osterwald")
    claims = [ClaimFactory(), ClaimFactory(speaker=speaker), ClaimFactory(), ClaimFactory(speaker=speaker)]
    client.force_login(staff_user)
    terms = ["budgets balanced", "osterwald", "Osterwal", f"#{claims[2].pk}", "qzxjvw"]

    def search(term) -> tuple[list[int], list[str]]:
        with CaptureQueriesContext(connection) as queries:
            ids = _ids(client.get(reverse(CHANGELIST), {"q": term}))
        return ids, [q["sql"] for q in queries if q["sql"].startswith("SELECT") and "claims_claim" in q["sql"]]

    few = {term: search(term) for term in terms}
    monkeypatch.setattr(search_selectors, "DENSE_MATCHES", 0)
    many = {term: search(term) for term in terms}

    assert {term: ids for term, (ids, _) in many.items()} == {term: ids for term, (ids, _) in few.items()}
    assert few["osterwald"][0] == [claims[3].pk, claims[1].pk]
    assert few["Osterwal"][0] == [claims[3].pk, claims[1].pk]
    assert any("UNION" in sql for sql in few["osterwald"][1])
    assert not any("UNION" in sql for sql in many["osterwald"][1])
