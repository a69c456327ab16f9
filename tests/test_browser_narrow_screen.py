"""At 390 x 844 (a phone) every main page fits: nothing makes the page scroll sideways (wide tables
and the board scroll inside their own box), and the navigation folds behind a Menu button that opens
to every link, by mouse and by keyboard."""

from __future__ import annotations

import pytest

from tests.browser_pages import NAV_LINKS, fresh_pool, log_in, portal_pages, workspace_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["fresh_pool"]
PHONE = {"width": 390, "height": 844}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# What sticks out, to name in a failure: the outermost elements whose right edge passes the viewport.
WIDE = """() => {
  const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
    .slice(0, 6)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
}"""


def _fits(page: object) -> bool | list[str]:
    return page.evaluate(OVERFLOW) <= 0 or page.evaluate(WIDE)


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def test_every_workspace_page_fits_and_keeps_its_navigation(
    phone, live_server, recruiter, fresh_pool
) -> None:
    pages = workspace_pages()
    log_in(phone, live_server.url, "rita")
    for name, path in pages:
        response = phone.goto(live_server.url + path)
        assert response.status == 200, name
        assert _fits(phone) is True, f"{name} scrolls sideways at 390 px: {_fits(phone)}"
        menu = phone.get_by_role("button", name="Menu")
        assert menu.is_visible(), name
        assert not phone.get_by_role("link", name="My desk").is_visible(), f"{name}: the menu starts folded"
        menu.click()
        assert menu.get_attribute("aria-expanded") == "true"
        for label in NAV_LINKS:
            link = phone.get_by_role("navigation", name="Main").get_by_role("link", name=label, exact=True)
            assert link.is_visible(), (name, label)
            box = link.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, label)
        assert _fits(phone) is True, f"{name} scrolls sideways with the menu open: {_fits(phone)}"


def test_the_menu_opens_and_closes_from_the_keyboard(phone, live_server, recruiter) -> None:
    workspace_pages()
    log_in(phone, live_server.url, "rita")
    phone.keyboard.press("Tab")  # the skip link comes first
    assert phone.evaluate("document.activeElement.textContent") == "Skip to content"
    while phone.evaluate("document.activeElement.textContent") != "Menu":
        phone.keyboard.press("Tab")
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "Clients & roles"
    phone.keyboard.press("Escape")
    assert phone.evaluate("document.activeElement.textContent") == "Menu"
    assert not phone.get_by_role("link", name="My desk").is_visible()


def test_the_client_portal_fits(phone, live_server, recruiter) -> None:
    workspace_pages()
    pages = portal_pages()
    log_in(phone, live_server.url, "carol")
    for name, path in pages:
        response = phone.goto(live_server.url + path)
        assert response.status == 200, name
        assert _fits(phone) is True, f"{name} scrolls sideways at 390 px: {_fits(phone)}"
        nav = phone.get_by_role("navigation", name="Main")
        assert nav.get_by_role("link", name="Your roles").is_visible(), name
