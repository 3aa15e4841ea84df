"""Deterministic question -> ``RegisterQuery`` parser. Unsure means None, never a guess."""

from __future__ import annotations

import re
from typing import Any

from knowledge.register import phrases as P
from knowledge.register.claims import claim_question
from knowledge.register.dates import event_without_date
from knowledge.register.flags import UNREAD, read_flags
from knowledge.register.guards import counts_something_else, make_spans, same_make, unknown_place
from knowledge.register.kept import clean as clean
from knowledge.register.kept import kept_clauses, referred
from knowledge.register.makers import held_aliases
from knowledge.register.others import camera_column, negated
from knowledge.register.query import RegisterQuery
from knowledge.register.spelling import respelt
from knowledge.register.unread import uncovered, weighed
from knowledge.register.values import key, norm
from knowledge.register.vendors import VendorCatalogue, words_of
from knowledge.register.vocab import (
    COMMON_WORDS,
    NEGATION_WORDS,
    Vocab,
    build_vocab,
    names_register,
    phrase_spans,
    type_spans,
)

_FOLLOW = re.compile(r"^(and|also|what about|how about|of (those|these|them)|which of|only|just|"
                     r"now|ok|okay|same)\b|\b(those|these|them|that list|the same)\b")
_RECORDER = re.compile(r"^(nvrs?|dvrs?|recorders?|recording (kit|equipment|boxes))\b")


def parse_question(
    question: str, store: Any, history: tuple[str, ...] | list[str] = ()
) -> RegisterQuery | None:
    """Parse a register question (merging a follow-up into the thread's last one)."""
    vocab: Vocab = store.cached("vocab", build_vocab)
    said = question.lower().replace(": ", "; ")  # "the claim that ...: which buildings contradict it?"
    claim = claim_question(" | ".join(clean(p) for p in P.CLAUSE.split(said + " ") if p and p.strip()))
    text = respelt(clean(claim) if claim else referred(kept_clauses(question, store), question, vocab, store), store)
    follow = bool(history) and bool(_FOLLOW.search(text))
    fields = _fields(text, question, vocab, store.vendors, store, follow)
    if fields is None:
        return None
    if follow:
        previous = parse_question(history[-1], store, tuple(history[:-1]))
        if previous is not None and not weighed(text, question, vocab, store)[0]:
            fields.setdefault("intent", previous.intent)
            return previous.merged(RegisterQuery(**fields))
    unread, read_past = weighed(text, question, vocab, store)
    if "intent" not in fields or unread:
        return None  # a condition nothing reads is never silently dropped
    return RegisterQuery(**fields, read_past=read_past)


def is_register_question(question: str, store: Any) -> bool:
    """True when the register table can answer ``question`` on its own."""
    return store.row_count() > 0 and parse_question(question, store) is not None


def _fields(
    text: str, raw: str, vocab: Vocab, vendors: VendorCatalogue, store: Any, follow: bool
) -> dict[str, Any] | None:
    if not text:
        return None
    fields: dict[str, Any] = {}
    words = text.split()
    anchors = _vendors(words, text, vocab, vendors, fields)
    spans = _places(text, raw, vocab, fields)
    if anchors is None or spans is None or unknown_place(text, vocab):
        return None
    read_flags(text, vocab, fields)
    if fields.get("network") == UNREAD:
        return None  # "not on the corporate LAN": a negation the network reading can't turn
    if fields.get("status") not in (None, "in_service", "scheduled") and "status" not in vocab.has:
        return None  # "which were replaced?" of a register that records no status
    if not _dates(text, vocab, store, fields) or not _cameras(text, vocab, fields):
        return None
    if counts_something_else(text, vocab, vendors):
        return None
    if fields.get("properties") and not follow:
        return _about_property(text, vocab, fields)
    ranked = P.rank(text, vocab.dates, "camera_count" in vocab.has)
    if ranked and not P.COUNT.search(text):  # a count of "the latest" is a count of all
        fields["order_by"], fields["descending"], fields["limit"] = ranked
        fields["intent"], fields["count_of"] = "list", "systems"
        _default_status(text, fields, vocab)
        return fields
    linked = bool(anchors or spans) or any(fields.get(k) for k in _LINKS) or fields.get("status") not in (
        None, "in_service")
    intent = _intent(text, vocab, fields, bool(anchors or spans), linked, vendors)
    if intent is None and follow and P.LIST.search(text):
        intent = ("list", None)
    if intent is None:
        return fields if follow and len(fields) > 0 else None
    fields["intent"] = intent[0]
    if intent[1] or not follow:
        fields["count_of"] = intent[1] or ("systems" if intent[0] == "count" else "properties")
    if intent[0] == "list" and not follow and len(fields) <= 2:
        return None  # a list of the whole register answers nothing; let documents try
    _default_status(text, fields, vocab)
    return fields


