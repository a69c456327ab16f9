"""Presentation helpers for the workspace templates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from html import escape as _e
from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context
from django.template.defaultfilters import capfirst
from django.urls import reverse
from django.utils import dateformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime

from shortlist.candidates.models import CandidateSkill
from shortlist.candidates.serialize import skill_name as _skill_name
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.cv.contact import web_link
from shortlist.engine.cv.redact import redact as _redact
from shortlist.pipeline.models import allowed_moves, needs_reason
from shortlist.pipeline.selectors import Card

register = template.Library()


@register.filter
def skill_name(skill_id: str) -> str:
    """ "kafka" → "Kafka", "rest-api-design" → "REST API design"."""
    return _skill_name(skill_id)


def _fixed(value: float | None, places: int) -> str:
    """A number as `floatformat:<places>` prints it (halves round up, "4.0" for 4), without its
    localisation machinery (~90 µs a call here, measured by benchmarks/page_cost.py's pages)."""
    if value is None:
        return ""
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    return f"{rounded + 0:f}"  # + 0: a negative zero prints without its sign, as floatformat's does


@register.filter
def skill_table(skills: Iterable[CandidateSkill]) -> list[tuple[CandidateSkill, str, str]]:
    """A profile's skills with each display name and its years to one place (`floatformat:1`): the
    taxonomy is looked up once for the table rather than once a row (each lookup checks whether the
    user's skills file changed)."""
    taxonomy = workspace_taxonomy()
    return [(s, _skill_name(s.skill, taxonomy), _fixed(s.years, 1)) for s in skills]


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


def _when(value: datetime, fmt: str) -> str:
    """As the `date` filter prints it: in the current time zone."""
    return dateformat.format(template_localtime(value), fmt)


REJECT_BUTTON = mark_safe(
    ' <button type="submit" name="stage" value="rejected" class="secondary">Reject</button>'
)


@register.simple_tag(takes_context=True)
def board_card(context: Context, card: Card) -> SafeString:
    """One card of a pipeline board. Written here rather than as an included template: a board draws
    every application of the role (60 in the benchmark) and the template's ~40 lookups a card were a
    third of the role page's time and half of a stage move's (the htmx reply is the board)."""
    a = card.application
    pk = str(a.pk)
    root = context.get("root", "/")
    name = a.candidate.name
    parts = [
        format_html(
            '\n<li class="pipeline-card" id="card-{}" tabindex="0" draggable="true" data-application="{}" '
            'data-stage="{}" data-moves="{}" data-reason="{}" aria-describedby="board-help">\n'
            '  <a class="name" href="{}candidates/{}/">{}</a>\n'
            '  <span class="in-stage">{} in {}</span>\n  ',
            pk, pk, a.stage, card.moves_attr, card.reason_attr,
            root, a.candidate_id, name, card.in_stage, a.stage,
        )
    ]  # fmt: skip
    if card.last_reason:
        parts.append(format_html('<q class="reason">{}</q>', card.last_reason))
    parts.append("\n  ")
    for n in card.notes[:2]:
        feedback = n.kind == "client_feedback"
        who = "Client feedback" if feedback else ((n.author.username if n.author else "") or "—")
        parts.append(
            format_html(
                '<p class="card-note{}"><span class="who">{}{}:</span> {}</p>',
                " feedback" if feedback else "", who, " · shared" if n.visibility == "shared" else "", n.body,
            )
        )  # fmt: skip
    parts.append("\n  ")
    for f in a.client_feedback:
        parts.append(
            format_html(
                '<p class="client-feedback"><strong>Client feedback</strong> ({}, {}): {}{}</p>',
                f.changed_by.get_username(), _when(f.changed_at, "j M Y H:i"), f.get_to_stage_display(),
                format_html(" — {}", f.note) if f.note else "",
            )
        )  # fmt: skip
    parts.append("\n  ")
    csrf = context.get("csrf_token", "")
    if a.stage in context.get("client_stages", ()):
        if a.revealed_at:
            parts.append(
                format_html(
                    '<p class="hint">Name shown to the client {}</p>\n  ', _when(a.revealed_at, "j M Y")
                )
            )
        else:
            parts.append(
                format_html(
                    '<form method="post" action="{}applications/{}/reveal/"><input type="hidden" '
                    'name="csrfmiddlewaretoken" value="{}"><button type="submit" class="secondary">Show name '
                    "to client</button></form>",
                    root, pk, csrf,
                )
            )  # fmt: skip
    parts.append("\n  ")
    mine = context.get("error_for") == a.pk
    if mine and context.get("error"):
        parts.append(format_html('<p class="error" role="alert">{}</p>', context.get("error")))
    parts.append("\n  ")
    if card.moves:
        following = card.next_stage
        parts.append(
            format_html(
                '\n  <form class="move" method="post" action="{root}applications/{pk}/move/" '
                'hx-post="{root}applications/{pk}/move/" hx-target="#board" hx-swap="outerHTML">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">\n'
                '    <label class="visually-hidden" for="to-{pk}">Move {name} to</label>\n'
                '    <select name="to" id="to-{pk}">{options}</select>\n'
                '    <label class="visually-hidden" for="why-{pk}">'
                "Why (needed to reject or step back)</label>\n"
                '    <textarea name="note" id="why-{pk}" rows="1" placeholder="Note / why">'
                "{typed}</textarea>\n"
                '    <span class="card-buttons"><button type="submit">Move</button>{forward}{reject}</span>\n'
                "  </form>\n  ",
                root=root, pk=pk, csrf=csrf, name=name, options=_move_options(a.stage),
                typed=context.get("typed", "") if mine else "",
                forward=format_html(
                    ' <button type="submit" name="stage" value="{}" class="secondary">→ {}</button>',
                    following.value, following.label,
                ) if following else "",
                reject=REJECT_BUTTON if card.can_reject else "",
            )
        )  # fmt: skip
    parts.append("\n</li>\n\n")
    return mark_safe("".join(parts))  # every part above is escaped by format_html


@register.simple_tag(takes_context=True)
def shortlist_row(context: Context, item: dict[str, Any]) -> SafeString:
    """One ranked row of a role's shortlist, from an item the view built (row, hidden, label, names,
    band_meaning, url). Written here rather than as the template's loop body, as board_card is: a page
    draws up to 100 rows, and the template's ~45 lookups, two loops and a dozen conditions a row were
    most of a cached shortlist page's time. Plain f-strings with `_e` (html.escape, which is what `{{ }}`
    does to a str) rather than format_html, which cost ~30 µs a call here (benchmarks/page_cost.py).
    Every value from the row, the request or the database goes through `_e`."""
    row = item["row"]
    m, c, hidden = row.match, row.candidate, item["hidden"]
    names = item["names"]
    # Under blind review each text of the row is redacted as the `blind` filter does.
    shown: Callable[[str], str] = (lambda text: _redact(text or "", names)) if hidden else str
    pk = str(int(m.candidate_id))
    here = _e(context.get("here", ""))
    token = _e(str(context.get("csrf_token", "")))
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    name, headline = (c.name, c.headline) if c is not None else ("", "")
    meta = _e(shown(headline)) + (f" · {_e(c.location)}" if c is not None and c.location else "")
    out = [
        f'\n  <li class="result{" blind" if hidden else ""}" id="candidate-{pk}">\n'
        '    <div class="result-head">\n      '
    ]
    if not row.in_pipeline:
        who = _e(item["label"] if hidden else (name or "this candidate"))
        out.append(
            f'<input type="checkbox" name="candidate" value="{pk}" form="bulk-add" id="pick-{pk}" '
            f'aria-label="Add {who} to the pipeline">'
        )
    out.append(f'\n      <span class="score" title="Score out of 100">{_fixed(m.score, 0)}</span>\n      ')
    if m.band:
        band = _e(m.band)
        out.append(
            f'<span class="band band-{band}" title="{_e(capfirst(m.band))}: {_e(item["band_meaning"])}">'
            f"{band}</span>"
        )
    url = _e(item["url"])
    if hidden:
        reveal = _e(reverse("web:reveal", args=[m.candidate_id]))
        out.append(
            f'\n      <a class="name" href="{url}">{_e(item["label"])}</a>\n'
            f'      <span class="meta">{meta}</span>'
            f'\n      <form method="post" action="{reveal}" class="inline">{csrf}\n'
            f'        <input type="hidden" name="role" value="{_e(str(context["role"].pk))}">\n'
            f'        <input type="hidden" name="next" value="{here}#candidate-{pk}">\n'
            '        <button type="submit" class="reveal">Reveal</button>\n      </form>\n      '
        )
    else:
        out.append(
            f'\n      <a class="name" href="{url}">{_e(name or "(no name found)")}</a>\n'
            f'      <span class="meta">{meta}</span>\n      '
        )
    if row.in_pipeline:
        out.append('\n      <span class="status open">In pipeline</span>')
    else:
        out.append(
            f'\n      <form method="post" action="{_e(context.get("add_url", ""))}" class="inline">{csrf}\n'
            f'        <input type="hidden" name="candidate" value="{pk}">\n'
            f'        <input type="hidden" name="next" value="{here}">\n'
            '        <button type="submit">Add to pipeline</button>\n      </form>'
        )
    reasons = "".join(f"<li>{_e(shown(r))}</li>" for r in m.reasons)
    out.append(
        f'\n    </div>\n    <p class="summary-line">{_e(shown(m.summary))}</p>\n'
        f'    <ul class="reasons">{reasons}</ul>\n    '
    )
    if m.gaps:
        out.append(f'<ul class="gaps">{"".join(f"<li>{_e(shown(g))}</li>" for g in m.gaps)}</ul>')
    if m.counterfactual:
        out.append(f'\n    <p class="hint">{_e(shown(m.counterfactual))}</p>')
    out.append("\n  </li>\n")
    return mark_safe("".join(out))
