"""The 404 and 500 pages with DEBUG off: a missing page keeps the signed-in user's navigation (the
workspace's or the portal's), an anonymous visitor gets a plain page with a way to log in, and the 500
page renders even when the database is what failed."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient

from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from tests.factories import one_of_everything

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def _production(settings) -> None:
    settings.DEBUG = False


@pytest.mark.django_db
def test_a_recruiter_gets_a_404_with_the_workspace_navigation(client, recruiter) -> None:
    client.force_login(recruiter)
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and "/no/such/page/" in html
    assert '<nav id="main-nav" aria-label="Main">' in html
    for link in ('href="/desk/"', 'href="/candidates/"', 'href="/uploads/new/"', "Log out"):
        assert link in html, link


@pytest.mark.django_db
def test_an_unknown_candidate_is_the_same_styled_404(client, recruiter) -> None:
    client.force_login(recruiter)
    response = client.get("/candidates/999999/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_a_client_user_gets_a_404_with_the_portal_navigation(client) -> None:
    one_of_everything()
    create_user("carol", PASSWORD, role=AccessRole.CLIENT, client="Meridian Quant")
    client.post("/login/", {"username": "carol", "password": PASSWORD})
    response = client.get("/portal/candidates/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and "Back to your roles" in html and "Meridian Quant" not in html
    assert 'href="/desk/"' not in html  # not the workspace's navigation


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_a_plain_page_with_a_way_to_log_in(client) -> None:
    response = client.get("/static/no-such-file.css")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and 'href="/login/"' in html
    assert "Log out" not in html and 'href="/desk/"' not in html


def test_the_500_page_renders_when_the_database_fails() -> None:
    # No django_db mark: pytest-django refuses every query, so reading the session raises as a broken
    # database would; the error page must still come out, styled, with a way back.
    browser = HttpClient(raise_request_exception=False)
    browser.cookies["sessionid"] = "a-session-the-database-would-hold"
    response = browser.get("/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "app.css" in html and 'href="/"' in html
    assert "Skip to content" in html
