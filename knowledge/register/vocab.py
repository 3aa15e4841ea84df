"""The register's own vocabulary (areas, property types, names, makes, statuses)."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from knowledge.register.query import DATE_FIELDS
from knowledge.register.values import key, norm

GENERIC_HEADS = frozenset({
    "site", "property", "building", "premise", "premises", "location", "place", "system",
    "camera", "area", "unit", "asset", "centre", "service", "office", "house", "point",
})
COMMON_WORDS = frozenset({
    "north", "south", "east", "west", "central", "centre", "city", "town", "park", "green",
    "hill", "river", "bridge", "market", "old", "new", "upper", "lower", "rural", "urban",
    "coastal", "inner", "outer", "other", "all", "none", "unknown", "various", "main", "high",
    "county", "borough", "district", "ward", "area", "mid", "middle", "valley", "the",
})
"""Area or site values that are also everyday words: only matched when clearly meant."""
LINKED = ("network", "remote_access", "recording")
"""Mapped columns whose own values are linked too ("Corporate LAN", "Hik-Connect"), beside the
class a question may name ("networked", "remote viewing")."""


def _sections(path: Path) -> dict[str, frozenset[str]]:
    """The words of a data file, by section: lines before any "# [name]" line are "plain"."""
    found: dict[str, set[str]] = {"plain": set()}
    section = "plain"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# [") and "]" in line:
            section = line[3 : line.index("]")]
            found.setdefault(section, set())
        elif not line.startswith("#"):
            found[section].update(line.split())
    return {name: frozenset(words) for name, words in found.items()}


_WORDS = _sections(Path(__file__).parent / "plain-words.txt")
PLAIN_WORDS = _WORDS["plain"]
"""Question words that carry no condition of their own (a data file beside this module)."""
NEGATION_WORDS = _WORDS["negation"]
"""Words that turn a condition round ("not", "arent", "without"): read only inside a phrase that reads them."""
TYPE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "tip": ("household waste recycling centre", "recycling centre", "hwrc", "civic amenity site"),
    "dump": ("household waste recycling centre", "recycling centre", "hwrc"),
    "recycling centre": ("household waste recycling centre", "hwrc"),
    "childrens home": ("residential childrens home",),
    "care home": ("residential home", "nursing home", "residential care home"),
    "leisure centre": ("sports centre", "leisure complex"),
    "school": ("primary school", "secondary school"),
    "car park": ("multi storey car park", "surface car park"),
    "tower block": ("housing high rise", "high rise housing", "high rise flats", "high rise", "tower blocks"),
    "high rise": ("housing high rise", "high rise housing", "high rise flats", "tower block"),
}


@dataclass
class Vocab:
    """Distinct values found in the table, keyed for matching question words."""

    areas: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    heads: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    makes: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, list[str]] = field(default_factory=dict)
    systems: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    has: set[str] = field(default_factory=set)
    others: dict[str, tuple[str, str]] = field(default_factory=dict)
    headers: set[str] = field(default_factory=set)
    """The words of every mapped column's header ("System ID"): naming a column is read."""
    linked: dict[str, str] = field(default_factory=dict)
    """Header -> meaning of the mapped columns whose values are linked too ("Remote App": remote_access)."""
    register_words: set[str] = field(default_factory=set)
    """The words of the register's file and sheet names ("CAFM export security assets")."""
    status_header: str = ""
    """Values of the category columns cllr gives no meaning to ("poor" -> Condition, "Poor")."""
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """What is derived from these values, kept with them (a vocab is built once per generation)."""


