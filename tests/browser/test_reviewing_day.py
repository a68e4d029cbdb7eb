"""A reviewer's working day in Chromium: corrections in the workbench, whole-article decisions, refusals
with reasons, the claim, speaker and dashboard pages at 1280 and 1920 px; the database checked after each."""

import pytest
from django.utils import timezone

from claims.choices import ClaimStatus, ReviewStatus
from claims.models import BulkDecision, Claim, ClaimRelation, Review, Speaker
from claims.services import editing
from claims.services.proposals import article_ingest
from tests.browser.conftest import ARTIFACTS, CHROMIUM, select_text, sign_in
from tests.factories import SpeakerFactory, UserFactory

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True),
]

ARTICLE = """Library hours cut across the county

The county librarian, Tomasz Evergreen, said on Monday that opening hours would be cut at nine branches.

“We will keep every branch open, but most will close two hours earlier from April,” Mr Evergreen said.

“Reading groups and homework clubs will move to the mornings,” he added.

A spokeswoman for the Friends of County Libraries said: “This is a closure by another name. Families who
work all day will lose their library.”

Councillor Imogen Hartley said: “The budget leaves us no other choice.”
"""

PASTED = """Ferry timetable changes

The harbour master, Odile Brandt, said: “Two sailings a day will be added from May.”
"""


def shoot(page, name: str) -> None:
    """Full-page screenshots at the narrowest and widest layouts the admin must hold."""
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 1920):
        page.set_viewport_size({"width": width, "height": 1000})
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")


def reload_done(page, action) -> None:
    """Run `action`, which makes the workbench script save and reload the page, and wait for the reload."""
    with page.expect_navigation():
        action()
    assert page.locator("#wb-status.errornote").count() == 0


