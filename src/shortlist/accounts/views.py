"""Signing in: one login page for everyone, each role landing where its work is."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from shortlist.accounts.access import Actor, may_use_portal

AXES_USERNAME_LENGTH = 255  # axes.models.AccessAttempt.username


class LoginView(auth_views.LoginView):
    """Agency staff land on the workspace (or the page they asked for); a client user on the portal,
    also when the page they asked for was a workspace page they could only get a 403 from."""

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if not may_use_portal(Actor.of(self.request.user)):
            return url
        path = url if url_has_allowed_host_and_scheme(url, allowed_hosts=None) else ""
        try:
            in_portal = "portal" in resolve(path.split("?")[0]).namespaces if path else False
        except Resolver404:
            in_portal = False
        return url if in_portal else reverse("portal:home")


def throttled_username(request: HttpRequest, credentials: dict[str, object] | None = None) -> str | None:
    """The user name django-axes counts failures against (settings.AXES_USERNAME_CALLABLE), cut to what
    its column holds: a longer one tried at the login form was a DataError (a 500) on PostgreSQL."""
    source = credentials if credentials else getattr(request, "POST", {})
    name = source.get("username") if source else None
    return str(name)[:AXES_USERNAME_LENGTH] if name is not None else None
