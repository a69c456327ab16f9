"""Signing in: one login page for everyone, each role landing where its work is."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from shortlist.accounts.access import Actor, may_use_portal


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
