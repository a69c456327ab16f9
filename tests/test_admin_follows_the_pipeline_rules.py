"""The admin's stage field follows the same transitions as the desk: placed is final, rejections say why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shortlist.pipeline.models import StageChange
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def _post(client, application, stage: str, note: str = ""):
    return client.post(
        reverse("admin:pipeline_application_change", args=[application.pk]),
        {
            "candidate": application.candidate.pk, "role": application.role.pk, "new_stage": stage,
            "stage_note": note, "notes-TOTAL_FORMS": "0", "notes-INITIAL_FORMS": "0",
            "history-TOTAL_FORMS": "1", "history-INITIAL_FORMS": "1",
        },
    )  # fmt: skip


def test_the_admin_refuses_sourced_to_placed_and_a_rejection_without_a_reason(admin_user_client) -> None:
    application = one_of_everything()["application"]
    refused = _post(admin_user_client, application, "placed")
    assert refused.status_code == 200 and "Sourced cannot move to Placed." in refused.content.decode()
    unexplained = _post(admin_user_client, application, "rejected")
    assert "Say why" in unexplained.content.decode()
    assert StageChange.objects.filter(application=application).count() == 1
    assert _post(admin_user_client, application, "rejected", "No Go at work").status_code == 302
    application.refresh_from_db()
    assert application.stage == "rejected"
