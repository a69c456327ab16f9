"""Every form of the desk answers bad input with a message beside the field and what was typed kept;
none answers junk with a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shortlist.clients.models import Client, Role
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db
JUNK = [
    "",
    "\x00",
    "💥" * 300,
    "<script>alert(1)</script>",
    "-1",
    "1e400",
    "abc",
    "../../etc/passwd",
    " , , ",
]


@pytest.fixture
def signed_in(client, recruiter):
    client.force_login(recruiter)
    return client


@pytest.fixture
def objects():
    return one_of_everything()


def _forms(objects) -> list[tuple[str, list[str]]]:
    client, role, application = objects["client"].pk, objects["role"].pk, objects["application"].pk
    candidate = objects["candidate"].pk
    role_fields = [
        "step", "title", "languages", "project", "seniority", "location", "remote", "salary_min",
        "salary_max", "salary_currency", "must_have", "nice_to_have", "culture", "description",
    ]  # fmt: skip
    growth = ["horizon_months", "plans"] + [
        f"{m}_{end}" for m in ("traffic_rps", "users", "data_tb", "engineers") for end in ("now", "target")
    ]
    contacts = ["contacts-TOTAL_FORMS", "contacts-INITIAL_FORMS", "contacts-0-name", "contacts-0-phone"]
    return [
        (
            reverse("web:client_new"),
            ["name", "industry", "stage", "locations", "culture", "notes", *contacts],
        ),
        (reverse("web:client_edit", args=[client]), ["name", "stage", *contacts]),
        (reverse("web:growth_edit", args=[client]), growth),
        (reverse("web:role_new", args=[client]), ["step", "text"]),
        (reverse("web:role_new", args=[client]), role_fields),
        (reverse("web:role_edit", args=[role]), role_fields),
        (reverse("web:role_status", args=[role]), ["status"]),
        (reverse("web:application_move", args=[application]), ["stage", "to", "note"]),
        (reverse("web:note_new", args=["application", application]), ["body", "visibility", "kind"]),
        (reverse("web:note_new", args=["candidate", candidate]), ["body", "visibility", "kind"]),
        (reverse("web:note_new", args=["role", role]), ["body", "visibility", "kind"]),
        (reverse("web:shortlist_add", args=[role]), ["candidate", "next"]),
        (
            reverse("web:shortlist_export", args=[role]),
            ["candidate", "top", "format", "blind", f"position-{candidate}", f"line-{candidate}"],
        ),
    ]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_every_field_of_every_form_is_never_a_500(signed_in, objects, junk) -> None:
    for url, fields in _forms(objects):
        for htmx in (False, True):
            headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
            response = signed_in.post(url, dict.fromkeys(fields, junk), **headers)
            assert response.status_code < 500, (url, junk, htmx)
    for url, params in [
        (
            reverse("web:growth_preview", args=[objects["client"].pk]),
            {"horizon_months": junk, "users_now": junk},
        ),
        (reverse("web:skills_suggest"), {"q": junk}),
        (reverse("web:desk"), {"mine": junk}),
    ]:
        # A NUL byte is refused before any view runs (web/middleware.py), on every backend.
        assert signed_in.get(url, params).status_code == (400 if "\x00" in junk else 200), (url, junk)


def test_the_client_form_marks_each_bad_field_and_keeps_what_was_typed(signed_in, objects) -> None:
    form = {
        "name": "Meridian Quant",  # taken
        "stage": "series-b",
        "locations": "London, Cambridge",
        "contacts-TOTAL_FORMS": "2",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "Priya Shah",
        "contacts-0-email": "priya@",
        "contacts-1-name": "Sam Lee",
        "contacts-1-phone": "12345",
    }
    response = signed_in.post(reverse("web:client_new"), form)
    html = response.content.decode()
    assert response.status_code == 400
    assert "there is already a client called" in html
    assert "is not an e-mail address" in html and "is not a phone number" in html
    assert 'value="12345"' in html and 'value="London, Cambridge"' in html and 'value="Priya Shah"' in html
    assert Client.objects.count() == 1


def test_the_growth_form_marks_bad_figures_and_keeps_them(signed_in, objects) -> None:
    response = signed_in.post(
        reverse("web:growth_edit", args=[objects["client"].pk]),
        {"horizon_months": "0", "traffic_rps_now": "-5", "traffic_rps_target": "80000", "users_now": "lots"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ensure this value is greater than or equal to 1" in html
    assert "Ensure this value is greater than or equal to 0" in html and "Enter a number" in html
    assert 'value="lots"' in html and 'value="80000"' in html


def test_the_role_form_marks_bad_fields_and_keeps_the_chips_text(signed_in, objects) -> None:
    before = Role.objects.count()
    response = signed_in.post(
        reverse("web:role_new", args=[objects["client"].pk]),
        {
            "step": "save",
            "title": "Platform Engineer",
            "project": "general",
            "languages": "Kubernetes",
            "must_have": "Golang, k8s",
            "salary_min": "120000",
            "salary_max": "90000",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "not a language" in html and "min 120000 is above max 90000" in html
    assert 'value="Golang, k8s"' in html and 'value="Kubernetes"' in html
    assert Role.objects.count() == before


def test_an_empty_job_description_is_asked_for_again(signed_in, objects) -> None:
    response = signed_in.post(
        reverse("web:role_new", args=[objects["client"].pk]), {"step": "draft", "text": ""}
    )
    assert response.status_code == 400 and "This field is required." in response.content.decode()


def test_a_rejection_without_a_reason_shows_on_the_card_and_keeps_nothing(signed_in, objects) -> None:
    application = objects["application"]
    response = signed_in.post(
        reverse("web:application_move", args=[application.pk]),
        {"to": "rejected", "note": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "say why you are rejecting Grace Hopper" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == "sourced"
