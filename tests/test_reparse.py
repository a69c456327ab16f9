"""Re-reading stored CVs with today's parser rules: profiles catch up, people and pipelines stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shortlist.candidates import reparse as reparse_module
from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.candidates.merge import MERGED_PROFILE, merge_candidates
from shortlist.candidates.models import Candidate, CandidateSkill, Experience
from shortlist.candidates.reparse import ReparseStatus, reparse_candidates, stale_candidates
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.clients.models import Client, Role
from shortlist.engine.cv.parse import PARSER_VERSION
from shortlist.pipeline.models import Application

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "cvs"
TEXT_CV = "emma-hughes.txt"
JSON_CV = "arjun-patel.json"
OTHER_TEXT_CV = "george-whitfield.txt"


def _import(tmp_path: Path, *names: str) -> list[Candidate]:
    for name in names:
        shutil.copy(FIXTURES / name, tmp_path / name)
    outcomes = import_sources(iter_sources([tmp_path / name for name in names])).outcomes
    return [Candidate.objects.get(pk=o.candidate_id) for o in outcomes]


def _as_if_read_by_older_rules(candidate: Candidate) -> None:
    """What an older parser left behind: another version, and jobs it could not find."""
    Experience.objects.filter(candidate=candidate).delete()
    CandidateSkill.objects.filter(candidate=candidate).update(years=0, last_used=None)
    Candidate.objects.filter(pk=candidate.pk).update(parser_version="1")


def test_import_records_the_parser_version_and_its_warnings(tmp_path: Path) -> None:
    (candidate,) = _import(tmp_path, TEXT_CV)
    assert candidate.parser_version == PARSER_VERSION
    assert isinstance(candidate.import_warnings, list)
    assert not stale_candidates().exists()


def test_a_stale_profile_is_re_derived_from_its_stored_text(tmp_path: Path) -> None:
    (candidate,) = _import(tmp_path, TEXT_CV)
    jobs = list(candidate.experiences.order_by("id").values_list("employer", "title", "start", "end"))
    years = dict(candidate.skills.values_list("skill", "years"))
    role = Role.objects.create(client=Client.objects.create(name="Acme"), title="Backend Engineer")
    application = Application.open(candidate, role)
    _as_if_read_by_older_rules(candidate)
    assert list(stale_candidates().values_list("id", flat=True)) == [candidate.id]

    summary = reparse_candidates(stale_candidates().values_list("id", flat=True), workspace_taxonomy())

    assert dict(summary.counts) == {"reparsed": 1}
    candidate.refresh_from_db()
    assert candidate.parser_version == PARSER_VERSION
    assert list(candidate.experiences.order_by("id").values_list("employer", "title", "start", "end")) == jobs
    assert dict(candidate.skills.values_list("skill", "years")) == years
    assert Application.objects.get(pk=application.pk).candidate_id == candidate.id
    assert not stale_candidates().exists()


def test_a_json_resume_is_re_read_from_its_fields_not_its_rendered_text(tmp_path: Path) -> None:
    (candidate,) = _import(tmp_path, JSON_CV)
    assert candidate.raw_json is not None and candidate.raw_json.get("work")
    jobs = list(candidate.experiences.order_by("id").values_list("employer", "title", "start"))
    _as_if_read_by_older_rules(candidate)
    (outcome,) = reparse_candidates([candidate.id], workspace_taxonomy()).outcomes
    assert outcome.status == ReparseStatus.REPARSED
    assert list(candidate.experiences.order_by("id").values_list("employer", "title", "start")) == jobs


def test_merged_and_missing_profiles_are_reported_not_touched(tmp_path: Path) -> None:
    first, second = _import(tmp_path, TEXT_CV, OTHER_TEXT_CV)
    kept = merge_candidates(first.id, second.id)
    skills = sorted(kept.skills.values_list("skill", flat=True))
    assert kept.parser_version == MERGED_PROFILE and not stale_candidates().exists()

    merged, missing = reparse_candidates([kept.id, 999_999], workspace_taxonomy()).outcomes

    assert merged.status == ReparseStatus.SKIPPED and "merged from several CVs" in merged.reason
    assert missing.status == ReparseStatus.FAILED and missing.reason == "no candidate with id 999999"
    assert sorted(kept.skills.values_list("skill", flat=True)) == skills


def test_a_parser_failure_keeps_the_old_profile_and_goes_on(tmp_path: Path, monkeypatch) -> None:
    broken, fine = _import(tmp_path, TEXT_CV, OTHER_TEXT_CV)
    skills = sorted(broken.skills.values_list("skill", flat=True))
    real_parse = reparse_module.parse_cv

    def parse_or_break(text: str, source: str, *args: object, **kwargs: object) -> object:
        if source == TEXT_CV:
            raise RuntimeError("a parser bug")
        return real_parse(text, source, *args, **kwargs)

    monkeypatch.setattr(reparse_module, "parse_cv", parse_or_break)
    first, second = reparse_candidates([broken.id, fine.id], workspace_taxonomy()).outcomes
    assert first.status == ReparseStatus.FAILED and first.reason == "could not be re-parsed (RuntimeError)"
    assert second.status == ReparseStatus.REPARSED
    assert sorted(broken.skills.values_list("skill", flat=True)) == skills
