"""Junk posted to the forms the desk's junk test does not cover (pipeline add, reveal, privacy, blind
review, upload, API tokens, log-in, the client portal's feedback) and to every GET form (candidate
filters, shortlist options, the bias report) is never a 500; where a field is wrong, the page says
which."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
JUNK = ["", "💥" * 300, "<script>alert(1)</script>", "-1", "1e400", "abc", "../../etc/passwd", "2026-13-45"]


@pytest.fixture
def made():
    made = one_of_everything()
    made["application"].move_to("submitted")
    return made


@pytest.fixture
def signed_in(client, recruiter):
    client.force_login(recruiter)
    return client


def _posts(made) -> list[tuple[str, list[str]]]:
    role, candidate, application = made["role"].pk, made["candidate"].pk, made["application"].pk
    return [
        (reverse("web:add_to_pipeline", args=[role]), ["candidate", "next"]),
        (reverse("web:reveal_to_client", args=[application]), ["next"]),
        (reverse("web:candidate_notice_sent", args=[candidate]), ["next"]),
        (reverse("web:reveal", args=[candidate]), ["role", "next"]),
        (reverse("web:role_blind", args=[role]), ["enabled"]),
        (reverse("web:my_blind"), ["enabled", "next"]),
        (reverse("web:upload"), ["files", "consent_date"]),
        (reverse("api_tokens"), ["action", "token", "scope", "name"]),
        (reverse("api_tokens"), ["scope", "name"]),
    ]


def _gets(made) -> list[tuple[str, list[str]]]:
    return [
        (reverse("web:candidates"), ["q", "skill", "seniority", "page"]),
        (reverse("web:shortlist", args=[made["role"].pk]), ["top", "must", "mode"]),
        (reverse("web:bias"), ["role", "since", "until", "format"]),
        (reverse("web:upload_detail", args=[1]), ["page"]),
    ]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_the_other_workspace_forms_is_never_a_500(signed_in, made, junk) -> None:
    for url, fields in _posts(made):
        for htmx in (False, True):
            headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            response = signed_in.post(url, dict.fromkeys(fields, junk), **headers)
            assert response.status_code < 500, (url, junk, htmx)
    for url, fields in _gets(made):
        assert signed_in.get(url, dict.fromkeys(fields, junk)).status_code < 500, (url, junk)


@pytest.mark.parametrize("junk", JUNK)
def test_junk_to_the_log_in_and_the_portal_is_never_a_500(made, junk) -> None:
    create_user("carol", PASSWORD, role=AccessRole.CLIENT, client="Meridian Quant")
    anonymous = HttpClient()
    response = anonymous.post(reverse("login"), {"username": junk, "password": junk, "next": junk})
    assert response.status_code < 500
    carol = HttpClient()
    carol.post(reverse("login"), {"username": "carol", "password": PASSWORD})
    feedback = reverse("portal:feedback", args=[made["application"].pk])
    response = carol.post(feedback, {"decision": junk, "reason": junk, "comment": junk})
    assert response.status_code < 500, junk


def test_a_bad_consent_date_is_marked_beside_the_field(signed_in, made) -> None:
    response = signed_in.post(reverse("web:upload"), {"consent_date": "2026-13-45"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid date." in html and "This field is required." in html  # no file chosen either


def test_a_token_without_a_scope_says_so_and_issues_nothing(signed_in, made) -> None:
    response = signed_in.post(reverse("api_tokens"), {"name": "ci", "scope": "everything"})
    assert response.status_code == 400
    assert "scope" in response.content.decode().lower()


def test_portal_feedback_with_an_unknown_decision_is_marked_on_the_form(made) -> None:
    create_user("carol", PASSWORD, role=AccessRole.CLIENT, client="Meridian Quant")
    carol = HttpClient()
    carol.post(reverse("login"), {"username": "carol", "password": PASSWORD})
    response = carol.post(
        reverse("portal:feedback", args=[made["application"].pk]), {"decision": "hire-now", "reason": "x"}
    )
    assert response.status_code == 400 and "errorlist" in response.content.decode()
