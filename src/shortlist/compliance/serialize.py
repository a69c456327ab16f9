"""An access request as the person receives it: JSON (portable, Art. 20) and a readable PDF."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from fpdf import FPDF

from shortlist.compliance.selectors import AccessReport
from shortlist.textpdf import UNICODE_FONTS, Writer, add_body_font

__all__ = ["UNICODE_FONTS", "access_report_json", "access_report_pdf"]  # the export reads the font list here


def access_report_json(report: AccessReport) -> dict[str, Any]:
    return {
        "candidate_id": report.candidate_id,
        "generated_at": report.generated_at.isoformat(),
        "sections": {key: data for key, _, data in report.sections},
    }


def access_report_pdf(report: AccessReport) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    # The font parsed once per process, lines wrapped by the font's widths (shortlist/textpdf.py):
    # building this PDF was ≈ 125 ms of CPU, most of it add_font and multi_cell.
    writer = Writer(pdf, add_body_font(pdf))
    write = writer.write

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
