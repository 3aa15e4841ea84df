"""PDF pages via pypdf: one unit per page with ``page`` (1-based). Metadata title only."""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from langchain_core.documents import Document

from ingest.dates import from_datetime
from ingest.errors import LoadError, describe
from ingest.loaders.base import BaseLoader, unit

log = logging.getLogger(__name__)


class PdfLoader(BaseLoader):
    label = "PDF"

    def _load(self) -> Iterator[Document]:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        tail = self.data[-2048:]
        if b"%%EOF" not in tail:
            raise LoadError(self.name, "truncated or corrupt PDF (no %%EOF end marker)")
        try:
            reader = PdfReader(io.BytesIO(self.data), strict=False)
            self._unlock(reader)
            pages = list(reader.pages)
        except PdfReadError as exc:
            raise LoadError(self.name, f"corrupt PDF: {describe(exc)}") from exc
        self._read_metadata(reader)
        found = False
        texts = _without_running_lines([_clean(page.extract_text() or "") for page in pages])
        for number, text in enumerate(texts, start=1):
            if not _readable(text):
                if text.strip():
                    self.notes.append(f"page {number}: text layer is not readable text, skipped")
                continue
            found = True
            yield unit(text, page=number, locator=f"page {number}")
        if not found:
            raise LoadError(self.name, "scanned, no text layer (OCR it first)")

    def _unlock(self, reader: object) -> None:
        if not getattr(reader, "is_encrypted", False):
            return
        try:
            unlocked = reader.decrypt("")  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - unsupported ciphers count as locked
            raise LoadError(self.name, "encrypted, password required") from exc
        if not unlocked:
            raise LoadError(self.name, "encrypted, password required")

    def _read_metadata(self, reader: object) -> None:
        try:
            meta = reader.metadata  # type: ignore[attr-defined]
            title = str(meta.title or "").strip() if meta else ""
            created = meta.creation_date if meta else None
        except Exception:  # noqa: BLE001 - broken metadata is not worth failing the file
            log.debug("unreadable PDF metadata in %s", self.name)
            return
        title = title.removeprefix("Microsoft Word - ").strip()
        if title and title.lower() not in ("untitled", "untitled document"):
            self.title = " ".join(title.split())
        if created is not None:
            self.created = from_datetime(created)


def _clean(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip().replace("\x00", "")


RUNNING_EDGE = 3
"""How many lines at the top and at the bottom of a page may be a running header or footer."""


def _without_running_lines(pages: list[str]) -> list[str]:
    """Each page without the header and footer lines repeated on most pages ("Internal Audit ·
    IA-24-09 · Camera Systems", "Page 3 of 7"): page furniture that would otherwise be glued to
    the first sentence of every page. A line counts when it sits at the same place from the top
    or the bottom of most pages (digits aside) and is not a finished sentence."""
    if len(pages) < 2:
        return pages

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", " ".join(line.split()).lower())

    def edges(lines: list[str]) -> dict[int, tuple[int, str]]:
        """Line number -> (place from the top, or from the bottom as a negative, and its key)."""
        filled = [n for n, ln in enumerate(lines) if ln.strip()]
        out = {n: (i - len(filled), key(lines[n])) for i, n in enumerate(filled) if i >= len(filled) - RUNNING_EDGE}
        out |= {n: (i, key(lines[n])) for i, n in enumerate(filled[:RUNNING_EDGE])}
        return out

    split = [text.split("\n") for text in pages]
    seen = Counter(v for lines in split for v in set(edges(lines).values()))
    running = {v for v, n in seen.items() if n >= max(2, (len(pages) + 1) // 2) and len(v[1]) >= 3
               and not re.search(r"[.!?]$", v[1])}
    if not running:
        return pages
    out = []
    for lines in split:
        drop = {n for n, v in edges(lines).items() if v in running}
        kept = "\n".join(ln for n, ln in enumerate(lines) if n not in drop).strip()
        out.append(kept if kept else "\n".join(lines).strip())
    return out


def _readable(text: str) -> bool:
    """Real text, not glyph garbage: mostly letters, digits, punctuation and spaces."""
    if sum(ch.isalnum() for ch in text) < 3:
        return False
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Co", "Cn", "Cc", "Cs") and ch not in "\n\t")
    return bad / len(text) < 0.2