def refused_place(question: str, store: Any) -> str | None:
    """The unknown place of a question that would otherwise be a register question."""
    vocab: Vocab = store.cached("vocab", build_vocab)
    place = unknown_place(respelt(kept_clauses(question, store), store), vocab)
    if place is None:
        return None
    pattern = r"\W+".join(re.escape(w) for w in place.split())
    rest = re.sub(pattern, " ", question, flags=re.I)
    return place if rest != question and parse_question(rest, store) is not None else None


def refused_condition(question: str, store: Any) -> str | None:
    """The unread condition of a question that would otherwise be a register question."""
    vocab: Vocab = store.cached("vocab", build_vocab)
    text = respelt(kept_clauses(question, store), store)
    unread = weighed(text, question, vocab, store)[0]
    if unread is None or counts_something_else(text, vocab, store.vendors):
        return None  # "how many staff work at ...": a question for the documents
    # "list the libraries that havent moved off ...": a listing of ours, refused for its negation
    plain = NEGATION_WORDS if P.LIST.match(text) else frozenset()
    if not P.COUNT.search(text) and len(set(uncovered(text, vocab, store.vendors)) - plain) >= 3:
        return None  # mostly words the register doesn't hold: the documents' question, not a refusal
    rest = re.sub(r"\b" + r"\s+".join(map(re.escape, unread.split())) + r"\b", " ", text)
    if rest == text:  # the words are not together: take each out
        for word in unread.split():
            rest = re.sub(rf"\b{re.escape(word)}\b", " ", rest)
    return unread if _parses(rest, store) else None


def _parses(text: str, store: Any) -> bool:
    vocab: Vocab = store.cached("vocab", build_vocab)
    fields = _fields(text, text, vocab, store.vendors, store, False)
    return fields is not None and "intent" in fields


def _vendors(
    words: list[str], text: str, vocab: Vocab, vendors: VendorCatalogue, fields: dict[str, Any]
) -> int | None:
    makes: list[str] = []
    recorders: list[str] = []
    brands: list[str] = []
    excluded: list[str] = []
    found = vendors.find_spans(words_of(text))
    spans = 0
    plain = [w for w in words]
    for start, end, match in found:
        if negated(plain, start):
            if not _excluded(plain, start):
                return None
            excluded.append(match.family)
            continue
        tail = " ".join(plain[end : end + 3])
        target = recorders if _RECORDER.match(tail) else makes
        spans += target is makes
        target.append(match.family)
        if match.sub_brand:
            brands.append(match.brand)
    families = {m.family for _s, _e, m in found}
    others = {k: v for k, v in vocab.makes.items() if k not in families}
    for start, _end, make in make_spans(words, others, families):
        if negated(words, start):
            if not _excluded(words, start):
                return None
            excluded.append(make)
            continue
        makes.append(make)
        makes += [k for k in same_make(make, others) if k not in makes]
        spans += 1
    aliases = held_aliases(others)
    for start, _end, alias in make_spans(words, {a: a for a in aliases}, set()):  # "hanwha": its "Wisenet" rows
        if negated(words, start):
            if not _excluded(words, start):
                return None
            excluded += aliases[alias]
            continue
        makes += [k for k in aliases[alias] if k not in makes]
        spans += 1
    if P.RESTRICTED.search(text):
        makes.extend(vendors.families)
    _set_list(fields, "vendors", makes)
    if spans > 1 and "both" in words:  # "both Hikvision and Axis": a property with each make
        fields["every_vendor"] = True
    _set_list(fields, "recorder_vendors", recorders)
    _set_list(fields, "exclude_vendors", excluded)
    if brands and set(brands) != set() and not any(m.via == "make" for *_, m in found):
        fields["brands"] = sorted(set(brands))
    if P.SUB_NO.search(text):
        fields["include_sub_brands"] = False
    elif P.SUB_YES.search(text):
        fields["include_sub_brands"] = True
    return len(makes) + len(recorders) + len(excluded)


