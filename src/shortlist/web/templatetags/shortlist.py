"""Presentation helpers for the workspace templates."""

from __future__ import annotations

from functools import cache

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from shortlist.candidates.serialize import skill_name as _skill_name
from shortlist.engine.cv.contact import web_link
from shortlist.engine.cv.redact import redact as _redact
from shortlist.pipeline.models import allowed_moves, needs_reason
from shortlist.pipeline.selectors import Card

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


@cache
def _move_options(stage: str) -> SafeString:
    moves = allowed_moves(stage)
    return format_html_join(
        "",
        '<option value="{}">{}{}</option>',
        ((m.value, m.label, " (say why)" if needs_reason(stage, m) else "") for m in moves),
    )


@register.filter
def move_options(card: Card) -> SafeString:
    """A board card's Move menu. It depends on the stage alone, so it is built once per stage: a board
    of 60 cards drew ~400 options through the template loop, a third of the role page's time."""
    return _move_options(card.application.stage)
