"""Compose the layers: ``knowledge`` gets ``ingest`` as its loader here, at the edge."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from langchain_core.documents import Document

from knowledge.facade import Knowledge
from knowledge.settings import Settings


class IngestLoader:
    """Adapts the ``ingest`` package to ``knowledge.indexer.Loader``."""

    def load_file(self, path: Path, root: Path, *, max_bytes: int) -> list[Document]:
        import ingest

        return list(ingest.load_file(path, root, max_bytes=max_bytes))

    def iter_files(self, paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
        import ingest

        return iter(ingest.iter_files(paths))

    def fetch_url(self, url: str, *, max_bytes: int) -> list[Document]:
        import ingest

        return list(ingest.fetch_url(url, max_bytes=max_bytes))


def offline_env() -> None:
    for key, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                       ("ANONYMIZED_TELEMETRY", "False"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(key, value)


def load_settings(data: Path | None = None) -> Settings:
    offline_env()
    return Settings().with_data_dir(data)


def open_knowledge(settings: Settings, **kwargs: Any) -> Knowledge:
    return Knowledge.open(settings, loader=IngestLoader(), **kwargs)
