"""Which candidate sentence supersedes which: a later statement making the same point again,
and a document's own correction of a figure it gave."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.question import QuestionInfo, has_type
from knowledge.text import tokens

if TYPE_CHECKING:
    from knowledge.gather.scoring import Candidate

RESTATED_SHARE = 0.7
"""A later statement's sentence that holds this share of an earlier one's words makes the same
point again ("a written assurance that no ... recorder ... can be reached from outside")."""
RESTATED_MIN = 8
"""... counted over an earlier sentence of at least this many distinct words."""
FACT_TYPES = ("date", "duration", "money", "number")
"""Kinds of answer that are a fact to be given ("how many": a number)."""

FIELD = re.compile(r"^\W*[A-Z][\w'’()-]*(?: [\w'’()-]+){0,3}:\s")
"""A header field ("Answered by: ...", "Also present: ..."), not a sentence making a point."""
CORRECTION = re.compile(
    r"\b(?:correct(?:ed)?|revised|amended|right) (?:figure|number|total|count|amount|date)\b|"
    r"\bshould (?:have )?(?:read|said|been)\b|\bcorrected to\b|\bcorrection\b|\berrat(?:um|a)\b|"
    r"\b(?:was|were) (?:incorrectly|wrongly|mistakenly) (?:stated|given|reported|shown|recorded)\b|"
    r"\b(?:not|rather than|instead of) £?\d[\d,.]*\w* as (?:previously |originally |first |we )?"
    r"(?:stated|reported|given|said|published)\b", re.I)
"""A sentence correcting a figure the document gave ("the correct figure is 29 sites, not 31")."""
_FIGURE = re.compile(r"£?\d[\d,.]*\d|£?\d")


def is_question(text: str) -> bool:
    return text.rstrip().rstrip("\"”’')").endswith("?")


def restated(ranked: list[Candidate], info: QuestionInfo, corpus: Corpus, titled: dict[str, set[str]],
             pool: int) -> None:
    """Newer statements outrank older ones on the same point: a sentence of a later-dated
    statement that makes a leading sentence's point again takes its place, so the answer gives
    the latest record, with its date. A question asked again ("Will the Cabinet Member give ...
    a written assurance that ...?") restates a demand only when the demands are what is asked.
    A later sentence never takes the place of one from what the question asks for by name: the
    council's voice, a document named by its title, a period ("in March 2024"). Header fields
    ("Answered by: Cllr ...") make no point."""
    leaders = [(c, date, own) for c in ranked[:pool]
               if (date := _statement_date(c.chunk)) and len(own := set(tokens(c.text))) >= RESTATED_MIN
               and not FIELD.match(c.text)]
    if not leaders:
        return
    oldest = min(date for _, date, _ in leaders)
    for later in ranked:
        when = _statement_date(later.chunk)
        if when <= oldest or FIELD.match(later.text) or (is_question(later.text) and not info.asks_request) \
                or (info.council_voice and corpus.speaks_for_others(later.chunk.source)) \
                or (titled and later.chunk.source not in titled) or (info.period and not (
                    info.period[0] <= when < info.period[1])):
            continue
        words = set(tokens(later.text))
        for earlier, before, own in leaders:
            if before < when and earlier.score > later.score and len(own & words) >= RESTATED_SHARE * len(own):
                later.score = earlier.score + 1e-3
    ranked.sort(key=lambda c: c.score, reverse=True)


def corrected(ranked: list[Candidate], info: QuestionInfo, pool: int) -> None:
    """A document's own correction ("CORRECTION: the correct figure is 29 sites, not 31") takes
    the place of the figure it corrects: the sentence of the same document giving the figure it
    names as wrong ("31"), or, when it names none, the best sentence there giving a figure of the
    kind asked for. The correction is about what that sentence was about, so it carries its words."""
    if info.answer_type not in FACT_TYPES:
        return
    for fix in ranked:
        if not CORRECTION.search(fix.text) or not has_type(fix.text, info.answer_type):
            continue
        figures = set(_FIGURE.findall(fix.text))
        same = [c for c in ranked[:pool] if c is not fix and c.chunk.source == fix.chunk.source
                and c.score > fix.score and has_type(c.text, info.answer_type) and not CORRECTION.search(c.text)]
        named = [c for c in same if figures & set(_FIGURE.findall(c.text))]
        if wrong := (named or same)[:1]:
            fix.score = wrong[0].score + 1e-3
            fix.toks |= wrong[0].toks
    ranked.sort(key=lambda c: c.score, reverse=True)


def superseded(corpus: Corpus) -> frozenset[str]:
    """Documents a later version of the same document replaces: the same file or title once the
    version numbers and years are taken out ("cctv-retention-policy-v1.0-2021.pdf" and
    "cctv-retention-policy-v2.0-2024.md"), the later one dated after it. Worked out once per
    generation."""
    return corpus.word_set("superseded", lambda: _superseded(corpus))


def _superseded(corpus: Corpus) -> list[str]:
    series: dict[str, list[tuple[str, str]]] = {}
    for source in corpus.sources():
        chunks = corpus.of_source(source)
        meta = chunks[0].meta if chunks else {}
        date = str(meta.get("date") or "")
        if meta.get("kind") == "register" or not date:
            continue
        for key in {_series(source.rsplit("/", 1)[-1].rsplit(".", 1)[0]), _series(str(meta.get("title") or ""))}:
            if key:
                series.setdefault(key, []).append((date, source))
    out: set[str] = set()
    for versions in series.values():
        latest = max(versions)[0]
        out |= {source for date, source in versions if date < latest}
    return sorted(out)


def _series(name: str) -> str:
    """A name without its numbers: what stays the same from one version of a document to the
    next. Only a name that carried a number (a version or year) and keeps three words names a
    series."""
    parts = re.split(r"[\s\-_–—:|,()]+", name.lower())
    kept = [p for p in parts if p and not any(ch.isdigit() for ch in p) and len(p) > 1]
    return " ".join(kept) if len(kept) >= 3 and len(kept) < len([p for p in parts if p]) else ""


def _statement_date(chunk: Chunk) -> str:
    return str(chunk.meta.get("date") or "") if chunk.meta.get("kind") == "statement" else ""
