"""Makers that are not restricted, with their former names and brands (``makers.yaml``)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.register.values import norm


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """Every name and brand of each maker (normalised) -> the maker's name (normalised)."""
    data = yaml.safe_load((Path(__file__).parent / "makers.yaml").read_text(encoding="utf-8"))
    return {norm(alias): norm(maker["name"]) for maker in data["makers"]
            for alias in [maker["name"], *maker.get("names", []), *maker.get("brands", [])]}


def maker_of(make: str) -> str:
    """The maker a register make belongs to ("wisenet" -> "hanwha vision"), or ""."""
    return _families().get(norm(make), "")


def held_aliases(makes: Iterable[str]) -> dict[str, list[str]]:
    """Each name or brand of a maker the register holds under another of its names -> those
    register makes: "hanwha" -> ["wisenet"], where every Hanwha row says "Wisenet"."""
    held = list(makes)
    out = {alias: [m for m in held if maker_of(m) == maker] for alias, maker in _families().items()
           if alias not in held}
    return {alias: kin for alias, kin in out.items() if kin}
