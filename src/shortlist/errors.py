"""The domain errors every use case raises, and the one table the CLI, pages and API translate.

Plain Python (no Django) so that any layer may raise or catch them. Each carries a one-line message
meant for the person at the interface; `Invalid` also lists every problem with its field path.

| raised        | CLI                       | page                                   | API |
|---------------|---------------------------|----------------------------------------|-----|
| `Invalid`     | exit 1, the message       | form re-rendered, 400                  | 422 |
| `NotFound`    | exit 1                    | 404                                    | 404 |
| `Forbidden`   | exit 1                    | 403                                    | 403 |
| `Conflict`    | exit 1                    | a message, redirect back; in a form,   | 409 |
|               |                           | beside its field (a taken client name) |     |
| `Unavailable` | exit 2, with install hint | 503                                    | 503 |
"""

from __future__ import annotations

from collections.abc import Iterable


class ShortlistError(Exception):
    """A use case refused or could not do what was asked; `str(error)` is the one-line message."""

    code = "error"
    # Every error has the field, so one API body shape ({detail, code, issues}) fits them all.
    issues: tuple[tuple[str, str], ...] = ()

    def __init__(self, message: str = "", issues: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.issues = tuple(issues)  # (field path, message): `Invalid`, or a `Conflict` on one field

    @property
    def message(self) -> str:
        return str(self)


class NotFound(ShortlistError):
    code = "not_found"


class Forbidden(ShortlistError):
    code = "forbidden"


class Conflict(ShortlistError):
    """The request is valid but the current state does not allow it (already in the pipeline…)."""

    code = "conflict"


class Invalid(ShortlistError):
    """The input was wrong; `issues` names each problem as (field path, message)."""

    code = "invalid"


class Unavailable(ShortlistError):
    """An optional part this request needs is not installed (e.g. the MiniLM embedder)."""

    code = "unavailable"
