"""A shortlist as the client receives it (issue 12): a clean PDF and a CSV of the candidates the
recruiter chose, in their order, each with the recruiter's own line.

Pure rendering over `ClientShortlist`; who may export, which candidates and what blind review takes
out is decided by `pipeline.selectors.shortlist_export`. Everything here came from a CV or a person's
keyboard, so it is written as plain text: the PDF draws characters, never markup, and a CSV cell that
a spreadsheet would read as a formula is neutralised (`csv_cell`).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.text import slugify
from fpdf import FPDF

from shortlist.compliance.serialize import UNICODE_FONTS

FORMATS = ("pdf", "csv")
CONTENT_TYPES = {"pdf": "application/pdf", "csv": "text/csv; charset=utf-8"}
ADVICE = (
    "Scores are advice: they order candidates by the evidence in their profiles against this role's "
    "weighted criteria. The recruiter chose and ordered this list."
)
BLIND_NOTE = (
    "Blind shortlist: candidates are labelled A, B, C; names, contact details, links, photos, dates "
    "of birth, graduation years and nationality are left out."
)


@dataclass(frozen=True, slots=True)
class ExportRow:
    position: int  # 1-based, the recruiter's order
    candidate_id: int
    label: str  # the name, or "Candidate A" when blind
    headline: str
    score: float  # 0-100
    band: str
    reasons: tuple[str, ...]
    gaps: tuple[str, ...]
    line: str  # the recruiter's own line


@dataclass(frozen=True, slots=True)
class ClientShortlist:
    role_title: str
    client_name: str
    blind: bool
    made_at: datetime
    rows: tuple[ExportRow, ...]

    def filename(self, fmt: str) -> str:
        """ "shortlist-senior-go-engineer-2026-12-07-blind.pdf": ASCII only, safe in any header."""
        slug = slugify(self.role_title)[:60].strip("-") or "role"
        day = timezone.localtime(self.made_at).date().isoformat()
        return f"shortlist-{slug}-{day}{'-blind' if self.blind else ''}.{fmt}"


@dataclass(frozen=True, slots=True)
class ExportFile:
    """What a page, the CLI or the API hands over as a download."""

    name: str
    content_type: str
    data: bytes
    shortlist: ClientShortlist


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...), +cmd|...),
# also after leading spaces; a tab or carriage return can start one too (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A text cell a spreadsheet shows as text: a leading apostrophe before a would-be formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.lstrip(" ").startswith(FORMULA_STARTS) else text


CSV_HEADER = ("position", "candidate", "score", "band", "headline", "reasons", "gaps", "recruiter_line")


def shortlist_csv(shortlist: ClientShortlist) -> bytes:
    """One row per candidate in the recruiter's order; reasons and gaps joined with " | "."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in shortlist.rows:
        writer.writerow(
            [
                row.position,
                csv_cell(row.label),
                f"{row.score:.0f}",
                csv_cell(row.band),
                csv_cell(row.headline),
                csv_cell(" | ".join(row.reasons)),
                csv_cell(" | ".join(row.gaps)),
                csv_cell(row.line),
            ]
        )
    return out.getvalue().encode("utf-8")


def shortlist_pdf(shortlist: ClientShortlist) -> bytes:
    """A4, one block per candidate: label or name, score and band, headline, reasons, gaps, the line."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_creator("Shortlist")
    pdf.set_title(f"Shortlist: {shortlist.role_title}")
    font = next((path for path in UNICODE_FONTS if path.is_file()), None)
    family = "Helvetica"
    if font is not None:
        pdf.add_font("Body", "", str(font))
        family = "Body"
    bullet = "•" if font is not None else "-"

    def text(value: object) -> str:
        shown = str(value)
        return shown if font is not None else shown.encode("latin-1", "replace").decode("latin-1")

    def write(line: str, size: float = 10, indent: int = 0, gap: float = 0) -> None:
        pdf.set_font(family, size=size)
        pdf.set_x(pdf.l_margin + indent * 5)
        # Plain text: multi_cell's markdown is off, so "**" or "<b>" in a CV is drawn as typed.
        pdf.multi_cell(0, size * 0.5, text(line), new_x="LMARGIN", new_y="NEXT")
        if gap:
            pdf.ln(gap)

    pdf.add_page()
    write(f"Shortlist: {shortlist.role_title}", size=16, gap=1)
    made = f"{timezone.localtime(shortlist.made_at):%d %B %Y}"
    count = len(shortlist.rows)
    write(f"For {shortlist.client_name} · {made} · {count} candidate{'' if count == 1 else 's'}", gap=2)
    if shortlist.blind:
        write(BLIND_NOTE, size=9, gap=2)
    for row in shortlist.rows:
        pdf.ln(2)
        band = f" ({row.band})" if row.band else ""
        write(f"{row.position}. {row.label} · {row.score:.0f}/100{band}", size=13, gap=0.5)
        if row.headline:
            write(row.headline, size=10, gap=0.5)
        if row.line:
            write(f"Recruiter's note: {row.line}", size=10, indent=1, gap=0.5)
        if row.reasons:
            write("Why:", size=10, indent=1)
            for reason in row.reasons:
                write(f"{bullet} {reason}", size=9, indent=2)
        if row.gaps:
            write("Gaps:", size=10, indent=1)
            for gap in row.gaps:
                write(f"{bullet} {gap}", size=9, indent=2)
    pdf.ln(4)
    write(ADVICE, size=8)
    return bytes(pdf.output())


RENDERERS = {"pdf": shortlist_pdf, "csv": shortlist_csv}
