"""Question lexicons for the deterministic parser (date phrases are in ``dates``)."""

from __future__ import annotations

import re
from datetime import date

from knowledge.register.dates import (
    _NUM_WORDS,
    FIELD_CUES,
    NOT_SINCE,
    OVERDUE,
    _iso,
    date_bounds,
    date_field,
    relative_bounds,
)
from knowledge.register.query import DateRange
from knowledge.register.vocab import NEGATION_WORDS

STATUS_CUES: list[tuple[str, str]] = [
    ("in_service", r"\b(counting|including|incl|as well as|plus|along with) (the ones |any |those |ones |"
                   r"systems |sites )?(that are |which are |that s |still )?(due|scheduled|awaiting|waiting|booked|"
                   r"down|lined up|pending|earmarked)\b"),  # "up and running, counting the ones due a swap"
    ("in_service", r"\b(need|needs|needing|left|still(?! (waiting|awaiting|due|scheduled|booked|down|lined)))"
                   r" (\w+ ){0,3}(to be )?(replac|swap|remov|upgrad)|\byet to be (replac|swap|remov|upgrad)"),
    ("scheduled", r"\b(due|scheduled|awaiting|waiting|pending|earmarked|planned|programmed|marked|booked|"
                  r"listed|lined up|flagged|pencilled|down)( in| on)? (as )?(due )?(for |to be )?"
                  r"((a|an|the|their|its) )?((camera|cctv|system|kit|equipment) )?"
                  r"(replac|renew|upgrad|swap|remov|new (cameras?|cctv|systems?|kit))|"
                  r"\bto (be|have (\w+ ){0,3}?)(replaced|swapped|upgraded|removed)|replacement (is |are )?(\w+ly )?"
                  r"(scheduled|planned|due|pending|booked)"),
    ("in_service", r"not (yet )?(been )?(replaced|removed|decommissioned|swapped)"),
    ("replaced", r"\brid of\b.{0,40}\b(put|fitted|installed) (in )?(a new|new|another|different)\b|"
                 r"\b(put|fitted|installed) (something|anything) else\b"),
    ("gone", r"\b(got|get|getting|gotten) rid of\b|\b(swapped|replaced) or (just |simply )?(taken out|removed|"
             r"decommissioned)\b|\b(taken out|removed|decommissioned) or (swapped|replaced)\b"),
    ("replaced", r"\b(replaced|swapped( out)?|upgraded|superseded)\b|\bnew (cameras|systems|kit|cctv|equipment) "
                 r"(fitted|installed|put in) (under|through|as part of|in) (the |our )?(\w+ )?(renewal|replacement|"
                 r"upgrade|swap ?out) (programme|scheme|project)|\b(put|fitted|installed) (something|anything) "
                 r"else\b"),
    ("decommissioned", r"decommission|\bretired\b|(?<!access )(?<!viewing )(?<!remote )switched off"),
    ("removed", r"\bremoved\b|taken out|taken down|ripped out"),
    ("disposed", r"dispos|scrapped"),
    ("faulty", r"\bfaulty\b|\bbroken\b|not working"),
    ("in_service", r"\bstill\b|\bcurrent(ly)?\b|in service|in use|\bremain|\bactive\b|\blive\b|"
                   r"operational|\boperating\b|\brunning\b|\bexisting\b|\btoday\b|\bat present\b|"
                   r"\bnow\b|\bin place\b|\bworking\b|ticking over|up and running|\bin operation\b"),
]
MARKED = re.compile(r"\b(?:showing|shown|marked|listed|recorded|down|entered|flagged|logged)(?: up)?(?: as)? "
                    r"([a-z]+(?: [a-z]+)?)")
"""The register's own wording for a row ("showing as live", "down as awaiting swap")."""
ALL_ROWS = re.compile(r"\bregister\b|\blisted\b|\bentries\b|\bever\b|\brecords?\b(?! (to|their|them|it)\b)|"
                      r"\bincluding (replaced|old)|\b(were|was|had|did|used to)\b|\ball time\b|"
                      r"\b(whatever|regardless of|irrespective of|no matter) (what )?(their |its |the )?"
                      r"(status|state)\b")
