"""Rules a candidate's profile keeps, in the database and in forms."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from shortlist.candidates.models import Candidate, CandidateSkill, Experience, ScaleClaim

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada() -> Candidate:
    return Candidate.objects.create(name="Ada Lovelace", city="London", country="GB")


def test_experience_cannot_end_before_it_starts(ada: Candidate) -> None:
    bad = Experience(
        candidate=ada, employer="Analytical Engines", start=date(2020, 5, 1), end=date(2019, 1, 1)
    )
    with pytest.raises(ValidationError, match="cannot end before it starts"):
        bad.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        bad.save()


def test_current_job_has_no_end(ada: Candidate) -> None:
    job = Experience.objects.create(candidate=ada, employer="PayStream", start=date(2021, 3, 1))
    assert job.is_current


def test_one_row_per_candidate_skill(ada: Candidate) -> None:
    CandidateSkill.objects.create(candidate=ada, skill="go", years=3, last_used=2026, strength=0.9)
    with pytest.raises(IntegrityError), transaction.atomic():
        CandidateSkill.objects.create(candidate=ada, skill="go", years=1)


def test_skill_strength_stays_between_0_and_1(ada: Candidate) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        CandidateSkill.objects.create(candidate=ada, skill="python", strength=1.5)


def test_salary_needs_a_currency(ada: Candidate) -> None:
    ada.salary_expectation = 95_000
    with pytest.raises(ValidationError, match="needs its currency"):
        ada.full_clean()
    ada.salary_currency = "GBP"
    ada.full_clean()


def test_scale_claim_takes_the_metric_unit(ada: Candidate) -> None:
    claim = ScaleClaim.objects.create(
        candidate=ada, metric="requests_per_second", value=60_000, snippet="60k rps"
    )
    assert claim.unit == "req/s"
    assert str(claim) == "60,000 req/s"


def test_deleting_a_candidate_removes_their_profile(ada: Candidate) -> None:
    Experience.objects.create(candidate=ada, employer="PayStream", start=date(2021, 3, 1))
    CandidateSkill.objects.create(candidate=ada, skill="go")
    ada.delete()
    assert not Experience.objects.exists() and not CandidateSkill.objects.exists()
