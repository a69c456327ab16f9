"""A django-tasks backend that sends tasks through Celery (SHORTLIST_TASKS=celery).

Code keeps calling `some_task.enqueue(...)`; this backend turns that into one message for the generic
`shortlist.run` Celery task (`celery_app.py`), which imports the django-tasks task by its path and runs
it through `execution.run`, exactly as the embedded worker does. The message is sent only once the
enclosing transaction commits, so a worker never sees an id whose row it cannot read yet.
"""

from __future__ import annotations

import importlib.util
import logging
import uuid
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import Task, TaskResult, TaskResultStatus

log = logging.getLogger("shortlist.worker")


class CeleryBackend(BaseTaskBackend):
    supports_defer = True

    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        if importlib.util.find_spec("celery") is None:
            raise ImproperlyConfigured("SHORTLIST_TASKS=celery needs Celery: pip install 'shortlist[celery]'")

    def enqueue(self, task: Task, args: list[Any], kwargs: dict[str, Any]) -> TaskResult:
        self.validate_task(task)
        task_id = str(uuid.uuid4())
        result = TaskResult(
            task=task,
            id=task_id,
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

        def send() -> None:
            from shortlist.background.celery_app import run_task

            run_task.apply_async(
                args=(task.module_path, result.args, result.kwargs),
                task_id=task_id,
                eta=task.run_after,
                # A broker restarting right now costs a few seconds, not the task.
                retry=True,
                retry_policy={
                    "max_retries": 10,
                    "interval_start": 0.5,
                    "interval_step": 1,
                    "interval_max": 5,
                },
            )

        transaction.on_commit(send, robust=True)
        return result
