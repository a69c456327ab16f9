"""A quoted phrase finds its words next to each other whatever non-word characters stand between them,
as a full-text engine's phrase does: "backend engineer" finds "Backend-Engineer" and "backend /
engineer", not "backend_engineer" (one word), "engineer backend" or "backend lead engineer"."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_candidate

pytestmark = pytest.mark.django_db

TEXTS = {
    "Hyphen Hana": "Hyphen Hana\nBackend-Engineer at Fenbright.",
    "Slash Sol": "Slash Sol\nBackend / engineer, payments.",
    "Lines Lia": "Lines Lia\nBackend\n  engineer at Ledgerly.",
    "Snake Sam": "Snake Sam\nbackend_engineer is my handle.",
    "Order Olu": "Order Olu\nEngineer, backend services.",
    "Apart Ama": "Apart Ama\nBackend lead engineer.",
}


def test_backend_engineer_finds_backend_hyphen_engineer(client: Client, recruiter: object) -> None:
    for name, text in TEXTS.items():
        make_candidate(name=name, raw_text=text)
    client.force_login(recruiter)

    response = client.get("/candidates/", {"q": '"backend engineer"'})

    assert response.status_code == 200
    assert sorted(c.name for c in response.context["page"]) == ["Hyphen Hana", "Lines Lia", "Slash Sol"]
