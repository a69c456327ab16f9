"""Invalid input is the client's mistake, never a 500, on SQLite and PostgreSQL alike (issue 13).

Run this file with DATABASE_URL set to a PostgreSQL database as well: a NUL byte is what PostgreSQL
refuses to compare (SQLite would quietly search for it).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db

NUL_QUERIES = ["q=a%00b", "skill=go%00", "seniority=%00", "page=1%00", "q%00=x", "q=%C0%80"]


@pytest.fixture
def signed_in(client: object, recruiter: object) -> object:
    client.force_login(recruiter)
    return client


@pytest.mark.parametrize("query", NUL_QUERIES[:-1])
def test_a_nul_byte_in_a_search_is_a_400(signed_in, query) -> None:
    one_of_everything()
    assert signed_in.get(f"{reverse('web:candidates')}?{query}").status_code == 400


def test_an_overlong_utf8_nul_is_only_text(signed_in) -> None:
    # %C0%80 is not UTF-8; Django decodes it as replacement characters, which every backend stores.
    assert signed_in.get(f"{reverse('web:candidates')}?{NUL_QUERIES[-1]}").status_code == 200


def test_a_nul_byte_in_a_form_is_a_400(signed_in) -> None:
    role = one_of_everything()["role"]
    url = reverse("web:add_to_pipeline", args=[role.pk])
    assert signed_in.post(url, {"candidate": "1\x00"}).status_code == 400
    assert signed_in.post(url, {"candidate": "1", "next": "/\x00"}).status_code == 400


def test_a_nul_byte_in_the_login_form_is_a_400(client) -> None:
    response = client.post(reverse("login"), {"username": "rita\x00", "password": "x"})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "name", ["web:client", "web:role", "web:shortlist", "web:candidate", "web:upload_detail"]
)
def test_an_id_beyond_any_column_is_a_404(signed_in, name) -> None:
    assert signed_in.get(reverse(name, args=[2**70])).status_code == 404


def test_odd_options_fall_back_rather_than_fail(signed_in) -> None:
    role = one_of_everything()["role"]
    url = reverse("web:shortlist", args=[role.pk])
    assert signed_in.get(url, {"top": "9" * 40, "mode": "x" * 500, "must": "\u202e"}).status_code == 200
    assert signed_in.get(reverse("web:candidates"), {"page": "-1", "q": "x" * 10_000}).status_code == 200
