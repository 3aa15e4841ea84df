"""Walking folders: stable order, sources relative to the root, junk skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import LoadError, iter_files, load_file


def test_iter_files_skips_hidden_and_lock_files(tmp_path: Path) -> None:
    for rel in ("a/one.md", "a/~$one.docx", ".git/config", "a/.hidden.txt", "b/c/two.txt", "z.csv"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    found = [(root, path.relative_to(root).as_posix()) for root, path in iter_files([tmp_path])]
    assert found == [(tmp_path, "z.csv"), (tmp_path, "a/one.md"), (tmp_path, "b/c/two.txt")]


def test_single_file_has_its_parent_as_root(tmp_path: Path, chunker) -> None:  # type: ignore[no-untyped-def]
    note = tmp_path / "press" / "2024-05-01-note.txt"
    note.parent.mkdir()
    note.write_text("PRESS STATEMENT\n\nThe council said something.\n")
    [(root, path)] = list(iter_files([note]))
    assert root == note.parent
    chunks = load_file(path, root, chunker=chunker)
    assert chunks[0].metadata["source"] == "2024-05-01-note.txt"
    assert chunks[0].metadata["date"] == "2024-05-01" and chunks[0].metadata["kind"] == "statement"


def test_folder_names_set_kind(tmp_path: Path, chunker) -> None:  # type: ignore[no-untyped-def]
    for folder, kind in (("policies", "guidance"), ("minutes", "statement"), ("misc", "other")):
        path = tmp_path / folder / "file.txt"
        path.parent.mkdir()
        path.write_text("Some plain words about bins.\n")
        assert load_file(path, tmp_path, chunker=chunker)[0].metadata["kind"] == kind


def test_missing_path_is_a_load_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no such file or folder"):
        list(iter_files([tmp_path / "nope"]))
