"""Index status for ``cllr status`` and the Slack App Home."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from knowledge.settings import Settings
from knowledge.store import ChunkStore
from knowledge.types import Failure, IndexedFile, Status


def build_status(store: ChunkStore, register: Any, settings: Settings) -> Status:
    manifest = store.manifest()
    meta = store.meta()
    files = [
        IndexedFile(
            source=s, title=str(r.get("title", "")), kind=str(r.get("kind", "other")),
            date=r.get("date"), access=str(r.get("access", "public")), chunks=int(r.get("chunks", 0)),
            url=r.get("url"),
        )
        for s, r in manifest.items()
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
    )