def test_a_working_day_in_the_workbench(browser_page, live_server):
    page = browser_page
    chief = UserFactory(username="chief", is_staff=True, is_superuser=True)
    article = article_ingest(raw=ARTICLE, outlet_name="County Courier", user=chief).article
    claims = list(Claim.objects.filter(article=article).order_by("start"))
    assert len(claims) >= 4
    first, second = claims[0], claims[1]
    # One proposal whose speaker extraction could not tell: the bulk decision rejects it.
    Claim.objects.filter(pk=claims[-1].pk).update(speaker=None)
    known = SpeakerFactory(name="Wilhelmina Rockwell")
    workbench = f"{live_server.url}/admin/articles/article/{article.pk}/workbench/"
    sign_in(page, live_server, "chief")

    # Keyboard only: j selects the first claim, e opens the correction form on the speaker search.
    page.goto(workbench)
    page.keyboard.press("j")
    assert page.locator(".claim-card.current").get_attribute("data-claim") == str(first.pk)
    page.keyboard.press("e")
    assert page.locator("#edit-panel").evaluate("el => el.open")
    page.keyboard.press("Enter")  # opens the speaker search
    page.keyboard.type("Wilhelmina Rock")
    page.locator(".select2-results__option", has_text="Wilhelmina Rockwell").wait_for()
    page.keyboard.press("Enter")
    page.select_option("#id_edit_claim_type", "promise")
    page.focus("#edit-form button[type=submit]")
    reload_done(page, lambda: page.keyboard.press("Enter"))
    first.refresh_from_db()
    assert (first.speaker, first.claim_type) == (known, "promise")
    assert page.locator(".claim-card.current").get_attribute("data-claim") == str(first.pk)

    # A new speaker and a new kind for the second claim.
    page.locator(f"#claim-{second.pk}").click()
    page.keyboard.press("e")
    page.fill("#id_edit_new_speaker_name", "County Library Service")
    page.select_option("#id_edit_new_speaker_kind", "organisation")
    page.select_option("#id_edit_kind", "response")
    reload_done(page, lambda: page.click("#edit-form button[type=submit]"))
    second.refresh_from_db()
    assert (second.speaker.name, second.speaker.kind, second.kind) == (
        "County Library Service",
        "organisation",
        "response",
    )

    # Re-select the span: shorten the first claim to its first clause.
    new_text = "We will keep every branch open"
    page.locator(f"#claim-{first.pk}").click()
    select_text(page, new_text)
    page.keyboard.press("u")
    assert page.locator("#edit-span-preview").text_content() == new_text
    reload_done(page, lambda: page.keyboard.press("Enter"))  # u leaves the focus on Save
    first.refresh_from_db()
    assert first.text == new_text and article.body[first.start : first.end] == new_text

    # Overlapping spans stay visible: a claim inside the first one is drawn over it, and both show.
    inner_start = article.body.index("every branch")
    inner = editing.claim_create(article=article, start=inner_start, end=inner_start + len("every branch"), user=chief)
    page.goto(f"{workbench}#claim-{first.pk}")
    page.reload()
    overlap = page.locator(f"#article-body mark.overlap[data-claims~='{first.pk}'][data-claims~='{inner.pk}']")
    assert overlap.count() == 1
    assert overlap.evaluate("el => getComputedStyle(el).boxShadow") != "none"
    assert page.locator(f"#article-body mark[data-claims='{first.pk}']").count() >= 1  # the outer part alone

    # Links: retype one in place, then remove it.
    response_claim = Claim.objects.get(article=article, text__startswith="This is a closure")
    relation = ClaimRelation.objects.filter(source=response_claim).first() or editing.claim_relation_create(
        source=response_claim, target=first, relation_type="rebuts", user=chief
    )
    page.goto(f"{workbench}#claim-{response_claim.pk}")
    page.reload()
    reload_done(page, lambda: page.select_option(f"#retype-{relation.pk}", "contradicts"))
    assert ClaimRelation.objects.get(pk=relation.pk).relation_type == "contradicts"
    page.keyboard.press("x")
    assert page.evaluate("document.activeElement.id") == f"retype-{relation.pk}"
    page.keyboard.press("Tab")
    reload_done(page, lambda: page.keyboard.press("Enter"))
    assert not ClaimRelation.objects.filter(pk=relation.pk).exists()

    # The shortcut list opens with ? and closes with Escape.
    page.keyboard.press("?")
    assert page.locator("#wb-shortcuts").is_visible()
    assert "use the text selected in the article as its new span" in page.locator("#wb-shortcuts").text_content()
    page.keyboard.press("Escape")
    assert not page.locator("#wb-shortcuts").is_visible()

    # The whole article at once, then undone.
    proposed = set(Claim.objects.filter(article=article, status=ClaimStatus.PROPOSED).values_list("pk", flat=True))
    with page.expect_navigation():
        page.click("#bulk-decide")
    assert "You can undo this." in page.locator(".messagelist").text_content()
    decision = BulkDecision.objects.get(article=article)
    assert set(decision.accepted) | set(decision.rejected) == proposed
    assert claims[-1].pk in decision.rejected
    total = Claim.objects.filter(article=article).count()
    assert page.locator("#wb-progress").text_content().strip().startswith(f"{total} of {total} reviewed")
    shoot(page, "workbench")
    with page.expect_navigation():
        page.click("#bulk-undo")
    assert set(Claim.objects.filter(article=article, status=ClaimStatus.PROPOSED).values_list("pk", flat=True)) == (
        proposed
    )
    assert BulkDecision.objects.get(article=article).undone_at is not None

    # Publishing one's own verdict is shown disabled, with the reason.
    reviewed = Claim.objects.get(pk=second.pk)
    Claim.objects.filter(pk=reviewed.pk).update(status=ClaimStatus.REVIEWED, assignee=chief)
    Review.objects.create(
        claim=reviewed,
        author=chief,
        rating="mostly_true",
        summary="Branches stay open; hours are cut.",
        status=ReviewStatus.SUBMITTED,
        submitted_at=timezone.now(),
    )
    page.goto(f"{live_server.url}/admin/claims/claim/{reviewed.pk}/change/")
    assert page.locator("#transitions button[data-transition=publish]").is_disabled()
    assert "You wrote this verdict; a second editor must publish it." in page.locator("#transitions").text_content()
    history = page.locator("#history").text_content()
    assert "County Library Service" in history and "speaker_id" not in history
    shoot(page, "claim")

    # The speaker's page, the dashboard and the claims list hold from 1280 to 1920 px.
    page.goto(f"{live_server.url}/admin/claims/speaker/{known.pk}/change/")
    assert f"#{first.pk}" in page.locator("#speaker-claims").text_content()
    assert page.locator("#speaker-duplicates").is_visible()
    shoot(page, "speaker")
    page.goto(f"{live_server.url}/admin/claims/claim/dashboard/")
    assert "undated" in page.locator(".dashboard").text_content()
    assert page.locator(".dashboard").text_content().count("Trend") == 0
    shoot(page, "dashboard")
    page.goto(f"{live_server.url}/admin/claims/claim/")
    for width in (1280, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"claims-list-{width}.png"))
        assert no_horizontal_overflow(page), width
        results = page.locator("#changelist .results").bounding_box()
        for column in ("excerpt", "has_response", "has_source"):
            box = page.locator(f"#result_list th.column-{column}").bounding_box()
            assert box is not None and box["x"] + box["width"] <= results["x"] + results["width"] + 1, (column, width)
        assert page.locator("#result_list th.column-excerpt").bounding_box()["width"] >= 180

    # A pasted article lands on its workbench, saying how many claims were proposed.
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_raw", PASTED)
    with page.expect_navigation():
        page.click("input[name=_save]")
    pasted = Claim.objects.filter(article__headline="Ferry timetable changes")
    assert page.url.endswith(f"/admin/articles/article/{pasted.first().article_id}/workbench/")
    assert f"{pasted.count()} claim" in page.locator(".messagelist").text_content()
    assert Speaker.objects.filter(name="Odile Brandt").exists()
