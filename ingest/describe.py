"""File-level metadata: ``title``, ``kind`` (statement|guidance|register|other) and ``date``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any

from langchain_core.documents import Document

from ingest.dates import find_date, to_iso

_STATEMENT_DIRS = {"statements", "statement", "press", "minutes", "answers", "decisions", "foi", "news"}
_GUIDANCE_DIRS = {"guidance", "policy", "policies", "procedures", "codes", "notes"}
_STATEMENT_CUES = re.compile(
    r"press (statement|release)|written answer|\bminutes?\b|\bfoi\b|freedom of information|"
    r"\bdecision\b|\bstatement\b|\bnews\b", re.I)
_GUIDANCE_CUES = re.compile(r"\bpolicy\b|\bguidance\b|code of practice|\bprocedures?\b|\bnote\b|"
                            r"\bbriefing\b|\binstruction\b|\bstandard\b", re.I)
_DATE_LINE = re.compile(r"^\s*(date[\w ]{0,20}|dated|issued( on)?|published( on)?)\s*[:\-]?\s+(.+)$",
                        re.I | re.M)
_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})[-_ ]?")


def humanise(stem: str) -> str:
    text = _PREFIX.sub("", stem)
    text = " ".join(re.sub(r"[-_]+", " ", text).split())
    return (text[:1].upper() + text[1:]) if text else stem


def kind_of(source: str, fmt: str, title: str, head: str) -> str:
    if fmt in ("csv", "xlsx"):
        return "register"
    for part in PurePosixPath(source.lower()).parts[:-1]:
        if part in _STATEMENT_DIRS:
            return "statement"
        if part in _GUIDANCE_DIRS:
            return "guidance"
    for text in (title, PurePosixPath(source).stem.replace("-", " "), head):
        if _STATEMENT_CUES.search(text):
            return "statement"
        if _GUIDANCE_CUES.search(text):
            return "guidance"
    return "other"


def date_of(source: str, head: str, created: str | None) -> str | None:
    """Filename prefix, else a Date/Dated/Issued line, else the first clear date, else metadata."""
    match = _PREFIX.match(PurePosixPath(source).name)
    if match and to_iso(match.group(1)):
        return match.group(1)
    lines = "\n".join(head.split("\n")[:40])
    for line in _DATE_LINE.finditer(lines):
        found = find_date(line.group(4))
        if found:
            return found
    return find_date(lines) or created


def file_metadata(
    source: str, fmt: str, units: Sequence[Document], title: str | None, created: str | None
) -> dict[str, Any]:
    """``title``, ``kind`` and (when found) ``date`` shared by every chunk of one file."""
    head = "\n\n".join(u.page_content for u in units[:8] if "cells" not in u.metadata)[:6000]
    stem = PurePosixPath(source).stem if "://" not in source else PurePosixPath(source).name
    name = title or humanise(stem or source)
    meta: dict[str, Any] = {"title": name, "kind": kind_of(source, fmt, name, head[:2000])}
    when = date_of(source, head, created)
    if when:
        meta["date"] = when
    return meta