def build_vocab(store: Any) -> Vocab:
    """Read the distinct values once per table generation (``store.cached`` memoises)."""
    vocab = Vocab()
    for value in _distinct(store, "area"):
        vocab.areas.setdefault(key(value), value)
    for value in _distinct(store, "property_type"):
        vocab.types.setdefault(key(value), value)
    heads: dict[str, int] = {}
    for value in _distinct(store, "property"):
        vocab.names.setdefault(norm(value), value)
        words = value.split()
        if len(words) > 1 and words[-1][:1].isupper():
            heads[key(words[-1])] = heads.get(key(words[-1]), 0) + 1
            vocab.heads.setdefault(key(words[-1]), words[-1])
    vocab.heads = {k: v for k, v in vocab.heads.items() if heads[k] > 1 and k not in GENERIC_HEADS}
    for vendor, make in store.execute(
        "SELECT vendor, MIN(manufacturer) FROM rows WHERE vendor != '' GROUP BY vendor"
    ):
        vocab.makes[str(vendor)] = str(make)
    for cls, raw in store.execute(
        "SELECT status_class, status FROM rows GROUP BY status_class, status ORDER BY COUNT(*) DESC"
    ):
        vocab.statuses.setdefault(str(cls), []).append(str(raw))
    vocab.systems = {str(s) for (s,) in store.execute("SELECT DISTINCT system_type FROM rows")}
    for mapping in store.mappings():
        vocab.has.update(mapping["columns"])
        vocab.linked.update({h: m for m, h in mapping["columns"].items()
                             if m in LINKED})
        vocab.headers.update(w for h in mapping["columns"].values() for w in key(h).split())
        for name in (mapping["sheet"], mapping["source"].rsplit("/", 1)[-1].rsplit(".", 1)[0]):
            vocab.headers.update(key(name).split())  # naming the register itself ("Edinburgh CCTV locations")
            vocab.register_words.update(w for w in key(name).split() if not w.isdigit())
    vocab.dates = vocab.has & set(DATE_FIELDS)
    from knowledge.register.others import other_values

    vocab.others = other_values(store)
    vocab.status_header = next((m["columns"]["status"] for m in store.mappings() if "status" in m["columns"]), "")
    return vocab


def _distinct(store: Any, column: str) -> list[str]:
    cur = store.execute(f"SELECT DISTINCT {column} FROM rows WHERE {column} != ''")  # noqa: S608
    return [str(v) for (v,) in cur]


def names_register(text: str, vocab: Vocab) -> bool:
    """Does the question name the register itself ("in the latest CAFM security assets export")?
    Two words in a row from its file or sheet name do: it is about every row, any status."""
    keys = [key(w) for w in text.split()]
    return any(a in vocab.register_words and b in vocab.register_words for a, b in pairwise(keys))


def phrase_spans(words: list[str], phrases: dict[str, str]) -> list[tuple[int, int, str]]:
    """Longest-first, non-overlapping matches of multi-word ``phrases`` keys in ``words``."""
    if all(w and w.split() == [w] for w in words):  # n joined words are an n-word phrase, or none
        lengths = [*range(len(words), 0, -1), *([0] if "" in phrases else [])]  # not every name read
    else:
        lengths = sorted({len(p.split()) for p in phrases}, reverse=True)
    taken: set[int] = set()
    found: list[tuple[int, int, str]] = []
    for n in lengths:
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            if phrase in phrases and not taken & set(range(i, i + n)):
                found.append((i, i + n, phrases[phrase]))
                taken.update(range(i, i + n))
    return sorted(found)


def type_spans(words: list[str], types: dict[str, str]) -> list[tuple[int, int, str]]:
    """Property types named in (singularised) question words: exact, acronym, synonym, head."""
    phrases = dict(types)
    for type_key, display in types.items():
        parts = type_key.split()
        if len(parts) >= 3:
            phrases.setdefault("".join(p[0] for p in parts), display)
            for n in range(2, len(parts)):  # "household waste (sites)" for the full type name
                lead = " ".join(parts[:n])
                if sum(1 for k in types if k.startswith(lead + " ")) == 1:
                    phrases.setdefault(lead, display)
    for syn, targets in TYPE_SYNONYMS.items():
        hits = [types[key(t)] for t in targets if key(t) in types]
        if hits and key(syn) not in types:
            phrases.setdefault(key(syn), "|".join(hits))
    found = phrase_spans(words, phrases)
    taken = {i for s, e, _ in found for i in range(s, e)}
    for i, word in enumerate(words):
        if i in taken or word in GENERIC_HEADS or word in types:
            continue
        heads = [d for k, d in types.items() if len(k.split()) > 1 and k.split()[-1] == word]
        if heads:
            found.append((i, i + 1, "|".join(heads)))
    return sorted(found)
