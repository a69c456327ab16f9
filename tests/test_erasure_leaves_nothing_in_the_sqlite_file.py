"""On the default set-up (SQLite in SHORTLIST_HOME) an erased person's bytes are gone from the files
themselves: the database file, its write-ahead log and free pages, and the published index."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.privacy_scan import file_hits

FIXTURES = Path(__file__).parent / "fixtures"
NEEDLES = ["Quenby-Przybylska", "zofia.quenby.7731@example.net", "+447700900731", "zofia-quenby-cv-7731"]


def shortlist(home: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SHORTLIST_HOME=str(home), PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run(
        [sys.executable, "-m", "shortlist.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def test_the_database_file_and_the_index_no_longer_hold_the_erased_person(tmp_path: Path) -> None:
    home = tmp_path / "home"
    shortlist(home, "import", str(FIXTURES / "privacy"), str(FIXTURES / "cvs" / "mei-chen.txt"))
    shortlist(home, "index", "--rebuild")
    assert file_hits(home, NEEDLES)  # the scan finds them while they are there
    said = shortlist(home, "candidates", "erase", "1", "--yes", "--reason", "request by letter")

    assert file_hits(home, NEEDLES) == []
    assert "receipt" in said and not any(needle.lower() in said.lower() for needle in NEEDLES)
    assert "Mei" in shortlist(home, "candidates", "list")  # the others stay
