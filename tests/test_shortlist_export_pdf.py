"""A shortlist for the client as a PDF (issue 12): the chosen candidates in the recruiter's order, each
with score and band, reasons, gaps and the recruiter's own line; every export is in the access log."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from shortlist.accounts.access import Actor
from shortlist.accounts.access import Role as AccessRole
from shortlist.audit.models import AccessEvent, AccessKind
from shortlist.errors import Forbidden, Invalid
from shortlist.pipeline.selectors import EXPORT_MAX, shortlist_export, shortlist_for_role
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def chosen() -> dict[str, object]:
    empty_index()
    objects = one_of_everything()
    objects["alan"] = make_candidate(name="Alan Turing", headline="Go developer", skills=(("go", 3.0),))
    return objects


def test_the_pdf_lists_the_chosen_candidates_in_the_recruiters_order(chosen, recruiter) -> None:
    role, grace, alan = chosen["role"], chosen["candidate"], chosen["alan"]
    exported = shortlist_export(
        actor=Actor.of(recruiter),
        role_id=role.pk,
        candidate_ids=[alan.pk, grace.pk],
        lines={grace.pk: "Ran the gateway rewrite; free from March."},
        fmt="pdf",
    )
    assert exported.content_type == "application/pdf"
    assert exported.name.startswith("shortlist-senior-go-engineer-hft-platform-") and exported.name.endswith(
        ".pdf"
    )
    text = pdf_text(exported.data)
    assert text.index("1. Alan Turing") < text.index("2. Grace Hopper")
    assert "Ran the gateway rewrite; free from March." in text
    grace_row = exported.shortlist.rows[1]
    assert f"{grace_row.score:.0f}/100 ({grace_row.band})" in text
    assert grace_row.reasons and grace_row.reasons[0][:30] in text.replace("\n", " ")
    assert "Scores are advice" in text
    # The same score and band as the role's shortlist gives them.
    ranked = {
        r.match.candidate_id: r.match
        for r in shortlist_for_role(actor=Actor.of(recruiter), role_id=role.pk).rows
    }
    assert [(r.score, r.band) for r in exported.shortlist.rows] == [
        (ranked[alan.pk].score, ranked[alan.pk].band),
        (ranked[grace.pk].score, ranked[grace.pk].band),
    ]
    events = AccessEvent.objects.filter(kind=AccessKind.EXPORT, role_id=role.pk)
    assert sorted(events.values_list("candidate_id", flat=True)) == sorted([grace.pk, alan.pk])


def test_markup_from_a_cv_is_drawn_as_typed(chosen, recruiter) -> None:
    role, grace = chosen["role"], chosen["candidate"]
    line = "**bold** <b>tag</b> --strike--"
    exported = shortlist_export(
        actor=Actor.of(recruiter), role_id=role.pk, candidate_ids=[grace.pk], lines={grace.pk: line}
    )
    assert line in pdf_text(exported.data)


@pytest.mark.parametrize(
    ("ids", "field"),
    [([], "candidates"), ([987654], "candidates"), (list(range(1, EXPORT_MAX + 2)), "candidates")],
    ids=["none chosen", "unknown id", "over the cap"],
)
def test_bad_choices_are_invalid_with_the_field_and_record_nothing(chosen, recruiter, ids, field) -> None:
    with pytest.raises(Invalid) as raised:
        shortlist_export(actor=Actor.of(recruiter), role_id=chosen["role"].pk, candidate_ids=ids)
    assert raised.value.issues[0][0] == field
    assert not AccessEvent.objects.filter(kind=AccessKind.EXPORT).exists()


def test_a_line_over_the_limit_names_its_candidate(chosen, recruiter) -> None:
    grace = chosen["candidate"]
    with pytest.raises(Invalid) as raised:
        shortlist_export(
            actor=Actor.of(recruiter), role_id=chosen["role"].pk, candidate_ids=[grace.pk],
            lines={grace.pk: "x" * 501},
        )  # fmt: skip
    assert raised.value.issues[0][0] == f"lines.{grace.pk}"


def test_a_client_user_never_exports(chosen) -> None:
    client_user = Actor(user=None, role=AccessRole.CLIENT, client_id=chosen["client"].pk)
    with pytest.raises(Forbidden):
        shortlist_export(actor=client_user, role_id=chosen["role"].pk, candidate_ids=[chosen["candidate"].pk])
