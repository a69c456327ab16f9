"""Reading and parsing one CV where it can only fail itself: a child process under a time and memory cap.

A hostile file (a decompression bomb the zip budget did not see, a PDF whose streams expand without
end, a pathological regex case) must cost that file and nothing else. `IsolatedParser` keeps one
reused child process (started with the 'forkserver' method, so it never inherits the parent's
database connections or threads) whose address space is capped with RLIMIT_AS; the parent waits at
most `Caps.seconds` for each answer. A child that runs out of memory or time is killed and replaced,
and the file fails with a reason that names the cap: "took longer than 8 s to read (limit)",
"needed more than 320 MB to read (limit)". The next file gets a fresh child, forked warm from a
fork server that has the parser imported (about 0.1-1 s on a busy machine).

Plain Python, no Django: the caller passes the taxonomy once (it is sent to each new child) and the
caps from its settings.
"""

from __future__ import annotations

import atexit
import multiprocessing
import resource
import threading
from dataclasses import dataclass
from datetime import date
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from shortlist.engine.cv.documents import MB, DocumentError, Limits, read_bytes, read_document
from shortlist.engine.cv.parse import profile_from_document
from shortlist.engine.vocab.profile import Profile
from shortlist.engine.vocab.taxonomy import Taxonomy

STARTUP_SECONDS = 60.0
_WARM_UP = b"Ada Lovelace\nada@example.org\n\nExperience\nEngineer, Example Ltd, 2019 - Present\n- Python.\n"


@dataclass(frozen=True, slots=True)
class Caps:
    """What reading and parsing one file may cost in the child: wall-clock seconds and address space."""

    seconds: float = 8.0
    memory_mb: int = 320


@dataclass(frozen=True, slots=True)
class Job:
    """One file to read: a stored path, or bytes (a zip member) with the name that chooses its format."""

    name: str
    limits: Limits
    path: str | None = None
    data: bytes | None = None
    today: date | None = None


@dataclass(frozen=True, slots=True)
class Parsed:
    profile: Profile
    raw_json: dict[str, Any] | None  # the JSON Resume document, kept for re-parsing


class ParserCrashed(Exception):
    """The parser raised something other than DocumentError: a bug, reported as the exception's class."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def parse_job(job: Job, taxonomy: Taxonomy) -> Parsed:
    """Read and parse in this process (what the child runs; also the in-process path)."""
    if job.path is not None:
        document = read_document(Path(job.path), job.limits)
    else:
        document = read_bytes(job.name, job.data or b"", job.limits)
    profile = profile_from_document(document, job.name, taxonomy, job.today)
    return Parsed(profile, document.data)


def _serve(connection: Connection, taxonomy: Taxonomy, memory_bytes: int) -> None:
    """The child's loop: one job in, one answer out, until the parent closes the pipe."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    # Lazy set-up (compiled patterns, the skill matcher) is paid here, not by the first real file.
    parse_job(Job("warm-up.txt", Limits(), data=_WARM_UP), taxonomy)
    connection.send(("ready", None))  # start-up is not charged to the first file's time
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        answer: tuple[str, Any]
        try:
            answer = ("ok", parse_job(job, taxonomy))
        except DocumentError as error:
            answer = ("refused", error.reason)
        except MemoryError:
            answer = ("memory", None)
        except RecursionError:
            answer = ("refused", "nested too deeply to read")
        except Exception as error:  # a parser bug costs this file only
            answer = ("crashed", error.__class__.__name__)
        try:
            connection.send(answer)
        except MemoryError:
            return  # the parent sees the pipe close and reports the memory cap
        if answer[0] == "memory":
            return  # a fresh child for the next file: this one's heap may be fragmented or half-built


class IsolatedParser:
    """One reused child process that reads and parses files one at a time, within `caps`.

    Thread-safe (one file at a time); `close()` ends the child, and so does interpreter exit.
    """

    def __init__(self, taxonomy: Taxonomy, caps: Caps = Caps()) -> None:
        self.taxonomy = taxonomy
        self.caps = caps
        self._context = multiprocessing.get_context("forkserver")
        # The fork server imports the parser once; each child forked from it starts warm (a child
        # replaced after a cap costs ~0.1 s, not a fresh interpreter's import).
        self._context.set_forkserver_preload(["shortlist.engine.cv.isolated"])
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._lock = threading.Lock()
        atexit.register(self.close)

    @property
    def memory_limit(self) -> str:
        return f"needed more than {self.caps.memory_mb} MB to read (limit)"

    @property
    def time_limit(self) -> str:
        return f"took longer than {self.caps.seconds:g} s to read (limit)"

    def parse(self, job: Job) -> Parsed:
        """The parsed file, or DocumentError with its reason (a cap included), or ParserCrashed."""
        with self._lock:
            kind, payload = self._ask(job)
            if kind == "memory":
                self._stop()  # the child is on its way out; the next file gets a fresh one
        if kind == "ok":
            return payload  # type: ignore[no-any-return]
        if kind == "refused":
            raise DocumentError(payload)
        if kind in ("memory", "died"):
            raise DocumentError(self.memory_limit)
        if kind == "time":
            raise DocumentError(self.time_limit)
        raise ParserCrashed(payload)

    def _ask(self, job: Job) -> tuple[str, Any]:
        connection = self._start()
        try:
            connection.send(job)
        except (BrokenPipeError, OSError):
            self._stop()  # the child had died between files: one fresh try
            connection = self._start()
            connection.send(job)
        if not connection.poll(self.caps.seconds):
            self._stop()
            return "time", None
        try:
            return connection.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError):
            # Died without answering: out of address space inside C code (lxml, zlib) or killed.
            self._stop()
            return "died", None

    def _start(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._connection is not None:
            return self._connection
        self._stop()
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=_serve,
            args=(child, self.taxonomy, self.caps.memory_mb * MB),
            name="shortlist-parser",
            daemon=True,
        )
        process.start()
        child.close()
        self._process, self._connection = process, parent
        # A busy machine may take seconds to start a child; that is not the file's fault.
        try:
            ready = parent.poll(STARTUP_SECONDS) and parent.recv()[0] == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._stop()
            raise ParserCrashed("parser process did not start")
        return parent

    def _stop(self) -> None:
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            connection.close()
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join(timeout=5)

    def close(self) -> None:
        with self._lock:
            self._stop()
