"""A recruiter's first minutes in a real browser: log in, find a role, open a candidate."""

from __future__ import annotations

import re

import pytest

from tests.factories import one_of_everything

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_recruiter_logs_in_and_walks_from_client_to_candidate(
    page: object, live_server: object, recruiter: object
) -> None:
    one_of_everything()
    page.goto(live_server.url + "/")
    assert "/login/" in page.url  # the workspace is private

    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("heading", name="Clients & roles").wait_for()
    assert page.get_by_role("link", name="Meridian Quant").is_visible()
    assert "1 candidates" in page.locator(".summary").inner_text()

    page.get_by_role("link", name="Senior Go Engineer - HFT Platform").click()
    page.get_by_role("heading", name=re.compile("Senior Go Engineer")).wait_for()
    assert page.locator(".tag.must").all_inner_texts() == ["Go"]
    assert page.locator(".lane", has_text="Sourced").get_by_role("link", name="Grace Hopper").is_visible()

    page.get_by_role("link", name="Grace Hopper").click()
    page.get_by_role("heading", name="Grace Hopper").wait_for()
    assert "Built the order gateway in Go" in page.locator("table.skills").inner_text()


def test_candidate_search_narrows_the_list(page: object, live_server: object, recruiter: object) -> None:
    one_of_everything()
    page.goto(live_server.url + "/login/?next=/candidates/")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Candidates").wait_for()

    page.get_by_role("searchbox", name="Search").fill("nobody-by-this-name")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_text("No candidates match.").wait_for()

    page.get_by_role("searchbox", name="Search").fill("grace")
    page.get_by_role("button", name="Search", exact=True).click()
    assert page.get_by_role("link", name="Grace Hopper").is_visible()


def test_wrong_password_says_so(page: object, live_server: object, recruiter: object) -> None:
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("rita")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    page.get_by_text("did not match").wait_for()
