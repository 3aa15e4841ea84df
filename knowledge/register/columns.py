"""Column understanding: map each sheet's headers to meanings from header words and values."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from knowledge.register.profile import VALUE_ONLY, value_scores
from knowledge.register.values import key, norm

MEANINGS: tuple[str, ...] = (
    "property", "property_id", "asset_id", "system_id", "property_type", "area", "address", "postcode",
    "manufacturer", "model", "recorder", "camera_count", "recording", "network",
    "remote_access", "install_date", "last_maintenance", "status", "replacement_date", "notes",
)
_SYN: dict[str, str] = {
    "property": "property name:1|property:.9|site name:1|site:.9|premises name:1|premises:.9|"
    "building name:1|building:.8|establishment:.8|facility:.8|venue:.8|location name:.9|"
    "location:.6|name:.6|asset location:.7|site address name:.7",
    "property_id": "property id:1|property ref:1|property reference:1|property code:1|"
    "site id:1|site ref:1|site code:1|site reference:1|premises ref:1|premises id:1|uprn:1|"
    "building id:1|building ref:1|property number:.9|site no:.9|property no:.9",
    "asset_id": "asset id:1|asset ref:1|asset reference:1|asset no:1|asset number:1|"
    "asset tag:1|asset code:1|tag:.7|id:.6|ref:.6|reference:.6|"
    "equipment id:1|device id:1|camera id:1|camera ref:1|camera no:.9|camera num:.9|serial:.5",
    "system_id": "system id:1|system ref:1|system reference:1|system no:1|system number:1|system code:1|"
    "installation id:.9|system:.5",
    "property_type": "property type:1|premises type:1|site type:1|building type:1|"
    "property category:1|category:.8|property use:.9|use:.6|service area:.6|type:.5|"
    "service:.5|function:.6|usage:.6",
    "area": "district:1|ward:1|area:.9|locality:1|division:.9|zone:.8|region:.8|town:.8|"
    "parish:.9|borough:.9|neighbourhood:.9|patch:.8|constituency:.8|area name:1|"
    "district name:1|ward name:1|quadrant:.7|cluster:.6|village:.7",
    "address": "address:1|street:.8|address line 1:1|address 1:1|full address:1|road:.7|"
    "site address:1|street address:1|postal address:1",
    "postcode": "postcode:1|post code:1|postal code:1|zip:.8|zip code:.8|pcode:.9",
    "manufacturer": "manufacturer:1|make:1|brand:1|vendor:.9|supplier:.8|mfr:1|oem:.9|"
    "camera make:1|camera manufacturer:1|equipment make:1|system make:1|maker:1|"
    "manufacturer name:1|make brand:1",
    "model": "model:1|model no:1|model number:1|model ref:1|camera model:1|part number:.8|"
    "part no:.8|product:.6|product code:.8|sku:.7|device model:1|equipment model:1",
    "recorder": "nvr:1|dvr:1|recorder:1|nvr model:1|dvr model:1|recorder model:1|"
    "recording device:1|nvr dvr:1|head end:.8|recorder make:.9|vms:.7|recording equipment:1",
    "camera_count": "camera count:1|no of camera:1|number of camera:1|camera:.8|"
    "camera qty:1|qty:.7|quantity:.7|count:.6|no camera:1|total camera:1|camera number:.8|"
    "device count:.8|number of device:.8|head count:.3|cams:.8",
    "recording": "recording:1|recording location:1|recorded to:1|storage:.8|"
    "storage location:1|recording method:1|footage storage:1|recording type:.9|"
    "where recorded:1|data storage:.9|recorded:.8|recording mode:.9",
    "network": "network:1|connectivity:1|network connection:1|network exposure:1|"
    "connection:.8|network type:1|networked:1|connection type:.9|network status:1|lan:.7|"
    "internet:.7|network access:.9|comms:.7",
    "remote_access": "remote access:1|remote viewing:1|remote view:1|remote:.9|"
    "app access:.9|remote monitoring:.9|offsite viewing:1|mobile viewing:.9|"
    "remote connection:.9|viewable remotely:1|app viewing:1|app access:.9|mobile app:.9|phone app:.9|"
    "cloud viewing:.9|viewing app:.9|app:.6|off site viewing:1|remote view access:1",
    "install_date": "install date:1|installed:1|date installed:1|installation date:1|"
    "date of installation:1|installation:.8|commissioned:.9|date commissioned:1|"
    "fitted:.9|date fitted:1|year installed:1|install year:1|installed on:1|go live:.8",
    "last_maintenance": "last maintenance:1|last service:1|last serviced:1|maintenance date:1|"
    "last inspection:1|serviced:.8|last maintained:1|service date:.9|last visit:.8|"
    "maintenance:.8|last checked:.9|inspection date:.9",
    "status": "status:1|lifecycle:1|lifecycle status:1|state:.8|operational status:1|"
    "current status:1|system status:1|in use:.8|condition:.5|asset status:1",
    "replacement_date": "replacement due:1|planned replacement:1|replacement date:1|"
    "due for replacement:1|replace by:1|renewal date:1|end of life:.9|eol:.9|"
    "scheduled replacement:1|replacement:.8|planned replacement date:1|target replacement:1|"
    "replacement year:1|due date:.6|due for renewal:1|renewal:.8|renewal year:1|"
    "swap out:.9|swap out date:1|replace date:1|replace by date:1|"
    "renewal due:1|replacement due date:1|planned upgrade:.8|upgrade due:.8|refresh date:.9|"
    "changeover date:.9|planned swap:1|swap:.7|swap due:1|swap date:1|swap year:1|"
    "planned swap date:1|planned renewal:1|replacement planned:1|replacement fy:1|replacement year fy:1",
    "notes": "note:1|comment:1|remark:1|observation:.9|additional info:.9|description:.6|"
    "detail:.6|further information:.8|info:.6",
}
SYNONYMS: dict[str, list[tuple[str, float]]] = {
    meaning: [(key(p.split(":")[0]), float(p.split(":")[1])) for p in spec.split("|")]
    for meaning, spec in _SYN.items()
}
_SYSTEM_TYPES = [
    ("access_control", ("access", "door", "entry", "intercom", "fob", "card reader")),
    ("intruder_alarm", ("intruder", "burglar", "alarm", "ids")),
    ("fire_alarm", ("fire",)),
    ("cctv", ("cctv", "camera", "video", "surveillance", "vss", "anpr")),
]
_ALIASES = {"make": "manufacturer", "site": "property", "district": "area", "ward": "area",
            "remote": "remote_access", "lifecycle": "status", "replacement": "replacement_date",
            "installed": "install_date", "nvr": "recorder", "cameras": "camera_count"}


@dataclass
class SheetMapping:
    """What each header of one sheet means, and the sheet's kind of system."""

    sheet: str
    system_type: str
    columns: dict[str, str] = field(default_factory=dict)  # meaning -> header
    scores: dict[str, float] = field(default_factory=dict)


