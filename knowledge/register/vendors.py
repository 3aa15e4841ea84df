"""Vendor knowledge: recognise restricted vendors by make (any spelling) or model number."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from knowledge.register.values import norm

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "vendors.yaml"
PLACEHOLDERS = frozenset({"", "unknown", "not known", "tbc", "tba", "n a", "na", "none", "nil"})
_MAX_NGRAM = 4


@dataclass(frozen=True)
class VendorMatch:
    """Why a cell (or question phrase) was read as a vendor."""

    family: str
    name: str
    brand: str
    via: str  # "make", "sub_brand", "model", "fuzzy"
    reason: str = ""

    @property
    def sub_brand(self) -> bool:
        return self.brand != self.name


@dataclass
class Vendor:
    name: str
    family: str
    aliases: list[str]
    sub_brands: dict[str, list[str]]
    related: list[dict[str, Any]]
    prefixes: list[tuple[str, str]]
    restricted_by: list[str]
    country: str = ""


def words_of(text: str) -> list[str]:
    """Normalised words, camelCase split ("HikVision" -> hik vision)."""
    return norm(re.sub(r"([a-z])([A-Z])", r"\1 \2", text)).split()


def _compact(text: str) -> str:
    return norm(text).replace(" ", "")


def _prefix_regex(prefix: str) -> re.Pattern[str]:
    body = "".join(r"\d" if ch == "#" else re.escape(ch) for ch in _model_key(prefix))
    return re.compile(body)


def _model_key(text: str) -> str:
    return re.sub(r"[\s\-_/.]+", "", text.upper())


def _vendor(entry: dict[str, Any]) -> Vendor:
    subs = {
        str(s["name"]): [str(a) for a in (s.get("aliases") or [s["name"]])]
        for s in entry.get("sub_brands") or []
    }
    prefixes = [
        (str(p), str(kind))
        for kind, plist in (entry.get("model_prefixes") or {}).items()
        for p in plist or []
    ]
    prefixes += [(f"{mark}{p}", kind) for mark in entry.get("model_marks") or [] for p, kind in list(prefixes)]
    return Vendor(
        name=str(entry["name"]), family=str(entry.get("family") or norm(entry["name"])),
        aliases=[str(a) for a in entry.get("aliases") or [entry["name"]]], sub_brands=subs,
        related=list(entry.get("related") or []), prefixes=prefixes,
        restricted_by=[str(r) for r in entry.get("restricted_by") or []],
        country=str(entry.get("country") or ""),
    )


@dataclass
class VendorCatalogue:
    vendors: list[Vendor]
    _aliases: dict[str, tuple[Vendor, str]] = field(default_factory=dict)
    _prefixes: list[tuple[re.Pattern[str], str, str, Vendor]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for vendor in self.vendors:
            for alias in vendor.aliases:
                self._aliases[_compact(alias)] = (vendor, vendor.name)
            for brand, aliases in vendor.sub_brands.items():
                for alias in aliases:
                    self._aliases[_compact(alias)] = (vendor, brand)
            for prefix, kind in vendor.prefixes:
                self._prefixes.append((_prefix_regex(prefix), prefix, kind, vendor))
        self._prefixes.sort(key=lambda item: -len(item[1]))

    @property
    def families(self) -> list[str]:
        return [v.family for v in self.vendors]

    def get(self, family: str) -> Vendor | None:
        return next((v for v in self.vendors if v.family == family), None)

    def display(self, family: str) -> str:
        vendor = self.get(family)
        return vendor.name if vendor else family

    def find(self, text: str, fuzzy: bool = True) -> list[VendorMatch]:
        """Every vendor or sub-brand named in free text, in order of appearance."""
        return [match for _start, _end, match in self.find_spans(words_of(text), fuzzy)]

    def find_spans(
        self, words: list[str], fuzzy: bool = True
    ) -> list[tuple[int, int, VendorMatch]]:
        """Vendor mentions in a word list as ``(start, end, match)`` word spans."""
        found: list[tuple[int, int, VendorMatch]] = []
        i = 0
        while i < len(words):
            hit = self._ngram_at(words, i)
            if hit is None and fuzzy:
                hit = self._fuzzy(words[i])
            if hit is None:
                i += 1
                continue
            match, width = hit
            found.append((i, i + width, match))
            i += width
        return found

    def _ngram_at(self, words: list[str], i: int) -> tuple[VendorMatch, int] | None:
        for width in range(min(_MAX_NGRAM, len(words) - i), 0, -1):
            compact = "".join(words[i : i + width])
            if compact in self._aliases:
                vendor, brand = self._aliases[compact]
                via = "make" if brand == vendor.name else "sub_brand"
                return VendorMatch(vendor.family, vendor.name, brand, via), width
        return None

    def _fuzzy(self, word: str) -> tuple[VendorMatch, int] | None:
        if len(word) < 6 or not word.isalpha():
            return None
        close = difflib.get_close_matches(word, [a for a in self._aliases if len(a) >= 6], 1, 0.85)
        if not close:
            return None
        vendor, brand = self._aliases[close[0]]
        reason = f'"{word}" read as {brand} (close spelling)'
        return VendorMatch(vendor.family, vendor.name, brand, "fuzzy", reason), 1

    def match_make(self, text: str) -> VendorMatch | None:
        found = self.find(text)
        return found[0] if found else None

    def match_model(self, text: str) -> VendorMatch | None:
        """The vendor whose model-number prefix starts ``text``, or one of its words ("8ch NVR
        (DS-7608NI)"), longest prefix first."""
        for model in dict.fromkeys([text.strip(), *re.findall(r"[A-Za-z0-9][\w\-/.]*\d[\w\-/.]*", text)]):
            for regex, _prefix, kind, vendor in self._prefixes:
                if regex.match(_model_key(model)):
                    label = kind.replace("_", " ")
                    reason = f"model {model} is a {vendor.name} ({label}) model number"
                    return VendorMatch(vendor.family, vendor.name, vendor.name, "model", reason)
        return None

    def identify(self, make: str, *models: str) -> VendorMatch | None:
        """Vendor of a row: from the make; if the make is blank, from model numbers."""
        if norm(make) not in PLACEHOLDERS:
            return self.match_make(make)
        for model in models:
            if model.strip() and (hit := self.match_model(model) or self._named_in(model)):
                return hit
        return None

    def _named_in(self, model: str) -> VendorMatch | None:
        found = self.find(model, fuzzy=False)
        if not found:
            return None
        hit = found[0]
        reason = f'model cell "{model.strip()}" names {hit.brand}'
        return VendorMatch(hit.family, hit.name, hit.brand, "model", reason)


def _load(path: Path) -> VendorCatalogue:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return VendorCatalogue([_vendor(e) for e in data.get("vendors") or []])


@lru_cache(maxsize=8)
def load_vendors(path: Path | None = None) -> VendorCatalogue:
    """The vendor catalogue (``knowledge/vendors.yaml`` unless another file is given)."""
    return _load(Path(path) if path else DEFAULT_PATH)
