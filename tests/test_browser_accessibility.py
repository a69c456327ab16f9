"""Every main page passes axe-core (bundled in axe-playwright-python, injected from disk: no network)
with no serious or critical violation, for a recruiter and for a client's user, each with its landmarks
(one banner, one main, one page heading, the main navigation); and the keyboard
alone reaches the content through the skip link, with a visible focus ring on the way."""

from __future__ import annotations

import pytest

from tests.browser_pages import fresh_pool, log_in, portal_pages, workspace_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["fresh_pool"]
BLOCKING = {"serious", "critical"}


def _violations(page: object) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in found
        if v["impact"] in BLOCKING
    ]


def test_workspace_pages_have_no_serious_violation(page, live_server, recruiter, fresh_pool) -> None:
    pages = workspace_pages()
    log_in(page, live_server.url, "rita")
    found = {}
    for name, path in [*pages, ("login", "/login/"), ("not found", "/no/such/page/")]:
        if name == "login":
            page.context.clear_cookies()
        page.goto(live_server.url + path)
        found[name] = _violations(page) + _landmarks(page)
    assert found == {name: [] for name in found}


def _landmarks(page: object) -> list[str]:
    """One banner, one main (the skip link's target), one page heading; signed in, the main navigation."""
    wrong = []
    counts = {
        "banner": page.get_by_role("banner").count(),
        "main#content": page.locator("main#content").count(),
        "h1": page.locator("h1").count(),
    }
    wrong += [f"{what}: {n}" for what, n in counts.items() if n != 1]
    signed_in = page.get_by_role("button", name="Log out").count() == 1
    if signed_in and page.get_by_role("navigation", name="Main").count() != 1:
        wrong.append("no navigation named Main")
    return wrong


def test_portal_pages_have_no_serious_violation(page, live_server, recruiter) -> None:
    workspace_pages()
    pages = portal_pages()
    log_in(page, live_server.url, "carol")
    found = {}
    for name, path in pages:
        page.goto(live_server.url + path)
        found[name] = _violations(page) + _landmarks(page)
    assert found == {name: [] for name in found}


def test_the_skip_link_leads_the_keyboard_to_the_content_with_a_visible_focus(
    page, live_server, recruiter
) -> None:
    workspace_pages()
    log_in(page, live_server.url, "rita")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.is_visible()  # off screen until focused
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.keyboard.press("Tab")  # the first control of the page's own content, not the navigation
    inside = page.evaluate("document.getElementById('content').contains(document.activeElement)")
    assert inside
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
