"""Every page works under the Content-Security-Policy: Chromium reports no violation on the admin, the
workbench, the dashboard and the API documentation."""

from pathlib import Path

import pytest

from claims.models import Claim
from claims.services.proposals import article_ingest
from tests.browser import CHROMIUM, PASSWORD
from tests.factories import UserFactory

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "000_f180aefda498208b.txt"

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not installed at /usr/bin/chromium"),
    pytest.mark.django_db(transaction=True),
]

# Chromium fires this event for every blocked script, style, image, font, worker or connection.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__csp.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ${where}`);
});
"""


def _visit(page, url: str, ready: str) -> list[str]:
    """Open `url`, wait until `ready` shows, and return the violations reported on the way."""
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__csp")


def test_admin_workbench_and_api_docs_run_without_csp_violations(browser_page, live_server):
    page = browser_page
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(RECORD_VIOLATIONS)
    user = UserFactory(username="chief", is_staff=True, is_superuser=True)
    article = article_ingest(raw=SEED.read_text(encoding="utf-8"), outlet_name="Seed outlet", user=user).article
    claim = Claim.objects.filter(article=article).order_by("start").first()

    violations = {}
    violations["login"] = _visit(page, f"{live_server.url}/admin/login/?next=/admin/", "#id_username")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    pages = {
        "index": ("/admin/", ".workbench-links"),
        "claims": ("/admin/claims/claim/", "#result_list .claim-status"),
        "claim": (f"/admin/claims/claim/{claim.pk}/change/", ".transition-form"),
        "article": (f"/admin/articles/article/{article.pk}/change/", "#article_form"),
        "workbench": (f"/admin/articles/article/{article.pk}/workbench/", "#article-body mark.claim"),
        "dashboard": ("/admin/claims/claim/dashboard/", "svg.chart"),
        "swagger": ("/api/v1/docs/", ".swagger-ui .info .title"),
        "redoc": ("/api/v1/redoc/", "redoc h1"),
    }
    for name, (path, ready) in pages.items():
        violations[name] = _visit(page, live_server.url + path, ready)
        if name == "workbench":  # its script runs: the keyboard moves to the first claim
            page.locator("body").press("j")
            assert page.locator(".claim-card.current").count() == 1
            violations[name] += page.evaluate("window.__csp")

    # The admin's own stylesheet applied: the header is coloured, not the browser's default.
    page.goto(f"{live_server.url}/admin/")
    assert page.eval_on_selector("#header", "el => getComputedStyle(el).backgroundColor") != "rgba(0, 0, 0, 0)"
    # Redoc's "powered by" badge is an image on its CDN: kept out on purpose, no page needs a third party.
    expected = {"redoc": [f for f in violations["redoc"] if f.startswith("img-src blocked https://cdn.redoc.ly/")]}
    reported = "\n".join(
        f"{name}: {found}"
        for name, found in violations.items()
        for found in found
        if found not in expected.get(name, [])
    )
    assert not reported, reported
    assert [text for text in console if "Content Security Policy" in text and "cdn.redoc.ly" not in text] == []
