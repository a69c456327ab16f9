"""Creating workspace users from the command line and for the demo."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

DEMO_USERNAME = "demo"
DEMO_LOGIN_FILE = "demo-login.txt"


@dataclass(frozen=True, slots=True)
class Credentials:
    username: str
    password: str


def create_user(username: str, password: str, email: str = "", admin: bool = False) -> AbstractUser:
    """Create a recruiter (or an admin); the password must pass the configured validators."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ValueError(f"A user named {username!r} already exists.")
    user = User(username=username, email=email, is_staff=True, is_superuser=admin)
    validate_password(password, user)
    user.set_password(password)
    user.save()
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
        path.write_text(password + "\n")
        path.chmod(0o600)
    User = get_user_model()
    with transaction.atomic():
        user, _ = User.objects.get_or_create(username=DEMO_USERNAME, defaults={"is_staff": True})
        user.is_staff = user.is_superuser = True
        if not user.check_password(password):
            user.set_password(password)
        user.save()
    return Credentials(DEMO_USERNAME, password)
