"""End to end in Chromium: a reviewer works through a seed article in the workbench."""

from pathlib import Path

import pytest

from claims.choices import ClaimKind, ClaimStatus
from claims.models import Claim, ClaimRelation
from claims.services.proposals import article_ingest
from tests.browser.conftest import ARTIFACTS, CHROMIUM, PASSWORD, select_text
from tests.factories import UserFactory

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "000_f180aefda498208b.txt"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True),
]


def test_reviewer_works_through_a_seed_article(browser_page, live_server):
    page = browser_page
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    ingested = article_ingest(raw=SEED.read_text(encoding="utf-8"), outlet_name="Seed outlet", user=user)
    article = ingested.article
    proposals = list(Claim.objects.filter(article=article).order_by("start", "end", "id"))
    assert len(proposals) >= 3

    # Sign in.
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    # Every proposal is highlighted in the body, with its card in the side panel.
    workbench = f"{live_server.url}/admin/articles/article/{article.pk}/workbench/"
    page.goto(workbench)
    highlighted = page.eval_on_selector_all(
        "#article-body mark.claim", "marks => new Set(marks.map(m => m.dataset.claim)).size"
    )
    assert highlighted == len(proposals)
    assert page.locator(".claim-card[data-claim]").count() == len(proposals)

    # Select text that no proposal covers and make it a claim by a new speaker.
    phrase = "Former health minister Lord Darzi of Denham has also resigned"
    assert not any(c.start <= article.body.index(phrase) < c.end for c in proposals)
    select_text(page, phrase)
    assert page.locator("#new-claim").is_visible()
    assert page.locator("#new-claim-text").text_content() == phrase
    page.fill("#id_new_speaker_name", "The newspaper")
    page.select_option("#id_new_speaker_kind", "organisation")
    page.select_option("#id_claim_type", "factual")
    page.click("#new-claim-form button[type=submit]")
    page.wait_for_load_state()
    created = Claim.objects.get(article=article, text=phrase)
    assert (created.start, created.end) == (article.body.index(phrase), article.body.index(phrase) + len(phrase))
    assert created.speaker.name == "The newspaper"
    assert page.locator(f"mark[data-claim='{created.pk}']").count() == 1

    # Keyboard only: j to the first claim, a to accept it; the page comes back on the next claim.
    page.goto(workbench)
    page.locator("body").press("j")
    first = page.locator(".claim-card.current")
    first_id = int(first.get_attribute("data-claim"))
    assert first.evaluate("el => el === document.activeElement")
    assert page.locator(f"mark.current[data-claim='{first_id}']").count() >= 1
    with page.expect_navigation():
        page.keyboard.press("a")
    assert Claim.objects.get(pk=first_id).status == ClaimStatus.ACCEPTED
    assert page.locator(".claim-card.current").get_attribute("data-claim") != str(first_id)

    # Link the party's response to a statement it answers that extraction did not link.
    response = Claim.objects.filter(article=article, kind=ClaimKind.RESPONSE).order_by("start").last()
    linked = set(response.outgoing_relations.values_list("target_id", flat=True))
    target = Claim.objects.filter(article=article, kind=ClaimKind.CLAIM).exclude(pk__in=linked).order_by("start")[0]
    page.click(f"#article-body mark[data-claim='{response.pk}']")
    page.keyboard.press("l")
    page.select_option("#id_relation_type", "denies")
    page.select_option("#id_target", str(target.pk))
    page.click("#link-form button[type=submit]")
    page.wait_for_load_state()
    assert ClaimRelation.objects.filter(source=response, target=target, relation_type="denies").exists()
    assert page.locator(".messagelist .error").count() == 0
    accusation = target

    # Hovering the response lights up the claim it answers.
    page.hover(f"#article-body mark[data-claim='{response.pk}']")
    assert page.locator(f"#article-body mark.related-target[data-claim='{accusation.pk}']").count() >= 1
    assert page.locator(f"#claim-{accusation.pk}.related-target").count() == 1

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "workbench.png"), full_page=True)

    # The claim page of the accusation shows the response, and the dashboard counts it as answered.
    page.goto(f"{live_server.url}/admin/claims/claim/{accusation.pk}/change/")
    assert page.locator("#transitions button[data-transition=accept]").count() == 1
    assert f"#{response.pk}" in page.locator(".claim-page").text_content()
    page.screenshot(path=str(ARTIFACTS / "claim.png"), full_page=True)
    page.goto(f"{live_server.url}/admin/claims/claim/dashboard/")
    assert page.locator("svg.chart").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)


def test_a_script_in_an_article_never_runs(browser_page, live_server):
    page = browser_page
    UserFactory(username="chief", is_staff=True, is_superuser=True)
    raw = (
        "Budget row <script>window.__pwned = 1</script>\n\n"
        'The minister said: “<img src=x onerror="window.__pwned = 2"> growth is strong.”'
    )
    article = article_ingest(raw=raw, outlet_name="Seed outlet").article

    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/workbench/")

    assert page.evaluate("window.__pwned === undefined")
    assert "<img src=x" in page.locator("#article-body").text_content()