OUT_OF = re.compile(r"\bout of (use|service)\b")
"""Out of service is not in service: every status but the in-service ones, as "not in use" reads."""
COUNT = re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b|\btotal\b|\bhow much (kit|equipment)")
LIST = re.compile(r"\b(which|list|name|show|where|wheres|give me|tell me|are there|is there|what|whats|"
                  r"(?<=please )(?:find|identify)|(?<=you )(?:find|identify)|^(?:find|identify)|"
                  r"(?<!do )(?<!does )(?<!did )(?<!are )(?<!is )(?<!was )(?<!were )(?<!have )(?<!has )(?<!had )any)\b")
"""A listing question; "any sites there on Hikvision?" lists, "do any libraries ...?" asks yes or no."""
RECORDER = r"\b(nvrs?|dvrs?|recorders?)\b"
CAMERA = r"\b(cameras?|cams?)\b"
"""The two sides of a system: what records and what films."""
LIST_WINDOW = {"what": 3, "whats": 3, "where": 4, "wheres": 4, "are there": 6, "is there": 6, "any": 1}
CLAUSE = re.compile(r"[?;.]\s|[?;]$| - |, (and|but) | and (how|what|whats|when|is|are|does|do|who|"
                    r"why|where|has|have)\b")
JUST_SITES = re.compile(r"\b(just|only) the (sites|properties|names|premises)|\b(sites|properties) only")
ENTITY = {
    "properties": r"sites?|propert(y|ies)|premises|buildings?|locations?|places?|venues?|"
                  r"establishments?|facilit(y|ies)",
    "systems": r"systems?|installations?|entries|entry|rows?|records?|assets?|nvrs?|dvrs?|"
               r"recorders?|units?|kit|equipment|devices?",
    "cameras": r"cameras?|cams",
}
REFUSE = re.compile(
    r"\b(cost|costs|price|pay|paid|spend|spent|budget|capital|allocation|funding|funds|money|£|value of|"
    r"ip address(es)?|password|"
    r"mac address|firmware|who (installed|maintains|is responsible|signed)|why|how long|"
    r"retention|retain|keep (the )?footage|gdpr|dpia|law|legal|said|say|says|statement|told|"
    r"tell departments|announce|promised?|decide[ds]?|guidance|minutes|foi|quoted?|quotation|"
    r"tender|invoice|contract value|happen(s|ed|ing)?|explain|reasons?|how often|(meant|supposed) to|deadline|"
    r"only way)\b"
)
ORG_AFTER_AREA = re.compile(r"^(district|borough|city|county|town|parish)? ?council\b")
EXCLUSION = re.compile(r"\b(not|except|excluding|exclude|other than|apart from|outside|besides|"
                       r"but not|aside from)\s+((in|at|the|a|an|any)\s+)?$")
"""A system-level "not X" ("Hikvision sites not in Ashdown"): rows of X are left out. "No X"
is not one: "properties with no Hikvision" asks about whole properties, which falls back."""
_NEGATORS = sorted(NEGATION_WORDS | {"exclude", "outside", "other than", "apart from", "but not", "no one"},
                   key=len, reverse=True)
"""The negation words of ``plain-words.txt`` ("not", "arent", "nobody"), and the phrases and
words that rule something out only here, before what they rule out ("outside Ashdown")."""
NEGATION = re.compile(r"\b(%s)\s+((in|at|on|the|a|an|longer|yet|been|being|be|has|have|had)\s+){0,2}$"
                      % "|".join(map(re.escape, _NEGATORS)))
