"""How long each hostile file takes to fail, how much memory it needs, and how soon the next CV is in.

    PYTHONPATH=src:. .venv/bin/python -m benchmarks.hostile_files [--web]

Builds the corpus of tests/fixtures/hostile_files.py in a temporary SHORTLIST_HOME (SQLite), then for
each case imports the hostile file and right after it a normal CV, the way `shortlist import` does
(`candidate_import`), or with --web the way an upload does (`upload_create`, then the task each
file was queued as, run here through the task API's `call`, as the worker would). Printed per
case: the hostile file's seconds and reason, the normal CV's seconds, and the resident memory of
this process plus its children (the parse child included) before the case and at its peak,
sampled every 10 ms. Issue 14's bar: each under 10 s and 512 MB. The parse child is started on
first use, so the first case also pays its start.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MB = 1024 * 1024


def _tree_rss() -> int:
    """Resident bytes of this process and all its descendants (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    tree, frontier = {os.getpid()}, [os.getpid()]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    return sum(rss.get(pid, 0) for pid in tree)


class PeakMemory:
    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss())
            time.sleep(0.01)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--web", action="store_true", help="through upload_create and its tasks")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="shortlist-hostile-"))
    os.environ["SHORTLIST_HOME"] = str(home)
    os.environ.pop("DATABASE_URL", None)
    from shortlist.cli.common import setup_django

    setup_django()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.fixtures.hostile_files import NORMAL_CV

    from shortlist.accounts.access import Actor
    from shortlist.candidates.models import ImportFile
    from shortlist.candidates.services import candidate_import, upload_create
    from shortlist.candidates.tasks import import_uploaded_file

    def upload(path: Path) -> None:
        """An upload, then each task it queued, run here as the worker would (Task.call)."""
        batch = upload_create(actor=actor, files=[SimpleUploadedFile(path.name, path.read_bytes())])
        for pk in batch.files.filter(status="queued").values_list("pk", flat=True):
            import_uploaded_file.call(pk)

    corpus = home / "corpus"
    started = time.perf_counter()
    # Built in another process, so building the bombs leaves nothing in this one's memory.
    subprocess.run([sys.executable, "-m", "tests.fixtures.hostile_files", str(corpus)], check=True)
    cases = sorted(path.name for path in corpus.iterdir())
    print(f"corpus built in {time.perf_counter() - started:.1f} s; parse caps: "
          f"{settings.IMPORT_PARSE_SECONDS} s, {settings.IMPORT_PARSE_MEMORY_MB} MB per file; "
          f"{'web upload' if args.web else 'CLI import'}")  # fmt: skip
    actor = Actor.system()
    print(f"{'case':<24} {'hostile s':>9} {'base MB':>8} {'peak MB':>8} {'next CV s':>9}  reason")
    for number, name in enumerate(cases):
        base = _tree_rss()
        normal = corpus / f"next-{number:02d}.txt"
        normal.write_text(NORMAL_CV.replace("priya.raman@", f"priya{number}@"))
        with PeakMemory() as memory:
            began = time.perf_counter()
            if args.web:
                upload(corpus / name)
                rows = ImportFile.objects.filter(name__startswith=name).exclude(reason="")
                reason = rows.values_list("reason", flat=True).first() or ""
            else:
                outcomes = candidate_import(actor=actor, paths=[corpus / name]).outcomes
                reason = next((o.reason for o in outcomes if o.reason), "")
            hostile = time.perf_counter() - began
            began = time.perf_counter()
            if args.web:
                upload(normal)
                status = ImportFile.objects.get(name=normal.name).status
            else:
                status = candidate_import(actor=actor, paths=[normal]).outcomes[0].status
            following = time.perf_counter() - began
        figures = f"{hostile:>9.2f} {base / MB:>8.0f} {memory.peak / MB:>8.0f} {following:>9.2f}"
        print(f"{name:<24} {figures}  {reason[:70]} [next CV {status}]")


if __name__ == "__main__":
    main()
