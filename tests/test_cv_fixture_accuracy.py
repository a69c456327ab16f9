"""The labelled CV set stays parsed as well as it is today (the figures in benchmarks/README.md)."""

from __future__ import annotations

import pytest
import yaml
from benchmarks.cv_accuracy import FIXTURES, evaluate

from shortlist.engine.vocab.taxonomy import default_taxonomy


@pytest.fixture(scope="module")
def report() -> object:
    return evaluate()


def test_labels_name_known_skills_only() -> None:
    taxonomy = default_taxonomy()
    for entry in yaml.safe_load((FIXTURES / "expected.yaml").read_text()):
        for group in ("skills", "weak", "absent"):
            unknown = set(entry.get(group) or []) - set(taxonomy.ids())
            assert not unknown, f"{entry['file']}: {group} {sorted(unknown)} not in the taxonomy"


def test_skill_extraction_meets_its_targets(report: object) -> None:
    assert report.precision >= 0.95, report.details
    assert report.recall >= 0.90, report.details
    assert not report.traps_hit


def test_job_dates_contacts_and_scale_are_read(report: object) -> None:
    assert report.dates.rate >= 0.95
    assert report.contact.rate >= 0.95
    assert report.years.rate >= 0.9
    assert report.scale_recall.rate >= 0.9 and report.scale_precision.rate >= 0.9
    assert report.preferences.rate >= 0.9
