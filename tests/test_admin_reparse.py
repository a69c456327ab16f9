"""The admin's "Re-read the selected CVs" action queues background work that brings profiles up to date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.candidates.models import Candidate, Experience
from shortlist.engine.cv.parse import PARSER_VERSION

FIXTURES = Path(__file__).parent / "fixtures" / "cvs"


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections as in production
def test_admin_queues_a_reparse_that_the_worker_carries_out(
    admin_user_client: object, tmp_path: Path
) -> None:
    shutil.copy(FIXTURES / "emma-hughes.txt", tmp_path / "emma.txt")
    (outcome,) = import_sources(iter_sources([tmp_path / "emma.txt"])).outcomes
    emma = Candidate.objects.get(pk=outcome.candidate_id)
    jobs = emma.experiences.count()
    Experience.objects.filter(candidate=emma).delete()
    Candidate.objects.filter(pk=emma.pk).update(parser_version="1")

    response = admin_user_client.post(
        reverse("admin:candidates_candidate_changelist"),
        {"action": "reparse_selected", "_selected_action": [emma.pk]},
        follow=True,
    )

    assert "1 profiles queued to be re-read" in response.content.decode()
    assert emma.experiences.count() == 0  # nothing happened inside the request
    call_command("db_worker", batch=True, verbosity=0, reload=False)
    assert emma.experiences.count() == jobs > 0
    assert Candidate.objects.get(pk=emma.pk).parser_version == PARSER_VERSION