NETWORK: list[tuple[str, str]] = [
    ("networked", r"\b(network or (the )?internet|internet or (the |a )?network|not (stand ?alone|isolated)|"
                  r"(?<!exposed )online)\b"),  # "online - not standalone": any connection
    ("isolated", r"\b(isolated|stand ?alone|air ?gapped|not networked|not connected|offline)\b"),
    ("cellular", r"\b(4g|5g|cellular|mobile data|sim card)( (router|modem|link|connection|dongle)s?)?\b"),
    ("internet", r"internet|exposed online|publicly (accessible|reachable)"),
    ("lan", r"\b(corporate|council|internal|office|staff) (it )?(network|lan|wan)\b|"
            r"\bon (the |a )?(corporate )?lan\b"),
    ("networked", r"\bnetworked\b|hooked up|network connect(ed|ions?)\b|connected to (the |a )?(\w+ )?network|"
                  r"on (the|a) (\w+ )?network|\bon (the |a )?(corporate )?lan\b|\bconnected\b"),
]
REMOTE_NO = re.compile(r"\b(without|no|not) (any )?remote|not (viewable |accessible )?remotely|"
                       r"\bremote(ly)? ?(access|viewing|view|monitoring|connection)? (is |was |has been |been |"
                       r"set to |turned |switched )?(off|disabled|blocked|not (enabled|on|allowed|set up))\b")
REMOTE_YES = re.compile(r"\b(remote(ly)?|apps?) ?(access|viewing|view|monitoring|connection)? ((is|was|has|been|set to|"
                        r"turned|switched|got) ){0,3}(on|enabled|active|allowed|set up)\b|"
                        r"\bremote(ly)?\b|from home|off ?site viewing|(mobile|phone|viewing|manufacturer s?) apps?\b|"
                        r"\bapps? (viewing|access|enabled)|\bon (their|a) "
                        r"(phone|mobile)")
RECORDING: list[tuple[str, str]] = [
    ("cloud", r"\bcloud\b|hosted recording|off ?site recording"),
    ("central", r"control room|record(s|ed|ing)? centrally|monitoring centre"),
    ("local", r"record(s|ed|ing)? (locally|on ?site)|on ?site (nvr|recorder|recording)|"
              r"local (recording|nvr|dvr)"),
]
OTHER_MAKE = re.compile(r"(different|other|another|second|non \w+|(?:not|isnt|arent|wasnt|werent) (?:the )?same) "
                        r"(make|manufacturer|brand|"
                        r"vendor|supplier)|mix(ed)? of (makes|brands|manufacturers)|mixed (makes|"
                        r"brands|manufacturers)")
_MAKE_COLUMN = r"(manufacturer|make|brand|vendor|supplier|maker)"
BLANK_MAKE = re.compile(
    rf"\b(no|nothing|blank|empty|missing|without|unknown|unrecorded)(?: (?:in|the|a|an|any|its|their))* {_MAKE_COLUMN}|"
    rf"{_MAKE_COLUMN}(?: (?!(?:but|yet|and|or|while|if|whereas)\b)[a-z]+){{0,4}}? (blank|empty|missing|"
    r"not (filled|recorded|given|entered)|unknown)"
)
"""The make left blank ("no manufacturer", "nothing in the brand column", "the manufacturer field has
been left empty"): the column's name and a word for empty, with no other clause between them."""
BLANK_DATE = re.compile(
    r"\b(?:no|without(?: a| an| any)?|missing(?: a| an| the)?|blank|unknown|lacking(?: a| an)?) "
    r"(?:planned |target |scheduled |agreed )?(replacement|renewal|swap ?out|end of life|install(?:ation)?|"
    r"fitted|maintenance|service) dates?(?: (?:set|given|recorded|agreed|entered|yet))*|"
    r"\b(replacement|renewal|install(?:ation)?|maintenance) dates? (?:is |are |was |were )?"
    r"(?:blank|missing|empty|unknown|tbc|not (?:yet )?(?:set|given|recorded|known|agreed))"
)
"""A date column left blank ("no replacement date set", "replacement date is TBC")."""
_BLANK_FIELD = (("replacement_date", r"replac|renew|swap|end of life"), ("install_date", r"install|fitted"),
                ("last_maintenance", r"maint|servic"))


def blank_dates(text: str, available: set[str]) -> list[str]:
    """The date columns a question asks to be blank, of those the register has."""
    out: list[str] = []
    for m in BLANK_DATE.finditer(text):
        cue = m[1] or m[2] or ""
        out += [f for f, p in _BLANK_FIELD if re.match(p, cue) and f in available and f not in out]
    return out


RESTRICTED = re.compile(r"\b(restricted|high risk|banned|prohibited|chinese|prc|proscribed|"
                        r"named) (vendors?|makes?|manufacturers?|brands?|kit|cameras?|suppliers?)|"
                        r"\b(chinese|prc) (made|manufactured|owned|built)\b|\bmade in china\b")
