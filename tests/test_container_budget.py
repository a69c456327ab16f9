"""One budget for every zip container: a .zip of CVs and the zip inside a .docx are judged alike, from
the zip directory before anything is decompressed, and again while reading."""

from __future__ import annotations

import io
import random
import struct
import zipfile

import docx
import pytest

from shortlist.engine.cv.documents import MB, DocumentError, Limits, iter_zip, read_bytes


def _docx(extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    """A real Word file, with parts added or replaced (rewritten, since zipfile cannot edit in place)."""
    document = docx.Document()
    document.add_paragraph("Ada Lovelace, Backend Engineer, London. Python and Go since 2015.")
    source = io.BytesIO()
    document.save(source)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, (replace or {}).get(info.filename, old.read(info)))
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _prose(size: int) -> bytes:
    """Text that compresses like a real CV (about 3:1), so only the size lie can give it away."""
    words = [b"python", b"golang", b"kafka", b"latency", b"engineer", b"london", b"2019"]
    rng = random.Random(7)
    out = bytearray()
    while len(out) < size:
        out += rng.choice(words) + b" "
    return bytes(out[:size])


def _declare_smaller(archive: bytes, name: str, declared: int) -> bytes:
    """Rewrite a member's declared (uncompressed) size in both headers: a member that lies."""
    data = bytearray(archive)
    encoded = name.encode()
    for signature, size_offset, name_offset in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = 0
        while (at := data.find(signature, at)) != -1:
            if data[at + name_offset : at + name_offset + len(encoded)] == encoded:
                struct.pack_into("<I", data, at + size_offset, declared)
            at += 4
    return bytes(data)


def test_a_docx_whose_text_part_is_a_bomb_is_refused_naming_the_part_and_the_limit() -> None:
    bomb = _docx(replace={"word/document.xml": b"<w:document>" + b" " * (30 * MB) + b"</w:document>"})
    assert len(bomb) < 1 * MB
    with pytest.raises(DocumentError) as caught:
        read_bytes("cv.docx", bomb)
    assert "word/document.xml" in caught.value.reason
    assert "limit 100:1" in caught.value.reason and "zip bomb" in caught.value.reason


def test_every_member_counts_for_the_ratio_however_small() -> None:
    # 40 members just under 1 MB each, as compressible as a page of spaces: no member is "large".
    archive = _zip({f"cv-{n}.txt": b" " * (MB - 1) for n in range(40)})
    with pytest.raises(DocumentError) as caught:
        next(iter_zip(archive))
    assert caught.value.reason.startswith("suspicious compression ratio")
    assert "cv-0.txt" in caught.value.reason


def test_a_docx_has_a_total_budget_and_a_part_count() -> None:
    parts = {f"word/media/part{n}.bin": _prose(40_000) for n in range(5)}
    with pytest.raises(DocumentError) as caught:
        read_bytes("cv.docx", _docx(extra=parts), Limits(max_document_expanded_bytes=150_000))
    assert caught.value.reason.startswith("document expands to")
    with pytest.raises(DocumentError) as caught:
        read_bytes("cv.docx", _docx(extra=parts), Limits(max_zip_members=10))
    assert caught.value.reason.startswith("too many files in document")


def test_a_member_that_expands_past_its_declared_size_is_caught_while_reading() -> None:
    honest = _zip({"cv.txt": _prose(200_000), "ok.txt": b"Grace Hopper, engineer"})
    lying = _declare_smaller(honest, "cv.txt", 1000)
    entries = dict(iter_zip(lying))
    assert isinstance(entries["cv.txt"], DocumentError)
    assert "cv.txt" in entries["cv.txt"].reason
    assert entries["ok.txt"] == b"Grace Hopper, engineer"


def test_a_docx_part_that_lies_about_its_size_never_reaches_the_word_reader() -> None:
    honest = _docx(extra={"word/media/notes.bin": _prose(200_000)})
    with pytest.raises(DocumentError) as caught:
        read_bytes("cv.docx", _declare_smaller(honest, "word/media/notes.bin", 1000))
    assert "word/media/notes.bin" in caught.value.reason


def test_a_long_member_path_fails_that_member_alone() -> None:
    long_name = "deep/" * 120 + "cv.txt"
    entries = dict(iter_zip(_zip({long_name: b"Jane Doe, engineer", "ok.txt": b"Omar Haddad"})))
    assert isinstance(entries[long_name], DocumentError)
    assert entries[long_name].reason == f"path in archive is {len(long_name):,} characters (limit 255)"
    assert entries["ok.txt"] == b"Omar Haddad"


def test_an_ordinary_docx_still_reads() -> None:
    assert "Ada Lovelace" in read_bytes("cv.docx", _docx()).text
