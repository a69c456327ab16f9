"""A role title's qualifier ("DevOps Engineer - CI/CD and Release Automation", "IT Business Analyst
(Requirements, Agile)") says what the role focuses on; CVs are titled by the job's name. A candidate
titled "DevOps Engineer" holds the whole title, and a candidate titled after the qualifier's words does
not outrank them on the title (titles.QUALIFIER_WEIGHT, issue 11, seventh pass)."""

from __future__ import annotations

import dataclasses
from datetime import date

from benchmarks.synthetic import WORK, make_profile, role_spec

from shortlist.engine.cv.titles import role_units
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year
ROLE = build_role_profile(
    role_spec("DevOps Engineer - CI/CD and Release Automation", must=("jenkins",), nice=("ansible",))
)
DEVOPS, RELEASE = 1, 2


def titled(title: str, name: str):
    profile = make_profile([("jenkins", WORK, 4, NOW), ("ansible", WORK, 2, NOW)], name=name)
    jobs = [dataclasses.replace(job, title=title) for job in profile.jobs]
    return dataclasses.replace(profile, headline=title, jobs=jobs)


def matches() -> dict[int, object]:
    people = {
        DEVOPS: titled("DevOps Engineer", "Dev Ops"),
        RELEASE: titled("Release Automation Engineer", "Rel Ease"),
    }
    index = CandidateIndex.build(people.items(), today=TODAY)
    return {m.candidate_id: m for m in match(index, ROLE, top=2, explain=True)}


def test_the_job_s_name_is_the_whole_title() -> None:
    found = matches()
    assert found[DEVOPS].breakdown["title"] > 0.99
    assert found[RELEASE].breakdown["title"] < 0.01


def test_the_candidate_titled_by_the_job_s_name_ranks_first() -> None:
    found = matches()
    assert found[DEVOPS].rank == 1 and found[DEVOPS].score > found[RELEASE].score


def test_a_title_that_is_all_qualifier_is_read_whole() -> None:
    # Nothing distinctive before the bracket: the bracket is what names the job.
    units = {unit.key: unit.weight for unit in role_units("Engineer (Python)")}
    assert units and all(weight == 1.0 for weight in units.values())


def test_the_head_s_units_weigh_in_full_and_the_qualifier_s_less() -> None:
    units = {unit.label: unit.weight for unit in role_units("IT Business Analyst (Requirements, Agile)")}
    assert units["Business"] == units["Analyst"] == 1.0
    assert units["Requirements"] < 1.0 and units["Agile"] < 1.0
