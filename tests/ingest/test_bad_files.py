"""Every bad input fails with its own specific reason, as one line naming the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest import LoadError, load_file
from ingest.sniff import detect
from tests.ingest.conftest import FIXTURES

BAD = FIXTURES / "bad"


@pytest.mark.parametrize(("name", "reason"), [
    ("empty.txt", "empty file (0 bytes)"),
    ("encrypted.pdf", "encrypted, password required"),
    ("scanned.pdf", "scanned, no text layer"),
    ("truncated.pdf", "truncated or corrupt PDF"),
    ("binary.txt", "binary content, not text"),
    ("bomb.docx", "zip bomb suspected"),
    ("corrupt.docx", "corrupt DOCX"),
    ("corrupt.xlsx", "corrupt XLSX"),
    ("undecodable.txt", "undecodable text"),
])
def test_bad_file_reason(name: str, reason: str, chunker) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LoadError) as caught:
        load_file(BAD / name, FIXTURES, chunker=chunker)
    message = str(caught.value)
    assert reason in caught.value.reason and name in message and "\n" not in message


def test_oversized_file_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.pdf"
    with big.open("wb") as handle:
        handle.truncate(200 * 2**20)  # sparse: nothing is written
    with pytest.raises(LoadError, match=r"too large: 200\.0 MB exceeds the 50\.0 MB limit"):
        load_file(big, tmp_path)


def test_binary_csv_refused(tmp_path: Path) -> None:
    bad = tmp_path / "export.csv"
    bad.write_bytes(b"a,b,c\n\x00\x01\x02\x03" * 50)
    with pytest.raises(LoadError, match="binary content, not text"):
        load_file(bad, tmp_path)


def test_deeply_nested_html_does_not_crash(tmp_path: Path, chunker) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "deep.html"
    depth = 50_000
    nested = "<div>" * depth + "Deep text here." + "</div>" * depth
    page.write_text(f"<html><body>{nested}</body></html>")
    try:
        chunks = load_file(page, tmp_path, chunker=chunker)
    except LoadError as exc:
        assert "deep.html" in str(exc)
    else:
        assert any("Deep text here." in c.page_content for c in chunks)


@pytest.mark.parametrize(("source", "renamed", "fmt"), [
    ("guidance/2023-09-01-retention-policy.pdf", "report.txt", "pdf"),
    ("statements/library-statement.html", "report.pdf", "html"),
    ("guidance/records-procedure.docx", "report.bin.txt", "docx"),
    ("register/assets.xlsx", "export.csv", "xlsx"),
    ("statements/library-board-minutes.md", "notes.md", "markdown"),
])
def test_type_comes_from_content(tmp_path: Path, chunker, source: str, renamed: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / renamed
    shutil.copy(FIXTURES / source, target)
    assert detect(target.read_bytes(), renamed) == fmt
    assert load_file(target, tmp_path, chunker=chunker)


def test_text_named_pdf_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "fake.pdf"
    fake.write_text("just some words, not a PDF at all\n")
    with pytest.raises(LoadError, match="not a valid PDF: the content is text"):
        load_file(fake, tmp_path)


def test_unsupported_and_legacy_types(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    with pytest.raises(LoadError, match="unsupported file type .png"):
        load_file(tmp_path / "photo.png", tmp_path)
    with pytest.raises(LoadError, match=r"Word 97-2003 \(.doc\) is not supported"):
        load_file(tmp_path / "old.doc", tmp_path)