def _excluded(words: list[str], start: int) -> bool:
    return bool(P.EXCLUSION.search(" ".join(words[max(0, start - 3) : start]) + " "))


def _set_list(fields: dict[str, Any], name: str, values: list[str]) -> None:
    unique = list(dict.fromkeys(v for value in values for v in value.split("|")))
    if unique:
        fields[name] = unique


_AREA_CONTEXT = re.compile(r"^(ward|district|area|division|locality|parish|zone|patch)\b")


def _meant(span: tuple[int, int, str], plain: list[str], raw: str) -> bool:
    """An everyday word ("Central", "Park") counts as a place only when clearly meant."""
    start, end, value = span
    word = " ".join(plain[start:end])
    if word not in COMMON_WORDS:
        return True
    after = " ".join(plain[end : end + 1])
    return bool(re.search(rf"\b{re.escape(value)}\b", raw) or _AREA_CONTEXT.match(after))


def _places(text: str, raw: str, vocab: Vocab, fields: dict[str, Any]) -> int | None:
    plain = norm(text).split()
    names = [n for n in phrase_spans(plain, vocab.names) if _meant(n, plain, raw)]
    taken = {i for s, e, _ in names for i in range(s, e)}
    singular = [w if i not in taken else "\x00" for i, w in enumerate(key(text).split())]
    areas = [a for a in phrase_spans(singular, vocab.areas) if _meant(a, plain, raw)]
    for s, e, _ in areas:
        if P.ORG_AFTER_AREA.match(" ".join(plain[e : e + 3])):
            return None
        taken.update(range(s, e))
    types = type_spans([w if i not in taken else "\x00" for i, w in enumerate(singular)],
                       vocab.types)
    for spans in (names, areas, types):
        if any(negated(plain, s) and not _excluded(plain, s) for s, _e, _v in spans):
            return None
    for name, spans in (("properties", names), ("areas", areas), ("property_types", types)):
        _set_list(fields, name, [v for s, _e, v in spans if not negated(plain, s)])
        _set_list(fields, f"exclude_{name}", [v for s, _e, v in spans if negated(plain, s)])
    if not types:
        taken.update(i for s, e, _ in areas for i in range(s, e))
        heads = [(s, e, v) for s, e, v in phrase_spans(singular, vocab.heads) if s not in taken]
        _set_list(fields, "name_heads", [v for *_, v in heads])
        types = heads
    return len(names) + len(areas) + len(types)


def _cameras(text: str, vocab: Vocab, fields: dict[str, Any]) -> bool:
    """Camera-count bounds; False when asked for but the register holds no counts."""
    found = P.camera_bounds(text)
    if found is None:
        return True
    if "camera_count" not in vocab.has:
        return False
    low, high = found
    if low is not None:
        fields["cameras_min"] = low
    if high is not None:
        fields["cameras_max"] = high
    return True


def _about_property(text: str, vocab: Vocab, fields: dict[str, Any]) -> dict[str, Any] | None:
    """Questions about named properties: yes/no checks, look-ups, counts and lists."""
    if P.YES_NO.match(text):
        fields["intent"], fields["count_of"] = "check", "systems"
        _default_status(text, fields, vocab)
        return fields
    count = P.COUNT.search(text)
    if count and not P.NOT_A_COUNT.search(text):
        fields["intent"] = "count"
        fields["count_of"] = _entity(text[count.end():], vocab, fields) or "systems"
        _default_status(text, fields, vocab)
        return fields
    asked = P.asked(text)
    if asked is None:
        return None
    known = [a for a in asked if a in vocab.has]
    if asked and not known:
        return None  # asks for something the register does not hold
    fields["intent"], fields["count_of"], fields["asked"] = "lookup", "systems", known
    if fields.get("status") == "scheduled" and "replacement_date" in known:
        del fields["status"]  # "when is it due to be replaced" asks for the date, not a filter
    return fields


