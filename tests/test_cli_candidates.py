"""`shortlist candidates list|show|merge`: the JSON contract and the merge a recruiter relies on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.candidates.models import Candidate, CandidateIdentity
from shortlist.cli import app

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "cvs"
SOME = ["anna-kowalska.pdf", "mei-chen.txt", "arjun-patel.json"]


@pytest.fixture
def imported(tmp_path: Path) -> list[int]:
    for name in SOME:
        shutil.copy(FIXTURES / name, tmp_path / name)
    summary = import_sources(iter_sources([tmp_path]))
    return [o.candidate_id for o in summary.outcomes]


def invoke(*args: str) -> object:
    result = CliRunner().invoke(app, list(args))
    return result


def test_list_json_follows_the_contract(imported: list[int]) -> None:
    result = invoke("candidates", "list", "--json")
    assert result.exit_code == 0, result.output
    profiles = json.loads(result.output)
    assert [p["id"] for p in profiles] == sorted(imported)
    for profile in profiles:
        assert {"id", "name", "source", "location", "skills", "scale_claims"} <= profile.keys()
        assert profile["source"] in SOME
        for skill in profile["skills"]:
            assert {"id", "name", "years", "last_used", "evidence"} <= skill.keys()
            assert skill["evidence"] and all(e["snippet"] for e in skill["evidence"])
    anna = next(p for p in profiles if p["source"] == "anna-kowalska.pdf")
    go = next(s for s in anna["skills"] if s["id"] == "go")
    assert go["name"] == "Go" and go["years"] > 0 and go["last_used"] >= 2025


def test_list_json_on_an_empty_pool_is_an_empty_array() -> None:
    result = invoke("candidates", "list", "--json")
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_show_prints_skills_with_evidence(imported: list[int]) -> None:
    result = invoke("candidates", "show", str(imported[0]))
    assert result.exit_code == 0
    assert "Skills" in result.output and "Experience" in result.output
    as_json = json.loads(invoke("candidates", "show", str(imported[0]), "--json").output)
    assert as_json["id"] == imported[0]


def test_show_unknown_id_says_so() -> None:
    result = invoke("candidates", "show", "999999")
    assert result.exit_code == 1 and "no candidate with id 999999" in result.output


def test_merge_keeps_everything_both_profiles_knew(imported: list[int]) -> None:
    keep, other = imported[0], imported[1]
    other_keys = set(CandidateIdentity.objects.filter(candidate_id=other).values_list("key", flat=True))
    other_skills = set(Candidate.objects.get(pk=other).skills.values_list("skill", flat=True))
    result = invoke("candidates", "merge", str(keep), str(other))
    assert result.exit_code == 0 and f"Merged #{other} into #{keep}" in result.output
    kept = Candidate.objects.get(pk=keep)
    assert not Candidate.objects.filter(pk=other).exists()
    assert other_skills <= set(kept.skills.values_list("skill", flat=True))
    assert other_keys <= set(kept.identities.values_list("key", flat=True))


def test_merge_refuses_nonsense(imported: list[int]) -> None:
    assert "cannot be merged with itself" in invoke("candidates", "merge", "1", "1").output
    result = invoke("candidates", "merge", str(imported[0]), "999999")
    assert result.exit_code == 1 and "No candidate with id 999999" in result.output


def test_export_gives_a_json_resume_that_imports_back_to_the_same_profile(
    imported: list[int], tmp_path: Path
) -> None:
    original = Candidate.objects.get(source="anna-kowalska.pdf")
    result = invoke("candidates", "export", str(original.pk))
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["basics"]["name"] == original.name and document["work"]
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "anna.json").write_text(result.output)
    (outcome,) = import_sources(iter_sources([tmp_path / "again"])).outcomes
    again = Candidate.objects.get(pk=outcome.candidate_id)
    assert (again.name, again.emails, again.city, again.country) == (
        original.name, original.emails, original.city, original.country,
    )  # fmt: skip
    assert list(again.experiences.values_list("employer", "start", "end")) == list(
        original.experiences.values_list("employer", "start", "end")
    )
    assert set(again.skills.values_list("skill", flat=True)) >= set(
        original.skills.filter(strength__gt=0.3).values_list("skill", flat=True)
    )


def test_similar_candidates_share_skills(imported: list[int]) -> None:
    from shortlist.candidates import pool

    pool.forget()
    result = invoke("candidates", "similar", str(imported[0]), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and imported[0] not in [r["candidate"]["id"] for r in rows]
    assert all(0 <= r["similarity"] <= 1 for r in rows)
    assert "no candidate with id 999999" in invoke("candidates", "similar", "999999").output
