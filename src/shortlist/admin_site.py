"""The Django admin site, open to admins (team leads) only.

Django lets any active staff user in; here `access.may_administer` decides as well, so a staff flag
set by hand on a recruiter does not open users, memberships and every table to them.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest

from shortlist.accounts.access import Actor, may_administer


class ShortlistAdminSite(admin.AdminSite):
    site_header = "Shortlist administration"
    site_title = "Shortlist"
    index_title = "Workspace data"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and may_administer(Actor.of(request.user))


class ShortlistAdminConfig(AdminConfig):
    default_site = "shortlist.admin_site.ShortlistAdminSite"
