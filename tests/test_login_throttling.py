"""Guessing passwords stops after a few tries and every failure is logged (django-axes, issue 13)."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
RIGHT = "a-long-test-password"


@pytest.fixture(autouse=True)
def fast_hashing(settings: object) -> None:
    # A dozen logins per test; the production hasher's cost is not what this file is about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _login(client: object, password: str, username: str = "rita") -> object:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_after_the_failure_limit_even_the_right_password_is_refused(client, recruiter) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, f"wrong-{attempt}").status_code == 200  # the form again
    assert _login(client, "one-too-many").status_code == 429
    locked = _login(client, RIGHT)
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_logged(client, recruiter, caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="axes"):
        _login(client, "wrong-password")
    failures = [r for r in caplog.records if r.name.startswith("axes") and "login failure" in r.getMessage()]
    assert failures and "rita" in failures[0].getMessage() and "127.0.0.1" in failures[0].getMessage()
    assert RIGHT not in caplog.text and "wrong-password" not in caplog.text


def test_a_success_before_the_limit_clears_the_count(client, recruiter) -> None:
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, f"wrong-{attempt}")
    assert _login(client, RIGHT).status_code == 302
    client.post(reverse("logout"))
    for attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, f"wrong-again-{attempt}")
    assert _login(client, RIGHT).status_code == 302


def test_another_user_is_not_locked_out_by_someone_elses_failures(
    client, recruiter, django_user_model
) -> None:
    django_user_model.objects.create_user("sam", password=RIGHT)
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"wrong-{attempt}")
    assert _login(client, RIGHT, username="sam").status_code == 302
