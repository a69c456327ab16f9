"""Django's PostgreSQL backend, plus a short wait when the server refuses a new connection.

A restart or failover of PostgreSQL refuses connections for a second or a few ("connection refused",
"the database system is starting up"). Kept connections are health-checked before each request
(settings: CONN_HEALTH_CHECKS), so the request then opens a new one; this waits for it up to
RETRY_DELAYS instead of answering 500 at once. Any other connection error (a wrong password, a missing
database) fails at once as before.
"""

from __future__ import annotations

import time
from typing import Any

from django.db.backends.postgresql import base

RETRY_DELAYS = (0.25, 0.5, 1.0, 2.0)  # 3.75 s in all
TRANSIENT = (
    "connection refused",
    "the database system is starting up",
    "the database system is shutting down",
    "server closed the connection unexpectedly",
)


def transient(error: Exception) -> bool:
    return any(phrase in str(error).lower() for phrase in TRANSIENT)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        for delay in RETRY_DELAYS:
            try:
                return super().get_new_connection(conn_params)
            except base.Database.OperationalError as error:
                if not transient(error):
                    raise
                time.sleep(delay)
        return super().get_new_connection(conn_params)
