"""Plain-text PDFs with fpdf2, made cheap enough to build on each download.

Two costs dominated an access-request PDF (issue 12: ≈ 0.5 s of CPU under load, 125 ms on a quiet
core): parsing DejaVu Sans on every `add_font` (≈ 27 ms), and `multi_cell`, whose line breaker
measures the growing line again at every character (≈ 0.35 ms per short line, hundreds of lines).
Here the font is parsed once per process, each document gets its own copy of the per-document parts,
and lines are wrapped with the font's own advance widths and drawn with `cell`, which measures once.
"""

from __future__ import annotations

import copy
import io
import threading
from functools import cache
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

# fpdf2's built-in fonts cover Latin-1 only; a CV's names and quotes need Unicode. DejaVu ships with
# most Linux systems; without it, characters outside Latin-1 are shown as "?" (the JSON keeps them).
UNICODE_FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)
FAMILY = "Body"
_lock = threading.Lock()


def unicode_font() -> Path | None:
    return next((path for path in UNICODE_FONTS if path.is_file()), None)


@cache
def _parsed(path: Path) -> tuple[TTFFont, bytes]:
    """The font as fpdf2 reads it (metrics, character map, glyph ids) and the file's bytes."""
    scratch = FPDF()
    scratch.add_font(FAMILY, "", str(path))
    return scratch.fonts[FAMILY.lower()], path.read_bytes()


def add_body_font(pdf: FPDF) -> str:
    """Give `pdf` the Unicode body font and return the family to `set_font` with ("Helvetica" when
    no Unicode font is installed). Call before any other font is used."""
    path = unicode_font()
    if path is None:
        return "Helvetica"
    try:
        with _lock:  # two first downloads at once parse the file once
            parsed, raw = _parsed(path)
        font = copy.copy(parsed)  # metrics and maps are read-only and shared
        # What a document changes is its own: writing the PDF subsets the fontTools font in place (so
        # each document reads its own from the cached bytes, lazily), and the subset map and missing
        # glyphs record what this document drew; writing also numbers and fills in the font descriptor.
        font.ttfont = ttLib.TTFont(io.BytesIO(raw), recalcTimestamp=False, lazy=True)
        font.i = len(pdf.fonts) + 1
        font.subset = SubsetMap(font)
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font.desc = copy.copy(parsed.desc)
    except (AttributeError, TypeError):  # pragma: no cover - an fpdf2 whose font object differs (2.8.9 here)
        pdf.add_font(FAMILY, "", str(path))  # slower, still right
    else:
        pdf.fonts[FAMILY.lower()] = font
    return FAMILY


class Writer:
    """Paragraphs of plain text, wrapped at the right margin; no markup is interpreted."""

    def __init__(self, pdf: FPDF, family: str) -> None:
        self.pdf = pdf
        self.family = family
        self.unicode = family != "Helvetica"
        self._widths: dict[tuple[float, str], float] = {}

    def text(self, value: object) -> str:
        shown = str(value)
        return shown if self.unicode else shown.encode("latin-1", "replace").decode("latin-1")

    def _width(self, size: float, chars: str) -> float:
        widths = self._widths
        total = 0.0
        for ch in chars:
            w = widths.get((size, ch))
            if w is None:
                w = widths[(size, ch)] = self.pdf.get_string_width(ch)
            total += w
        return total

    def lines(self, line: str, size: float, room: float) -> list[str]:
        """`line` broken at spaces (a word longer than the room at characters) so that each piece
        fits in `room`; a newline in the text starts a new line."""
        out: list[str] = []
        for paragraph in line.split("\n"):
            if self._width(size, paragraph) <= room:
                out.append(paragraph)
                continue
            current, used = "", 0.0
            space = self._width(size, " ")
            for word in paragraph.split(" "):
                w = self._width(size, word)
                if current and used + space + w <= room:
                    current, used = f"{current} {word}", used + space + w
                    continue
                if current:
                    out.append(current)
                current, used = "", 0.0
                while w > room and len(word) > 1:  # a URL or a long token: cut where it fills the line
                    cut, filled = 0, 0.0
                    while cut < len(word) - 1 and filled + self._width(size, word[cut]) <= room:
                        filled += self._width(size, word[cut])
                        cut += 1
                    cut = max(cut, 1)
                    out.append(word[:cut])
                    word = word[cut:]
                    w = self._width(size, word)
                current, used = word, w
            out.append(current)
        return out

    def write(self, line: object, size: float = 10, indent: int = 0) -> None:
        pdf = self.pdf
        pdf.set_font(self.family, size=size)
        x = pdf.l_margin + indent * 5
        room = pdf.w - pdf.r_margin - x - 2 * pdf.c_margin
        for piece in self.lines(self.text(line), size, room):
            pdf.set_x(x)
            pdf.cell(0, size * 0.5, piece, new_x="LMARGIN", new_y="NEXT")
