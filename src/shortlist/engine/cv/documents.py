"""File to text: PDF, Word, plain text, Markdown, HTML and JSON Resume, and zip archives of them.

Every failure is a `DocumentError` whose reason is one human line ("encrypted PDF", "empty file");
the caller adds the file name. Limits bound what one file may cost:

- `max_bytes`: a larger file is refused before it is read.
- `max_pages`: only the first pages of a longer PDF are read, with a warning; a CV is never that
  long, so the rest is an appendix (publications, certificates) rather than the CV itself.
- `max_chars`: longer text is *truncated with a warning*, not refused: the start of a CV holds the
  contact details and the recent jobs, which is what matching needs, and a refusal would lose them.
- the container budget (`check_zip`) guards every zip-based format alike — a .zip of CVs and the
  zip inside a .docx: member count, total expanded bytes, each member's compression ratio and path
  length, all judged from the zip directory before anything is decompressed, then enforced while
  reading (`read_member`), so a member that lies about its size is caught at its declared size + 1.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

import ftfy

from shortlist.engine.cv import jsonresume

MB = 1024 * 1024

FORMATS: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
_HINTS = {
    ".doc": " (save it as .docx or PDF)",
    ".rtf": " (save it as .docx or PDF)",
    ".odt": " (save it as .docx)",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MIN_PDF_TEXT = 20  # fewer letters and digits than this over a whole PDF is page numbers, not a CV
# A PDF longer than this many times max_pages is refused outright rather than read in part.
MAX_PDF_PAGES_FACTOR = 20


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 20 * MB
    max_pages: int = 50
    max_chars: int = 200_000
    max_zip_members: int = 2_000
    max_zip_total_bytes: int = 500 * MB
    # Real CVs and Word parts compress at most ~35:1; deflate's ceiling is ~1030:1. Checked for every
    # member, however small: 480 members of 1 MB each are as costly as one of 480 MB.
    max_compression_ratio: float = 100.0
    max_member_path_chars: int = 255
    # What the parts of one .docx may expand to in total (its text, styles and images).
    max_document_expanded_bytes: int = 100 * MB


DEFAULT_LIMITS = Limits()


@dataclass(slots=True)
class Document:
    text: str
    format: str  # pdf | docx | txt | md | html | json
    pages: int | None = None  # PDF pages; None for formats without pages
    warnings: list[str] = field(default_factory=list)
    data: dict[str, Any] | None = None  # the parsed JSON Resume, for the structured import path


class DocumentError(Exception):
    """A file that cannot be read as a CV; `reason` is one line for the person who uploaded it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def document_format(name: str) -> str:
    """The format for a file name, or a DocumentError naming the unsupported extension."""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    if not suffix:
        raise DocumentError("unsupported file type (no extension)")
    raise DocumentError(f"unsupported file type {suffix}{_HINTS.get(suffix, '')}")


def _size(count: int) -> str:
    return f"{count / MB:.1f} MB"


def _too_large(size: int, limits: Limits) -> str:
    return f"file is {_size(size)}, larger than the {_size(limits.max_bytes)} limit"


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    document_format(path.name)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise DocumentError(_too_large(size, limits))
        data = path.read_bytes()
    except OSError as error:
        raise DocumentError(f"cannot read file ({error.strerror or error.__class__.__name__})") from error
    return read_bytes(path.name, data, limits)


