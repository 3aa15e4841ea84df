"""Question templates with paraphrase slots, and their golds computed over the generated rows.

Golds are plain Python over ``Register.rows`` (the generator's truth: vendor family, status
class, real dates), never cllr's query code. Semantics, as in the shared councils' READMEs:
- *in service* ("still", "live", "running") = the status's class is live or due; a site is
  "still running X" if at least one of its X rows is in service;
- a vendor is its family: every spelling, sub-brand (HiLook, EZVIZ, Imou) and a blank make
  whose model carries the family's prefix (DS-, DHI-);
- *cameras* = the camera count (system rows) or the rows whose device type is a camera;
  *systems* = system rows, or distinct system IDs of device rows;
- *due for replacement in FY* = in-service rows whose replacement year is that FY.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from bench.generated import vocab
from bench.generated.make import Register, Row

SITES = ["sites", "buildings", "properties", "premises", "locations"]
STILL = ["still run", "still have", "still use", "are still running", "still operate"]
KIT = ["kit", "CCTV", "equipment", "systems"]  # any device; "cameras" only where the gold counts cameras
IN_SERVICE = ["in service", "still in use", "still working", "live", "operational", "currently running"]
DUE = ["scheduled for replacement", "due to be replaced", "earmarked for replacement"]
OUT = ["no longer in service", "out of service", "not in use any more"]
CLASS_PHRASES = {"in": IN_SERVICE, "due": DUE, "out": OUT}
CLASS_SETS = {"in": {"live", "due"}, "due": {"due"}, "out": {"out"}}


@dataclass
class Question:
    id: str
    template: str
    kind: str  # list / count
    unit: str  # properties / systems / cameras
    question: str
    gold_names: list[str] = field(default_factory=list)
    gold_count: int | None = None

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "template": self.template, "kind": self.kind, "unit": self.unit,
                "question": self.question, "gold_names": self.gold_names, "gold_count": self.gold_count}


Pred = Callable[[Row], bool]


def sites(reg: Register, pred: Pred) -> list[str]:
    return sorted({r.site for r in reg.rows if pred(r)})


def camera_total(reg: Register, pred: Pred) -> int:
    return sum(r.cameras for r in reg.rows if pred(r))


def system_total(reg: Register, pred: Pred) -> int:
    if reg.shape == "system":
        return sum(1 for r in reg.rows if pred(r))
    return len({r.system_id for r in reg.rows if pred(r)})


def is_camera(r: Row) -> bool:
    return r.cameras > 0


def plural(reg: Register, kind: str) -> str:
    return vocab.TYPES[kind][0]


def fy_asked(start: int, rng: random.Random) -> str:
    end = (start + 1) % 100
    return rng.choice([f"{start}/{end:02d}", f"{start % 100}/{end:02d}", f"{start}-{end:02d}",
                       f"the {start}/{end:02d} financial year", f"FY {start}/{end:02d}"])


class Slots:
    """Random slot values for one question, drawn from the register's own values."""

    def __init__(self, reg: Register, rng: random.Random) -> None:
        self.reg, self.rng = reg, rng

    def vendor(self, exclude: str = "") -> tuple[str, str]:
        fams = [f for f in vocab.FAMILIES if f != exclude and any(r.family == f for r in self.reg.rows)]
        weights = [4 if f in vocab.RESTRICTED else 1 for f in fams]
        fam = self.rng.choices(fams, weights=weights)[0]
        return fam, self.rng.choice(vocab.ASKED_NAMES[fam])

    def pick(self, words: list[str]) -> str:
        return self.rng.choice(words)


# --- templates: each returns (kind, unit, wordings, gold) or None when it does not apply ---
Made = tuple[str, str, list[str], list[str] | int] | None


