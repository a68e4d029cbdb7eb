"""Chromium pages for browser tests (Debian's, driven by Playwright with no browser download)."""

import os

import pytest

from tests.browser import CHROMIUM


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
