"""The same sync and answer path against a real ``chroma run`` server on loopback."""

from __future__ import annotations

from pathlib import Path

from knowledge.facade import Knowledge
from knowledge.settings import Settings
from knowledge.types import Scope
from tests.knowledge.fakes import CountingEmbeddings, TextLoader


def test_server_mode_sync_and_replica_visibility(chroma_server: str, tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("The depot gate opens at seven every morning.")
    settings = Settings(CLLR_CHROMA_URL=chroma_server, CLLR_COLLECTION="server_test")  # type: ignore[call-arg]
    one = Knowledge(settings.with_data_dir(tmp_path / "r1"), loader=TextLoader(),
                    embedder=CountingEmbeddings(size=32))  # type: ignore[arg-type]
    two = Knowledge(settings.with_data_dir(tmp_path / "r2"), loader=TextLoader(),
                    embedder=CountingEmbeddings(size=32))  # type: ignore[arg-type]
    assert one.sync([folder]).added == ["a.txt"]
    assert one.status().store == "server"
    assert [c.source for c in two.corpus.chunks] == ["a.txt"]

    (folder / "b.txt").write_text("The museum closes at five on Sundays.")
    one.sync([folder])  # a reindex by one replica ...
    answer = two.answer("When does the museum close on Sundays?", Scope())
    assert answer.answered and answer.citations[0].source == "b.txt"  # ... is seen by the other
