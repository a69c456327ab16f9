"""Every workspace user has a role: admins are staff, recruiters and client users are not."""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Actor, Role
from shortlist.accounts.services import create_user
from shortlist.clients.models import Client

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-7"


def test_a_recruiter_is_not_staff_and_acts_as_a_recruiter() -> None:
    user = create_user("rita", PASSWORD)
    actor = Actor.of(user)
    assert not user.is_staff and actor.role is Role.RECRUITER and actor.is_agency and not actor.is_admin


def test_only_an_admin_is_staff() -> None:
    user = create_user("ada", PASSWORD, role=Role.ADMIN)
    assert user.is_staff and user.is_superuser and Actor.of(user).is_admin


def test_a_client_user_belongs_to_the_client_named() -> None:
    acme = Client.objects.create(name="Acme Pay")
    actor = Actor.of(create_user("carol", PASSWORD, role=Role.CLIENT, client="acme pay"))
    assert actor.is_client and actor.client_id == acme.pk and not actor.is_agency


def test_a_client_user_needs_a_client_that_exists() -> None:
    with pytest.raises(ValueError, match="needs a client"):
        create_user("carol", PASSWORD, role=Role.CLIENT)
    with pytest.raises(ValueError, match="No client named"):
        create_user("carol", PASSWORD, role=Role.CLIENT, client="Nobody Ltd")


def test_a_user_without_a_membership_has_no_role(django_user_model: type) -> None:
    stray = django_user_model.objects.create_user("stray", password=PASSWORD)
    actor = Actor.of(stray)
    assert actor.role is None and not actor.is_agency and not actor.is_client
