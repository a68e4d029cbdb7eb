"""End to end in Chromium: a response in a follow-up story is linked to claims in other articles, once by
searching as you type and once by confirming a suggested target."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group

from claims.choices import ClaimKind, ClaimType, SpeakerKind
from claims.models import ClaimRelation
from tests.browser.conftest import CHROMIUM, sign_in
from tests.browser.test_csp import RECORD_VIOLATIONS
from tests.factories import ArticleFactory, ClaimFactory, SpeakerFactory, UserFactory

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True),
]


def claim_in(body, text, *, published, headline, **fields):
    article = ArticleFactory(body=body, published=published, headline=headline)
    start = body.index(text)
    return ClaimFactory(article=article, text=text, start=start, end=start + len(text), **fields)


def test_a_response_is_linked_to_claims_in_other_articles(browser_page, live_server):
    page = browser_page
    user = UserFactory(username="linker", is_staff=True)
    user.groups.add(Group.objects.get(name="annotator"))
    union = SpeakerFactory(name="Ferry Pilots Union", kind=SpeakerKind.ORGANISATION)
    spokeswoman = SpeakerFactory(
        name="A Ferry Pilots Union spokeswoman", kind=SpeakerKind.SPOKESPERSON, organisation=union
    )
    accusation = claim_in(
        "Harriet Okonjo said the Ferry Pilots Union had hidden the safety logs: “They buried three near misses.”",
        "They buried three near misses.",
        published=dt.date(2026, 3, 2),
        headline="Harbour safety logs hidden, councillor says",
        speaker=SpeakerFactory(name="Harriet Okonjo"),
        claim_type=ClaimType.ACCUSATION,
    )
    inspection = claim_in(
        "The inspector said: “The pilot boats skipped their winter inspection.”",
        "The pilot boats skipped their winter inspection.",
        published=dt.date(2025, 11, 20),
        headline="Inspector's winter report on the harbour",
        speaker=SpeakerFactory(name="Colm Reddy"),
    )
    response = claim_in(
        "A Ferry Pilots Union spokeswoman said: “Every near miss was reported to the harbour master.”",
        "Every near miss was reported to the harbour master.",
        published=dt.date(2026, 3, 5),
        headline="Union hits back over harbour safety claims",
        speaker=spokeswoman,
        kind=ClaimKind.RESPONSE,
    )
    page.add_init_script(RECORD_VIOLATIONS)
    sign_in(page, live_server, "linker")
    page.goto(f"{live_server.url}/admin/articles/article/{response.article_id}/workbench/")
    page.click(f"#article-body mark[data-claim='{response.pk}']")
    page.keyboard.press("l")

    # The select2 picker gives way to the search; typing finds the claim in the other article.
    assert page.locator("#link-search").is_visible()
    assert not page.locator("select[name=other_target]").is_visible()
    page.locator("#link-search").press_sequentially("winter insp", delay=40)
    option = page.locator(f"#link-search-results #link-result-{inspection.pk}")
    option.wait_for()
    assert "Colm Reddy" in option.text_content() and "Inspector's winter report" in option.text_content()
    assert "2025-11-20" in option.text_content()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # picks the highlighted claim; does not submit the form
    assert f"#{inspection.pk}" in page.locator("#link-chosen").text_content()
    page.select_option("#id_relation_type", "clarifies")
    with page.expect_navigation():
        page.click("#link-form button[type=submit]")
    assert ClaimRelation.objects.filter(source=response, target=inspection, relation_type="clarifies").exists()
    assert page.locator(".messagelist .error").count() == 0

    # Back on the response (from the address), its suggested targets list the accusation; confirm it.
    page.keyboard.press("l")
    suggestion = page.locator(f"#link-suggestions li[data-claim='{accusation.pk}']")
    suggestion.wait_for()
    assert "Harbour safety logs hidden" in suggestion.text_content()
    assert page.locator(f"#link-suggestions li[data-claim='{inspection.pk}']").count() == 0
    assert page.evaluate("window.__csp") == []  # the script and what it fetched ran under the policy
    with page.expect_navigation():
        suggestion.locator("button[data-relation-type=denies]").click()
    relation = ClaimRelation.objects.get(source=response, target=accusation)
    assert (relation.relation_type, relation.created_by_id) == ("denies", user.pk)
    assert "Linked" in page.locator(".messagelist").text_content()
    assert page.evaluate("window.__csp") == []