def read_bytes(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Same as read_document, for an upload or a zip member: `name` only chooses the format."""
    kind = document_format(name)
    if len(data) > limits.max_bytes:
        raise DocumentError(_too_large(len(data), limits))
    if not data.strip():
        raise DocumentError("empty file")
    if kind == "pdf":
        return _read_pdf(data, limits)
    if kind == "docx":
        text = _read_docx(data, limits)
        return _finish(text, kind, None, [], limits)
    text, warnings = _decode(data)
    if kind == "html":
        return _finish(_html_to_text(text), kind, None, warnings, limits)
    if kind == "json":
        return _read_json(text, warnings, limits)
    return _finish(text, kind, None, warnings, limits)


# --- shared clean-up -----------------------------------------------------------------------------

_TRANSLATE = str.maketrans(
    {
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u200b": None,
        "\u200c": None,
        "\ufeff": None,
        "\x00": None,
        "\f": "\n",
        "\uf0b7": "•",  # Symbol-font bullet left behind by Word's PDF export
        "\uf0a7": "•",
        "\uf076": "•",
    }
)
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """Mojibake repaired, odd spaces and bullets normalised, at most one blank line in a row."""
    text = ftfy.fix_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_TRANSLATE)
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def _finish(
    text: str,
    kind: str,
    pages: int | None,
    warnings: list[str],
    limits: Limits,
    data: dict[str, Any] | None = None,
) -> Document:
    # Cut before cleaning: repairing 20 MB of text costs seconds, and only the first max_chars are
    # kept; twice that leaves room for what cleaning removes (blank runs, spaces, zero-widths).
    raw_cut = 2 * limits.max_chars
    cut = len(text) > raw_cut
    text = clean_text(text[:raw_cut])
    if not text:
        raise DocumentError("empty file")
    if cut or len(text) > limits.max_chars:
        text = text[: limits.max_chars]
        warnings.append(f"text truncated to the first {limits.max_chars:,} characters")
    return Document(text=text, format=kind, pages=pages, warnings=warnings, data=data)


# --- plain text ----------------------------------------------------------------------------------


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII text leaves every other byte zero."""
    sample = data[:200]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_zeros > 0.8 * half and even_zeros < 0.1 * half:
        return "utf-16-le"
    if even_zeros > 0.8 * half and odd_zeros < 0.1 * half:
        return "utf-16-be"
    return None


def _decode(data: bytes) -> tuple[str, list[str]]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), []
    utf16 = _looks_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise DocumentError("not a text file (binary content)")
    try:
        return data.decode("cp1252"), ["not UTF-8: read as Windows-1252"]
    except UnicodeDecodeError:
        return data.decode("latin-1"), ["not UTF-8: read as Latin-1"]


# --- PDF -----------------------------------------------------------------------------------------


def _read_pdf(data: bytes, limits: Limits) -> Document:
    from pypdf import PdfReader  # imported here: pypdf is the slowest import and only PDFs need it

    if b"%PDF-" not in data[:1024]:
        raise DocumentError("not a PDF (wrong extension?)")
    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypts_without_password(reader):
            raise DocumentError("encrypted PDF")
        _check_declared_pages(reader, limits)
        page_count = len(reader.pages)
        if page_count == 0:
            raise DocumentError("not a readable PDF (no pages)")
        pages = list(reader.pages)[: limits.max_pages]
        if page_count > limits.max_pages:
            warnings.append(f"only the first {limits.max_pages} of {page_count} pages were read")
        texts = [page.extract_text() or "" for page in pages]
        links = _pdf_links(pages)
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many types on damaged files; all mean the same here
        raise DocumentError("not a readable PDF") from error
    text = "\n\n".join(texts)
    if sum(character.isalnum() for character in text) < MIN_PDF_TEXT:
        raise DocumentError("no text layer (scanned PDF?)")
    # Links often live only in annotations ("GitHub" as the visible text); keep their targets.
    missing = [link for link in links if link not in text]
    if missing:
        text += "\n\n" + "\n".join(missing)
    return _finish(text, "pdf", page_count, warnings, limits)


def _check_declared_pages(reader: Any, limits: Limits) -> None:
    """Refuse from the page tree's declared count, before pypdf walks the whole tree (120,000 pages
    cost seconds); a CV is never this long, so the first pages would not be the CV anyway."""
    most = MAX_PDF_PAGES_FACTOR * limits.max_pages
    try:
        declared = int(reader.root_object["/Pages"].get_object().get("/Count", 0))
    except (KeyError, TypeError, ValueError, AttributeError):
        return  # no usable count: pypdf's own walk (bounded by it) decides
    if declared > most:
        raise DocumentError(f"PDF has {declared:,} pages (more than {most:,}: not a CV)")


