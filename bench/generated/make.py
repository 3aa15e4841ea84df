"""Generate a fictional council register from a seed: the rows (the truth) and the file(s).

``generate(seed)`` returns a ``Register``: its rows hold the truth (vendor family, status class,
dates as ``date``) the golds are computed from; ``write(register, folder)`` writes what a council
would export: CSV (comma or semicolon) or XLSX with banner rows, a lookups or notes sheet, or a
tab per area, with the register's own header synonyms, status words, vendor spellings and date
and financial-year formats.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from bench.generated import vocab

SHAPES = ("system", "device")  # one row per CCTV system (with a camera count) or per device


@dataclass(frozen=True)
class Row:
    """One register row with its truth. ``cameras`` is the camera count (device rows: 1 or 0)."""

    site: str
    area: str
    type: str
    family: str
    make: str  # as written; "" when the make is blank (the model still tells the family)
    model: str
    status: str  # as written, from the register's vocabulary
    status_class: str  # live / due / out
    installed: date
    replacement_fy: int | None  # start year of the financial year, 2025 = 2025/26
    cameras: int
    device: str = ""
    system_id: str = ""
    asset_id: str = ""
    network: str = ""
    remote: str = ""
    notes: str = ""

    @property
    def in_service(self) -> bool:
        return self.status_class in vocab.IN_SERVICE


@dataclass(frozen=True)
class Layout:
    kind: str  # csv / xlsx
    delimiter: str = ","
    banner_rows: int = 0
    extra_sheet: str = ""  # "", "Lookups" or "Notes"
    per_area_tabs: bool = False
    date_format: str = "iso"  # iso / dmy / year / excel
    fy_format: str = "slash"  # slash (2025/26) / short (25/26) / fy (FY2025-26)


@dataclass
class Register:
    seed: int
    council: str
    shape: str
    headers: dict[str, str]  # role -> header as written, in column order
    statuses: dict[str, str]  # value -> class
    layout: Layout
    areas: list[str]
    types: list[str]
    rows: list[Row] = field(default_factory=list)

    @property
    def sites(self) -> list[str]:
        return sorted({r.site for r in self.rows})

    @property
    def has_systems(self) -> bool:
        return self.shape == "system" or "system" in self.headers

    @property
    def area_recorded(self) -> bool:
        return "area" in self.headers


def _places(rng: random.Random, n: int, taken: set[str]) -> list[str]:
    out: list[str] = []
    while len(out) < n:
        name = rng.choice(vocab.PLACE_HEADS) + rng.choice(vocab.PLACE_TAILS)
        if name not in taken:
            taken.add(name)
            out.append(name)
    return out


def _site_names(rng: random.Random, areas: list[str], types: list[str], n: int) -> list[tuple[str, str, str]]:
    """(name, area, type) for ``n`` sites with unique names."""
    taken = set(areas)
    extra = _places(rng, 12, taken)
    names: set[str] = set()
    out: list[tuple[str, str, str]] = []
    while len(out) < n:
        kind, area = rng.choice(types), rng.choice(areas)
        place = area if rng.random() < 0.5 else rng.choice(extra)
        name = vocab.TYPES[kind][1].format(place=place, street=rng.choice(vocab.STREETS),
                                           tree=rng.choice(vocab.TREES))
        if name not in names:
            names.add(name)
            out.append((name, area, kind))
    return out


def _headers(rng: random.Random, shape: str, per_area_tabs: bool) -> dict[str, str]:
    roles = ["asset", "site", "type", "area", "make", "model"]
    roles += ["device", "system"] if shape == "device" else ["cameras"]
    roles += ["installed", "status", "replacement", "network", "remote", "notes"]
    drop = {r for r in ("network", "remote", "notes") if rng.random() < 0.3}
    if shape == "device" and rng.random() < 0.3:
        drop.add("system")
    if per_area_tabs and rng.random() < 0.5:
        drop.add("area")  # the tab names the area
    return {r: rng.choice(vocab.HEADERS[r]) for r in roles if r not in drop}


def _layout(rng: random.Random) -> Layout:
    kind = rng.choice(["csv", "csv", "xlsx", "xlsx", "xlsx"])
    dates = ["iso", "dmy", "year"] + (["excel"] if kind == "xlsx" else [])
    fy = rng.choice(["slash", "short", "fy"])
    if kind == "csv":
        return Layout("csv", delimiter=rng.choice([",", ";"]), date_format=rng.choice(dates), fy_format=fy)
    return Layout("xlsx", banner_rows=rng.choice([0, 1, 2, 3]), extra_sheet=rng.choice(["", "Lookups", "Notes"]),
                  per_area_tabs=rng.random() < 0.3, date_format=rng.choice(dates), fy_format=fy)


def _make_and_model(rng: random.Random, family: str) -> tuple[str, str]:
    model = rng.choice(vocab.MODELS[family])
    if family in vocab.BLANK_MODEL_FAMILIES and rng.random() < 0.1:
        return "", model
    return rng.choice(vocab.FAMILIES[family]), model


def _status(rng: random.Random, statuses: dict[str, str], cls: str) -> str:
    return rng.choice(sorted(v for v, c in statuses.items() if c == cls))


def _system(rng: random.Random, statuses: dict[str, str], site: tuple[str, str, str], sys_id: str) -> Row:
    family = rng.choices(list(vocab.FAMILIES), weights=[30, 15, 18, 10, 8, 11, 8])[0]
    make, model = _make_and_model(rng, family)
    cls = rng.choices(["live", "due", "out"], weights=[50, 22, 28])[0]
    installed = date(rng.randint(2011, 2024), rng.randint(1, 12), rng.randint(1, 28))
    fy = rng.randint(2025, 2028) if cls == "due" else None
    if cls == "out" and rng.random() < 0.5:
        fy = rng.randint(2021, 2024)  # the year it went
    return Row(site=site[0], area=site[1], type=site[2], family=family, make=make, model=model,
               status=_status(rng, statuses, cls), status_class=cls, installed=installed,
               replacement_fy=fy, cameras=rng.randint(1, 16), system_id=sys_id,
               network=rng.choice(vocab.NETWORKS), remote=rng.choice(vocab.REMOTE), notes=rng.choice(vocab.NOTES))


def _devices(rng: random.Random, statuses: dict[str, str], system: Row) -> list[Row]:
    """A system as device rows: its cameras and a recorder; now and then one device differs in status."""
    n = max(1, system.cameras // 3)
    kinds = [rng.choice(vocab.DEVICE_CAMERAS) for _ in range(n)] + [rng.choice(vocab.DEVICE_OTHER[:3])]
    out: list[Row] = []
    for kind in kinds:
        row = system
        if rng.random() < 0.08:
            cls = rng.choice(["live", "out"])
            row = _replace(row, status=_status(rng, statuses, cls), status_class=cls)
        is_camera = kind in vocab.DEVICE_CAMERAS
        out.append(_replace(row, device=kind, cameras=1 if is_camera else 0))
    return out


def _replace(row: Row, **changes: object) -> Row:
    from dataclasses import replace

    return replace(row, **changes)  # type: ignore[arg-type]


def generate(seed: int) -> Register:
    """The register for ``seed``: same seed, same register."""
    rng = random.Random(seed)
    shape = rng.choice(SHAPES)
    layout = _layout(rng)
    taken: set[str] = set()
    areas = _places(rng, rng.randint(4, 6), taken)
    types = rng.sample(sorted(vocab.TYPES), rng.randint(5, 7))
    statuses = rng.choice(vocab.STATUS_VOCABS)
    headers = _headers(rng, shape, layout.per_area_tabs)
    reg = Register(seed=seed, council=f"{_places(rng, 1, taken)[0]} District Council", shape=shape,
                   headers=headers, statuses=statuses, layout=layout, areas=areas, types=types)
    rows: list[Row] = []
    for i, site in enumerate(_site_names(rng, areas, types, rng.randint(18, 28))):
        for j in range(1 if rng.random() < 0.75 else 2):
            system = _system(rng, statuses, site, f"SYS-{100 + 2 * i + j}")
            rows.extend(_devices(rng, statuses, system) if shape == "device" else [system])
    prefix = "".join(w[0] for w in reg.council.split()[:2]).upper()
    reg.rows = [_replace(r, asset_id=f"{prefix}-{k + 1:04d}") for k, r in enumerate(rows)]
    return reg


__all__ = ["Layout", "Register", "Row", "generate"]
