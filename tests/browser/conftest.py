"""Chromium driven by Playwright against the live test server, shared by the browser tests.

Needs Debian's Chromium (`apt-get install chromium chromium-driver`); Playwright drives it directly, no
browser download.
"""

import os
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, PASSWORD

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def browser_page(settings, live_server, monkeypatch):
    """A signed-out Chromium page; the live server speaks plain http, so secure-only settings are relaxed."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # The server thread closes its connection after each request, so the test database can be dropped.
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)

    # Playwright's sync API runs an event loop in this thread; the ORM calls in the test are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(15_000)
        yield page
        browser.close()
        # ORM calls made while Playwright's loop ran hold their own connection; release it.
        connections.close_all()


def select_text(page, phrase: str) -> None:
    """Select `phrase` in the article body with a DOM range, as a mouse drag would, and release the mouse."""
    page.evaluate(
        """(phrase) => {
            const body = document.getElementById("article-body");
            const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.textContent.indexOf(phrase);
                if (at === -1) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + phrase.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                body.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
                return;
            }
            throw new Error("phrase not found in a single text node: " + phrase);
        }""",
        phrase,
    )


def sign_in(page, live_server, username: str) -> None:
    """Sign in through the admin's login form."""
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
