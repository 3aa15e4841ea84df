"""Test doubles that implement the real interfaces (fakes, not mocks)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from langchain_core.documents import Document
from langchain_core.embeddings import DeterministicFakeEmbedding


class CountingEmbeddings(DeterministicFakeEmbedding):
    """Deterministic vectors, counting how many texts were embedded."""

    calls: int = 0
    texts: int = 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        self.texts += len(texts)
        return super().embed_documents(texts)


class TextLoader:
    """A minimal loader: one chunk per paragraph of a .txt file; `BROKEN` files fail."""

    def load_file(self, path: Path, root: Path, *, max_bytes: int) -> list[Document]:
        text = path.read_text(encoding="utf-8")
        if "BROKEN" in text:
            raise ValueError(f"{path.name}: cannot read this file (test)")
        source = path.relative_to(root).as_posix()
        return [
            Document(page_content=p, metadata={"source": source, "title": path.stem, "kind": "other",
                                               "section": f"para {i}", "locator": f"section para {i}"})
            for i, p in enumerate(x.strip() for x in text.split("\n\n") if x.strip())
        ]

    def iter_files(self, paths: Iterable[Path]) -> Iterator[tuple[Path, Path]]:
        for path in paths:
            if path.is_dir():
                for f in sorted(path.rglob("*.txt")):
                    yield path, f
            else:
                yield path.parent, path
