"""`shortlist serve` keeps its task worker running: a worker that dies is logged and started again after
a back-off that grows while it keeps dying."""

from __future__ import annotations

import logging
import sys
import threading
import time

import pytest

from shortlist.background import supervise


def test_a_dying_worker_is_restarted_with_growing_back_off(monkeypatch, tmp_path, caplog) -> None:
    monkeypatch.setattr(supervise, "FIRST_DELAY", 0.2)
    starts = tmp_path / "starts"
    dies = [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('x'); raise SystemExit(3)"]
    stop = threading.Event()
    runner = threading.Thread(target=supervise.supervise, args=(dies, stop))
    with caplog.at_level(logging.WARNING, logger="shortlist.worker"):
        runner.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len(starts.read_text() if starts.exists() else "") < 4:
            time.sleep(0.1)
        stop.set()
        runner.join(10)
    assert not runner.is_alive()
    restarts = [r.getMessage() for r in caplog.records if "restarting it" in r.getMessage()]
    assert len(starts.read_text()) >= 4
    assert "(exit status 3); restarting it in 0.2 s" in restarts[0]
    assert [m.rsplit("in ", 1)[1] for m in restarts[:3]] == ["0.2 s", "0.4 s", "0.8 s"]


@pytest.mark.parametrize(("code", "shown"), [(-9, "killed by SIGKILL"), (1, "exit status 1")])
def test_the_log_names_how_the_worker_ended(code: int, shown: str) -> None:
    assert supervise.describe(code) == shown
