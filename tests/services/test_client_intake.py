"""Intake: a client with its contacts (phone numbers checked and stored as E.164), its stage in the
recruiter's words, a growth plan and its preview, and roles saved from the same keys as a role file."""

from __future__ import annotations

import pytest

from shortlist.clients.models import Client, GrowthPlan, Role
from shortlist.clients.selectors import growth_preview, skill_suggest
from shortlist.clients.services import (
    ContactIn,
    client_save,
    growth_plan_set,
    role_duplicate,
    role_save,
)
from shortlist.errors import Conflict, Invalid
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def test_a_new_client_keeps_its_contacts_tags_and_stage_words(signed_in) -> None:
    client = client_save(
        actor=signed_in,
        name="  Fenbright   AI ",
        industry="AI",
        stage="Series B",
        locations=["Cambridge", "London", "Cambridge"],
        culture=["research-driven"],
        contacts=[
            ContactIn("Priya Shah", "Head of Engineering", "priya@fenbright.ai", "020 7946 0958"),
            ContactIn("", "", "", ""),  # an empty row of the form
        ],
    )
    client = Client.objects.get(pk=client.pk)
    assert (client.name, client.stage, client.locations) == (
        "Fenbright AI",
        "series-b",
        ["Cambridge", "London"],
    )
    assert client.get_stage_display() == "Series B"
    assert list(client.contacts.values_list("name", "email", "phone")) == [
        ("Priya Shah", "priya@fenbright.ai", "+442079460958")
    ]


def test_bad_contacts_and_stage_name_their_fields_and_save_nothing(signed_in) -> None:
    with pytest.raises(Invalid) as caught:
        client_save(
            actor=signed_in,
            name="Fenbright AI",
            stage="unicorn",
            contacts=[ContactIn("Priya", email="priya@"), ContactIn("Sam", phone="12345")],
        )
    paths = [path for path, _ in caught.value.issues]
    assert paths == ["stage", "contacts[0].email", "contacts[1].phone"]
    assert not Client.objects.filter(name="Fenbright AI").exists()


def test_a_second_client_with_the_same_name_is_a_conflict_on_the_name(signed_in) -> None:
    client = one_of_everything()["client"]
    with pytest.raises(Conflict) as caught:
        client_save(actor=signed_in, name="meridian quant")
    assert caught.value.issues == (("name", "there is already a client called 'meridian quant'"),)
    other = client_save(actor=signed_in, name="Fenbright AI")
    with pytest.raises(Conflict):
        client_save(actor=signed_in, client_id=other.pk, name="MERIDIAN QUANT")
    # With other bad fields, the taken name is one of the issues, so a form marks them all at once.
    with pytest.raises(Invalid) as caught:
        client_save(actor=signed_in, name="Meridian Quant", stage="unicorn")
    assert [path for path, _ in caught.value.issues] == ["name", "stage"]
    assert client_save(actor=signed_in, client_id=client.pk, name="Meridian Quant").pk == client.pk


def test_a_growth_plan_is_a_new_current_plan_and_half_a_metric_is_refused(signed_in) -> None:
    client = one_of_everything()["client"]
    plan = growth_plan_set(
        actor=signed_in,
        client_id=client.pk,
        horizon_months=24,
        metrics={"data_tb": (5, 200), "users": (None, None)},
    )
    client.refresh_from_db()
    assert client.current_growth_plan == plan and (plan.data_tb_now, plan.data_tb_target) == (5, 200)
    assert plan.users_now is None
    with pytest.raises(Invalid) as caught:
        growth_plan_set(
            actor=signed_in, client_id=client.pk, horizon_months=24, metrics={"users": (10, None)}
        )
    assert caught.value.issues == (("users_target", "give both now and target, or neither"),)
    assert GrowthPlan.objects.filter(client=client).count() == 2


def test_the_preview_shows_steeper_growth_weighing_proven_scale_more(signed_in) -> None:
    client = one_of_everything()["client"]
    flat = growth_preview(
        actor=signed_in, client_id=client.pk, horizon_months=36, metrics={"traffic_rps": (2000, 2200)}
    )
    steep = growth_preview(
        actor=signed_in, client_id=client.pk, horizon_months=12, metrics={"traffic_rps": (2000, 80000)}
    )
    assert steep.pressure.value > flat.pressure.value
    assert steep.profile.weight_of("scale") > flat.profile.weight_of("scale")
    assert steep.role.title == "Senior Go Engineer - HFT Platform"  # the client's open role, re-weighted
    assert any("80k" in reason for reason in steep.pressure.reasons)


def test_a_role_from_the_form_reads_aliases_and_keeps_unknown_terms_with_a_warning(signed_in) -> None:
    client = one_of_everything()["client"]
    saved = role_save(
        actor=signed_in,
        client_id=client.pk,
        data={
            "title": "Platform Engineer",
            "languages": ["Golang"],
            "seniority": "senior",
            "must_have": ["k8s", "Golang"],
            "nice_to_have": ["quantum widgets"],
            "salary": {"min": 80000, "max": 100000, "currency": "GBP"},
        },
    )
    role = Role.objects.get(pk=saved.role.pk)
    assert role.client == client and role.languages == ["go"]
    assert sorted(role.requirements.values_list("term", "kind")) == [
        ("go", "must"), ("kubernetes", "must"), ("quantum widgets", "nice")
    ]  # fmt: skip
    assert any("quantum widgets" in w and "free text" in w for w in saved.warnings)


def test_a_bad_role_names_each_field_and_creates_nothing(signed_in) -> None:
    client = one_of_everything()["client"]
    before = Role.objects.count()
    with pytest.raises(Invalid) as caught:
        role_save(
            actor=signed_in,
            client_id=client.pk,
            data={"title": "", "languages": ["kubernetes"], "salary": {"min": 9, "max": 1}},
        )
    paths = {path for path, _ in caught.value.issues}
    assert {"title", "languages[0]", "salary"} <= paths
    assert Role.objects.count() == before


def test_duplicating_a_role_copies_requirements_but_not_the_pipeline(signed_in) -> None:
    role = one_of_everything()["role"]
    copy = role_duplicate(actor=signed_in, role_id=role.pk)
    assert copy.title == "Senior Go Engineer - HFT Platform (copy)" and copy.status == "open"
    assert sorted(copy.requirements.values_list("term", "kind", "weight")) == [
        ("go", "must", 3.0),
        ("kafka", "nice", 1.0),
    ]
    assert copy.applications.count() == 0 and role.applications.count() == 1


def test_skill_suggestions_show_the_alias_that_matched(signed_in) -> None:
    found = skill_suggest(actor=signed_in, query="golang")
    assert found[0].id == "go" and found[0].alias.lower() == "golang"
