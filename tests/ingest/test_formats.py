"""Each format loads with the right locators, metadata and visible text only."""

from __future__ import annotations

import json

import pytest

from ingest import read_tables
from tests.ingest.conftest import FIXTURES, GOOD

PHRASE = "Footage from the Record Office cameras is kept for 31 days"
REQUIRED = {"source", "title", "kind", "locator", "chunk"}


def test_pdf_phrase_on_page_two(load) -> None:  # type: ignore[no-untyped-def]
    chunks = load("guidance/2023-09-01-retention-policy.pdf")
    hit = [c for c in chunks if PHRASE in c.page_content]
    assert [(c.metadata["page"], c.metadata["locator"]) for c in hit] == [(2, "page 2")]
    meta = chunks[0].metadata
    assert meta["title"] == "Retention of CCTV recordings" and meta["date"] == "2023-09-01"
    assert meta["kind"] == "guidance" and meta["source"] == "guidance/2023-09-01-retention-policy.pdf"
    assert not any(c.page_content == "Retention of CCTV recordings" for c in chunks)


def test_docx_sections_table_rows_and_no_comments(load) -> None:  # type: ignore[no-untyped-def]
    chunks = load("guidance/records-procedure.docx")
    text = "\n".join(c.page_content for c in chunks)
    assert "REVIEWER COMMENT" not in text
    row = next(c for c in chunks if "CCTV footage" in c.page_content)
    expected = "Record class: CCTV footage; Retention: 31 days; Owner: Data Protection Officer"
    assert expected in row.page_content
    assert row.metadata["section"] == "2. Retention schedule"
    assert row.metadata["locator"] == "section 2. Retention schedule"
    assert chunks[0].metadata["title"] == "Records Management Procedure"
    assert chunks[0].metadata["date"] == "2024-02-14"  # the "Issued:" line beats the core date


def test_html_visible_text_only(load) -> None:  # type: ignore[no-untyped-def]
    chunks = load("statements/library-statement.html")
    text = "\n".join(c.page_content for c in chunks)
    for hidden in ("SCRIPT", "STYLE", "NAV", "HIDDEN", "DISPLAY NONE", "ARIA", "NOSCRIPT", "TEMPLATE",
                   "ASIDE", "FOOTER", "SITE BANNER", "ignore previous"):
        assert hidden not in text
    assert "The council will keep all twelve libraries open on Saturdays." in text
    funding = next(c for c in chunks if "2024/25 budget" in c.page_content)
    assert funding.metadata["locator"] == "section Funding" and "Ashdown | 9am to 5pm" in funding.page_content
    meta = chunks[0].metadata
    assert (meta["title"], meta["kind"], meta["date"]) == ("Statement on library opening hours", "statement",
                                                           "2024-05-03")


def test_markdown_and_text_sections(load) -> None:  # type: ignore[no-untyped-def]
    md = load("statements/library-board-minutes.md")
    assert {c.metadata.get("section") for c in md} >= {"1. Attendance", "2. Opening hours", "Setext heading"}
    assert md[0].metadata["date"] == "2024-03-07" and md[0].metadata["kind"] == "statement"
    txt = load("guidance/maintenance-note.txt")
    where = {c.metadata.get("section"): c.page_content for c in txt}
    assert "Smoke detectors are tested every week." in where["2. ALARMS AND DETECTORS"]
    assert "helpdesk" in where["Escalation"]
    assert txt[0].metadata["date"] == "2024-04-05" and txt[0].metadata["title"] == "MAINTENANCE NOTE MN-3"


