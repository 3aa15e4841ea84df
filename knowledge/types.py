"""Value types shared by the engines, the CLI and the bot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, Field

PUBLIC = "public"
KINDS = ("statement", "guidance", "register", "other")


class Citation(BaseModel):
    """One checkable reference: a verbatim quote of ``source`` at ``locator``."""

    source: str
    locator: str
    quote: str
    title: str = ""
    url: str | None = None
    date: str | None = None


class Scope(BaseModel):
    """What a conversation may see, and what it asked before (for follow-ups)."""

    levels: frozenset[str] = frozenset({PUBLIC})
    history: tuple[str, ...] = ()


class Answer(BaseModel):
    """The result of ``Knowledge.answer``; ``cllr ask --json`` prints it."""

    question: str
    answer: str
    answered: bool
    citations: list[Citation] = Field(default_factory=list)
    rows: list[dict[str, Any]] | None = None
    filters: list[str] = Field(default_factory=list)
    mode: Literal["register", "document", "mixed", "none"] = "document"

    def to_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json", exclude_none=True)
        if not data.get("filters"):
            data.pop("filters", None)
        return data


class Draft(BaseModel):
    """A draft reply to a member enquiry or FOI request, built only from cited facts."""

    text: str
    answer: Answer


class Failure(BaseModel):
    source: str
    reason: str


class SyncReport(BaseModel):
    """What one ``sync`` did, file by file."""

    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    failed: list[Failure] = Field(default_factory=list)
    chunks_embedded: int = 0

    @property
    def usable(self) -> bool:
        """False only when files were offered and none could be indexed."""
        return not self.failed or bool(self.added or self.updated or self.unchanged)


class IndexedFile(BaseModel):
    source: str
    title: str = ""
    kind: str = "other"
    date: str | None = None
    access: str = PUBLIC
    chunks: int = 0
    url: str | None = None
    origin: str = "file"
    """file, upload or url."""
    synced_at: str | None = None


class Status(BaseModel):
    """What ``cllr status`` and the App Home show."""

    ready: bool
    files_by_kind: dict[str, int] = Field(default_factory=dict)
    files: int = 0
    chunks: int = 0
    register_rows: int = 0
    last_sync: str | None = None
    failed: list[Failure] = Field(default_factory=list)
    newest: list[IndexedFile] = Field(default_factory=list)
    store: str = "embedded"
    data_dir: str = ""
    documents: list[IndexedFile] = Field(default_factory=list)
    """Every indexed document, by source name."""


ProgressFn = Callable[[str, int, int], None]
"""``progress(message, done, total)``: called as a sync goes."""
