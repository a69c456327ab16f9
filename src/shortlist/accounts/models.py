"""Who a workspace user is to the agency: an admin, a recruiter, or a user of one client."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from shortlist.accounts.access import Role


class Membership(models.Model):
    """One per user. A client user belongs to exactly one client; agency staff to none."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(max_length=16, choices=[(r.value, r.label) for r in Role])
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, null=True, blank=True, related_name="members"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(role=Role.CLIENT.value) & Q(client__isnull=False))
                | (~Q(role=Role.CLIENT.value) & Q(client__isnull=True)),
                name="membership_client_iff_client_role",
            ),
            models.CheckConstraint(
                condition=Q(role__in=[r.value for r in Role]), name="membership_role_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"
