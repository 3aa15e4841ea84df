"""The register table as a local materialised view of the register rows in the index.

The Chroma manifest is the truth; each process (or replica) keeps its own SQLite copy of
the register rows, rebuilt per file whenever the live file hash changes. Replacing a
file's rows is one SQLite transaction, so a crash leaves either the old rows or the new.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from knowledge.index.store import ChunkStore
from knowledge.read.meaning import Embed


class RegisterView:
    def __init__(self, data_dir: Path, overrides: Path | None = None, embed: Embed | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.overrides = overrides
        self.embed = embed
        """The embedding model, called only to weigh a word the register can't read."""
        self._store: Any = None
        self._state_path = self.data_dir / "register-state.json"

    @property
    def store(self) -> Any:
        if self._store is None:
            from knowledge.register import RegisterStore

            self.data_dir.mkdir(parents=True, exist_ok=True)
            self._store = RegisterStore(self.data_dir / "register.sqlite", overrides=self.overrides, embed=self.embed)
        return self._store

    def _state(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._state_path.read_text()))
        except (OSError, ValueError):
            return {}

    def _save(self, state: dict[str, str]) -> None:
        tmp = self._state_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=1, sort_keys=True))
        os.replace(tmp, self._state_path)

    def refresh(self, chunks: ChunkStore, manifest: dict[str, dict[str, Any]]) -> None:
        """Bring the local table in line with the live manifest."""
        state = self._state()
        if state and self.store.rebuilt:  # the table was written by an older cllr: load it again
            state, self.store.rebuilt = {}, False
        wanted = {s: str(r.get("file_hash")) for s, r in manifest.items() if r.get("kind") == "register"}
        if not wanted and not state:
            return
        from knowledge.register import RegisterRow

        for source in set(state) - set(wanted):
            self.store.remove_source(source)
            state.pop(source)
            self._save(state)
        for source, digest in wanted.items():
            if state.get(source) == digest:
                continue
            rows = [
                RegisterRow(
                    source=source, sheet=str(m.get("sheet", "")), row=int(m.get("row", 0)),
                    cells=json.loads(str(m.get("cells") or "{}")), access=str(m.get("access", "public")),
                )
                for _text, m in chunks.chunks_of(source, digest)
                if m.get("cells")
            ]
            self.store.replace_source(source, rows)
            state[source] = digest
            self._save(state)

    def answer(self, question: str, levels: frozenset[str], history: tuple[str, ...]) -> Any:
        if not self._state():
            return None
        from knowledge.register import answer_register

        return answer_register(question, self.store, levels, history)

    def every(self, question: str, levels: frozenset[str]) -> Any:
        """ "Do all X use Y?" answered over every in-service X (None when not understood)."""
        if not self._state():
            return None
        from knowledge.register.every import answer_every

        return answer_every(question, self.store, levels)

    def property_names(self) -> list[str]:
        if not self._state():
            return []
        _cols, rows = self.store.fetch("SELECT DISTINCT property FROM rows WHERE property != ''", ())
        return [str(r[0]) for r in rows]

    def row_count(self) -> int:
        return int(self.store.row_count()) if self._state() else 0

