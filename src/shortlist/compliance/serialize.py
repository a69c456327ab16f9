"""An access request as the person receives it: JSON (portable, Art. 20) and a readable PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils import timezone
from fpdf import FPDF

from shortlist.compliance.selectors import AccessReport

# fpdf2's built-in fonts cover Latin-1 only; a CV's names and quotes need Unicode. DejaVu ships with
# most Linux systems; without it, characters outside Latin-1 are shown as "?" (the JSON keeps them).
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def access_report_json(report: AccessReport) -> dict[str, Any]:
    return {
        "candidate_id": report.candidate_id,
        "generated_at": report.generated_at.isoformat(),
        "sections": {key: data for key, _, data in report.sections},
    }


def access_report_pdf(report: AccessReport) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    font = next((path for path in UNICODE_FONTS if path.is_file()), None)
    family = "Helvetica"
    if font is not None:
        pdf.add_font("Body", "", str(font))
        family = "Body"

    def text(value: object) -> str:
        shown = str(value)
        return shown if font is not None else shown.encode("latin-1", "replace").decode("latin-1")

    def write(line: str, size: int = 10, indent: int = 0) -> None:
        pdf.set_font(family, size=size)
        pdf.set_x(pdf.l_margin + indent * 5)
        pdf.multi_cell(0, size * 0.5, text(line), new_x="LMARGIN", new_y="NEXT")

    def walk(data: Any, indent: int, label: str = "") -> None:
        prefix = f"{label}: " if label else ""
        if isinstance(data, dict):
            if label:
                write(label, indent=indent)
            for key, value in data.items():
                walk(value, indent + (1 if label else 0), str(key).replace("_", " "))
        elif isinstance(data, list):
            if not data:
                write(f"{prefix}none", indent=indent)
                return
            if label:
                write(label, indent=indent)
            for number, item in enumerate(data, start=1):
                walk(item, indent + 1, f"{number}")
        else:
            write(f"{prefix}{'—' if data is None or data == '' else data}", indent=indent)

    pdf.add_page()
    write(f"What we hold about {report.name or 'you'}", size=16)
    answered = f"{timezone.localtime(report.generated_at):%d %B %Y %H:%M %Z}"
    write(f"Access request answered {answered}; candidate #{report.candidate_id}.")
    pdf.ln(4)
    for _, title, data in report.sections:
        write(title, size=13)
        walk(data, 0)
        pdf.ln(3)
    return bytes(pdf.output())
