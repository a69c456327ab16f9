"""Who viewed or exported a candidate is recorded, and an admin can list it per candidate (issue 15);
the shortlist says it is advice, and the candidate page says who moved each stage."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from shortlist.accounts.access import Actor
from shortlist.audit.models import AccessEvent
from shortlist.audit.selectors import access_list
from shortlist.cli import app
from shortlist.errors import Forbidden
from shortlist.pipeline.services import application_move
from tests.factories import one_of_everything
from tests.pool_helpers import empty_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index() -> None:
    empty_index()


def test_viewing_and_exporting_a_candidate_is_listed_for_admins(
    client: Client, recruiter, django_user_model
) -> None:
    candidate = one_of_everything()["candidate"]
    client.force_login(recruiter)
    assert client.get(reverse("web:candidate", args=[candidate.pk])).status_code == 200
    assert CliRunner().invoke(app, ["candidates", "export", str(candidate.pk)]).exit_code == 0

    events = list(access_list(actor=Actor.system(), candidate_id=candidate.pk))
    assert [(e.kind, e.by, e.interface) for e in events] == [
        ("export", "operator", "cli"),
        ("view", "rita", "page"),
    ]
    listed = CliRunner().invoke(app, ["audit", "access", str(candidate.pk), "--json"])
    assert [e["kind"] for e in json.loads(listed.output)] == ["export", "view"]
    with pytest.raises(Forbidden):
        access_list(actor=Actor.of(recruiter), candidate_id=candidate.pk)

    admin = Client()
    admin.force_login(
        django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password")
    )
    admin_page = admin.get(reverse("web:candidate", args=[candidate.pk])).content.decode()
    assert "Audit (admins)" in admin_page and "rita viewed the profile" in admin_page
    recruiter_page = client.get(reverse("web:candidate", args=[candidate.pk])).content.decode()
    assert "Audit (admins)" not in recruiter_page


def test_the_shortlist_is_advice_and_stage_moves_name_the_person(client: Client, recruiter) -> None:
    objects = one_of_everything()
    client.force_login(recruiter)
    application_move(actor=Actor.of(recruiter), application_id=objects["application"].pk, stage="contacted")
    shortlist = client.get(reverse("web:shortlist", args=[objects["role"].pk])).content.decode()
    assert "This ranking is advice." in shortlist and "a person decides who goes forward" in shortlist
    page = client.get(reverse("web:candidate", args=[objects["candidate"].pk])).content.decode()
    assert "Contacted — moved by rita" in page
    assert AccessEvent.objects.filter(kind="view", candidate_id=objects["candidate"].pk).count() == 1
