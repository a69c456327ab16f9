"""Stage history cannot be deleted by any path — model, queryset, cascade, raw SQL — and an application
keeps the candidate and role it was opened with. Erasing a person is the one way out, through
`stage_history_erase` inside the erasure's transaction."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.test import Client as HttpClient
from django.urls import reverse

from shortlist.accounts.access import Actor
from shortlist.candidates.models import Candidate
from shortlist.candidates.services import candidate_merge
from shortlist.clients.models import Client, Role
from shortlist.pipeline.models import Application, StageChange, StageHistoryPermit
from shortlist.pipeline.services import stage_history_erase

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(recruiter: object) -> Application:
    client = Client.objects.create(name="Meridian Quant", industry="fintech")
    role = Role.objects.create(client=client, title="Senior Go Engineer")
    candidate = Candidate.objects.create(name="Grace Hopper")
    opened = Application.open(candidate, role, user=recruiter)
    opened.move_to("contacted", user=recruiter)
    return opened


def _sql(statement: str, params: list[object] | None = None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def test_a_queryset_delete_is_refused(application: Application) -> None:
    with pytest.raises(ValidationError, match="append-only"):
        StageChange.objects.filter(application=application).delete()
    with pytest.raises(ValidationError, match="append-only"):
        application.history.all().delete()
    assert StageChange.objects.count() == 2


def test_a_raw_sql_delete_is_refused_by_the_database(application: Application) -> None:
    with pytest.raises(DatabaseError, match="append-only"):
        _sql("DELETE FROM pipeline_stagechange")
    with pytest.raises(DatabaseError, match="append-only"):
        _sql("DELETE FROM pipeline_stagechange WHERE application_id = %s", [application.pk])
    assert StageChange.objects.count() == 2


def test_deleting_a_candidate_or_role_with_history_is_refused(application: Application) -> None:
    with pytest.raises(ProtectedError):
        application.candidate.delete()
    with pytest.raises(ProtectedError):
        application.role.delete()
    with pytest.raises(ProtectedError):
        application.delete()
    assert StageChange.objects.count() == 2 and Application.objects.count() == 1


def test_an_application_keeps_its_candidate_and_role(application: Application) -> None:
    other = Candidate.objects.create(name="Mallory")
    other_role = Role.objects.create(client=application.role.client, title="Staff Engineer")
    application.candidate = other
    with pytest.raises(ValidationError, match="fixed"):
        application.save()
    with pytest.raises(DatabaseError, match="fixed"), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(candidate=other)
    with pytest.raises(DatabaseError, match="fixed"):
        _sql("UPDATE pipeline_application SET role_id = %s", [other_role.pk])
    application.refresh_from_db()
    assert (application.candidate.name, application.role.title) == ("Grace Hopper", "Senior Go Engineer")


def test_the_admin_shows_candidate_and_role_read_only_and_cannot_delete(
    application: Application, admin_client: HttpClient
) -> None:
    url = reverse("admin:pipeline_application_change", args=[application.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="candidate"' not in page and 'name="role"' not in page
    assert "Grace Hopper" in page
    response = admin_client.get(reverse("admin:pipeline_application_delete", args=[application.pk]))
    assert response.status_code == 403


def test_a_permit_covers_only_the_applications_it_names(application: Application, recruiter: object) -> None:
    other = Application.open(Candidate.objects.create(name="Ada"), application.role, user=recruiter)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        StageHistoryPermit.objects.create(application_id=application.pk, purpose="erase")
        _sql("DELETE FROM pipeline_stagechange")
    assert StageChange.objects.filter(application=other).count() == 1
    assert not StageHistoryPermit.objects.exists()


def test_erasing_a_person_removes_their_history_through_the_one_permitted_path(
    application: Application,
) -> None:
    with transaction.atomic():
        erased = stage_history_erase(application_ids=[application.pk])
        application.candidate.delete()
    assert erased == 2
    assert not StageChange.objects.exists() and not Application.objects.exists()
    assert not StageHistoryPermit.objects.exists()  # the permit did not outlive the transaction


@pytest.mark.django_db(transaction=True)  # outside any transaction, as a careless caller would be
def test_the_erasing_path_refuses_to_run_outside_a_transaction(application: Application) -> None:
    with pytest.raises(RuntimeError, match="inside the transaction"):
        stage_history_erase(application_ids=[application.pk])
    assert StageChange.objects.count() == 2


def test_a_merge_carries_the_history_to_the_kept_profile(application: Application) -> None:
    keep = Candidate.objects.create(name="Grace B. Hopper")
    candidate_merge(actor=Actor.system(), keep_id=keep.pk, other_id=application.candidate_id)
    moved = Application.objects.get()
    assert moved.pk == application.pk and moved.candidate_id == keep.pk
    assert [c.to_stage for c in moved.history.all()] == ["sourced", "contacted"]
    assert not StageHistoryPermit.objects.exists()
