import io
import json
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from shortlist.engine.cv.documents import DocumentError, Limits, iter_zip, read_bytes, read_document
from tests.fixtures.bad_files import write_bad_corpus

CV_LINES = ["Jane Doe", "jane@example.com", "EXPERIENCE", "Senior Engineer — PayStream", "Mar 2020 – Present"]


def make_pdf(path: Path, pages: list[list[str]], link: str = "") -> Path:
    drawing = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        y = 800
        for line in lines:
            drawing.drawString(72, y, line)
            y -= 16
        if link:
            drawing.linkURL(link, (72, 700, 200, 720))
        drawing.showPage()
    drawing.save()
    return path


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Jane Doe | jane@example.com"
    document.add_paragraph("Backend engineer.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Experience"
    table.cell(0, 1).text = "Senior Engineer — PayStream\nMar 2020 – Present"
    table.cell(1, 0).text = "Go"
    table.cell(1, 1).text = "5 years"
    document.add_paragraph("Built a Go gateway.", style="List Bullet")
    document.add_paragraph("EDUCATION")
    document.save(str(path))
    return path


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def reason(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path, limits or Limits())
    assert "\n" not in caught.value.reason
    return caught.value.reason


# --- formats that read ----------------------------------------------------------------------------


def test_pdf_text_per_page_and_link_targets(tmp_path):
    path = make_pdf(
        tmp_path / "cv.pdf", [CV_LINES, ["Page two: Go, Kafka"]], link="https://github.com/janedoe"
    )
    document = read_document(path)
    assert document.format == "pdf"
    assert document.pages == 2
    for line in [*CV_LINES, "Page two: Go, Kafka", "https://github.com/janedoe"]:
        assert line in document.text
    assert document.text.index("Jane Doe") < document.text.index("Page two")


def test_pdf_with_an_owner_password_only_is_read(tmp_path):
    source = make_pdf(tmp_path / "plain.pdf", [CV_LINES])
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    writer.write(path)
    assert "Jane Doe" in read_document(path).text


def test_pdf_past_max_pages_reads_the_first_pages_with_a_warning(tmp_path):
    path = make_pdf(tmp_path / "long.pdf", [[f"Page {n} text for the CV"] for n in range(1, 6)])
    document = read_document(path, Limits(max_pages=2))
    assert document.pages == 5
    assert "Page 2 text" in document.text and "Page 3 text" not in document.text
    assert document.warnings == ["only the first 2 of 5 pages were read"]


def test_docx_paragraphs_tables_and_header_in_order(tmp_path):
    document = read_document(make_docx(tmp_path / "cv.docx"))
    assert document.format == "docx"
    assert document.pages is None
    lines = document.text.splitlines()
    assert lines[0] == "Jane Doe | jane@example.com"
    order = [
        "Backend engineer.",
        "Experience",
        "Senior Engineer — PayStream",
        "Mar 2020 – Present",
        "Go | 5 years",
    ]
    positions = [lines.index(line) for line in order]
    assert positions == sorted(positions)
    assert "• Built a Go gateway." in lines
    assert lines.index("• Built a Go gateway.") < lines.index("EDUCATION")


@pytest.mark.parametrize(
    ("data", "warnings"),
    [
        ("Zoë Kowalska — Kraków\nGo engineer".encode(), []),
        ("Zoë Kowalska — Kraków\nGo engineer".encode("utf-8-sig"), []),
        ("Zoë Kowalska — Kraków\nGo engineer".encode("utf-16"), []),
        ("Zoë Kowalska — Kraków\nGo engineer".encode("utf-16-le"), []),
        ("Zoë Kowalska — Krakow\nGo engineer".encode("cp1252"), ["not UTF-8: read as Windows-1252"]),
    ],
)
def test_text_encodings(tmp_path, data, warnings):
    document = read_document(write(tmp_path, "cv.txt", data))
    assert document.text.startswith("Zoë Kowalska — Krak")
    assert document.warnings == warnings


def test_mojibake_is_repaired_and_line_endings_normalised(tmp_path):
    document = read_document(
        write(tmp_path, "cv.md", "# JosÃ© GarcÃ­a\r\n\r\n\r\n\r\nâ€¢ Built a cafÃ© app\r\n")
    )
    assert document.format == "md"
    assert document.text == "# José García\n\n• Built a café app"


def test_html_blocks_become_lines_scripts_and_styles_dropped(tmp_path):
    markup = """<!doctype html><html><head><title>CV</title><style>p{color:red}</style></head>
    <body><h1>Jane&nbsp;Doe</h1><script>var go = 1;</script>
    <p>Backend   engineer <a href="https://github.com/janedoe">GitHub</a></p>
    <ul><li>Built a Go gateway</li><li>Ran Kafka</li></ul>
    <table><tr><td>Go</td><td>5 years</td></tr></table></body></html>"""
    document = read_document(write(tmp_path, "cv.html", markup))
    assert document.text.splitlines() == [
        "Jane Doe",
        "Backend engineer GitHub (https://github.com/janedoe)",
        "• Built a Go gateway",
        "• Ran Kafka",
        "Go | 5 years",
    ]


def test_json_resume_gives_text_and_data(tmp_path):
    resume = {
        "basics": {"name": "Jane Doe", "email": "jane@example.com"},
        "work": [
            {"name": "PayStream", "position": "Senior Engineer", "startDate": "2020-03", "highlights": ["Go"]}
        ],
    }
    document = read_document(write(tmp_path, "cv.json", json.dumps(resume)))
    assert document.format == "json"
    assert document.data == resume
    assert "Senior Engineer — PayStream\nMar 2020 – Present\n• Go" in document.text


def test_long_text_is_truncated_with_a_warning(tmp_path):
    document = read_document(write(tmp_path, "cv.txt", "word " * 1000), Limits(max_chars=100))
    assert len(document.text) == 100
    assert document.warnings == ["text truncated to the first 100 characters"]


def test_read_bytes_matches_read_document(tmp_path):
    path = make_docx(tmp_path / "cv.docx")
    assert read_bytes("upload.docx", path.read_bytes()).text == read_document(path).text


# --- files that do not read: each gives its one-line reason ----------------------------------------


def encrypted_pdf(tmp_path: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(make_pdf(tmp_path / "plain.pdf", [CV_LINES])))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    return path


def scanned_pdf(tmp_path: Path) -> Path:
    drawing = canvas.Canvas(str(tmp_path / "scan.pdf"), pagesize=A4)
    drawing.rect(72, 72, 400, 600, fill=1)
    drawing.showPage()
    drawing.save()
    return tmp_path / "scan.pdf"


BAD_FILES = [
    (encrypted_pdf, "encrypted PDF"),
    (scanned_pdf, "no text layer (scanned PDF?)"),
    (lambda t: write(t, "broken.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4), "not a readable PDF"),
    (lambda t: write(t, "photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "not a PDF (wrong extension?)"),
    (lambda t: write(t, "empty.txt", b""), "empty file"),
    (lambda t: write(t, "blank.md", b"  \n\t \r\n"), "empty file"),
    (lambda t: write(t, "blank.pdf", b"   "), "empty file"),
    (lambda t: write(t, "cv.xyz", b"hello"), "unsupported file type .xyz"),
    (lambda t: write(t, "cv", b"hello"), "unsupported file type (no extension)"),
    (
        lambda t: write(t, "cv.doc", b"\xd0\xcf\x11\xe0"),
        "unsupported file type .doc (save it as .docx or PDF)",
    ),
    (
        lambda t: write(t, "locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
        "legacy .doc or password-protected Word file (save it as .docx, no password)",
    ),
    (lambda t: write(t, "notes.docx", b"plain text, not a zip"), "not a DOCX file (wrong extension?)"),
    (lambda t: write(t, "broken.docx", b"PK\x03\x04 broken zip"), "not a readable DOCX file"),
    (
        lambda t: write(t, "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        "not a text file (binary content)",
    ),
    (
        lambda t: write(t, "data.json", '{"name": "x", "items": []}'),
        "not a JSON Resume document (no basics/work)",
    ),
    (lambda t: write(t, "bad.json", '{"basics": '), "invalid JSON (line 1: Expecting value)"),
    (lambda t: write(t, "list.json", "[1, 2]"), "not a JSON Resume document (no basics/work)"),
    (lambda t: write(t, "empty.html", "<html><script>x()</script></html>"), "empty file"),
    (lambda t: t / "missing.txt", "cannot read file (No such file or directory)"),
]


@pytest.mark.parametrize(("make", "expected"), BAD_FILES)
def test_bad_file_gives_one_line_reason(tmp_path, make, expected):
    assert reason(make(tmp_path)) == expected


def test_too_large_is_refused_before_reading(tmp_path):
    path = write(tmp_path, "big.txt", b"x" * 2048)
    assert reason(path, Limits(max_bytes=1024)) == "file is 0.0 MB, larger than the 0.0 MB limit"
    with pytest.raises(DocumentError, match="larger than"):
        read_bytes("big.txt", b"x" * 2048, Limits(max_bytes=1024))


# --- zip archives -------------------------------------------------------------------------------


def make_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def outcome(entries):
    return {
        name: (payload.reason if isinstance(payload, DocumentError) else payload) for name, payload in entries
    }


def test_zip_members_and_per_member_refusals(tmp_path):
    archive = make_zip(
        {
            "cvs/jane.txt": b"Jane Doe",
            "cvs/omar.md": b"Omar Haddad",
            "inner.zip": make_zip({"a.txt": b"a"}),
            "photo.png": b"\x89PNG",
            "__MACOSX/cvs/._jane.txt": b"junk",
            ".DS_Store": b"junk",
        }
    )
    path = write(tmp_path, "cvs.zip", archive)
    assert outcome(iter_zip(path)) == {
        "cvs/jane.txt": b"Jane Doe",
        "cvs/omar.md": b"Omar Haddad",
        "inner.zip": "nested archive not followed",
        "photo.png": "unsupported file type .png",
    }


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ({"../../etc/passwd.txt": b"root"}, "unsafe path in archive (../../etc/passwd.txt)"),
        ({"/abs/cv.txt": b"x"}, "unsafe path in archive (/abs/cv.txt)"),
        ({"C:/cv.txt": b"x"}, "unsafe path in archive (C:/cv.txt)"),
        ({"bomb.txt": b"\x00" * (3 * 1024 * 1024)}, "zip bomb?"),
    ],
)
def test_a_hostile_member_refuses_the_whole_archive_before_anything_is_read(hostile, expected):
    archive = make_zip({"cvs/jane.txt": b"Jane Doe", **hostile})
    entries = iter_zip(archive)
    with pytest.raises(DocumentError) as caught:
        next(entries)
    assert caught.value.reason.endswith(expected)


def test_zip_member_over_the_size_limit():
    archive = make_zip({"big.txt": b"y" * 5000, "ok.txt": b"fine"}, zipfile.ZIP_STORED)
    result = outcome(iter_zip(archive, Limits(max_bytes=4096)))
    assert result == {"big.txt": "file is 0.0 MB, larger than the 0.0 MB limit", "ok.txt": b"fine"}


def test_zip_encrypted_member_is_refused():
    archive = bytearray(make_zip({"secret.txt": b"not really encrypted"}))
    # zipfile cannot write encrypted members: set the "encrypted" flag in both headers by hand.
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = archive.index(signature) + flag_offset
        archive[at] |= 0x1
    assert outcome(iter_zip(bytes(archive))) == {"secret.txt": "encrypted archive member"}


@pytest.mark.parametrize(
    ("archive", "limits", "expected"),
    [
        (b"not a zip at all", Limits(), "not a zip archive"),
        (
            make_zip({f"{n}.txt": b"x" for n in range(5)}),
            Limits(max_zip_members=3),
            "too many files in archive (5; limit 3)",
        ),
        (
            make_zip({"a.txt": b"a" * 4000, "b.txt": b"b" * 4000}),
            Limits(max_zip_total_bytes=6000),
            "archive expands to 0.0 MB (limit 0.0 MB): zip bomb?",
        ),
    ],
)
def test_whole_archive_refusals(archive, limits, expected):
    with pytest.raises(DocumentError) as caught:
        list(iter_zip(archive, limits))
    assert caught.value.reason == expected


def test_the_shared_bad_file_corpus_gets_its_reasons(tmp_path):
    expected = write_bad_corpus(tmp_path)
    for name, phrase in expected.items():
        path = tmp_path / name
        if path.suffix == ".zip":
            try:
                reasons = [p.reason for _, p in iter_zip(path) if isinstance(p, DocumentError)]
            except DocumentError as error:
                reasons = [error.reason]
        else:
            reasons = [reason(path)]
        assert reasons and all(phrase.lower() in r.lower() for r in reasons), (name, reasons)
