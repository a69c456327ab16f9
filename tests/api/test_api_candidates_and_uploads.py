"""The pool over the API: filtered list, boolean search, a profile; CVs uploaded and imported in the
background, with the batch's status to poll."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from shortlist.candidates.models import Candidate
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db
CVS = Path(__file__).parents[1] / "fixtures" / "cvs"


def test_list_filters_and_the_profile_is_the_cli_json(writer) -> None:
    grace = one_of_everything()["candidate"]
    make_candidate(name="Linus Example", skills=(("python", 3),), city="Cambridge")
    assert [c["name"] for c in writer.get("/candidates", data={"skill": "go"}).json()["items"]] == [
        "Grace Hopper"
    ]
    assert writer.get("/candidates", data={"q": "cambridge"}).json()["count"] == 1
    profile = writer.get(f"/candidates/{grace.pk}").json()
    assert profile["skills"][0]["id"] == "go"
    assert profile["skills"][0]["evidence"][0]["snippet"] == "Built the order gateway in Go"
    assert profile["scale_claims"][0]["value"] == 60000


def test_boolean_search_uses_the_cli_syntax(writer) -> None:
    make_candidate(name="Go Kafka", skills=(("go", 5), ("kafka", 2)))
    make_candidate(name="Go Java", skills=(("go", 5), ("java", 4)))
    found = writer.get("/candidates/search", data={"q": "go AND kafka NOT java"}).json()
    assert [c["name"] for c in found["items"]] == ["Go Kafka"]
    assert "kafka" in found["query"]


@pytest.mark.django_db(transaction=True)  # the worker commits, as in production
def test_an_upload_is_queued_then_imported(writer) -> None:
    files = [
        SimpleUploadedFile("anna-kowalska.pdf", (CVS / "anna-kowalska.pdf").read_bytes()),
        SimpleUploadedFile("broken.pdf", b"%PDF-1.4 garbage"),
    ]
    response = writer.post("/uploads", data={"upload": files})
    assert response.status_code == 202
    batch = response.json()
    assert batch["pending"] is True and batch["counts"] == {"queued": 2}
    assert not Candidate.objects.exists()  # nothing imported inside the request

    call_command("db_worker", batch=True, verbosity=0, reload=False)

    done = writer.get(f"/uploads/{batch['id']}").json()
    assert done["pending"] is False and done["counts"] == {"imported": 1, "failed": 1}
    failed = next(f for f in done["files"] if f["status"] == "failed")
    assert failed["name"] == "broken.pdf" and failed["reason"]


def test_an_upload_without_files_is_422(writer) -> None:
    response = writer.post("/uploads", data={})
    assert response.status_code == 422 and response.json()["issues"][0]["path"] == "upload"