def header_score(header: str, meaning: str) -> float:
    """How well a header's words name a meaning (0..1)."""
    words = key(header).split()
    text = " ".join(words)
    best = 0.0
    for phrase, weight in SYNONYMS[meaning]:
        p_words = phrase.split()
        if text == phrase:
            score = 1.0
        elif _contains(words, p_words):
            score = 0.85 - 0.05 * (len(words) - len(p_words))
        elif len(text) > 4 and _typo(words, p_words):
            score = 0.8
        else:
            continue
        best = max(best, score * weight)
    return best


def _typo(words: list[str], phrase: list[str]) -> bool:
    """The same words but for a slip of spelling ("instal date"), word by word: "location a"
    is not "location name"."""
    return len(words) == len(phrase) and all(
        difflib.SequenceMatcher(None, w, p).ratio() >= 0.8 for w, p in zip(words, phrase, strict=True))


def _contains(words: list[str], phrase: list[str]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def system_type(sheet: str, source: str = "") -> str:
    """The kind of system a sheet lists, from its name (or else the file name)."""
    for name in (sheet, Path(source).stem):
        words = f" {norm(name)} "
        for label, cues in _SYSTEM_TYPES:
            if any(f" {cue}" in words for cue in cues):
                return label
    return "unknown"


def load_overrides(path: Path | None) -> dict[str, dict[str, str]]:
    """Read the optional override YAML: ``{header: meaning}`` and ``sheets: {sheet: {...}}``."""
    if path is None or not Path(path).is_file():
        return {}
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    out: dict[str, dict[str, str]] = {"*": {}}
    for header, meaning in data.items():
        if header == "sheets" and isinstance(meaning, dict):
            for sheet, spec in meaning.items():
                out[norm(str(sheet))] = {norm(str(h)): _meaning(m) for h, m in spec.items()}
        elif isinstance(meaning, str):
            out["*"][norm(str(header))] = _meaning(meaning)
    return out


def _meaning(text: str) -> str:
    value = norm(str(text)).replace(" ", "_")
    value = _ALIASES.get(value, value)
    if value not in MEANINGS and value != "ignore":
        raise ValueError(f"unknown register column meaning {text!r}; use one of {MEANINGS}")
    return value


def map_sheet(
    sheet: str, headers: Sequence[str], samples: Sequence[Mapping[str, str]],
    source: str = "", overrides: dict[str, dict[str, str]] | None = None,
) -> SheetMapping:
    """Map headers to meanings: overrides first, then the best-scoring pairs, one to one."""
    mapping = SheetMapping(sheet, system_type(sheet, source))
    forced = {**(overrides or {}).get("*", {}), **(overrides or {}).get(norm(sheet), {})}
    free = []
    for header in headers:
        meaning = forced.get(norm(header))
        if meaning and meaning not in mapping.columns:
            if meaning != "ignore":
                mapping.columns[meaning], mapping.scores[meaning] = header, 9.0
        elif meaning != "ignore":
            free.append(header)
    pairs = _candidates(free, samples)
    used: set[str] = set()
    for score, header, meaning in sorted(pairs, reverse=True):
        if header in used or meaning in mapping.columns:
            continue
        mapping.columns[meaning], mapping.scores[meaning] = header, round(score, 3)
        used.add(header)
    if "system_id" not in mapping.columns and (grouping := _grouping_id(mapping, free, used, samples)):
        mapping.columns["system_id"], mapping.scores["system_id"] = grouping, 0.9
    return mapping


_IDS = ("asset_id", "property_id", "system_id")


def _grouping_id(
    mapping: SheetMapping, free: Sequence[str], used: set[str], samples: Sequence[Mapping[str, str]],
) -> str | None:
    """An identifier column left over ("Scheme ID") whose codes each recur on several rows of one
    property: the rows are devices, and a code is the system they make up."""
    prop = mapping.columns.get("property")
    for header in free:
        if header in used or prop is None or not any(header_score(header, m) > 0 for m in _IDS):
            continue
        sites: dict[str, set[str]] = {}
        for sample in samples:
            code = str(sample.get(header) or "").strip()
            if code:
                sites.setdefault(code, set()).add(str(sample.get(prop) or ""))
        rows = sum(1 for sample in samples if str(sample.get(header) or "").strip())
        if sites and len(sites) < rows and all(len(places) == 1 for places in sites.values()):
            return header
    return None


def _candidates(
    headers: Sequence[str], samples: Sequence[Mapping[str, str]]
) -> list[tuple[float, str, str]]:
    out = []
    for header in headers:
        values = [str(s.get(header) or "").strip() for s in samples]
        by_value = value_scores([v for v in values if v])
        for meaning in MEANINGS:
            head = header_score(header, meaning)
            val = by_value.get(meaning, 0.0)
            if head > 0:
                score = 2 * head + val
            elif meaning in VALUE_ONLY:
                score = val
            else:
                continue
            if score >= 0.9:
                out.append((score, header, meaning))
    return out
