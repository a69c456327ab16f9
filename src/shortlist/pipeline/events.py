"""The pipeline's webhook events as JSON (a contract like `serialize.py`: change it only by adding keys).
Kept apart from `serialize.py`, which reads selectors, so that `services._move` can build it."""

from __future__ import annotations

from typing import Any

from shortlist.pipeline.models import Application, StageChange


def stage_changed_json(application: Application, change: StageChange) -> dict[str, Any]:
    """The `data` of an `application.stage_changed` webhook (README § Webhooks): who moved, where
    from and to, in which role. `by_client` is true for a client user's decision in the portal."""
    role = application.role
    user = change.changed_by
    return {
        "application_id": application.pk,
        "role": {"id": role.pk, "title": role.title},
        "client": {"id": role.client_id, "name": role.client.name},
        "candidate": {"id": application.candidate_id, "name": application.candidate.name},
        "from_stage": change.from_stage,
        "to_stage": change.to_stage,
        "changed_at": change.changed_at.isoformat(),
        "changed_by": user.get_username() if user is not None else None,
        "by_client": bool(user is not None and getattr(getattr(user, "membership", None), "client_id", None)),
    }
