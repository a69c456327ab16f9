"""Self-reported categories are never read by scoring (issue 15): nothing on the scoring path can
reach them, and recording them changes no profile, no index and no ranking."""

from __future__ import annotations

import dataclasses

import pytest

from shortlist.accounts.access import Actor
from shortlist.audit.services import self_report_record
from shortlist.candidates import pool
from shortlist.candidates.models import Candidate
from shortlist.candidates.profiles import to_profile
from shortlist.candidates.serialize import PROFILE_PREFETCH
from tests.factories import make_candidate
from tests.pool_helpers import GO_ROLE, empty_index
from tests.test_engine_layers import SRC, _imports

SCORING_PATH = [
    *sorted((SRC / "shortlist" / "engine").rglob("*.py")),
    *(
        SRC / "shortlist" / "candidates" / name
        for name in ("profiles.py", "pool.py", "importing.py", "models.py")
    ),
]


@pytest.mark.parametrize("path", SCORING_PATH, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_on_the_scoring_path_can_reach_them(path) -> None:
    assert not [m for m in _imports(path) if m.startswith("shortlist.audit")]
    text = path.read_text()
    assert "SelfReport" not in text and "race_ethnicity" not in text


@pytest.mark.django_db
def test_recording_them_changes_no_profile_and_no_ranking() -> None:
    empty_index()
    people = [
        make_candidate(name=f"P{n}", skills=(("go", float(n % 5 + 1)), ("kubernetes", 1.0)))
        for n in range(12)
    ]
    before = pool.pool_rank(GO_ROLE, top=12)
    profiles = {c.pk: to_profile(c) for c in Candidate.objects.prefetch_related(*PROFILE_PREFETCH)}

    for n, person in enumerate(people):
        self_report_record(
            actor=Actor.system(),
            candidate_id=person.pk,
            sex=("female", "male", "prefer_not_to_say")[n % 3],
            race_ethnicity=("asian", "black", "white", "hispanic_latino")[n % 4],
        )

    after = pool.pool_rank(GO_ROLE, top=12)
    assert [(m.candidate_id, m.score, m.reasons) for m in after.matches] == [
        (m.candidate_id, m.score, m.reasons) for m in before.matches
    ]
    assert after.pool.fingerprint == before.pool.fingerprint  # no profile version moved
    for candidate in Candidate.objects.prefetch_related(*PROFILE_PREFETCH):
        profile = to_profile(candidate)
        assert profile == profiles[candidate.pk]
        assert not {"sex", "race_ethnicity", "gender"} & {f.name for f in dataclasses.fields(profile)}
