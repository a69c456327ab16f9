"""The one rule for what a tag may be: short, lower-case, letters, digits and single inner dashes."""

from __future__ import annotations

import re

from shortlist.candidates.models import TAG_MAX_LENGTH

ALLOWED = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
MAX_TAGS_PER_CANDIDATE = 30


class TagError(ValueError):
    """Why a tag was refused, in one line for the field."""


def normalise_tag(text: str) -> str:
    """ "  Shortlisted ACME " -> "shortlisted-acme": trimmed, lower-case, inner spaces become dashes.

    Raises TagError for an empty tag, one longer than TAG_MAX_LENGTH, or one with other characters.
    """
    tag = "-".join(text.strip().lower().split())
    if not tag:
        raise TagError("Type a tag, e.g. shortlisted-acme.")
    if len(tag) > TAG_MAX_LENGTH:
        raise TagError(f"A tag is at most {TAG_MAX_LENGTH} characters (this one has {len(tag)}).")
    if not ALLOWED.fullmatch(tag):
        raise TagError("Use letters, digits and - _ . between them, e.g. shortlisted-acme.")
    return tag
