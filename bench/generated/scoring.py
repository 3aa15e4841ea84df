"""Score answers as the shared scorer (``../shared/eval/score.py``) does for register questions.

A list is right when the set of the register's property names found in the answer text is the
gold set exactly (names matched longest first, case and punctuation ignored). A count is right
when the first count-like number (dates, years, money, codes skipped) equals the gold. Either is
wrong when the answer is not given as an answer (``answered: false``): an abstention, counted
apart from answers given as answers but wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bench.generated.questions import Question

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
SKIPPED = [
    r"\b\d{4}-\d{1,2}-\d{1,2}\b", r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+({MONTHS})\.?(\s+\d{{4}})?\b",
    rf"\b({MONTHS})\.?\s+\d{{1,2}}(st|nd|rd|th)?,?(\s+\d{{4}})?\b", rf"\b({MONTHS})\.?\s+\d{{4}}\b",
    r"\b(19|20)\d{2}\s*/\s*\d{2,4}\b", r"[£$€]\s*\d[\d,]*(\.\d+)?\s*(k|m|bn|million|billion)?\b",
    r"\b\d[\d,]*(\.\d+)?\s*%", r"\b\d[\d,]*(\.\d+)?\s*(per ?cent|percent)\b",
    r"\S*[A-Za-z]\S*\d\S*|\S*\d\S*[A-Za-z]\S*", r"\b(199\d|20\d{2})\b", r"\b\d+\.\d+\b",
]


def norm(text: str) -> str:
    t = text.lower().replace("&", " and ")
    t = re.sub(r"['\u2018\u2019\u02bc`]", "", t)
    t = re.sub(r"[^0-9a-z\u00c0-\u024f]+", " ", t)
    return " " + " ".join(t.split()) + " "


def find_names(text: str, names: list[str]) -> set[str]:
    """The names in ``text``; a longer name blanks its span so a shorter one inside it cannot match."""
    keyed = sorted({norm(n).strip(): n for n in names if norm(n).strip()}.items(), key=lambda kv: -len(kv[0]))
    t = norm(text)
    found: set[str] = set()
    for key, original in keyed:
        if f" {key} " in t:
            found.add(original)
            t = t.replace(f" {key} ", " \x00 ")
    return found


def first_count(text: str) -> int | None:
    t = " " + text.replace("\u00a0", " ") + " "
    for pat in SKIPPED:
        t = re.sub(pat, " ", t, flags=re.IGNORECASE)
    pat = r"\b\d{1,3}(?:,\d{3})+\b|\b\d+\b|\b(?:" + "|".join(NUMBER_WORDS) + r")\b"
    m = re.search(pat, t, flags=re.IGNORECASE)
    if m is None:
        return None
    w = m.group(0).lower()
    return NUMBER_WORDS[w] if w in NUMBER_WORDS else int(w.replace(",", ""))


@dataclass
class Verdict:
    id: str
    right: bool
    answered: bool
    detail: str = ""

    @property
    def outcome(self) -> str:
        return "right" if self.right else ("wrong" if self.answered else "abstained")


def judge(q: Question, answer: dict[str, object] | None, names: list[str]) -> Verdict:
    """One question's verdict; ``names`` are every property name in the register."""
    if answer is None or not isinstance(answer.get("answer"), str):
        return Verdict(q.id, False, False, "no answer")
    text = str(answer["answer"])
    answered = answer.get("answered") is True
    if q.kind == "list":
        found, gold = find_names(text, names), set(q.gold_names)
        ok = found == gold
        detail = "" if ok else f"{len(found & gold)}/{len(gold)} found, {len(found - gold)} extra"
    else:
        got = first_count(text)
        ok = got == q.gold_count
        detail = "" if ok else f"count {got} != {q.gold_count}"
    return Verdict(q.id, ok and answered, answered, detail if answered else "abstained")


@dataclass
class Tally:
    right: int = 0
    abstained: int = 0
    wrong: int = 0
    by_template: dict[str, list[int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.right + self.abstained + self.wrong

    def add(self, template: str, v: Verdict) -> None:
        setattr(self, v.outcome, getattr(self, v.outcome) + 1)
        cell = self.by_template.setdefault(template, [0, 0, 0])
        cell[["right", "abstained", "wrong"].index(v.outcome)] += 1


@dataclass
class Score:
    """Tallies per question kind (list / count) over all seeds, and every verdict."""

    kinds: dict[str, Tally] = field(default_factory=dict)
    verdicts: list[tuple[Question, Verdict, str]] = field(default_factory=list)

    def add(self, q: Question, v: Verdict, answer_text: str) -> None:
        self.kinds.setdefault(q.kind, Tally()).add(q.template, v)
        self.verdicts.append((q, v, answer_text))

    def to_json(self) -> dict[str, object]:
        return {kind: {"right": t.right, "abstained": t.abstained, "answered_but_wrong": t.wrong,
                       "total": t.total, "by_template": t.by_template} for kind, t in self.kinds.items()}


__all__ = ["Score", "Tally", "Verdict", "find_names", "first_count", "judge", "norm"]
