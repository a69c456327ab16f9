"""role_import, role_draft, role_export, role_show: the role YAML in and out."""

from __future__ import annotations

import pytest

from shortlist.clients.models import Client, GrowthPlan, Role
from shortlist.clients.selectors import role_export, role_show
from shortlist.clients.services import role_draft, role_file_parse, role_import
from shortlist.errors import Forbidden, Invalid, NotFound
from tests.services.conftest import FIXTURES, ROLE_FILE

pytestmark = pytest.mark.django_db
TITLE = "Senior Go Engineer - High-Frequency Trading Platform"


def test_a_role_file_creates_then_updates_the_role(signed_in) -> None:
    text = ROLE_FILE.read_text()
    first = role_import(actor=signed_in, text=text, source="hft-go.yaml")
    assert first.created and first.role.title == TITLE and first.role.client.name == "Meridian Quant"
    again = role_import(actor=signed_in, text=text, source="hft-go.yaml")
    assert not again.created and again.role.pk == first.role.pk
    stored = Role.objects.get()
    assert sorted(stored.requirements.filter(kind="must").values_list("term", flat=True)) == [
        "concurrency", "go", "low-latency"
    ]  # fmt: skip


def test_a_bad_file_is_invalid_names_the_key_and_leaves_nothing(signed_in) -> None:
    with pytest.raises(Invalid) as caught:
        role_import(actor=signed_in, text="title: X\nmust_hav: [go]\n", source="bad.yaml")
    assert str(caught.value).startswith("bad.yaml: must_hav: unknown key")
    assert caught.value.issues[0][0] == "must_hav"
    assert not Role.objects.exists() and not Client.objects.exists() and not GrowthPlan.objects.exists()


def test_a_file_without_a_client_is_invalid_and_leaves_nothing(signed_in) -> None:
    with pytest.raises(Invalid) as caught:
        role_import(actor=signed_in, text="title: X\n", source="x.yaml")
    assert caught.value.issues == (("client", "a client name is required"),)
    assert not Role.objects.exists()


def test_export_gives_back_a_file_that_imports_as_the_same_role(signed_in) -> None:
    role = role_import(actor=signed_in, text=ROLE_FILE.read_text(), source="hft-go.yaml").role
    exported = role_export(actor=signed_in, role_id=role.pk)
    parsed = role_file_parse(actor=signed_in, text=exported, source="exported.yaml")
    assert parsed.spec.title == TITLE and "go" in parsed.spec.must_have
    assert role_import(actor=signed_in, text=exported, source="exported.yaml").role.pk == role.pk


def test_show_gives_the_weighted_criteria(signed_in) -> None:
    role = role_import(actor=signed_in, text=ROLE_FILE.read_text(), source="hft-go.yaml").role
    shown = role_show(actor=signed_in, role_id=role.pk)
    assert shown.role == role and shown.profile.playbook == "low-latency-trading"
    assert abs(sum(c.weight for c in shown.profile.criteria) - 1) < 1e-6


def test_a_job_description_is_drafted_into_yaml_with_notes(signed_in) -> None:
    draft = role_draft(actor=signed_in, text=(FIXTURES / "jds" / "risk-quant.txt").read_text())
    assert draft.yaml.startswith("title: ") and draft.notes
    assert role_file_parse(actor=signed_in, text=draft.yaml, source="draft.yaml").spec == draft.spec


@pytest.mark.parametrize("read", [role_export, role_show])
def test_an_unknown_role_is_not_found(signed_in, read) -> None:
    with pytest.raises(NotFound, match=r"^no role with id 999$"):
        read(actor=signed_in, role_id=999)


def test_an_anonymous_actor_is_forbidden_and_nothing_is_stored(anonymous) -> None:
    with pytest.raises(Forbidden, match=r"^You are not allowed to change roles.$"):
        role_import(actor=anonymous, text=ROLE_FILE.read_text(), source="hft-go.yaml")
    assert not Role.objects.exists()
