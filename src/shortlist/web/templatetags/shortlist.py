"""Presentation helpers for the workspace templates."""

from __future__ import annotations

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

from shortlist.candidates.serialize import skill_name as _skill_name
from shortlist.engine.cv.contact import web_link
from shortlist.engine.cv.redact import redact as _redact

register = template.Library()


@register.filter
def skill_name(skill_id: str) -> str:
    """ "kafka" → "Kafka", "rest-api-design" → "REST API design"."""
    return _skill_name(skill_id)


@register.filter
def http_url(value: object) -> str:
    """The link if it is http(s), else "": a `javascript:` URL stored before the import checked it
    (or written straight into the database) renders as no link at all."""
    return web_link(value) if isinstance(value, str) else ""


@register.filter
def quantity(value: float | None) -> str:
    """Large numbers whole and grouped (113,426), small ones with a decimal where it matters (2.5)."""
    if value is None:
        return "—"
    if abs(value) >= 10 or float(value).is_integer():
        return intcomma(round(value))
    return f"{value:.1f}"


@register.filter
def blind(text: str | None, names: list[str] | None) -> str:
    """Text as blind review shows it (engine/cv/redact.py): `names` are the person's names to take out.
    Used only where the page is blind; elsewhere the text is shown as it is."""
    return _redact(text or "", names or ())
