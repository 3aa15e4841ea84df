"""``cllr eval``: run a question set through the ask path and score it by type.

The file format is the shared eval format: one JSON object per line with ``id``,
``question``, ``type`` (register_list, register_count, document, mixed, unanswerable) and
the gold fields of that type (``gold_property_names``, ``gold_count``, ``must_contain``,
``must_not_contain``, ``gold_sources``). The rules follow the shared scorer's help text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).lower().replace("\u2019", "'")
    text = re.sub(r"['\u2018]", "", text)
    return " " + " ".join(re.sub(r"[^a-z0-9£]+", " ", text).split()) + " "


def names_in(text: str, names: Iterable[str]) -> set[str]:
    """Property names mentioned in ``text``, longest first so a name is not also its prefix."""
    found: set[str] = set()
    hay = norm(text)
    for name in sorted(set(names), key=len, reverse=True):
        key = norm(name)
        if key.strip() and key in hay:
            found.add(name)
            hay = hay.replace(key, " ")
    return found


def first_count(text: str) -> int | None:
    cleaned = re.sub(r"\b\d{4}/\d{2,4}\b|£[\d,.]+\w*|\d+(\.\d+)?%|\b\d{1,2} \w+ \d{4}\b"
                     r"|\b\d{4}-\d{2}-\d{2}\b|\b(19|20)\d{2}\b|\b\w*[a-z]\w*\d\w*\b|\b\d\w*[a-z]\w*\b",
                     " ", text, flags=re.I)
    match = re.search(r"\b\d{1,3}(,\d{3})+\b|\b\d+\b|\b(%s)\b" % "|".join(NUMBER_WORDS), cleaned, re.I)
    if not match:
        return None
    token = match.group(0).lower()
    return NUMBER_WORDS[token] if token in NUMBER_WORDS else int(token.replace(",", ""))


def contains(text: str, phrase: str) -> bool:
    return phrase.lower() in text.lower() or norm(phrase) in norm(text)


def judge(item: dict[str, Any], answer: dict[str, Any], names: set[str]) -> bool:
    kind = item.get("type", "document")
    text = str(answer.get("answer", ""))
    if kind == "unanswerable":
        return answer.get("answered") is False
    if answer.get("answered") is not True:
        return False
    if kind == "register_count":
        return first_count(text) == item.get("gold_count")
    if kind == "register_list":
        return names_in(text, names) == set(item.get("gold_property_names") or [])
    document_ok = _document_ok(item, answer, text)
    if kind == "mixed":
        found = names_in(text, names)
        gold = set(item.get("gold_property_names") or [])
        names_ok = found == gold or (item.get("names_optional") and not found)
        return document_ok and bool(names_ok)
    return document_ok


def _document_ok(item: dict[str, Any], answer: dict[str, Any], text: str) -> bool:
    groups = item.get("must_contain") or []
    if not all(any(contains(text, p) for p in group) for group in groups):
        return False
    if any(contains(text, p) for p in item.get("must_not_contain") or []):
        return False
    gold = {Path(s).name for s in item.get("gold_sources") or []}
    cited = {Path(str(c.get("source", ""))).name for c in answer.get("citations") or []}
    return not gold or bool(gold & cited)


def evaluate(knowledge: Any, questions: Path, answers_out: Path | None = None) -> dict[str, Any]:
    from knowledge.types import Scope

    items = [json.loads(line) for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    names = set(knowledge.register.property_names())
    by_type: dict[str, list[int]] = {}
    wrong: list[str] = []
    lines: list[str] = []
    false_abstentions: list[str] = []
    for item in items:
        answer = knowledge.answer(str(item["question"]), Scope()).to_json()
        lines.append(json.dumps({"id": item.get("id"), **answer}, ensure_ascii=False))
        ok = judge(item, answer, names)
        tally = by_type.setdefault(str(item.get("type", "document")), [0, 0])
        tally[0] += int(ok)
        tally[1] += 1
        if not ok:
            wrong.append(f"{item.get('id')} {item['question']}")
        if item.get("type") != "unanswerable" and answer.get("answered") is False:
            false_abstentions.append(str(item.get("id")))
    if answers_out:
        answers_out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    right = sum(t[0] for t in by_type.values())
    total = sum(t[1] for t in by_type.values())
    answerable = sum(1 for i in items if i.get("type") != "unanswerable")
    return {"by_type": {k: tuple(v) for k, v in by_type.items()}, "overall": (right, total), "wrong": wrong,
            "false_abstentions": (len(false_abstentions), answerable, false_abstentions)}
