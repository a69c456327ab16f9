"""A strict Content-Security-Policy, and no inline script or style it would have to allow (issue 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

SRC = Path(__file__).resolve().parents[1] / "src"
TEMPLATES = sorted(SRC.glob("shortlist/**/templates/**/*.html"))
# <script> without src, <style>, a style="" or on*="" attribute, a javascript: URL.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:", re.IGNORECASE
)


def _policy(header: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_pages_send_a_policy_without_unsafe_inline(client, recruiter) -> None:
    client.force_login(recruiter)
    for url in (reverse("login"), reverse("web:dashboard")):
        policy = _policy(client.get(url)["Content-Security-Policy"])
        assert policy["default-src"] == "default-src 'none'"
        assert policy["script-src"] == "script-src 'self'" and policy["style-src"] == "style-src 'self'"
        assert policy["frame-ancestors"] == "frame-ancestors 'none'"
        assert "unsafe" not in " ".join(policy.values())


def test_templates_hold_no_inline_script_or_style() -> None:
    assert TEMPLATES
    found = [
        f"{path.relative_to(SRC)}: {m.group(0)}"
        for path in TEMPLATES
        for m in INLINE.finditer(path.read_text())
    ]
    assert found == []