def t_vendor_still(reg: Register, s: Slots) -> Made:
    fam, v = s.vendor()
    w = {"sites": s.pick(SITES), "still": s.pick(STILL), "v": v, "kit": s.pick(KIT)}
    gold = sites(reg, lambda r: r.family == fam and r.in_service)
    return "list", "properties", [
        "which {sites} {still} {v}?".format(**w),
        "where have we still got {v} {kit}?".format(**w),
        "{v} {kit} - which of our {sites} still have it in service?".format(**w),
        "Please list the {sites} at which {v} equipment remains in service.".format(**w)], gold


def t_area_count(reg: Register, s: Slots) -> Made:
    fam, v = s.vendor()
    area = s.pick(reg.areas)
    w = {"sites": s.pick(SITES), "v": v, "kit": s.pick(KIT), "area": area}
    gold = len(sites(reg, lambda r: r.family == fam and r.in_service and r.area == area))
    return "count", "properties", [
        "how many {sites} in {area} still have {v} {kit}?".format(**w),
        "in {area}, how many {sites} are still running {v}?".format(**w),
        "What is the number of {sites} in {area} with {v} {kit} in service?".format(**w)], gold


def t_type_vendor_status(reg: Register, s: Slots) -> Made:
    fam, v = s.vendor()
    kind, cls = s.pick(reg.types), s.pick(["in", "in", "due", "out"])
    w = {"types": plural(reg, kind), "v": v, "status": s.pick(CLASS_PHRASES[cls])}
    gold = sites(reg, lambda r: r.family == fam and r.type == kind and is_camera(r)
                 and r.status_class in CLASS_SETS[cls])
    return "list", "properties", [
        "list the {types} with {v} cameras that are {status}".format(**w),
        "which {types} have {v} cameras {status}?".format(**w),
        "Could you tell me which {types} have {v} cameras that are {status}?".format(**w)], gold


def t_cameras_vendor(reg: Register, s: Slots) -> Made:
    fam, v = s.vendor()
    w = {"v": v, "status": s.pick(IN_SERVICE)}
    gold = camera_total(reg, lambda r: r.family == fam and r.in_service)
    return "count", "cameras", [
        "how many {v} cameras are {status}?".format(**w),
        "how many {v} cameras have we got that are {status}?".format(**w),
        "What is the total number of {v} cameras currently in service?".format(**w)], gold


def t_due_fy(reg: Register, s: Slots) -> Made:
    years = sorted({r.replacement_fy for r in reg.rows if r.in_service and r.replacement_fy})
    if not years:
        return None
    start = s.rng.choice(years)
    w = {"sites": s.pick(SITES), "fy": fy_asked(start, s.rng)}
    gold = sites(reg, lambda r: r.in_service and r.replacement_fy == start)
    return "list", "properties", [
        "which sites are due for replacement in {fy}?".format(**w),
        "which {sites} are down to have their cameras replaced in {fy}?".format(**w),
        "Which {sites} have equipment scheduled for replacement in {fy}?".format(**w)], gold


def t_two_types_two_vendors(reg: Register, s: Slots) -> Made:
    fam, v = s.vendor()
    fam2, v2 = s.vendor(exclude=fam)
    k1, k2 = s.rng.sample(reg.types, 2)
    w = {"t1": plural(reg, k1), "t2": plural(reg, k2), "v": v, "v2": v2}
    gold = sites(reg, lambda r: r.type in (k1, k2) and r.family in (fam, fam2) and r.in_service)
    return "list", "properties", [
        "which {t1} or {t2} still have {v} or {v2}?".format(**w),
        "{t1} and {t2} still running {v} or {v2} - which are they?".format(**w),
        "Please list any {t1} or {t2} with {v} or {v2} equipment still in service.".format(**w)], gold


def t_vendor_before(reg: Register, s: Slots) -> Made:
    fam, v = s.vendor()
    year = s.rng.randint(2014, 2022)
    w = {"sites": s.pick(SITES), "v": v, "year": year}
    gold = sites(reg, lambda r: r.family == fam and r.in_service and r.installed < date(year, 1, 1))
    return "list", "properties", [
        "which sites still have {v} installed before {year}?".format(**w),
        "which {sites} have {v} kit put in before {year} that's still in use?".format(**w),
        "List the {sites} with in-service {v} equipment installed prior to {year}.".format(**w)], gold