def test_xlsx_rows_banner_merged_formulas_dates_hidden(load) -> None:  # type: ignore[no-untyped-def]
    chunks = load("register/assets.xlsx")
    rows = {(c.metadata["sheet"], c.metadata["row"]): json.loads(c.metadata["cells"]) for c in chunks}
    assert set(rows) == {("CCTV", 4), ("CCTV", 5), ("CCTV", 6), ("CCTV", 8), ("Alarms", 2)}
    assert rows[("CCTV", 4)] == {"Site": "County Hall", "Manufacturer": "Hikvision", "Cameras": "9",
                                 "Installed": "2017-02-14", "Serviced": "2024-04-05", "Total": "18"}
    assert rows[("CCTV", 6)]["Site"] == "Record Office"  # merged A5:A6
    assert rows[("CCTV", 5)]["Cameras"] == "12" and rows[("CCTV", 5)]["Installed"] == "2024-09-12"
    assert [rows[("CCTV", n)]["Serviced"] for n in (5, 6, 8)] == ["2024-04-05", "2024-04-05", "2024-07-03"]
    row8 = next(c for c in chunks if c.metadata.get("row") == 8)
    assert row8.metadata["locator"] == "sheet CCTV, row 8" and row8.metadata["kind"] == "register"
    assert row8.page_content.startswith("Site: Ashdown Depot; Manufacturer: Hanwha; Cameras: 3")
    assert not any("HIDDEN SHEET" in c.page_content for c in chunks)


@pytest.mark.parametrize(("rel", "expected"), [
    ("register/legacy-export-cp1252.csv", {2: "Café Royal", 3: "Ashdown Depot", 5: "Brackenfield Library"}),
    ("register/bom-export.csv", {3: "County Hall", 4: "Record Office"}),
])
def test_csv_encoding_delimiter_and_rows(load, rel: str, expected: dict[int, str]) -> None:  # type: ignore[no-untyped-def]
    chunks = load(rel)
    sites = {c.metadata["row"]: json.loads(c.metadata["cells"])["Site"] for c in chunks}
    assert sites == expected
    stem = rel.split("/")[-1].removesuffix(".csv")
    assert all(c.metadata["sheet"] == stem and c.metadata["kind"] == "register" for c in chunks)
    first = json.loads(chunks[0].metadata["cells"])
    assert next(iter(first)) == "Asset" and "\ufeff" not in chunks[0].page_content


def test_read_tables_for_the_register_engine() -> None:
    tables = read_tables(FIXTURES / "register" / "assets.xlsx")
    assert [(t.sheet, t.header_row) for t in tables] == [("CCTV", 3), ("Alarms", 1)]
    assert tables[0].header == ["Site", "Manufacturer", "Cameras", "Installed", "Serviced", "Total"]
    assert [n for n, _ in tables[0].rows] == [4, 5, 6, 8]
    csv_tables = read_tables(FIXTURES / "register" / "legacy-export-cp1252.csv")
    assert csv_tables[0].rows[0] == (2, {"Asset": "A1", "Site": "Café Royal", "Supplier": "Société Générale",
                                         "Cost": "£1200", "Installed": "2024-04-05"})


def test_odd_unicode_file_name(load) -> None:  # type: ignore[no-untyped-def]
    chunks = load("statements/Grant — résumé 2024 (final) ✓.md")
    assert chunks[0].metadata["source"] == "statements/Grant — résumé 2024 (final) ✓.md"
    assert "£5,000" in chunks[0].page_content and chunks[0].metadata["title"] == "Grant award 2024"


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
def test_every_chunk_has_scalar_metadata(load, path) -> None:  # type: ignore[no-untyped-def]
    chunks = load(path.relative_to(FIXTURES).as_posix())
    assert chunks and [c.metadata["chunk"] for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert set(chunk.metadata) >= REQUIRED
        assert all(isinstance(v, str | int | float | bool) for v in chunk.metadata.values())
        assert chunk.metadata["kind"] in {"statement", "guidance", "register", "other"}
        assert chunk.page_content.strip()


def test_running_pdf_headers_and_footers_are_dropped() -> None:
    from ingest.loaders.pdf import _without_running_lines

    pages = [f"Internal Audit · IA-24-09 · Camera Systems\nPage {n} of 3\nBody text of page {n}.\nAudit and Risk"
             for n in range(1, 4)]
    cleaned = _without_running_lines(pages)
    assert cleaned == [f"Body text of page {n}." for n in range(1, 4)], cleaned
    assert _without_running_lines(["Only one page\nof text."]) == ["Only one page\nof text."]
