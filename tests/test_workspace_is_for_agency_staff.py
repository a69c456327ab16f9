"""Workspace pages are agency staff's: a client user or a user with no role gets a 403 saying why,
and only admins enter the Django admin site (issue 13)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shortlist.accounts.models import Membership
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def _login(http: object, django_user_model: type, role: str | None, **membership: object) -> object:
    user = django_user_model.objects.create_user("someone", password="a-long-test-password")
    if role:
        Membership.objects.create(user=user, role=role, **membership)
    http.force_login(user)
    return http


def test_a_client_user_is_told_the_workspace_is_not_theirs(client, django_user_model) -> None:
    objects = one_of_everything()
    objects["application"].move_to("submitted")
    signed_in = _login(client, django_user_model, "client", client=objects["client"])
    for url in (reverse("web:dashboard"), reverse("web:role", args=[objects["role"].pk])):
        response = signed_in.get(url)
        assert response.status_code == 403
        assert "workspace is for agency staff" in response.content.decode()
        assert "Grace Hopper" not in response.content.decode()


def test_a_user_without_a_role_sees_nothing(client, django_user_model) -> None:
    one_of_everything()
    response = _login(client, django_user_model, None).get(reverse("web:candidates"))
    assert response.status_code == 403 and "no role yet" in response.content.decode()


def test_a_recruiter_with_a_staff_flag_still_cannot_enter_the_admin(client, django_user_model) -> None:
    signed_in = _login(client, django_user_model, "recruiter")
    django_user_model.objects.filter(username="someone").update(is_staff=True)
    response = signed_in.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))


def test_an_admin_enters_the_admin(admin_user_client) -> None:
    assert admin_user_client.get(reverse("admin:index")).status_code == 200
