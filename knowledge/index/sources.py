"""Declared sources: folders (or files) with their access level, and the levels that exist.

A document belongs to the most specific declared path that holds it. Sources are declared in
the access config (``sources:``), in ``CLLR_SOURCES``, or by ingesting a path (the index
remembers every path it was given, with its level). Levels are checked against the configured
ones: a typo is an error, never a document that nobody can see.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from knowledge.settings import Settings
from knowledge.types import PUBLIC

DEFAULT_LEVELS = frozenset({PUBLIC, "officers", "restricted"})
"""Levels known when no access config is set (the ones the docs use)."""


class SourceError(ValueError):
    """A declared source or access level that cannot be used; the message is one line."""


def real(path: Path | str) -> str:
    """The canonical form of a path: absolute, symlinks resolved."""
    return os.path.realpath(os.path.expanduser(str(path)))


def read_access_config(path: Path | None) -> dict[str, Any]:
    """The access config as a mapping ({} when unset); a one-line ``SourceError`` when unusable."""
    if path is None:
        return {}
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SourceError(f"CLLR_ACCESS_CONFIG: cannot read {path}: {' '.join(str(exc).split())}") from exc
    if not isinstance(data, dict):
        raise SourceError(f"CLLR_ACCESS_CONFIG: {path} must be a mapping")
    return data


def _named_levels(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, list):
        return {str(x) for x in value}
    return set()


def known_levels(settings: Settings) -> frozenset[str]:
    """``public`` plus every level the access config names (``levels:``, roles, users, channels)."""
    data = read_access_config(settings.access_config)
    if not data:
        return DEFAULT_LEVELS
    roles = data.get("roles") or {}
    found = {PUBLIC, *_named_levels(data.get("levels"))}
    for section in ("roles", "channels"):
        for value in (data.get(section) or {}).values():
            found |= _named_levels(value)
    for value in (data.get("users") or {}).values():
        found |= set() if isinstance(value, str) and value in roles else _named_levels(value)
    for item in data.get("sources") or []:
        if isinstance(item, dict) and item.get("access") and "levels" not in data:
            found.add(str(item["access"]))  # without an explicit list, declared sources name levels
    return frozenset(found)


def check_level(level: str, settings: Settings) -> str:
    """``level`` if it is configured; else a ``SourceError`` that lists the configured ones."""
    known = known_levels(settings)
    if level not in known:
        raise SourceError(f"unknown access level {level!r}: the configured levels are "
                          f"{', '.join(sorted(known))} (add it under `levels:` in CLLR_ACCESS_CONFIG)")
    return level


def configured_sources(settings: Settings) -> dict[str, str]:
    """Declared path (canonical) -> level, from the access config's ``sources:`` and ``CLLR_SOURCES``."""
    out: dict[str, str] = {}
    data = read_access_config(settings.access_config)
    items: list[tuple[str, str]] = []
    for item in data.get("sources") or []:
        if not isinstance(item, dict) or not item.get("path"):
            raise SourceError("CLLR_ACCESS_CONFIG: each entry of sources: needs a path (and an access level)")
        items.append((str(item["path"]), str(item.get("access") or PUBLIC)))
    items += [(str(path), level) for path, level in settings.source_folders]
    for path, level in items:
        key = real(path)
        if out.get(key, level) != level:
            raise SourceError(f"{path} is declared twice, at {out[key]} and at {level}")
        out[key] = check_level(level, settings)
    return out


def owner(location: str, declared: Iterable[str]) -> str | None:
    """The most specific declared path that is ``location`` or holds it."""
    best: str | None = None
    for path in declared:
        if (location == path or location.startswith(path.rstrip(os.sep) + os.sep)) and (
            best is None or len(path) > len(best)
        ):
            best = path
    return best


def inside(location: str, folder: str) -> bool:
    return location == folder or location.startswith(folder.rstrip(os.sep) + os.sep)


def merged(stored: Mapping[str, str], configured: Mapping[str, str], given: Mapping[str, str]) -> dict[str, str]:
    """Every declaration: remembered ones, then the config's, then this run's paths."""
    return {**stored, **configured, **given}


__all__ = ["DEFAULT_LEVELS", "SourceError", "check_level", "configured_sources", "inside", "known_levels",
           "merged", "owner", "read_access_config", "real"]
