"""When two CVs are likely the same person: e-mail, phone and name weighed together.

An e-mail address is personal, so a shared one is enough. A phone number is not: agencies, shared
family lines and switchboards put one number on several people's CVs, so a shared phone counts only
when the names agree as well. Nothing here merges anything; it only says why a recruiter should look.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Person:
    """The identifying facts of one CV or one stored candidate."""

    name: str
    emails: tuple[str, ...]
    phone: str


def _words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(plain)


def names_agree(first: str, second: str) -> bool:
    """Same person by name: the same words, or the same first initial and surname ("Grace B. Hopper"
    and "Grace Hopper", "G. Hopper"). An empty name agrees with nothing."""
    a, b = _words(first), _words(second)
    if not a or not b:
        return False
    if set(a) == set(b):
        return True
    return len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1] and a[0][0] == b[0][0]


def _emails(person: Person) -> set[str]:
    return {email.strip().casefold() for email in person.emails if email.strip()}


def duplicate_reason(new: Person, existing: Person) -> str:
    """Why `new` is likely `existing` ("same e-mail …", "same phone and name …"), or "" when not."""
    shared = sorted(_emails(new) & _emails(existing))
    if shared:
        return f"same e-mail ({shared[0]})"
    if (
        new.phone.strip()
        and new.phone.strip() == existing.phone.strip()
        and names_agree(new.name, existing.name)
    ):
        return "same phone and name"
    return ""


def first_duplicate(new: Person, candidates: Iterable[tuple[int, Person]]) -> tuple[int, str] | None:
    """The first (id, reason) among `candidates` that `new` likely duplicates."""
    for candidate_id, person in candidates:
        reason = duplicate_reason(new, person)
        if reason:
            return candidate_id, reason
    return None
