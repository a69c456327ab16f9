"""A task that does not stop at its time limit (stuck in C code, deaf to the alarm) is given up with the
reason from a watchdog, and its worker process exits for the supervisor to replace; the redelivery that
follows gives up at once instead of running it again."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

from django_tasks import task

from shortlist.background import execution

MARK = Path(os.environ.get("SHORTLIST_TEST_MARK", "/nonexistent"))


@task()
def deaf_to_the_alarm() -> str:
    while True:
        # What a thread inside a C call amounts to: the alarm never lands.
        with contextlib.suppress(execution.TaskTimeout):
            time.sleep(0.05)


@execution.on_abandon(deaf_to_the_alarm)
def _deaf_abandoned(*, reason: str) -> None:
    with MARK.open("a") as out:
        out.write(reason + "\n")


RUN = """
import os, django
os.environ["DJANGO_SETTINGS_MODULE"] = "shortlist.settings"
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from shortlist.background import execution
from tests.test_task_stuck_past_its_time_limit import deaf_to_the_alarm
try:
    execution.run("stuck-1", deaf_to_the_alarm, [], {})
except execution.TaskAbandoned as given_up:
    print("given up:", given_up)
from shortlist.background.models import TaskAttempt
print("attempts left:", list(TaskAttempt.objects.values_list("attempts", flat=True)))
"""


def test_a_stuck_task_is_given_up_and_its_process_ends(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SHORTLIST_HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SHORTLIST_TASK_TIME_LIMIT": "1",
        "SHORTLIST_TEST_MARK": str(tmp_path / "abandoned"),
    }
    stuck = subprocess.run([sys.executable, "-c", RUN], env=env, capture_output=True, text=True, timeout=120)
    assert stuck.returncode == execution.OVERRUN_EXIT, stuck.stderr
    assert "still running 1 s past its time limit; ending this worker process" in stuck.stderr
    assert (tmp_path / "abandoned").read_text() == "stopped at the 1 s time limit\n"

    again = subprocess.run([sys.executable, "-c", RUN], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "given up: gave up after 3 attempts" in again.stdout
    assert "attempts left: []" in again.stdout
