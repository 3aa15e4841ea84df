"""What every loader shares: bytes in, ``lazy_load() -> Iterator[Document]`` out.

A loader yields one Document per *unit* with its locator: a PDF page, a document
section, or a spreadsheet row. Chunking happens later (``ingest.chunking``). Loaders
treat the text as data: nothing in it is interpreted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar, TypeVar

from langchain_core.documents import Document

from ingest.errors import LoadError, describe

T = TypeVar("T")


class BaseLoader:
    """Loads one file's bytes. After ``lazy_load`` has run, ``title`` and ``created`` hold what
    the format's own metadata says (or None) and ``notes`` lists anything skipped."""

    label: ClassVar[str] = "file"

    def __init__(self, data: bytes, name: str = "") -> None:
        self.data = data
        self.name = name or f"<{self.label}>"
        self.title: str | None = None
        self.created: str | None = None
        self.notes: list[str] = []

    def lazy_load(self) -> Iterator[Document]:
        """Yield the units; any failure becomes a LoadError with a specific reason."""
        yield from self.guarded(lambda: self._load())

    def guarded(self, produce: Callable[[], Iterable[T]]) -> Iterator[T]:
        """Run ``produce`` and iterate it, turning library errors into LoadError."""
        if not self.data:
            raise LoadError(self.name, "empty file (0 bytes)")
        try:
            yield from produce()
        except LoadError:
            raise
        except RecursionError as exc:
            raise LoadError(self.name, f"{self.label} structure nested too deeply to read") from exc
        except MemoryError as exc:
            raise LoadError(self.name, f"{self.label} too large to read in memory") from exc
        except Exception as exc:  # noqa: BLE001 - library errors on bad input become a reason
            raise LoadError(self.name, f"corrupt {self.label}: {describe(exc)}") from exc

    def load(self) -> list[Document]:
        return list(self.lazy_load())

    def _load(self) -> Iterator[Document]:
        raise NotImplementedError


def section_meta(section: str | None) -> dict[str, Any]:
    """Locator metadata of a section (none before the first heading)."""
    if not section:
        return {"locator": ""}
    return {"section": section, "locator": f"section {section}"}


def unit(text: str, **meta: Any) -> Document:
    return Document(page_content=text, metadata={k: v for k, v in meta.items() if v is not None})
