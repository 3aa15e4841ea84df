"""Everyday words for the same thing: a councillor asks about "swapping out" cameras and the
papers say "replace"; an officer asks how long footage is "kept" and the policy says "retained".

Each group is a set of words that, in questions about a council's estate and its statements,
point at the same passages. The groups are deliberately small and about actions and things,
never about names: a synonym widens what a passage is *about*, it never stands in for a name
the question gives (those are checked separately, and exactly).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from knowledge.text import tokens

GROUPS: tuple[str, ...] = (
    "replace swap rip decommission substitute renew renewal",
    "remove removal rid scrap",
    "keep retain retention hold store",
    "footage recordings images video",
    "ban banned bar barred prohibit prohibited moratorium forbid forbidden restrict restricted restriction "
    "allow allowed permit permitted permissible",  # "is it allowed?" is answered by "it is banned"
    "buy purchase procure acquire",
    "cost price expense",
    "budget funding allocation capital",
    "promise pledge commitment commit undertake",
    "assurance assure reassurance guarantee",
    "demand request urge",
    "camera cctv",
    "finish finished completion complete",
    "roll rolled carry carried carries slippage",
    "remote offsite",
    "drop dropped abandon cease discontinue stop",
    "delete deleted wipe wiped erase erased overwrite overwritten destroy destroyed",
    "maker makers manufacturer manufacturers vendor vendors supplier suppliers",
    "approve approval authorise authorisation authorize authorization",
)
"""Words in one string are one group. Replacing and removing are kept apart: the register
tells them apart, and a document that says a camera was removed has not said it was replaced."""


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for line in GROUPS:
        stems = frozenset(tokens(line))
        for s in stems:
            index.setdefault(s, set()).update(stems - {s})
    return {k: frozenset(v) for k, v in index.items()}


def related(words: Iterable[str]) -> set[str]:
    """Stems that mean the same as any of ``words`` (already stemmed), excluding themselves."""
    index = _index()
    out: set[str] = set()
    for w in words:
        out |= index.get(w, frozenset())
    return out
