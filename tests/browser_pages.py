"""The main pages a browser test walks (issue 12: usable at 390 px, accessible), and logging in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from shortlist.candidates import pool
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

PASSWORD = "a-long-test-password"
NAV_LINKS = ("Clients & roles", "My desk", "Candidates", "Import CVs", "Data protection")


def log_in(page: object, base: str, username: str) -> None:
    page.goto(base + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def workspace_pages() -> list[tuple[str, str]]:
    """(name, path) of each main workspace page, over a small world with a long name in it."""
    made = one_of_everything()
    made["application"].move_to("submitted")
    make_candidate(
        name="Maximiliana Wolfeschlegelsteinhausenbergerdorff",
        skills=(("go", 6), ("kubernetes", 3), ("kafka", 2)),
        seniority="senior",
        total_years=8,
    )
    client, role, candidate = made["client"].pk, made["role"].pk, made["candidate"].pk
    return [
        ("dashboard", "/"),
        ("candidates", "/candidates/"),
        ("candidate", f"/candidates/{candidate}/"),
        ("client", f"/clients/{client}/"),
        ("role", f"/roles/{role}/"),
        ("shortlist", f"/roles/{role}/shortlist/"),
        ("desk", "/desk/"),
        ("upload", "/uploads/new/"),
        ("privacy", "/privacy/"),
        ("new client", "/clients/new/"),
        ("new role", f"/clients/{client}/roles/new/"),
        ("growth plan", f"/clients/{client}/growth/"),
    ]


def portal_pages() -> list[tuple[str, str]]:
    """The client user's pages; call after `workspace_pages` (it makes the submitted candidate)."""
    from shortlist.pipeline.models import Application

    create_user("carol", PASSWORD, role=AccessRole.CLIENT, client="Meridian Quant")
    application = Application.objects.get(stage="submitted")
    return [
        ("portal", "/portal/"),
        ("portal role", f"/portal/roles/{application.role_id}/"),
        ("portal candidate", f"/portal/candidates/{application.pk}/"),
    ]


@pytest.fixture
def fresh_pool() -> Iterator[None]:
    empty_index()
    yield
    pool.forget()
