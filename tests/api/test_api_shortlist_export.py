"""POST /api/v1/roles/{id}/shortlist-export (issue 12): the same file as the workspace's export page, in
the order given; bad choices are a 422 naming the field."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def made() -> dict[str, object]:
    empty_index()
    objects = one_of_everything()
    objects["alan"] = make_candidate(name="Alan Turing", skills=(("go", 3.0),))
    return objects


def test_a_blind_pdf_in_the_order_given(writer, made) -> None:
    grace, alan = made["candidate"].pk, made["alan"].pk
    body = {"candidates": [{"id": alan, "line": "First"}, {"id": grace, "line": "Second"}], "blind": True}
    response = writer.post(f"/roles/{made['role'].pk}/shortlist-export", body)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-blind.pdf"')
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert text.index("1. Candidate A") < text.index("Recruiter's note: First") < text.index("2. Candidate B")
    assert "Turing" not in text and "Hopper" not in text


@pytest.mark.parametrize(
    ("candidates", "path"),
    [([], "candidates"), ([{"id": 987654}], "candidates")],
    ids=["none", "unknown"],
)
def test_bad_choices_are_a_422_with_the_field(writer, made, candidates, path) -> None:
    response = writer.post(f"/roles/{made['role'].pk}/shortlist-export", {"candidates": candidates})
    assert response.status_code == 422
    assert [i["path"] for i in response.json()["issues"]] == [path]
