"""Compose the layers: ``knowledge`` gets ``ingest`` as its loader here, at the edge."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from langchain_core.documents import Document

from knowledge.facade import Knowledge
from knowledge.settings import Settings
from knowledge.types import SyncReport


class IngestLoader:
    """Adapts the ``ingest`` package to ``knowledge.index.indexer.Loader``."""

    def load_file(self, path: Path, root: Path, *, max_bytes: int) -> list[Document]:
        import ingest

        return list(ingest.load_file(path, root, max_bytes=max_bytes))

    def iter_files(self, paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
        import ingest

        return iter(ingest.iter_files(paths))

    def fetch_url(self, url: str, *, max_bytes: int, allow_hosts: Iterable[str] = ()) -> list[Document]:
        import ingest

        return list(ingest.fetch_url(url, max_bytes=max_bytes, allow_hosts=frozenset(allow_hosts)))


def offline_env() -> None:
    for key, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                       ("ANONYMIZED_TELEMETRY", "False"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(key, value)


def load_settings(data: Path | None = None) -> Settings:
    offline_env()
    return Settings().with_data_dir(data)


def open_knowledge(settings: Settings, **kwargs: Any) -> Knowledge:
    return Knowledge.open(settings, loader=IngestLoader(), **kwargs)


def combine(first: SyncReport, second: SyncReport) -> SyncReport:
    """Two sync reports as one (folders, then URLs)."""
    out = first.model_copy(deep=True)
    for key in ("added", "updated", "unchanged", "removed", "failed"):
        getattr(out, key).extend(getattr(second, key))
    out.chunks_embedded += second.chunks_embedded
    return out


def audit_removal(settings: Settings, report: SyncReport, *, user: str = "", channel: str = "cli") -> None:
    """Write one admin ``remove`` row to the audit log (the CLI's user is the login name)."""
    import getpass
    import uuid

    from knowledge.index.state import StateStore

    store = StateStore.open(settings)
    try:
        store.record_admin_action(request_id=uuid.uuid4().hex, user=user or getpass.getuser(), channel=channel,
                                  action="remove", detail={"removed": report.removed,
                                                           "not_found": [f.source for f in report.failed]})
    finally:
        store.close()
