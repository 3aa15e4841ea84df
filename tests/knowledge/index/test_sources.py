"""Declared sources: one identity and one level per document, whatever order folders sync in."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.facade import Knowledge
from knowledge.index.indexer import SYMLINK_OUT
from knowledge.index.sources import SourceError
from knowledge.settings import Settings
from knowledge.types import Scope

SECRET = "The depot alarm code is changed every Tuesday by the facilities team."


def _kb(tmp_path: Path, embedder, **env: str) -> Knowledge:  # type: ignore[no-untyped-def]
    from cllr.wiring import IngestLoader

    settings = Settings(CLLR_DATA_DIR=str(tmp_path / "data"), **env)  # type: ignore[call-arg]
    return Knowledge(settings, loader=IngestLoader(), embedder=embedder)


def _docs(kb: Knowledge) -> list[tuple[str, str]]:
    return sorted((d.source, d.access) for d in kb.status().documents)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "officers").mkdir(parents=True)
    (root / "library.md").write_text("The library opens on Sundays from March 2025.\n")
    (root / "officers" / "depot.md").write_text(f"# Depot note\n\n{SECRET}\n")
    return root


def test_a_file_reached_twice_is_one_document(tmp_path: Path, corpus: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    kb = _kb(tmp_path, embedder)
    (corpus / "again.md").symlink_to(corpus / "library.md")  # the same file by a second name
    kb.sync([corpus / "library.md"])
    kb.sync([corpus])
    kb.sync([corpus / "library.md"])
    assert _docs(kb) == [("library.md", "public"), ("officers/depot.md", "public")]


def test_redeclaring_a_folder_at_a_new_level_moves_its_documents(tmp_path: Path, corpus: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    kb = _kb(tmp_path, embedder)
    kb.sync([corpus / "officers"])
    assert kb.answer("When is the depot alarm code changed?", Scope()).answered
    kb.sync([corpus / "officers"], access="officers")
    assert _docs(kb) == [("depot.md", "officers")]
    assert not kb.answer("When is the depot alarm code changed?", Scope()).answered
    kb.sync([corpus / "officers"])  # no level given: it keeps the level it was declared at
    assert _docs(kb) == [("depot.md", "officers")]


def test_a_folder_declared_in_the_config_is_never_synced_by_its_parent(tmp_path: Path, corpus: Path,  # type: ignore[no-untyped-def]
                                                                        embedder) -> None:
    access = tmp_path / "access.yaml"
    access.write_text(f"levels: [officers]\nsources:\n  - {{path: {corpus}, access: public}}\n"
                      f"  - {{path: {corpus / 'officers'}, access: officers}}\n")
    kb = _kb(tmp_path, embedder, CLLR_ACCESS_CONFIG=str(access))
    kb.sync([corpus])
    assert _docs(kb) == [("library.md", "public")]
    kb.sync([corpus / "officers"])  # the config's level, without --access
    assert _docs(kb) == [("depot.md", "officers"), ("library.md", "public")]
    with pytest.raises(SourceError, match="declared at officers in the config"):
        kb.sync([corpus / "officers"], access="public")


def test_an_unknown_access_level_is_an_error(tmp_path: Path, corpus: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    access = tmp_path / "access.yaml"
    access.write_text("roles:\n  officer: [officers]\n")
    kb = _kb(tmp_path, embedder, CLLR_ACCESS_CONFIG=str(access))
    with pytest.raises(SourceError, match="unknown access level 'oficers': the configured levels are officers, public"):
        kb.sync([corpus], access="oficers")
    with pytest.raises(SourceError, match="unknown access level 'restricted'"):
        kb.add_url("https://www.gov.uk/x", access="restricted")
    assert _docs(kb) == []


def test_symlinks_that_leave_the_declared_folder_are_skipped_and_reported(tmp_path: Path, corpus: Path,  # type: ignore[no-untyped-def]
                                                                           embedder) -> None:
    outside = tmp_path / "system-file.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (corpus / "passwd.txt").symlink_to(outside)
    kb = _kb(tmp_path, embedder)
    report = kb.sync([corpus])
    assert [(Path(f.source).name, f.reason) for f in report.failed] == [("passwd.txt", SYMLINK_OUT)]
    assert "passwd.txt" not in {s for s, _ in _docs(kb)}
    assert [f.source for f in kb.status().failed] == [str(corpus / "passwd.txt")]
