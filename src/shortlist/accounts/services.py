"""Creating workspace users from the command line and for the demo."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Q

from shortlist.accounts.access import Role
from shortlist.accounts.models import Membership

DEMO_USERNAME = "demo"
DEMO_LOGIN_FILE = "demo-login.txt"


@dataclass(frozen=True, slots=True)
class Credentials:
    username: str
    password: str


@transaction.atomic
def create_user(
    username: str, password: str, email: str = "", role: Role = Role.RECRUITER, client: str | None = None
) -> AbstractUser:
    """Create a workspace user with their role; the password must pass the configured validators.

    Only admins are staff (the Django admin is theirs); a client user belongs to one client.
    """
    from shortlist.clients.models import Client

    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValueError(f"A user named {username!r} already exists.")
    if (role is Role.CLIENT) != bool(client):
        raise ValueError("A client user needs a client (--client); other roles belong to none.")
    client_id = None
    if client:
        found = Client.objects.filter(
            Q(name__iexact=client) | Q(pk=int(client) if client.isdigit() else None)
        )
        client_id = found.values_list("pk", flat=True).first()
        if client_id is None:
            raise ValueError(f"No client named or numbered {client!r}.")
    admin = role is Role.ADMIN
    user = User(username=username, email=email, is_staff=admin, is_superuser=admin)
    validate_password(password, user)
    user.set_password(password)
    user.save()
    Membership.objects.create(user=user, role=role.value, client_id=client_id)
    return user


def ensure_demo_user(home: Path) -> Credentials:
    """The demo login: a random password made once and kept in the data directory (mode 600).

    Staff and superuser so that the demo shows every admin page too. A generated password
    rather than a well-known one, because `serve --host 0.0.0.0` would otherwise open the data.
    """
    path = home / DEMO_LOGIN_FILE
    password = path.read_text().strip() if path.exists() else ""
    if not password:
        password = secrets.token_urlsafe(12)
        # Created 600 (not written then narrowed): the password is never readable to others.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(password + "\n")
    User = get_user_model()
    with transaction.atomic():
        user, _ = User.objects.get_or_create(username=DEMO_USERNAME, defaults={"is_staff": True})
        user.is_staff = user.is_superuser = True
        if not user.check_password(password):
            user.set_password(password)
        user.save()
        Membership.objects.update_or_create(user=user, defaults={"role": Role.ADMIN.value, "client": None})
    return Credentials(DEMO_USERNAME, password)
