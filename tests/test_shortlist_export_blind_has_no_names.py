"""A blind client shortlist (issue 12): Candidate A, B, C in the recruiter's order, and nothing in the
PDF or CSV that names or reaches the person (name, e-mail, phone, links, date of birth, graduation
year), the recruiter's own lines included; employers and job dates stay, as in blind review."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from shortlist.accounts.access import Actor
from shortlist.audit.services import role_blind_review_set
from shortlist.candidates.models import CandidateSkill
from shortlist.pipeline.selectors import shortlist_export
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

pytestmark = pytest.mark.django_db
SECRETS = (
    "Grace",
    "Hopper",
    "Alan",
    "Turing",
    "grace@example.org",
    "+447700900123",
    "github.com",
    "1984",
    "1990",
)


@pytest.fixture
def people() -> dict[str, object]:
    empty_index()
    objects = one_of_everything()
    grace = objects["candidate"]
    grace.headline = "Grace Hopper, Go engineer, graduated from Yale in 1984 (github.com/ghopper)"
    grace.save()
    CandidateSkill.objects.filter(candidate=grace, skill="go").update(
        evidence=[{"section": "experience", "snippet": "Grace Hopper built the order gateway in Go"}]
    )
    objects["alan"] = make_candidate(
        name="Alan Turing", headline="Go developer, born 1990", skills=(("go", 3.0),), phone="+447700900777"
    )
    return objects


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_blind_pdf_and_csv_label_candidates_and_hold_no_names(people, recruiter) -> None:
    grace, alan = people["candidate"], people["alan"]
    lines = {grace.pk: "Call Grace on +447700900123 first", alan.pk: "Alan Turing: free now"}
    asked = dict(role_id=people["role"].pk, candidate_ids=[grace.pk, alan.pk], lines=lines, blind=True)
    pdf = shortlist_export(actor=Actor.of(recruiter), fmt="pdf", **asked)
    table = shortlist_export(actor=Actor.of(recruiter), fmt="csv", **asked)
    text, rows = _text(pdf.data), table.data.decode()
    for secret in SECRETS:
        assert secret not in text, secret
        assert secret not in rows, secret
        assert secret.encode() not in pdf.data  # not in the metadata either
    assert text.index("1. Candidate A") < text.index("2. Candidate B")
    assert "PayStream" in text  # employers are evidence: blind review keeps them
    assert "[name] built the order gateway in Go" in text.replace("\n", " ")
    assert pdf.name.endswith("-blind.pdf") and table.shortlist.blind


def test_blind_review_on_for_the_role_exports_blind_even_when_not_asked(people, recruiter) -> None:
    role_blind_review_set(actor=Actor.of(recruiter), role_id=people["role"].pk, enabled=True)
    exported = shortlist_export(
        actor=Actor.of(recruiter), role_id=people["role"].pk, candidate_ids=[people["alan"].pk], fmt="csv"
    )
    assert exported.shortlist.blind and "Alan" not in exported.data.decode()
