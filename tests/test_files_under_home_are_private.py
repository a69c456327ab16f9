"""Everything Shortlist keeps under SHORTLIST_HOME (database, uploads, index, keys) is readable by its
owner only: files 600, folders 700, whatever the umask of the shell that started it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shortlist.candidates.models import ImportFile

FIXTURES = Path(__file__).parent / "fixtures" / "cvs"


def _open_to_others(home: Path) -> list[str]:
    return [
        f"{path.relative_to(home)} {stat.filemode(path.stat().st_mode)}"
        for path in [home, *home.rglob("*")]
        if not path.is_symlink() and path.stat().st_mode & 0o077
    ]


def _shortlist(home: Path, *args: str) -> None:
    env = {
        **os.environ,
        "SHORTLIST_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'shortlist.sqlite3'}",
    }
    subprocess.run(
        [sys.executable, "-m", "shortlist.cli", *args],
        env=env, check=True, capture_output=True, timeout=300,
        preexec_fn=lambda: os.umask(0o022),  # a shell's usual umask: 644 files, 755 folders
    )  # fmt: skip


def test_a_new_home_is_private_after_an_import_and_an_index(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _shortlist(home, "import", str(FIXTURES / "anna-kowalska.pdf"), str(FIXTURES / "chloe-bennett.docx"))
    _shortlist(home, "index")
    assert (home / "shortlist.sqlite3").exists() and (home / "index").is_dir()
    assert _open_to_others(home) == []


def test_an_older_home_left_readable_is_closed_at_start_up(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _shortlist(home, "migrate")
    (home / "uploads" / "7").mkdir(parents=True)
    (home / "uploads" / "7" / "00000-cv.txt").write_text("Jane Doe")
    for path in [home, *home.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    _shortlist(home, "migrate")
    assert _open_to_others(home) == []


@pytest.mark.django_db
def test_an_uploaded_cv_is_stored_600_in_a_700_folder(
    client: Client, recruiter: object, settings: object, tmp_path: Path
) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"
    client.force_login(recruiter)
    previous = os.umask(0o022)
    try:
        client.post(reverse("web:upload"), {"files": [SimpleUploadedFile("jane.txt", b"Jane Doe, engineer")]})
    finally:
        os.umask(previous)
    stored = Path(ImportFile.objects.get().stored_path)
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