def t_systems_vendor(reg: Register, s: Slots) -> Made:
    if not reg.has_systems:
        return None
    fam, v = s.vendor()
    w = {"v": v, "status": s.pick(IN_SERVICE)}
    gold = system_total(reg, lambda r: r.family == fam and r.in_service)
    return "count", "systems", [
        "how many {v} systems are {status}?".format(**w),
        "how many {v} CCTV systems have we still got?".format(**w),
        "What is the number of {v} systems currently in service?".format(**w)], gold


def t_type_in_area(reg: Register, s: Slots) -> Made:
    kind, area = s.pick(reg.types), s.pick(reg.areas)
    w = {"types": plural(reg, kind), "area": area}
    gold = sites(reg, lambda r: r.type == kind and r.area == area)
    return "list", "properties", [
        "which {types} in {area} are on the register?".format(**w),
        "list all the {types} in {area}, whatever their status".format(**w),
        "Which {types} on the register are located in {area}?".format(**w)], gold


def t_cameras_area(reg: Register, s: Slots) -> Made:
    area = s.pick(reg.areas)
    w = {"area": area, "status": s.pick(IN_SERVICE)}
    gold = camera_total(reg, lambda r: r.area == area and r.in_service)
    return "count", "cameras", [
        "how many cameras are {status} in {area}?".format(**w),
        "{area}: how many cameras have we got {status}?".format(**w),
        "What is the total number of cameras in service in {area}?".format(**w)], gold


def t_out_count(reg: Register, s: Slots) -> Made:
    fam, v = s.vendor()
    w = {"v": v, "status": s.pick(OUT)}
    gold = camera_total(reg, lambda r: r.family == fam and r.status_class == "out")
    return "count", "cameras", [
        "how many {v} cameras are {status}?".format(**w),
        "how many of our {v} cameras are now {status}?".format(**w),
        "What is the number of {v} cameras that are {status}?".format(**w)], gold


TEMPLATES: dict[str, Callable[[Register, Slots], Made]] = {
    "vendor_still": t_vendor_still, "area_count": t_area_count, "type_vendor_status": t_type_vendor_status,
    "cameras_vendor": t_cameras_vendor, "due_fy": t_due_fy, "two_types_two_vendors": t_two_types_two_vendors,
    "vendor_before": t_vendor_before, "systems_vendor": t_systems_vendor, "type_in_area": t_type_in_area,
    "cameras_area": t_cameras_area, "out_count": t_out_count,
}
PLAN = ["vendor_still", "vendor_still", "area_count", "type_vendor_status", "type_vendor_status",
        "cameras_vendor", "due_fy", "two_types_two_vendors", "vendor_before", "systems_vendor",
        "type_in_area", "cameras_area", "out_count", "area_count", "cameras_vendor"]


def _one(reg: Register, rng: random.Random, name: str) -> tuple[str, str, str, list[str] | int] | None:
    """A wording and gold for template ``name``: lists with a non-empty gold, counts above zero."""
    for _ in range(12):
        made = TEMPLATES[name](reg, Slots(reg, rng))
        if made is None:
            return None
        kind, unit, wordings, gold = made
        if gold:
            return kind, unit, rng.choice(wordings), gold
    return None


def questions(reg: Register) -> list[Question]:
    """About 15 questions for ``reg``; the same register always gives the same questions."""
    rng = random.Random(f"questions-{reg.seed}")
    out: list[Question] = []
    for name in PLAN:
        made = _one(reg, rng, name)
        if made is None:
            name, made = "vendor_still", _one(reg, rng, "vendor_still")
        if made is None:
            continue
        kind, unit, text, gold = made
        q = Question(id=f"G{reg.seed}-{len(out) + 1:02d}", template=name, kind=kind, unit=unit, question=text)
        if isinstance(gold, list):
            q.gold_names = gold
        else:
            q.gold_count = gold
        out.append(q)
    return out


__all__ = ["Question", "TEMPLATES", "questions"]
