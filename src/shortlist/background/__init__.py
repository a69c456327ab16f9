"""Running the task API's work reliably: worker heartbeats, leases, attempt bounds and time limits, the
embedded (database) worker, the optional Celery backend, and the supervisor that restarts a worker.

Tasks themselves stay plain django-tasks functions (`candidates/tasks.py`); nothing here knows what
they do, except through `execution.on_abandon` hooks that record why a task was given up.
"""
