"""In Chromium, signed out: a reader browses the public fact-checks and never meets a login or a draft."""

import json

import pytest

from tests.browser import CHROMIUM

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True),
]


def test_reader_browses_index_factcheck_and_speaker(browser_page, live_server, world):
    page = browser_page
    broken = []  # every asset the pages load must load (the browser asks for a favicon on its own)
    page.on(
        "response",
        lambda response: (
            broken.append(response.url)
            if response.status >= 400 and not response.url.endswith("/favicon.ico")
            else None
        ),
    )

    page.goto(f"{live_server.url}/")
    assert page.url == f"{live_server.url}/fact-checks/"
    assert page.locator("input[type=password]").count() == 0
    items = page.locator(".factcheck-item")
    assert items.count() == 2
    assert "Rents fell everywhere" not in page.content()
    # The stylesheet is served and applied (no inline styles on these pages).
    assert page.locator(".rating").first.evaluate("el => getComputedStyle(el).color") == "rgb(255, 255, 255)"

    page.fill("#q", "exports")
    page.click("form.search button")
    page.wait_for_url("**/fact-checks/?q=exports")
    assert page.locator(".factcheck-item").count() == 1
    page.click("a.claim-link")
    page.wait_for_url(f"**/fact-checks/{world.claim.pk}/")

    assert page.locator("mark.claim").text_content() == "Exports rose by a third last year."
    assert page.locator(".verdict .rating").text_content() == "Mostly false"
    assert page.locator(".sources li").count() == 1
    assert page.locator(".responses li").count() == 1  # the confirmed rebuttal, not the proposal
    assert page.locator(".appearances a").get_attribute("href") == "https://ledger.example/treasury-forecast"
    scripts = page.eval_on_selector_all('script[type="application/ld+json"]', "els => els.map(e => e.textContent)")
    assert len(scripts) == 1
    document = json.loads(scripts[0])
    assert document["@type"] == "ClaimReview" and document["url"] == page.url
    assert page.locator("script:not([type='application/ld+json'])").count() == 0

    page.click(".speaker a")
    page.wait_for_url(f"**/fact-checks/speakers/{world.speaker.pk}/")
    assert page.locator("h1").text_content() == "Dana Quillfeather"
    assert page.locator(".factcheck-item .rating").all_text_contents() == ["Mostly true", "Mostly false"]
    assert "admin" not in page.content()
    assert broken == []


def test_unpublished_work_is_a_plain_not_found(browser_page, live_server, world):
    page = browser_page
    for path in (f"/fact-checks/{world.unpublished.pk}/", f"/fact-checks/speakers/{world.hidden_speaker.pk}/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 404
        assert page.locator("input[type=password]").count() == 0
        assert "Rents fell everywhere" not in page.content()
        assert "Rowan" not in page.content()