_DONE = frozenset({"replaced", "removed", "disposed", "decommissioned", "gone"})
"""Status classes that record what has happened to the kit."""


def _dates(text: str, vocab: Vocab, store: Any, fields: dict[str, Any]) -> bool:
    found = P.question_dates(text, vocab.dates or {"install_date"})
    if found is None:
        return False
    if found:
        if found[0].field not in vocab.dates:
            return False
        fields["dates"] = found
        if found[0].field == "replacement_date" and (fields.get("status") == "scheduled" or (
                fields.get("status") in _DONE and (found[0].start or "") > P.today().isoformat())):
            fields["status"] = "in_service"  # "replaced in 2028/29": a period not yet begun is a plan
        return True
    event = event_without_date(text)
    if event is None:
        return True
    if "notes" not in vocab.has or not _notes_mention(store, event):
        return False
    fields["notes_terms"] = list(event)
    return True


def _notes_mention(store: Any, terms: tuple[str, ...]) -> bool:
    sql = "SELECT 1 FROM rows WHERE " + " AND ".join(["notes LIKE ?"] * len(terms)) + " LIMIT 1"
    return store.execute(sql, [f"%{t}%" for t in terms]).fetchone() is not None


_LINKS = ("dates", "column_values", "network", "remote_access", "recording", "blank_dates", "blank_make")
"""Fields that tie a question to the register's own columns and values."""


def _intent(
    text: str, vocab: Vocab, fields: dict[str, Any], anchored: bool, linked: bool, vendors: VendorCatalogue
) -> tuple[str, str | None] | None:
    count = P.COUNT.search(text)
    if count:  # "of the cameras still in service, how many ...": what was named before the cue
        return "count", _entity(text[count.end():], vocab, fields) or (
            _entity(text[: count.start()], vocab, {}) if count.start() > 0 else None)
    listing = P.LIST.search(text)
    if not listing:
        return None
    window = P.LIST_WINDOW.get(listing[1], 5)
    tail = " ".join(text[listing.end():].split()[:window])
    target: str | None = _entity(tail, vocab, fields)
    if target is None and listing.start() > 0:  # "hik systems in Ashdown ... - which ones?"
        target = _entity(text[: listing.start()], vocab, {})
    where = listing[1] in ("where", "wheres") or tail.startswith("where ")  # "tell me where ..."
    if P.JUST_SITES.search(text) or (target is None and where and anchored):
        target = "properties"  # "where are we still running Dahua?" asks for the sites
    later = next(P.LIST.finditer(text, listing.end()), None)
    if target is None and later:  # "any dahua sites where staff can watch remotely? which ones"
        target = _entity(text[: later.start()], vocab, {})
    if target is None and linked and listing.start() == 0 and not uncovered(text, vocab, vendors):
        target = "properties"  # every word is the register's own: "what's still on Hik in Saltcote?"
    if target is None and not (anchored and (fields.get("property_types") or fields.get("name_heads"))):
        return None
    return "list", target


def _entity(tail: str, vocab: Vocab, fields: dict[str, Any]) -> str | None:
    best: tuple[int, str] | None = None
    for label, pattern in P.ENTITY.items():
        m = re.search(rf"\b({pattern})\b", tail)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), label)
    if best and best[1] == "cameras":  # "camera systems", "camera sites": the noun after counts
        after = tail[best[0]:].split()[1:2]
        for label in ("systems", "properties"):
            if after and re.fullmatch(P.ENTITY[label], after[0]):
                best = (best[0], label)
    if best and best[1] == "cameras" and "camera_count" not in vocab.has and not camera_column(vocab):
        return "systems"
    if best is None and (fields.get("property_types") or fields.get("name_heads")):
        return "properties"
    return best[1] if best else None


def _default_status(text: str, fields: dict[str, Any], vocab: Vocab) -> None:
    if "status" in fields or fields.get("notes_terms") or "in_service" in fields.get("exclude_status", ()):
        return
    if fields.get("dates") and fields["dates"][0].field == "install_date":
        return
    if P.ALL_ROWS.search(text) or names_register(text, vocab):
        return
    fields["status"] = "in_service"
