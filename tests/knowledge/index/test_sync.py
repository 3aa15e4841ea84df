"""Sync semantics on a real embedded Chroma: add, change, remove, skip, fail safely."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.facade import Knowledge
from knowledge.settings import Settings
from knowledge.types import Scope, SyncReport
from tests.knowledge.fakes import CountingEmbeddings, TextLoader


@pytest.fixture
def kb(tmp_path: Path) -> Knowledge:
    settings = Settings().with_data_dir(tmp_path / "data")
    return Knowledge(settings, loader=TextLoader(), embedder=CountingEmbeddings(size=32))  # type: ignore[arg-type]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sources(kb: Knowledge) -> set[str]:
    return {c.source for c in kb.corpus.chunks}


def test_add_change_remove_and_unchanged(kb: Knowledge, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder, "a.txt", "Alpha paragraph about libraries.\n\nSecond alpha paragraph.")
    write(folder, "sub/b.txt", "Bravo paragraph about depots.")
    first = kb.sync([folder])
    assert sorted(first.added) == ["a.txt", "sub/b.txt"]
    assert sources(kb) == {"a.txt", "sub/b.txt"}
    embedder = kb.embedder
    before = embedder.texts  # type: ignore[attr-defined]

    again = kb.sync([folder])
    assert sorted(again.unchanged) == ["a.txt", "sub/b.txt"]
    assert embedder.texts == before  # type: ignore[attr-defined]  # no embedding work

    write(folder, "a.txt", "Alpha rewritten about museums.")
    (folder / "sub" / "b.txt").unlink()
    third = kb.sync([folder])
    assert third.updated == ["a.txt"] and third.removed == ["sub/b.txt"]
    texts = [c.text for c in kb.corpus.chunks]
    assert texts == ["Alpha rewritten about museums."]
    assert kb.store.count() == 1  # old version's chunks are gone, no duplicates


def test_a_bad_file_is_reported_and_keeps_its_old_version(kb: Knowledge, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder, "good.txt", "Retention of footage is thirty one days.")
    write(folder, "later.txt", "Original text of the later file.")
    kb.sync([folder])
    write(folder, "later.txt", "BROKEN now")
    report = kb.sync([folder])
    assert [f.source for f in report.failed] == ["later.txt"]
    assert "later.txt" in report.failed[0].reason
    assert "Original text of the later file." in [c.text for c in kb.corpus.chunks]
    assert report.usable


def test_nothing_usable_is_not_usable(kb: Knowledge, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder, "x.txt", "BROKEN")
    report = kb.sync([folder])
    assert not report.usable


def test_orphans_of_an_interrupted_ingest_are_invisible_then_removed(kb: Knowledge, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder, "a.txt", "The live paragraph.")
    kb.sync([folder])
    # A sync killed after staging a new version but before its commit:
    write(folder, "a.txt", "A half-written new version.")
    staged = kb.indexer()
    staged._sync_one(folder, folder / "a.txt", "a.txt", "public", kb.store.manifest()["a.txt"],
                     SyncReport())
    staged._flush()  # the new version's chunks reach the store; then the process dies
    assert kb.store.count() == 2
    assert [c.text for c in Knowledge(kb.settings, embedder=kb.embedder).corpus.chunks] == [
        "The live paragraph."]
    write(folder, "a.txt", "The live paragraph.")  # the file is put back as it was
    assert kb.sync([folder]).unchanged == ["a.txt"]
    assert kb.store.count() == 1  # the orphan is gone


def test_access_levels_filter_retrieval(kb: Knowledge, tmp_path: Path) -> None:
    write(tmp_path / "pub", "p.txt", "Public note: the depot gate opens at seven.")
    write(tmp_path / "sec", "s.txt", "Restricted note: the depot alarm code is kept by facilities.")
    kb.sync([tmp_path / "pub"])
    kb.sync([tmp_path / "sec"], access="restricted")
    public = kb.answer("depot alarm code", Scope(levels=frozenset({"public"})))
    assert all(c.source != "s.txt" for c in public.citations)
    assert "facilities" not in public.answer and not public.answered
    both = kb.answer("who keeps the depot alarm code?", Scope(levels=frozenset({"public", "restricted"})))
    assert any(c.source == "s.txt" for c in both.citations)
