"""A recruiter in a real browser (Debian Chromium): searches the pool by an alias with the boolean
syntax, reads how the query was understood, saves the search and runs it again from its link, tags a
candidate in place (htmx) and finds them by that tag; a malformed query is a message at the box."""

from __future__ import annotations

import pytest

from tests.factories import make_candidate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def strict_csp(page):
    violations: list[str] = []

    def watch(message: object) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", watch)
    yield
    assert violations == []


def _log_in(page, live_server) -> None:
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Clients & roles").wait_for()


def test_search_by_alias_save_it_and_tag_a_candidate(page, live_server, recruiter) -> None:
    make_candidate(name="Gopher Gail", skills=(("go", 6), ("kubernetes", 3)), raw_text="Gopher Gail")
    make_candidate(name="Java Jim", skills=(("java", 8), ("kubernetes", 2)), raw_text="Java Jim")
    _log_in(page, live_server)

    page.goto(live_server.url + "/candidates/")
    page.get_by_label("Search", exact=True).fill("golang AND (k8s")
    page.get_by_role("button", name="Search", exact=True).click()
    assert "unbalanced '(' at position 12" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Search", exact=True).input_value() == "golang AND (k8s"

    page.get_by_label("Search", exact=True).fill("Golang AND k8s NOT java")
    page.get_by_role("button", name="Search", exact=True).click()
    assert "“golang” as Go" in page.locator(".understood").inner_text()
    assert "“k8s” as Kubernetes" in page.locator(".understood").inner_text()
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1 and "Gopher Gail" in rows.first.inner_text()

    page.get_by_label("Save this search as").fill("Go on k8s")
    page.get_by_role("button", name="Save search").click()
    page.get_by_role("heading", name="Saved searches").wait_for()
    page.goto(live_server.url + "/candidates/")
    page.get_by_role("link", name="Go on k8s").click()
    assert page.get_by_label("Search", exact=True).input_value() == "Golang AND k8s NOT java"

    page.get_by_role("link", name="Gopher Gail").click()
    page.get_by_label("Add a tag").fill("no way!")
    page.get_by_role("button", name="Add tag").click()
    page.get_by_text("Use letters, digits").wait_for()
    assert page.get_by_label("Add a tag").input_value() == "no way!"
    page.get_by_label("Add a tag").fill("Shortlisted ACME")
    page.get_by_role("button", name="Add tag").click()
    page.locator("#tags").get_by_role("link", name="shortlisted-acme").click()
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 1 and "Gopher Gail" in rows.first.inner_text()
    assert "shortlisted-acme" in rows.first.inner_text()