def _decrypts_without_password(reader: Any) -> bool:
    """Owner-password-only PDFs (printing or copying restricted) open for everyone; read those."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # e.g. AES without the optional crypto dependency
        return False


def _pdf_links(pages: list[Any]) -> list[str]:
    links: list[str] = []
    for page in pages:
        try:
            annotations = page.get("/Annots") or []
            for reference in annotations:
                annotation = reference.get_object()
                action = annotation.get("/A")
                uri = action.get_object().get("/URI") if action is not None else None
                if isinstance(uri, str) and uri.startswith(("http", "mailto:")):
                    links.append(uri.removeprefix("mailto:"))
        except Exception:  # a broken annotation loses a link, never the document
            continue
    return list(dict.fromkeys(links))


# --- Word ----------------------------------------------------------------------------------------


def _read_docx(data: bytes, limits: Limits) -> str:
    if data.startswith(_OLE_MAGIC):
        raise DocumentError("legacy .doc or password-protected Word file (save it as .docx, no password)")
    if not data.startswith(b"PK"):
        raise DocumentError("not a DOCX file (wrong extension?)")
    _check_docx_container(data, limits)
    import docx  # imported here: only Word files need python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:
        raise DocumentError("not a readable DOCX file") from error
    try:
        lines: list[str] = []
        _render_header_footer(document, lines, "header")
        _render_blocks(document.iter_inner_content(), lines)
        _render_header_footer(document, lines, "footer")
    except Exception as error:
        raise DocumentError("not a readable DOCX file") from error
    return "\n".join(lines)


def _render_header_footer(document: Any, lines: list[str], which: str) -> None:
    """Page headers often hold the name and contact line; each distinct one once."""
    seen: set[str] = set()
    for section in document.sections:
        part = getattr(section, which)
        if part.is_linked_to_previous:
            continue
        rendered: list[str] = []
        _render_blocks(part.iter_inner_content(), rendered)
        for line in rendered:
            if line.strip() and line not in seen:
                seen.add(line)
                lines.append(line)


def _render_blocks(blocks: Any, lines: list[str]) -> None:
    from docx.table import Table

    for block in blocks:
        if isinstance(block, Table):
            _render_table(block, lines)
        else:
            _render_paragraph(block, lines)


def _render_paragraph(paragraph: Any, lines: list[str]) -> None:
    text = paragraph.text
    for hyperlink in paragraph.hyperlinks:
        address = (hyperlink.address or "").removeprefix("mailto:")
        if (address.startswith(("http", "www")) or "@" in address) and address not in text:
            text += f" ({address})"
    properties = paragraph._p.pPr
    listed = properties is not None and properties.numPr is not None
    style = paragraph.style.name if paragraph.style is not None else ""
    if text.strip() and (listed or "List" in style):
        text = "• " + text.lstrip()
    lines.append(text)
    # Text boxes are invisible to python-docx's paragraph text; Word stores each twice (the
    # drawing and its VML fallback), so repeats are dropped.
    seen: set[str] = set()
    for box_paragraph in paragraph._p.xpath(".//w:txbxContent//w:p"):
        box_text = "".join(node.text or "" for node in box_paragraph.xpath(".//w:t"))
        if box_text.strip() and box_text not in seen:
            seen.add(box_text)
            lines.append(box_text)


def _render_table(table: Any, lines: list[str]) -> None:
    """Short single-line rows read as "a | b"; layout tables (a heading cell beside a block of
    content) keep each cell's lines, so a heading in a cell is still a line of its own."""
    for row in table.rows:
        cells = []
        seen_cells: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen_cells:  # a merged cell repeats itself across the columns
                continue
            seen_cells.add(id(cell._tc))
            cell_lines: list[str] = []
            _render_blocks(cell.iter_inner_content(), cell_lines)
            cell_lines = [part for line in cell_lines for part in line.split("\n") if part.strip()]
            if cell_lines:
                cells.append(cell_lines)
        if not cells:
            continue
        if all(len(cell) == 1 and len(cell[0]) <= 60 for cell in cells) and len(cells) > 1:
            lines.append(" | ".join(cell[0].strip() for cell in cells))
        else:
            for cell in cells:
                lines.extend(cell)
        lines.append("")


# --- HTML ----------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "dt",
        "dd",
        "dl",
        "pre",
        "blockquote",
        "hr",
        "address",
        "figure",
        "figcaption",
        "form",
        "fieldset",
    ]
)
_SKIPPED_TAGS = frozenset({"script", "style", "head", "noscript", "template", "svg", "title"})
_CELL_TAGS = frozenset({"td", "th"})
_HTML_SPACE = re.compile(r"\s+")


