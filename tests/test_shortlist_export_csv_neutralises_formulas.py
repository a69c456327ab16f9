"""A CV's text and a recruiter's line reach a spreadsheet as text (issue 12): a cell that would start a
formula (= + - @, also after spaces, or a tab) is opened with an apostrophe; other cells are as typed."""

from __future__ import annotations

import csv
import io

import pytest

from shortlist.accounts.access import Actor
from shortlist.pipeline.exports import csv_cell
from shortlist.pipeline.selectors import shortlist_export
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil.example","CV")', '\'=HYPERLINK("http://evil.example","CV")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =1+1", "'  =1+1"),
        ("\t=1", "'\t=1"),
        ("Senior Go engineer", "Senior Go engineer"),
        ("C++ and Go", "C++ and Go"),
    ],
)
def test_a_would_be_formula_is_text(value: str, cell: str) -> None:
    assert csv_cell(value) == cell


@pytest.mark.django_db
def test_names_headlines_and_lines_from_a_cv_are_neutralised_in_the_file(recruiter) -> None:
    empty_index()
    objects = one_of_everything()
    sneaky = make_candidate(
        name="=cmd|' /C calc'!A0", headline="@SUM(1+1)*cmd|' /C calc'!A0", skills=(("go", 3.0),)
    )
    exported = shortlist_export(
        actor=Actor.of(recruiter),
        role_id=objects["role"].pk,
        candidate_ids=[sneaky.pk],
        lines={sneaky.pk: "-1+1 worth a call"},
        fmt="csv",
    )
    row = next(csv.DictReader(io.StringIO(exported.data.decode())))
    assert row["candidate"] == "'=cmd|' /C calc'!A0"
    assert row["headline"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert row["recruiter_line"] == "'-1+1 worth a call"
    assert row["score"].isdigit() and row["position"] == "1"
