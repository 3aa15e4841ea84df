"""General lexicons that classify status, network, recording and yes/no cell values."""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.register.values import norm, yes_no

ACTIVE = "active"
SCHEDULED = "scheduled"
FAULTY = "faulty"
OFFLINE = "offline"
PLANNED = "planned"
REPLACED = "replaced"
DECOMMISSIONED = "decommissioned"
REMOVED = "removed"
DISPOSED = "disposed"
UNKNOWN = "unknown"
GONE = frozenset({REPLACED, DECOMMISSIONED, REMOVED, DISPOSED})
"""Statuses that mean the kit is no longer in service."""
IN_SERVICE = frozenset({ACTIVE, SCHEDULED, FAULTY, UNKNOWN})
"""Statuses that count for "still", "currently", "in service" (blank status counts). Offline kit
(on the wall but powered down or not connected) is neither in service nor gone."""

# Order matters: the first pattern that matches wins.
_STATUS: list[tuple[str, str]] = [
    (SCHEDULED, r"(scheduled|due|awaiting|pending|planned|earmarked|marked|programmed|"
                r"approved|booked|listed|ordered) (for )?(replacement|renewal|upgrade|removal|swap)"),
    (SCHEDULED, r"(replacement|renewal|upgrade|swap ?out) (scheduled|due|planned|pending|"
                r"ordered|booked|approved|programmed|in progress)"),
    (SCHEDULED, r"\bto be (replaced|upgraded|removed|swapped|renewed)\b|end of life|\beol\b"),
    (ACTIVE, r"not (yet )?(replaced|removed|decommissioned)"),
    (DECOMMISSIONED, r"\b(not|no longer) (in )?(use|service|operational|active|live|working)"),
    (REPLACED, r"\b(replaced|superseded|swapped|upgraded|changed over|renewed)\b"),
    (DECOMMISSIONED, r"decommission|retired|out of (use|service)|disused|switched off|"
                     r"disconnected|withdrawn|\binactive\b|mothballed|abandoned|closed"),
    (REMOVED, r"\bremoved\b|taken out|stripped out|uninstalled|taken down|dismantled"),
    (DISPOSED, r"dispos|scrapped|sold|written off|destroyed"),
    (PLANNED, r"\b(proposed|planned|on order|to be installed|pending install|not yet installed|"
              r"awaiting install)"),
    (OFFLINE, r"\boffline\b|powered (down|off)"),
    (FAULTY, r"fault|broken|defective|not working|damaged|needs repair|intermittent"),
    (ACTIVE, r"in (service|use|operation)|\blive\b|\bactive\b|operational|working|"
             r"\binstalled\b|\bcurrent\b|\bok\b|commissioned|running|online|\byes\b|functioning"),
]
_STATUS_RE = [(label, re.compile(pattern)) for label, pattern in _STATUS]

LOCAL = "local"
CLOUD = "cloud"
CENTRAL = "central"
_RECORDING = [
    (CLOUD, r"cloud|hosted|saas|off ?site|remote server|azure|aws"),
    (CENTRAL, r"control room|central|monitoring (centre|station)|\barc\b|cctv hub|head ?end"),
    (LOCAL, r"on ?site|local|nvr|dvr|recorder|sd ?card|onboard|on board|edge|hard ?drive|"
            r"\bhdd\b|in building|server room|comms room"),
]
ISOLATED = "isolated"
LAN = "lan"
INTERNET = "internet"
CELLULAR = "cellular"
_NETWORK = [
    (ISOLATED, r"isolat|stand ?alone|air ?gap|not (networked|connected)|no network|\bnone\b|"
               r"offline|closed (system|network)|local only|^(no|n|false|0)$|unconnected|self contained"),
    (INTERNET, r"internet|public|external|port forward|cloud|broadband|exposed|outside"),
    (CELLULAR, r"\b4g\b|\b5g\b|\bsim\b|cellular|mobile data|\blte\b"),
    (LAN, r"\blan\b|\bwan\b|corporate|network|vlan|wifi|wi fi|wireless|vpn|intranet|\bpsn\b|"
          r"connected|^(yes|y|true|1)$|ethernet|fibre|\bip\b|\bcctv net"),
]


def _first(patterns: list[tuple[str, str]], value: str) -> str:
    for label, pattern in patterns:
        if re.search(pattern, value):
            return label
    return UNKNOWN


@lru_cache(maxsize=4096)
def status_class(text: str) -> str:
    """Classify a status cell: active, scheduled, replaced, decommissioned, removed..."""
    value = norm(text)
    if not value:
        return UNKNOWN
    for label, regex in _STATUS_RE:
        if regex.search(value):
            return label
    return UNKNOWN


@lru_cache(maxsize=4096)
def recording_class(text: str) -> str:
    """Classify where footage is recorded: local, cloud or central."""
    return _first(_RECORDING, norm(text)) if text.strip() else UNKNOWN


PLACEHOLDER = re.compile(r"^(unknown|not known|tbc|tba|n a|na|\?|check|to be confirmed)$")


@lru_cache(maxsize=4096)
def network_class(text: str) -> str:
    """Network exposure: isolated, internet, cellular (a 4G/5G link), or lan for any other
    stated connection."""
    value = norm(text)
    if not value or PLACEHOLDER.match(value):
        return UNKNOWN
    label = _first(_NETWORK, value)
    return LAN if label == UNKNOWN else label


@lru_cache(maxsize=4096)
def remote_value(text: str) -> bool | None:
    """Remote access: yes/no words, else any stated method (an app, a VPN) means yes."""
    answer = yes_no(text)
    if answer is not None:
        return answer
    value = norm(text)
    if not value or PLACEHOLDER.match(value):
        return None
    return not re.search(r"\b(none|no|not|disabled|never|blocked)\b", value)


def looks_like_status(text: str) -> bool:
    return status_class(text) != UNKNOWN
