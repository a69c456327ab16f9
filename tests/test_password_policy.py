"""A password must be long and not guessable: `aaaaaaaa9` is refused (issue 13)."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from shortlist.accounts.services import create_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("weak", ["aaaaaaaa9", "short-pass1", "123456789012345", "password1234"])
def test_weak_passwords_are_refused(weak: str) -> None:
    with pytest.raises(ValidationError):
        create_user("rita", weak)


def test_the_message_says_how_long(django_user_model) -> None:
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("aaaaaaaa9")


def test_a_long_passphrase_is_accepted() -> None:
    assert create_user("rita", "correct horse battery").check_password("correct horse battery")
