"""Cell-value helpers: text normalisation, UK dates, numbers, postcodes, yes/no."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_TEXT = re.compile(
    rf"^(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({_MONTH_RE})\.?,?\s+(\d{{4}})$", re.IGNORECASE
)
_TEXT_US = re.compile(rf"^({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s*(\d{{4}})$", re.I)
_YEAR = re.compile(r"^(19|20)\d{2}$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_FISCAL = re.compile(r"^(?:fy\s?)?((?:19|20)\d{2})\s?[/-]\s?(\d{2}|(?:19|20)\d{2})$", re.I)
_FISCAL_SHORT = re.compile(r"^(?:fy\s?)?(\d{2})[/-](\d{2})$", re.I)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_INT = re.compile(r"^\s*(\d{1,5})(?:\.0+)?\s*(?:cameras?|cams?|no\.?|x)?\s*$", re.IGNORECASE)
YES = frozenset({"yes", "y", "true", "enabled", "on", "1", "allowed", "permitted"})
NO = frozenset({"no", "n", "false", "disabled", "off", "0", "none", "not enabled"})


def norm(text: str) -> str:
    """Lower-case, apostrophes dropped, other punctuation to spaces, spaces collapsed."""
    text = text.lower().replace("’", "'").replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


def tokens(text: str) -> list[str]:
    """Words of ``text``, camelCase split, normalised."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    return norm(text).split()


def singular(word: str) -> str:
    """A cheap English singular good enough for register vocabulary."""
    if len(word) <= 3 or word.endswith("ss") or word.endswith("us"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def key(text: str) -> str:
    """A matching key: normalised, each word singular."""
    return " ".join(singular(w) for w in norm(text).split())


def _safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def parse_date(text: str) -> str | None:
    """ISO date from ISO, UK numeric (dd/mm/yyyy, mm/yyyy), UK text ("5 April 2024", "April
    2024"), a year, or a financial year (its 1 April)."""
    text = text.strip()
    if match := _ISO.match(text):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.match(text):
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return _safe_date(year, int(match[2]), int(match[1]))
    if match := _TEXT.match(text):
        return _safe_date(int(match[3]), MONTHS[match[2].lower()], int(match[1] or 1))
    if match := _TEXT_US.match(text):
        return _safe_date(int(match[3]), MONTHS[match[1].lower()], int(match[2]))
    if _YEAR.match(text):
        return f"{text}-01-01"
    if match := _MONTH_YEAR.match(text):  # "03/2019"
        return _safe_date(int(match[2]), int(match[1]), 1)
    if fiscal := _fiscal_start(text):
        return fiscal
    if match := _YEAR_MONTH.match(text):  # "2029-01": January 2029 ("2011-12" is a financial year)
        return _safe_date(int(match[1]), int(match[2]), 1)
    return None


_YEAR_MONTH = re.compile(r"^((?:19|20)\d{2})[-/](\d{1,2})$")


def _fiscal_start(text: str) -> str | None:
    """A UK financial year ("2025/26", "2025-26", "FY26/27", "26/27") as the 1 April it starts:
    a plan for "2025/26" falls inside that year's range."""
    if match := _FISCAL.match(text):
        first, second = int(match[1]), int(match[2][-2:])
    elif (match := _FISCAL_SHORT.match(text)) and int(match[1]) > 12:  # "03/19" would be a month
        first, second = 2000 + int(match[1]), int(match[2])
    else:
        return None
    return f"{first:04d}-04-01" if second == (first + 1) % 100 else None


def parse_int(text: str) -> int | None:
    """A small whole number ("12", "12.0", "12 cameras"), else None."""
    match = _INT.match(text)
    return int(match[1]) if match else None


def yes_no(text: str) -> bool | None:
    """True/False for yes/no-like cells, None when the cell says neither."""
    value = norm(text)
    if value in YES or value.startswith("yes "):
        return True
    if value in NO or value.startswith("no ") or value.startswith("not "):
        return False
    return None


def looks_like_postcode(text: str) -> bool:
    return bool(POSTCODE.fullmatch(text.strip()))
