"""How a signed-in user is read back on each request: Django's ModelBackend, with the user's membership
(their role and client) in the same query. Every page and the API ask for the role (`access.role_of`),
which was a second query on every request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class WorkspaceBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        users = get_user_model()
        try:
            user = users._default_manager.select_related("membership").get(pk=user_id)
        except users.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
