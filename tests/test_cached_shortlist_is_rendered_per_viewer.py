"""A shortlist served from the ranking cache is still rendered for whoever asks: blind review, the
pipeline and the audit record are theirs, not those of the first viewer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shortlist.accounts.access import Actor
from shortlist.audit.models import RankingRun
from shortlist.audit.selectors import neutral_label
from shortlist.audit.services import user_blind_review_set
from shortlist.candidates import pool
from tests.factories import one_of_everything
from tests.pool_helpers import empty_index

pytestmark = pytest.mark.django_db


def test_a_blind_reviewer_after_a_colleague_sees_labels_only(client, recruiter, django_user_model) -> None:
    empty_index()
    objects = one_of_everything()
    role, grace = objects["role"], objects["candidate"]
    url = reverse("web:shortlist", args=[role.pk])
    colleague = django_user_model.objects.create_superuser("lead", "lead@example.org", "a-long-password")
    client.force_login(colleague)
    assert "Grace Hopper" in client.get(url).content.decode()

    user_blind_review_set(actor=Actor.of(recruiter), enabled=True)
    client.force_login(recruiter)
    hits = pool.ranking_cache_stats().hits
    blind = client.get(url).content.decode()
    assert pool.ranking_cache_stats().hits == hits + 1  # the colleague's ranking, served again
    assert "Grace Hopper" not in blind and neutral_label(grace.pk) in blind
    assert list(RankingRun.objects.order_by("pk").values_list("user__username", flat=True)) == [
        "lead",
        recruiter.get_username(),
    ]
