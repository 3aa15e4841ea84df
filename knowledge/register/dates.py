"""Date phrases in register questions: absolute, financial-year and relative dates, which date
column they refer to, and named events ("after the ban")."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from knowledge.register.values import MONTHS, parse_date

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)? (?:{_M}) \d{{4}}|(?:{_M}) \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|" \
    rf"\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|(?:19|20)\d{{2}})"
_FY = re.compile(r"\b(?:fy ?)?((?:19|20)\d{2}|\d{2}) ?[/-] ?(\d{2}|(?:19|20)\d{2})\b")
BETWEEN = re.compile(rf"\b(?:between|from) ({DATE}) (?:and|to|until|-) ({DATE})")
_BEFORE = re.compile(rf"\b(before|by|until|till|prior to|earlier than|no later than) (?:the )?({DATE})")
_AFTER = re.compile(rf"\b(after|since|from|later than|on or after) (?:the )?({DATE})")
"""With "the": "after the June 2023 ban" is after June 2023."""
_DURING = re.compile(rf"\b(?:in|during|within|throughout) ({DATE})")
_EVENT = re.compile(
    r"\b(after|before|since|following|prior to|post)[ -](?:the |our |its )?(?:\w+ ){0,2}?"
    r"(ban|instruction|announcement|statement|decision|policy|guidance|directive|review|"
    r"moratorium|order)\b"
)
FIELD_CUES: list[tuple[str, str]] = [
    ("replacement_date", r"replac|renew|swap|due|upgrad|end of life|retire|down for|target|"
                         r"new (cameras?|cctv|systems?|kit)"),
    ("install_date", r"install|fitted|put in|commission|(went|gone) in|deploy|bought|purchas|added"),
    ("last_maintenance", r"maint|servic|inspect|checked"),
]


_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
              "twenty": 20, "thirty": 30, "fifty": 50, "a hundred": 100}


def _iso(text: str) -> str | None:
    return parse_date(re.sub(r"\b(\d{1,2})(st|nd|rd|th)\b", r"\1", text))  # "1st August" (not "August")


def _plus_days(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def _period_end(text: str, iso: str) -> str:
    """Exclusive end of the period a date phrase names: a year, a month or a day."""
    start = date.fromisoformat(iso)
    if re.fullmatch(r"(19|20)\d{2}", text):
        return date(start.year + 1, 1, 1).isoformat()
    if re.fullmatch(rf"(?:{_M}) \d{{4}}", text):
        nxt = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return nxt.isoformat()
    return _plus_days(iso, 1)


def date_bounds(text: str) -> tuple[str | None, str | None, str, int] | None:
    """``(start, end, phrase, position)`` of the first date condition in a question."""
    if m := _FY.search(text):
        first, second = int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1]), int(m[2][-2:])
        if second == (first + 1) % 100:  # "2025/26", "25/26", "FY25-26"
            return f"{first}-04-01", f"{first + 1}-04-01", m[0], m.start()
    if m := BETWEEN.search(text):
        a, b = _iso(m[1]), _iso(m[2])
        if a and b:
            return a, _period_end(m[2], b), m[0], m.start()
    if (m := _BEFORE.search(text)) and (iso := _iso(m[2])):
        inclusive = m[1] in ("by", "until", "till", "no later than")
        end = _period_end(m[2], iso) if inclusive else iso
        return None, end, m[0], m.start()
    if (m := _AFTER.search(text)) and (iso := _iso(m[2])):
        start = iso if m[1] in ("since", "from", "on or after") else _period_end(m[2], iso)
        return start, None, m[0], m.start()
    if (m := _DURING.search(text)) and (iso := _iso(m[1])):
        return iso, _period_end(m[1], iso), m[0], m.start()
    return None


def date_field(text: str, position: int, available: set[str]) -> str | None:
    """The date column a question's date refers to: the nearest cue before it, else after."""
    best: tuple[int, str] | None = None
    for name, pattern in FIELD_CUES:
        for m in re.finditer(pattern, text):
            distance = position - m.start() if m.start() <= position else 1000 + m.start()
            if best is None or distance < best[0]:
                best = (distance, name)
    if best:
        return best[1]
    return next(iter(available)) if len(available) == 1 else None


def event_match(text: str) -> re.Match[str] | None:
    """The "after the ban" phrase: group 1 the direction, group 2 the event."""
    return _EVENT.search(text)


def event_without_date(text: str) -> tuple[str, str] | None:
    """``("after", "ban")`` for "after the ban": a named event whose date we do not know."""
    m = _EVENT.search(text)
    return ("after" if m[1] == "post" else m[1], m[2]) if m else None  # "post-ban" is after the ban


NOT_SINCE = re.compile(rf"\b((?:has|have|had|is|are|was|were|do|does|did)(?:nt| not)|not|never)\b"
                       rf"(?: \w+){{0,3}} since ({DATE})")
""""Not maintained since 2022": the last date is before 2022, or none is recorded."""
OVERDUE = re.compile(r"\b(overdue|past (its|their|the) (replacement|renewal|end of life) date|"
                     r"past due|late for replacement|should (already )?have been replaced)\b")
_REL = re.compile(r"\b(in|within|over|during) the (last|past|previous|next|coming) (\d+|"
                  + "|".join(_NUM_WORDS) + r"|few)? ?(years?|months?)\b|\b(this|next|last) year\b")


def relative_bounds(text: str, today: date) -> tuple[str | None, str | None, str, int] | None:
    """Dates relative to today ("in the last two years", "next year"), resolved to ISO."""
    m = _REL.search(text)
    if not m:
        return None
    if m[5]:
        year = today.year + {"this": 0, "next": 1, "last": -1}[m[5]]
        return f"{year}-01-01", f"{year + 1}-01-01", m[0], m.start()
    if m[3] == "few":
        return None  # too vague to turn into dates
    n = 1 if not m[3] else int(m[3]) if m[3].isdigit() else _NUM_WORDS[m[3]]
    months = n * 12 if m[4].startswith("year") else n
    total = today.year * 12 + today.month - 1
    past = m[2] in ("last", "past", "previous")
    shifted = total - months if past else total + months
    year, month = shifted // 12, shifted % 12 + 1
    other = date(year, month, min(today.day, calendar.monthrange(year, month)[1])).isoformat()
    start, end = (other, _plus_days(today.isoformat(), 1)) if past else (today.isoformat(), other)
    return start, end, m[0], m.start()
