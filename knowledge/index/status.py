"""Index status for ``cllr status`` and the Slack App Home."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from knowledge.index.store import ChunkStore
from knowledge.settings import Settings
from knowledge.types import Failure, IndexedFile, Status


def build_status(store: ChunkStore, register: Any, settings: Settings) -> Status:
    manifest = store.manifest()
    meta = store.meta()
    files = [
        IndexedFile(
            source=s, title=str(r.get("title", "")), kind=str(r.get("kind", "other")),
            date=r.get("date"), access=str(r.get("access", "public")), chunks=int(r.get("chunks", 0)),
            url=r.get("url"), origin=str(r.get("origin") or ("url" if "://" in s else "file")),
            synced_at=_when(r.get("indexed_at")),
        )
        for s, r in sorted(manifest.items())
    ]
    try:
        failed = [Failure(**f) for f in json.loads(str(meta.get("failed") or "[]"))]
    except (ValueError, TypeError):
        failed = []
    newest = sorted((f for f in files if f.kind == "guidance"), key=lambda f: f.date or "", reverse=True)
    return Status(
        ready=bool(files),
        files_by_kind=dict(Counter(f.kind for f in files)),
        files=len(files),
        chunks=store.count(),
        register_rows=register.row_count(),
        last_sync=meta.get("last_sync"),
        failed=failed,
        newest=newest[:5],
        store="server" if settings.chroma_url else "embedded",
        data_dir=str(Path(settings.data_dir).resolve()),
        documents=files,
    )


def _when(stamp: Any) -> str | None:
    if not isinstance(stamp, int | float):
        return None
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="seconds")