class _HtmlText(HTMLParser):
    """Visible text with a line break at each block element; scripts and styles dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.preformatted = 0
        self.cells_in_row = 0
        self.link: tuple[str, int] | None = None
        self.line_started = False

    def _break(self) -> None:
        # Adjacent block boundaries ("</li><li>") make one line break, not empty lines.
        if self.line_started:
            self.parts.append("\n")
            self.line_started = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
            return
        if tag == "pre":
            self.preformatted += 1
        if tag in _BLOCK_TAGS:
            self._break()
        if tag == "tr":
            self.cells_in_row = 0
        if tag in _CELL_TAGS:
            if self.cells_in_row:
                self.parts.append(" | ")
            self.cells_in_row += 1
        if tag == "li":
            self.parts.append("• ")
            self.line_started = True
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = (href, len(self.parts))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag == "pre":
            self.preformatted = max(0, self.preformatted - 1)
        if tag in _BLOCK_TAGS:
            self._break()
        if tag == "a" and self.link:
            href, first = self.link
            shown = "".join(self.parts[first:])
            target = href.removeprefix("mailto:")
            if href.startswith(("http", "mailto:")) and target not in shown:
                self.parts.append(f" ({target})")
            self.link = None

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.preformatted:
            self.parts.append(data)
            self.line_started = not data.endswith("\n")
            return
        text = _HTML_SPACE.sub(" ", data)
        if not self.line_started:
            text = text.lstrip()
        if text:
            self.parts.append(text)
            self.line_started = True

    def text(self) -> str:
        lines = "".join(self.parts).split("\n")
        return "\n".join(line.strip() for line in lines)


def _html_to_text(markup: str) -> str:
    parser = _HtmlText()
    parser.feed(markup)
    parser.close()
    return parser.text()


# --- JSON Resume ---------------------------------------------------------------------------------


def _read_json(text: str, warnings: list[str], limits: Limits) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(f"invalid JSON (line {error.lineno}: {error.msg})") from error
    if not jsonresume.is_json_resume(data):
        raise DocumentError("not a JSON Resume document (no basics/work)")
    data = _composed(data)
    rendered = jsonresume.render(data).text
    return _finish(rendered, "json", None, warnings, limits, data=data)


def _composed(value: Any) -> Any:
    """Every string of a JSON document in composed form (NFC), as clean_text leaves every other
    format: a decomposed "é" (e + U+0301, as macOS writes names) is then the same word in the search
    index, in duplicate checks and on the page as the "é" a recruiter types."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_composed(item) for item in value]
    if isinstance(value, dict):
        return {_composed(key): _composed(item) for key, item in value.items()}
    return value


# --- zip archives --------------------------------------------------------------------------------

_IGNORED_MEMBERS = re.compile(
    r"(?:^|/)(?:__MACOSX/|\._|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE
)


def _unsafe_name(name: str) -> bool:
    """Absolute paths, drive letters and "..": we never extract, but such names mark a hostile archive."""
    normalised = name.replace("\\", "/")
    return (
        normalised.startswith("/")
        or bool(re.match(r"^[a-zA-Z]:", normalised))
        or ".." in normalised.split("/")
    )


