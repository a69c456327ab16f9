"""The bias report (issue 15) against a hand-computed example: scoring rates above the median,
selection rates per stage, impact ratios against the highest group, intersections, small samples."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from shortlist.accounts.access import Actor
from shortlist.audit.bias import Person, bias_tables
from shortlist.audit.selectors import bias_report
from shortlist.audit.services import self_report_record
from shortlist.cli import app
from shortlist.pipeline.models import Application
from tests.factories import make_candidate, one_of_everything
from tests.pool_helpers import empty_index

STAGES = ("contacted", "screened", "submitted")
C, S, U = "contacted", "screened", "submitted"
# score, stages reached, sex, race/ethnicity; median of the ten scores = (50 + 60) / 2 = 55.
SAMPLE = [
    Person(90, frozenset({C, S, U}), "female", "asian"),
    Person(80, frozenset({C, S}), "female", "white"),
    Person(70, frozenset({C}), "male", "white"),
    Person(60, frozenset({C, S, U}), "male", "white"),
    Person(50, frozenset(), "male", "black"),
    Person(40, frozenset({C}), "female", "white"),
    Person(30, frozenset(), "male", "white"),
    Person(20, frozenset(), "prefer_not_to_say", "prefer_not_to_say"),
    Person(10, frozenset({C}), "", ""),
    Person(85, frozenset({C, S}), "male", "asian"),
]


def _by(tables, dimension):
    return {g.category: g for g in tables.dimension(dimension)}


def test_rates_and_impact_ratios_match_the_hand_computed_example() -> None:
    tables = bias_tables(SAMPLE, STAGES, min_count=4, min_share=0.05)
    assert (tables.sample, tables.median) == (10, 55)
    sex = _by(tables, "sex")
    # female: 90 and 80 above 55 of {90, 80, 40} = 2/3; male: 70, 60, 85 of five = 3/5.
    assert (sex["female"].scoring.count, sex["female"].scoring.rate) == (2, pytest.approx(2 / 3))
    assert (sex["male"].scoring.count, sex["male"].scoring.rate) == (3, pytest.approx(0.6))
    assert sex["female"].scoring.ratio == pytest.approx(1.0)
    assert sex["male"].scoring.ratio == pytest.approx(0.9)  # 0.6 / (2/3)
    # Screened: female 2/3, male 2/5 -> ratio 0.6; submitted: 1/3 and 1/5 -> 0.6; contacted: 3/3, 3/5.
    assert sex["male"].selection[S].rate == pytest.approx(0.4)
    assert sex["male"].selection[S].ratio == pytest.approx(0.6)
    assert sex["male"].selection[U].ratio == pytest.approx(0.6)
    assert (sex["female"].selection[C].rate, sex["male"].selection[C].ratio) == (1.0, pytest.approx(0.6))
    # Those who declined or were not asked are counted and shown, but neither get nor set a ratio.
    assert (sex["prefer_not_to_say"].members, sex["prefer_not_to_say"].scoring.ratio) == (1, None)
    assert (sex[""].members, sex[""].reported, sex[""].scoring.rate) == (1, False, 0.0)

    race = _by(tables, "race_ethnicity")
    assert race["asian"].scoring.rate == 1.0 and race["white"].scoring.rate == pytest.approx(0.6)
    assert (race["white"].scoring.ratio, race["black"].scoring.ratio) == (pytest.approx(0.6), 0.0)

    both = _by(tables, "intersection")
    assert both["female|white"].members == 2 and both["female|white"].scoring.ratio == pytest.approx(0.5)
    assert both["male|white"].scoring.ratio == pytest.approx(2 / 3)
    assert both["male|asian"].scoring.ratio == 1.0 and both["female|asian"].scoring.ratio == 1.0


def test_small_samples_are_flagged_by_count_and_by_share() -> None:
    by_count = bias_tables(SAMPLE, STAGES, min_count=4, min_share=0.05)
    assert {c: g.small for c, g in _by(by_count, "sex").items() if c in ("female", "male")} == {
        "female": True,  # 3 people < 4
        "male": False,
    }
    by_share = bias_tables(SAMPLE, STAGES, min_count=1, min_share=0.25)
    race = _by(by_share, "race_ethnicity")
    assert (race["white"].small, race["asian"].small, race["black"].small) == (
        False,
        True,
        True,
    )  # 50%, 20%, 10%


@pytest.mark.django_db
def test_a_roles_report_reads_the_pipeline_and_exports(django_user_model) -> None:
    empty_index()
    objects = one_of_everything()
    role, operator = objects["role"], Actor.system()
    people = [make_candidate(name=f"P{n}", skills=(("go", float(n + 1)),)) for n in range(3)]
    for person in people:
        Application.open(person, role)
    Application.objects.get(candidate=people[2], role=role).move_to("screened")
    self_report_record(actor=operator, candidate_id=people[2].pk, sex="female", race_ethnicity="asian")
    self_report_record(actor=operator, candidate_id=people[1].pk, sex="male", race_ethnicity="white")

    report = bias_report(actor=operator, role_id=role.pk, min_count=2)
    sex = _by(report.tables, "sex")
    assert report.tables.sample == 4 and report.unscored == 0  # Grace and the three
    assert (sex["female"].members, sex["male"].members, sex[""].members) == (1, 1, 2)
    assert sex["female"].selection["screened"].count == 1 and sex["female"].small

    shown = CliRunner().invoke(app, ["audit", "bias", "--role", str(role.pk), "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["sex"][0]["category"] == "female"

    admin = Client()
    admin.force_login(
        django_user_model.objects.create_superuser("lead", "lead@example.org", "a-long-password")
    )
    page = admin.get(reverse("web:bias"), {"role": role.pk})
    assert (
        page.status_code == 200
        and "<svg" in page.content.decode()
        and "small sample" in page.content.decode()
    )
    exported = admin.get(reverse("web:bias"), {"role": role.pk, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    assert {"female", "male", "not_reported"} <= {r["category"] for r in rows if r["dimension"] == "sex"}

    recruiter = Client()
    recruiter.force_login(django_user_model.objects.create_user("rita2", password="a-long-password"))
    assert recruiter.get(reverse("web:bias"), {"role": role.pk}).status_code == 403