SUB_NO = re.compile(r"(excluding|not counting|without|except|ignore|ignoring) (the )?(sub ?brands?|"
                    r"oem|ezviz|hilook|hiwatch|imou)")
SUB_YES = re.compile(r"(including|include|incl|with|plus|and) (the |their |its )?(sub ?brands?|oem)")
SYSTEMS: list[tuple[str, str]] = [
    ("access_control", r"access control|door entry|intercoms?|fob|card readers?"),
    ("intruder_alarm", r"intruder|burglar alarms?|alarm systems?|\balarms?\b"),
    ("fire_alarm", r"fire alarms?"),
    ("cctv", r"\bcctv\b|\bcameras?\b|video surveillance"),
]


def today() -> date:
    """The date relative phrases ("overdue", "in the last two years") are resolved against."""
    return date.today()


def question_dates(text: str, available: set[str]) -> list[DateRange] | None:
    """Date filters of a question; None when a date is present but its column is unclear."""
    now = today()
    if m := OVERDUE.search(text):
        if "replacement_date" not in available or re.search(dict(FIELD_CUES)["last_maintenance"], text):
            return None  # "overdue for a service": the register holds no service interval
        return [DateRange(field="replacement_date", end=now.isoformat(),
                          phrase=f"{m[0]} (as of today, {now.isoformat()})")]
    negated = NOT_SINCE.search(text)
    found = date_bounds(text) or relative_bounds(text, now)
    if found is None:
        return []
    start, end, phrase, position = found
    name = date_field(text, position, available)
    if name is None:
        return None
    if negated and (iso := _iso(negated[2])):
        return [DateRange(field=name, end=iso, phrase=f"not since {negated[2]}", or_blank=True)]  # type: ignore[arg-type]
    return [DateRange(field=name, start=start, end=end, phrase=phrase)]  # type: ignore[arg-type]


_N = r"(\d+|" + "|".join(_NUM_WORDS) + ")"
_CAMS = r"(?:cctv )?(?:cameras?|cams)\b"
CAMERA_BOUNDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"\b(?:more than|over|above|greater than|in excess of) {_N} {_CAMS}"), "gt"),
    (re.compile(rf"\b(?:at least|a minimum of|no fewer than|no less than) {_N} {_CAMS}"), "ge"),
    (re.compile(rf"\b{_N} (?:or more|plus|\+) {_CAMS}"), "ge"),
    (re.compile(rf"\b(?:fewer than|less than|under|below) {_N} {_CAMS}"), "lt"),
    (re.compile(rf"\b(?:at most|no more than|a maximum of|up to) {_N} {_CAMS}"), "le"),
    (re.compile(rf"\b{_N} (?:or fewer|or less) {_CAMS}"), "le"),
    (re.compile(rf"\b(?:exactly|just|only) {_N} {_CAMS}"), "eq"),
    (re.compile(r"\b(?:a single|one) (?:cctv )?camera\b(?! count)"), "one"),
]
"""Camera-count conditions ("more than 10 cameras"): bounds on each row's camera count."""


def camera_bounds(text: str) -> tuple[int | None, int | None] | None:
    """``(min, max)`` of a camera-count condition, inclusive bounds."""
    for pattern, kind in CAMERA_BOUNDS:
        m = pattern.search(text)
        if not m:
            continue
        if kind == "one":
            return 1, 1
        n = int(m[1]) if m[1].isdigit() else _NUM_WORDS[m[1]]
        bounds: dict[str, tuple[int | None, int | None]] = {
            "gt": (n + 1, None), "ge": (n, None), "lt": (None, n - 1), "le": (None, n), "eq": (n, n)}
        return bounds[kind]
    return None


NOT_A_COUNT = re.compile(r"\b(serial|phone|telephone|contact|reference|ref|model|part|asset|ip|licen[cs]e|"
                         r"account|order|job|ticket|case) number")