def _check_docx_container(data: bytes, limits: Limits) -> None:
    """The zip inside a .docx under the same budget as a .zip upload, before python-docx opens it.

    python-docx reads whole parts into memory; every part is first decompressed here with a bounded
    read (and thrown away), so a part that expands past what its header declares never reaches it.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentError("not a readable DOCX file") from error
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        check_zip(members, limits, limits.max_document_expanded_bytes, "document")
        total = 0
        for info in members:
            if info.flag_bits & 0x1:
                raise DocumentError(f"encrypted part in document ({info.filename})")
            allowance = min(limits.max_bytes, limits.max_document_expanded_bytes - total)
            total += len(read_member(archive, info, allowance, "document", stream=True))


def check_zip(members: list[zipfile.ZipInfo], limits: Limits, total_limit: int, what: str) -> None:
    """Refuse a zip container from its directory alone, before any member is decompressed.

    `what` ("archive" or "document") names the container in the reason; each reason names the
    offending member and the limit it broke.
    """
    if len(members) > limits.max_zip_members:
        raise DocumentError(f"too many files in {what} ({len(members)}; limit {limits.max_zip_members})")
    declared = sum(info.file_size for info in members)
    if declared > total_limit:
        raise DocumentError(f"{what} expands to {_size(declared)} (limit {_size(total_limit)}): zip bomb?")
    for info in members:
        if _unsafe_name(info.filename):
            raise DocumentError(f"unsafe path in {what} ({info.filename})")
        ratio = info.file_size / max(1, info.compress_size)
        if ratio > limits.max_compression_ratio:
            raise DocumentError(
                f"suspicious compression ratio ({ratio:.0f}:1, limit {limits.max_compression_ratio:.0f}:1, "
                f"{_shorten(info.filename)}): zip bomb?"
            )


def read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, allowance: int, what: str, stream: bool = False
) -> bytes:
    """A member's bytes, decompressed no further than min(declared size, allowance) + 1 byte.

    A member that yields more than its header declared is refused: the ratio and total checks
    were made on that declaration. With `stream`, the bytes are counted in chunks and dropped (only
    the check is wanted), so a check costs no memory.
    """
    cap = min(info.file_size, allowance)
    name = _shorten(info.filename)
    try:
        with archive.open(info) as handle:
            if not stream:
                data = handle.read(cap + 1)
                size = len(data)
            else:
                data, size = b"", 0
                while size <= cap and (chunk := handle.read(min(1 * MB, cap + 1 - size))):
                    size += len(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zlib.error) as error:
        raise DocumentError(f"corrupt {what} member {name} ({error.__class__.__name__})") from error
    if size > cap:
        if cap < info.file_size:
            left = _size(allowance)
            raise DocumentError(f"{what} member {name} is larger than the {left} left in its budget")
        declared = f"{info.file_size:,} bytes"
        raise DocumentError(f"{what} member {name} expands past its declared {declared}: zip bomb?")
    return data


def _shorten(name: str, keep: int = 120) -> str:
    """A member name as quoted in a reason: a hostile 10,000-character path is not repeated whole."""
    return name if len(name) <= keep else f"{name[:keep]}…"


def iter_zip(
    source: Path | bytes, limits: Limits = DEFAULT_LIMITS
) -> Iterator[tuple[str, bytes | DocumentError]]:
    """Each CV-like member as (name, bytes), or (name, DocumentError) for a member that is refused.

    The whole archive is refused (DocumentError raised, before any member is yielded, so nothing
    from it is half-imported) when `check_zip` refuses its directory: not a zip, more than
    `max_zip_members` entries, more than `max_zip_total_bytes` declared, a path that climbs out
    ("../", "/etc", "C:") or any member compressed above `max_compression_ratio`. A member alone is
    refused for a nested archive (never followed), an unsupported type, a size above `max_bytes`, a
    path longer than `max_member_path_chars`, encryption, corruption, or expanding past its
    declared size (read with `read_member`).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DocumentError("not a zip archive") from error
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        check_zip(members, limits, limits.max_zip_total_bytes, "archive")
        total = 0
        for info in members:
            name = info.filename
            if _IGNORED_MEMBERS.search(name):
                continue
            refusal = _member_refusal(info, limits)
            if refusal:
                yield name, DocumentError(refusal)
                continue
            allowance = min(limits.max_bytes, limits.max_zip_total_bytes - total)
            try:
                data = read_member(archive, info, allowance, "archive")
            except DocumentError as error:
                yield name, error
                continue
            total += len(data)
            yield name, data


def _member_refusal(info: zipfile.ZipInfo, limits: Limits) -> str:
    name = info.filename
    if len(name) > limits.max_member_path_chars:
        return f"path in archive is {len(name):,} characters (limit {limits.max_member_path_chars})"
    if name.lower().endswith((".zip", ".jar", ".tar", ".gz", ".tgz", ".7z", ".rar")):
        return "nested archive not followed"
    try:
        document_format(name)
    except DocumentError as error:
        return error.reason
    if info.flag_bits & 0x1:
        return "encrypted archive member"
    if info.file_size > limits.max_bytes:
        return _too_large(info.file_size, limits)
    return ""
