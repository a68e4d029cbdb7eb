"""Re-anchoring on a new version: claims move to their new text, orphans are kept and re-attachable, every
move is in the history, extraction proposes only new statements, and subscribers hear what happened."""

import pghistory.models
import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from bench.reanchoring import run
from claims import workflow
from claims.anchoring import Method, PositionMap, Selector, place, quote_context
from claims.choices import WebhookEvent
from claims.exceptions import RoleRequired
from claims.models import Claim, WebhookDelivery
from claims.services.proposals import article_ingest
from claims.services.versions import claim_reattach
from claims.services.webhooks import webhook_subscription_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "https://valley.example/news/bridge"
V1 = (
    "Bridge repairs delayed again\n\n"
    "The county engineer, Petra Halloran, said: “The bridge will reopen to cars before the end of March.”\n\n"
    "Shopkeepers in the square said trade had halved. “We cannot survive another winter of this,” "
    "said baker Luis Moreno.\n\n"
    "A county spokesman said: “Every repair has been signed off by independent inspectors.”\n"
)


def test_the_corpus_places_nothing_on_wrong_text_and_most_claims_exactly():
    counts = run()
    total = sum(counts.values())
    assert counts["wrong"] == 0
    assert counts["exact"] / total > 0.8
    assert counts["moved"] >= 5  # typo fixes, shortened quotes and corrected figures found again
    assert counts["orphaned"] >= 4  # deleted paragraphs and rewritten quotes are orphaned


def test_a_repeated_quote_is_placed_by_its_context():
    old = "Anna said: “No.” Then Ben asked again. Carl said: “No.” And that was that."
    new = "Intro line. " + old.replace("Then Ben asked again.", "Then Ben, annoyed, asked again.")
    second = old.rindex("No.")
    prefix, suffix = quote_context(old, second, second + 3)
    placement = place(Selector("No.", prefix, suffix, second, second + 3), new, hint=PositionMap(old, new)(second))
    assert placement.method == Method.EXACT
    assert placement.start == new.rindex("No.")


def test_a_quote_gone_from_the_text_is_orphaned():
    old = "Mia said: “Taxes will fall next year for every family in the county.” The end."
    new = "Mia said nothing about taxes. The end."
    start = old.index("Taxes")
    end = old.index("”")
    prefix, suffix = quote_context(old, start, end)
    assert not place(Selector(old[start:end], prefix, suffix, start, end), new, hint=start).placed


def _ingest(raw, **fields):
    return article_ingest(raw=raw, url=URL, **fields)


def test_a_new_version_moves_claims_orphans_lost_ones_and_proposes_only_new_statements(annotator):
    first = _ingest(V1)
    claims = {claim.text: claim for claim in first.claims}
    bridge = claims["The bridge will reopen to cars before the end of March."]
    baker = claims["We cannot survive another winter of this"]
    spokesman = claims["Every repair has been signed off by independent inspectors."]
    workflow.claim_accept(claim=bridge, user=annotator)

    v2 = (
        V1.replace("Bridge repairs delayed again\n\n", "Bridge repairs delayed again\n\nUpdated at 5pm.\n\n")
        .replace("before the end of March", "before the end of April")
        .replace("A county spokesman said: “Every repair has been signed off by independent inspectors.”\n", "")
        + "\nThe mayor, Ruth Okoye, said: “The county has let this town down.”\n"
    )
    result = _ingest(v2)
    assert result.status == "updated" and not result.version.silent_edit
    article = result.article
    bridge.refresh_from_db()
    baker.refresh_from_db()
    spokesman.refresh_from_db()

    assert (
        article.body[bridge.start : bridge.end]
        == bridge.text
        == "The bridge will reopen to cars before the end of April."
    )
    assert bridge.orphaned_at is None and bridge.status == "accepted"
    assert article.body[baker.start : baker.end] == baker.text
    assert spokesman.orphaned_at is not None
    assert spokesman.text == "Every repair has been signed off by independent inspectors."

    report = result.reanchor
    assert {move["claim"] for move in report.moved} == {bridge.pk, baker.pk}
    assert report.orphaned == [spokesman.pk]
    # Only the mayor's statement is new; the moved claims are not proposed again.
    assert [claim.text for claim in result.claims] == ["The county has let this town down."]
    assert Claim.objects.filter(article=article).count() == 4

    # Each move is one history row saying why it happened.
    moves = pghistory.models.Events.objects.tracks(bridge).filter(pgh_context__reason="re-anchored")
    assert len(moves) == 1 and moves[0].pgh_context["article_version"] == 2

    # Importing the same new text again changes nothing.
    assert _ingest(v2).status == "unchanged"


def test_subscribers_hear_what_moved_and_what_was_orphaned(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    editor = UserFactory(username="hooks-editor")
    editor.groups.add(Group.objects.get_or_create(name="editor")[0])
    webhook_subscription_create(url="https://cms.example/hook", events=[WebhookEvent.ARTICLE_UPDATED], user=editor)
    first = _ingest(V1)
    spokesman = next(c for c in first.claims if c.text.startswith("Every repair"))
    _ingest(V1.replace("A county spokesman said: “Every repair has been signed off by independent inspectors.”\n", ""))
    delivery = WebhookDelivery.objects.get(event=WebhookEvent.ARTICLE_UPDATED)
    data = delivery.payload["data"]
    assert data["article"] == first.article.pk and data["version"] == 2
    assert data["orphaned"] == [spokesman.pk]
    assert data["silent_edit"] is True
    assert data["unchanged"] == 2 and data["moved"] == []


def test_an_orphan_is_reattached_by_hand_and_leaves_the_span_checks_alone(annotator, viewer):
    first = _ingest(V1)
    spokesman = next(c for c in first.claims if c.text.startswith("Every repair"))
    v2 = V1.replace("“Every repair has been signed off by independent inspectors.”", "that repairs were checked.")
    article = _ingest(v2).article
    spokesman.refresh_from_db()
    assert spokesman.orphaned_at is not None
    start = article.body.index("repairs were checked")
    end = start + len("repairs were checked")
    with pytest.raises(RoleRequired):
        claim_reattach(claim=spokesman, start=start, end=end, user=viewer)
    with pytest.raises(ValidationError):
        claim_reattach(claim=spokesman, start=end, end=start, user=annotator)
    claim = claim_reattach(claim=spokesman, start=start, end=end, user=annotator)
    assert claim.orphaned_at is None and claim.text == "repairs were checked"
    assert pghistory.models.Events.objects.tracks(claim).filter(pgh_context__reason="re-attached").exists()
    with pytest.raises(ValidationError, match="not orphaned"):
        claim_reattach(claim=claim, start=start, end=end, user=annotator)


def test_a_claim_with_a_verdict_moves_only_onto_the_same_words(reviewer, editor):
    from claims.choices import ClaimStatus

    first = _ingest(V1)
    bridge = next(c for c in first.claims if c.text.startswith("The bridge"))
    Claim.objects.filter(pk=bridge.pk).update(status=ClaimStatus.PUBLISHED)
    _ingest("Intro.\n\n" + V1.replace("end of March", "end of May"))
    bridge.refresh_from_db()
    assert bridge.orphaned_at is not None
    assert bridge.text == "The bridge will reopen to cars before the end of March."