"""A "number" that is an identifier, not a count ("the serial number of the NVR")."""
YES_NO = re.compile(r"^(does|do|did|is|are|was|were|has|have|had|can)\b")
"""A yes/no question ("Does Fernley Library have Hikvision?")."""
LOOKUP_GENERIC = re.compile(r"^(what|whats|which|show me|list|tell me about|give me)( is| are)?( the)? "
                            r"(cctv|cameras?|systems?|kit|equipment|security|surveillance|rows?|"
                            r"entries|details)\b|^(what|whats)( is| are)?( there| installed| fitted)? (at|in)\b")
ASKED: list[tuple[str, str]] = [
    ("manufacturer", r"\b(make|makes|manufacturer|brand|vendor|supplier|who (makes|made))\b"),
    ("model", r"\bmodels?\b"),
    ("recorder", r"\b(nvr|dvr|recorder)s?\b"),
    ("camera_count", r"\bhow many cameras\b|\bnumber of cameras\b|\bcamera count\b"),
    ("install_date", r"\b(install|fitted|put in|went in)"),
    ("replacement_date", r"\b(replac|renew|swap|due|end of life)"),
    ("last_maintenance", r"\b(maint|servic|inspect)"),
    ("status", r"\bstatus\b"),
    ("network", r"\b(network|connected|connection|internet|lan)\b"),
    ("remote_access", r"\bremote"),
    ("recording", r"\b(record(ed|ing|s)?|storage|cloud)\b"),
]
"""Register columns a question about one property can ask for ("what model is at ...")."""


def asked_columns(text: str) -> list[str]:
    return [meaning for meaning, pattern in ASKED if re.search(pattern, text)]


_RANK_N = r"(?:(\d+|" + "|".join(_NUM_WORDS) + r") )?"
RANK_DATE = re.compile(rf"\b(?:the )?{_RANK_N}(oldest|earliest|newest|latest|most recent(?:ly)?)\b")
RANK_CAMERAS = re.compile(rf"\b(?:the )?{_RANK_N}(most|fewest|least|largest number of|smallest number of)"
                          r" (?:cctv )?(?:cameras?|cams)\b|\b(?:the )?" + _RANK_N +
                          r"(largest|biggest|smallest) (?:cctv |camera )?(?:systems?|installations?|sites?)\b")
_PLURAL_TARGET = re.compile(r"\b(systems|sites|properties|installations|ones|premises|buildings|"
                            r"locations|nvrs|recorders|assets)\b")


def rank(text: str, dates: set[str], has_counts: bool) -> tuple[str, bool, int] | None:
    """``(column, descending, limit)`` for "the five oldest systems", "the site with the
    most cameras"; None when the question ranks nothing (or by a column we lack)."""
    if m := RANK_DATE.search(text):
        column = date_field(text, m.start(), dates) if len(dates) > 1 else next(iter(dates), None)
        if column is None and "install_date" in dates:
            column = "install_date"
        descending = m[2] not in ("oldest", "earliest")
    elif (m := RANK_CAMERAS.search(text)) and has_counts:
        column = "camera_count"
        descending = (m[2] or m[4] or "") in ("most", "largest number of", "largest", "biggest")
    else:
        return None
    if column is None:
        return None
    words = m[0].split()
    number = next((w for w in words if w.isdigit() or w in _NUM_WORDS), None)
    if number is not None:
        limit = int(number) if number.isdigit() else _NUM_WORDS[number]
    else:
        limit = 10 if _PLURAL_TARGET.search(text[m.end():m.end() + 40]) else 1
    return column, descending, limit


def asked(text: str) -> list[str] | None:
    """The columns a look-up asks for; [] for "what CCTV is at ..."; None when it asks for
    something else ("what is the serial number of ...") or is not a look-up."""
    if LOOKUP_GENERIC.match(text):
        return asked_columns(text)
    lead = r"^(?:what|whats|which)(?: (?:is|are|was|were|s))?(?: the| a| an)? ((?:\S+ ){0,2}\S+)"  # local: no reading
    if m := re.match(lead, text):
        return asked_columns(m[1]) or None
    if text.startswith("when "):
        dates = [a for a in asked_columns(text) if a.endswith(("_date", "maintenance"))]
        return dates or None
    if re.match(r"^who (makes|made|manufactures|supplied)\b", text):
        return ["manufacturer"]
    return None
