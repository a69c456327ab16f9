"""Issue 15, done when: a person in two pipelines, with notes, stored files, a duplicate pair, admin
history and index entries is erased, and nothing anywhere (every column of every table, every file
under SHORTLIST_HOME, the logs) still holds their name, e-mail, phone or file names; everyone else
keeps their place, with the same score but for the lexical component's corpus statistics (BM25's
document frequencies and average length count every CV in the pool, the erased person's too)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from shortlist.accounts.access import Actor
from shortlist.candidates import pool
from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.candidates.models import Candidate, ImportFile
from shortlist.candidates.services import upload_create
from shortlist.clients.models import Role
from shortlist.compliance.models import ErasureReceipt
from shortlist.compliance.services import candidate_erase
from shortlist.engine.matching import published
from shortlist.pipeline.models import ApplicationNote
from shortlist.pipeline.selectors import shortlist_for_role
from shortlist.pipeline.services import application_move, application_open
from tests.factories import one_of_everything
from tests.pool_helpers import empty_index
from tests.privacy_scan import database_hits, file_hits

FIXTURES = Path(__file__).parent / "fixtures"
CV = FIXTURES / "privacy" / "zofia-quenby-cv-7731.txt"
REFERRAL = "zq-referral-7731.txt"  # the same person again, sent by a referrer: a likely duplicate
NEEDLES = [
    "Zofia Quenby-Przybylska",
    "Quenby-Przybylska",
    "zofia.quenby.7731@example.net",
    "+447700900731",
    "7700 900731",
    "7700900731",
    "zofia-quenby-cv-7731",
    "zq-referral-7731",
]
OTHERS = ["anna-kowalska.pdf", "mei-chen.txt", "arjun-patel.json", "grace-adeyemi.docx", "james-oconnor.txt"]


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def _ranking(actor: Actor, role_id: int, leave_out: set[int]) -> list[tuple[int, float]]:
    rows = shortlist_for_role(actor=actor, role_id=role_id, top=50).rows
    return [
        (r.match.candidate_id, round(r.match.score, 6)) for r in rows if r.match.candidate_id not in leave_out
    ]


@pytest.mark.django_db(transaction=True)  # commits, the worker and the steps after commit as in production
def test_an_erased_person_is_nowhere_and_everyone_else_ranks_the_same(
    tmp_path: Path, recruiter: object, django_user_model: type, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    empty_index()
    # Files other tests left queued (their on-commit clean-up never runs inside a test transaction).
    shutil.rmtree(settings.UPLOAD_DIR, ignore_errors=True)
    recruiting = Actor.of(recruiter)
    lead = django_user_model.objects.create_superuser("lead", "lead@agency.example", "a-long-test-password")
    objects = one_of_everything(user=recruiter)
    first_role = objects["role"]
    second_role = Role.objects.create(
        client=objects["client"], title="Go Platform Engineer", languages=["go"]
    )

    folder = tmp_path / "others"
    folder.mkdir()
    for name in OTHERS:
        shutil.copy(FIXTURES / "cvs" / name, folder / name)
    import_sources(iter_sources([folder]))

    # Their CV arrives through the workspace (an import record, a stored file while queued).
    text = CV.read_bytes()
    upload_create(actor=recruiting, files=[_upload(CV.name, text)])
    call_command("db_worker", batch=True, verbosity=0, reload=False)
    subject = Candidate.objects.get(source=CV.name)
    pool.publish()  # a published version holding them

    # A referral of the same person: a likely duplicate whose import record names the first profile.
    referral = text.replace(b"Senior Go Engineer\n", b"Go engineer, referred by a friend\n", 1)
    upload_create(actor=recruiting, files=[_upload(REFERRAL, referral)])
    call_command("db_worker", batch=True, verbosity=0, reload=False)
    duplicate = Candidate.objects.get(source=REFERRAL)
    assert duplicate.duplicate_of_id == subject.pk
    assert "Quenby-Przybylska" in ImportFile.objects.get(name=REFERRAL).reason
    # A newer CV of theirs still waiting for the worker: a stored file under SHORTLIST_HOME.
    queued = upload_create(actor=recruiting, files=[_upload(CV.name, text + b"\nReferences on request.\n")])
    stored = Path(queued.files.get().stored_path)
    assert stored.is_file() and stored.is_relative_to(settings.HOME)
    pool.publish()  # a second version: both versions on disk hold them

    # Two pipelines, moves with reasons, notes; a colleague's note elsewhere that names them.
    for role in (first_role, second_role):
        application = application_open(actor=recruiting, role_id=role.pk, candidate_id=subject.pk)
        application_move(
            actor=recruiting, application_id=application.pk, stage="contacted", note="Zofia called back"
        )
        ApplicationNote.objects.create(
            application=application, author=recruiter, body="Zofia Quenby-Przybylska: +44 7700 900731"
        )
    colleague_note = ApplicationNote.objects.create(
        application=objects["application"],
        author=recruiter,
        body="Stronger than Zofia Quenby-Przybylska on Go",
    )
    LogEntry.objects.create(
        user=lead, content_type=ContentType.objects.get_for_model(Candidate), object_id=str(subject.pk),
        object_repr=str(subject), action_flag=CHANGE, change_message="Changed phone.",
    )  # fmt: skip

    person = {subject.pk, duplicate.pk}
    before = _ranking(recruiting, first_role.pk, person)
    assert set(person) <= {
        r.match.candidate_id for r in shortlist_for_role(actor=recruiting, role_id=first_role.pk, top=50).rows
    }
    assert database_hits(NEEDLES) and file_hits(settings.HOME, NEEDLES)  # the scan does find them

    receipts = [
        candidate_erase(actor=Actor.of(lead), candidate_id=pk, reason="Art. 17 request received by e-mail")
        for pk in sorted(person)
    ]

    assert database_hits(NEEDLES) == []
    assert file_hits(settings.HOME, NEEDLES) == []
    assert not any(needle.lower() in caplog.text.lower() for needle in NEEDLES)
    assert not stored.exists()
    folder = pool.index_dir()
    versions = [p for p in folder.iterdir() if p.is_dir()]
    assert [v.name for v in versions] == [published.current_name(folder)]
    for version in versions:
        assert not set(np.load(version / "ids.npy").tolist()) & person
    after = _ranking(recruiting, first_role.pk, set())
    assert [c for c, _ in after] == [c for c, _ in before]
    assert all(abs(a - b) <= 0.5 for (_, a), (_, b) in zip(after, before, strict=True))
    colleague_note.refresh_from_db()
    assert colleague_note.body == "Stronger than [erased] on Go"

    first = ErasureReceipt.objects.get(receipt_id=receipts[0].receipt_id)
    assert first.completed_at is not None and first.erased_by_label == "lead"
    assert first.counts["candidate"] == 1 and first.counts["applications"] == 2
    assert first.counts["notes"] == 3 and first.counts["stage_history"] == 4
    # Their kept original CV (issue 12) and the newer one still queued.
    assert first.counts["stored_files"] == 2 and first.counts["admin_log"] == 1
    assert first.counts["index"] >= 1
