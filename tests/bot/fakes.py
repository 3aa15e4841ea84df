"""``FakeKnowledge``: the ``Knowledge`` interface over canned documents that honour access levels."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.types import (
    Answer,
    Citation,
    Draft,
    IndexedFile,
    ProgressFn,
    Scope,
    Status,
    SyncReport,
)

PUBLIC_QUOTE = "The council is reviewing its CCTV estate. <!channel> <@U123> <http://evil.example|click>"
OFFICERS_QUOTE = "OFFICERS-ONLY: remote access to CCTV uses the VPN-OFFICERS profile."
RESTRICTED_QUOTE = "RESTRICTED-LEGAL: the CCTV contract settlement was 2 million pounds."


@dataclass(frozen=True)
class FakeDoc:
    keyword: str
    level: str
    citation: Citation


DOCS = (
    FakeDoc("cctv", "public", Citation(
        source="statements/2024-01-16-press.md", locator="page 1", quote=PUBLIC_QUOTE,
        title="Press statement <b>", url="https://westmarch.example.gov.uk/press?a=1&b=2",
        date="2024-01-16")),
    FakeDoc("cctv", "officers", Citation(
        source="guidance/it-security.md", locator="section 9.3 Remote access", quote=OFFICERS_QUOTE,
        title="IT security policy")),
    FakeDoc("cctv", "restricted", Citation(
        source="legal/settlement.md", locator="page 4", quote=RESTRICTED_QUOTE, title="Settlement note")),
)


def register_rows(n: int, area: str = "Ashdown") -> list[dict[str, Any]]:
    return [{"source": "register/cctv.csv", "sheet": "cctv", "row": i + 2, "property": f"Site {i + 1}",
             "cells": {"Property": f"Site {i + 1}", "Manufacturer": "Hikvision", "Area": area,
                       "Notes": "<!here> check" if i == 0 else ""}}
            for i in range(n)]


@dataclass
class FakeKnowledge:
    """Keyword "retrieval" over ``DOCS``; register questions by keyword; records every call."""

    delay: float = 0.0
    ready: bool = True
    calls: list[tuple[str, Any, Scope | None]] = field(default_factory=list)
    added: list[tuple[Path, str, bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _record(self, name: str, arg: Any, scope: Scope | None = None) -> None:
        with self.lock:
            self.calls.append((name, arg, scope))

    def answer(self, question: str, scope: Scope) -> Answer:
        self._record("answer", question, scope)
        if self.delay:
            time.sleep(self.delay)
        q = question.lower()
        if "explode" in q:
            raise RuntimeError("the index is on fire")
        rows = self._rows(q, scope)
        if rows is not None:
            return rows
        cites = [d.citation for d in DOCS if d.keyword in q and d.level in scope.levels]
        if not cites:
            return Answer(question=question, answer="The sources do not say.", answered=False, mode="none")
        return Answer(question=question, answer="\n".join(c.quote for c in cites), answered=True,
                      citations=cites, mode="document")

    def _rows(self, q: str, scope: Scope) -> Answer | None:
        counts = {"hikvision": 3, "thirty": 30, "every camera": 150}
        n = next((v for k, v in counts.items() if k in q), None)
        if n is None and "ashdown" in q and any("hikvision" in h.lower() for h in scope.history):
            rows = register_rows(1)
            return Answer(question=q, answer="1 Hikvision camera is in Ashdown.", answered=True, rows=rows,
                          filters=["manufacturer = Hikvision", "area = Ashdown"], mode="register",
                          citations=[Citation(source="register/cctv.csv", locator="sheet cctv, row 2",
                                              quote="Site 1")])
        if n is None:
            return None
        rows = register_rows(n)
        return Answer(question=q, answer=f"{n} cameras are made by Hikvision.", answered=True, rows=rows,
                      filters=["manufacturer = Hikvision"], mode="register",
                      citations=[Citation(source="register/cctv.csv", locator=f"sheet cctv, row {r['row']}",
                                          quote=r["property"]) for r in rows[:8]])

    def draft(self, question: str, scope: Scope) -> Draft:
        self._record("draft", question, scope)
        answer = self.answer(question, scope)
        text = "Dear Councillor,\n" + answer.answer + "\nYours sincerely"
        return Draft(text=text, answer=answer)

    def sync(self, paths: list[Path], *, access: str = "public",
             progress: ProgressFn | None = None) -> SyncReport:
        self._record("sync", (tuple(paths), access))
        for i in range(3):
            if progress:
                progress(f"file {i + 1}.md", i + 1, 3)
            time.sleep(0.02)
        return SyncReport(added=[f"{p.name}/new.md" for p in paths], unchanged=["a.md"], chunks_embedded=4)

    def add_file(self, path: Path, *, access: str = "public") -> SyncReport:
        self._record("add_file", (path, access))
        with self.lock:
            self.added.append((path, access, path.read_bytes()))
        return SyncReport(added=[path.name], chunks_embedded=2)

    def add_url(self, url: str, *, access: str = "public") -> SyncReport:
        self._record("add_url", (url, access))
        return SyncReport(added=[url], chunks_embedded=1)

    def remove(self, targets: list[str]) -> SyncReport:
        self._record("remove", tuple(targets))
        return SyncReport(removed=[t for t in targets if t.endswith(".md")])

    def status(self) -> Status:
        return Status(ready=self.ready, files_by_kind={"guidance": 6, "statement": 8}, files=14, chunks=420,
                      register_rows=250, last_sync="2025-07-16T09:00:00+00:00", newest=[
                          IndexedFile(source="guidance/pgn-07.docx", title="PGN 07 <high risk>",
                                      kind="guidance", date="2025-07-01")])

    def of(self, name: str) -> list[tuple[Any, Scope | None]]:
        with self.lock:
            return [(a, s) for n, a, s in self.calls if n == name]
