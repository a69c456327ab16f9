"""Pages with personal data tell browsers and proxies not to keep a copy (issue 13)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def test_every_signed_in_page_is_no_store(client, recruiter) -> None:
    objects = one_of_everything()
    client.force_login(recruiter)
    for url in (
        reverse("web:dashboard"),
        reverse("web:candidates"),
        reverse("web:candidate", args=[objects["candidate"].pk]),
        reverse("web:role", args=[objects["role"].pk]),
        reverse("web:upload_detail", args=[objects["batch"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_refusal_is_not_cached_either(client, django_user_model) -> None:
    client.force_login(django_user_model.objects.create_user("stray", password="a-long-test-password"))
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 403 and "no-store" in response["Cache-Control"]
