"""Every admin page loads for every model, and the pipeline admin keeps the history honest."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from shortlist.candidates.models import Candidate, CandidateSkill
from shortlist.pipeline.models import Application, StageChange
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db

OUR_APPS = {"candidates", "clients", "pipeline"}


def _our_models() -> list[type]:
    return [model for model in admin.site._registry if model._meta.app_label in OUR_APPS]


def test_every_model_of_ours_is_in_the_admin() -> None:
    names = {model._meta.model_name for model in _our_models()}
    assert names >= {
        "candidate", "experience", "candidateskill", "scaleclaim", "client", "growthplan", "role",
        "application", "stagechange", "applicationnote", "importbatch", "importfile",
    }  # fmt: skip


@pytest.mark.parametrize("view", ["changelist", "add", "change"])
def test_every_admin_page_loads(admin_user_client: object, view: str) -> None:
    objects = one_of_everything()
    by_model = {type(obj): obj for obj in objects.values()}
    for model in _our_models():
        meta = model._meta
        if view == "add" and not admin.site._registry[model].has_add_permission(_request(admin_user_client)):
            continue
        args = [by_model[model].pk] if view == "change" else []
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)
        response = admin_user_client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        if view == "changelist":
            searched = admin_user_client.get(url, {"q": "Grace"})
            assert searched.status_code == 200, f"search on {url} answered {searched.status_code}"


def _request(client: object) -> object:
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = client.get(reverse("admin:index")).wsgi_request.user
    return request


def test_changing_the_stage_in_the_admin_records_who_and_why(admin_user_client: object) -> None:
    objects = one_of_everything()
    application: Application = objects["application"]
    url = reverse("admin:pipeline_application_change", args=[application.pk])
    response = admin_user_client.post(
        url,
        {
            "candidate": application.candidate.pk,
            "role": application.role.pk,
            "new_stage": "screened",
            "stage_note": "Passed the phone screen",
            "notes-TOTAL_FORMS": "0",
            "notes-INITIAL_FORMS": "0",
            "history-TOTAL_FORMS": "1",
            "history-INITIAL_FORMS": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    last = StageChange.objects.filter(application=application).latest()
    assert (last.from_stage, last.to_stage, last.note) == ("sourced", "screened", "Passed the phone screen")
    assert last.changed_by.username == "root"


def test_stage_history_is_read_only_in_the_admin(admin_user_client: object) -> None:
    change = one_of_everything()["change"]
    response = admin_user_client.post(
        reverse("admin:pipeline_stagechange_change", args=[change.pk]), {"note": "rewritten"}
    )
    assert response.status_code == 403
    assert StageChange.objects.get(pk=change.pk).note == ""


def test_admin_merges_two_selected_profiles_into_the_older(admin_user_client: object) -> None:
    grace = one_of_everything()["candidate"]
    copy = Candidate.objects.create(name="Grace B. Hopper", emails=["grace@example.org"], duplicate_of=grace)
    CandidateSkill.objects.create(candidate=copy, skill="cobol", years=10, last_used=1990, strength=1)
    response = admin_user_client.post(
        reverse("admin:candidates_candidate_changelist"),
        {"action": "merge_selected", "_selected_action": [grace.pk, copy.pk]},
        follow=True,
    )
    assert f"Merged #{copy.pk} into #{grace.pk}" in response.content.decode()
    assert not Candidate.objects.filter(pk=copy.pk).exists()
    assert set(grace.skills.values_list("skill", flat=True)) == {"go", "cobol"}


def test_admin_filters_likely_duplicates(admin_user_client: object) -> None:
    grace = one_of_everything()["candidate"]
    Candidate.objects.create(name="Grace Copy", duplicate_of=grace)
    url = reverse("admin:candidates_candidate_changelist")
    html = admin_user_client.get(url, {"duplicate_of__isempty": "0"}).content.decode()
    assert "Grace Copy" in html and ">Grace Hopper<" not in html
