"""Blind review (issue 15): a recruiter's own preference blinds every role, messages keep the label,
and the redaction takes out identity but keeps the evidence."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shortlist.accounts.access import Actor
from shortlist.audit.selectors import neutral_label
from shortlist.audit.services import user_blind_review_set
from shortlist.engine.cv.redact import redact
from tests.factories import one_of_everything
from tests.pool_helpers import empty_index


@pytest.fixture
def signed_in(client, recruiter):
    empty_index()
    client.force_login(recruiter)
    return client


@pytest.mark.django_db
def test_a_recruiters_preference_blinds_every_role_for_them_only(
    signed_in, recruiter, django_user_model
) -> None:
    objects = one_of_everything()
    role, grace = objects["role"], objects["candidate"]
    user_blind_review_set(actor=Actor.of(recruiter), enabled=True)
    blind = signed_in.get(reverse("web:shortlist", args=[role.pk])).content.decode()
    assert "Grace Hopper" not in blind and neutral_label(grace.pk) in blind
    page = signed_in.get(reverse("web:candidate", args=[grace.pk])).content.decode()
    assert "Grace Hopper" not in page and "grace@example.org" not in page

    colleague = django_user_model.objects.create_superuser("lead", "lead@example.org", "a-long-password")
    signed_in.force_login(colleague)
    assert "Grace Hopper" in signed_in.get(reverse("web:shortlist", args=[role.pk])).content.decode()


@pytest.mark.django_db
def test_adding_a_hidden_candidate_names_them_by_label(signed_in, recruiter) -> None:
    objects = one_of_everything()
    role = objects["role"]
    other = objects["candidate"].__class__.objects.create(name="Alan Turing")
    user_blind_review_set(actor=Actor.of(recruiter), enabled=True)
    response = signed_in.post(
        reverse("web:add_to_pipeline", args=[role.pk]), {"candidate": other.pk}, follow=True
    )
    text = response.content.decode()
    assert f"{neutral_label(other.pk)} added to the pipeline" in text and "Alan Turing" not in text


def test_redaction_takes_out_identity_and_keeps_the_evidence() -> None:
    text = (
        "Anna Kowalska (anna@kowalska.pl, +48 601 234 567), Polish, born 12 May 1990. She led the Go "
        "rewrite at PayStream 2019 - 2021 as chairman of the guild; graduated from Warsaw in 2012. "
        "https://github.com/annak"
    )
    assert redact(text, ["Anna Kowalska"]) == (
        "[name] ([e-mail], [phone]), [nationality], [date of birth]. They led the Go rewrite at PayStream "
        "2019 - 2021 as chair of the guild; graduated from Warsaw in [year]. [link]"
    )
    evidence = "Built the order gateway in Go — PayStream, 2021–present; 60,000 rps"
    assert redact(evidence, ["Grace Hopper"]) == evidence
