"""Split chunk text into quotable spans: sentences, list items and table lines.

A span's text is the source text with runs of whitespace collapsed, so hard-wrapped
plain text reads naturally while staying verbatim under :func:`normalise`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_BLOCK = re.compile(r"\n(?:[ \t>]*\n)+")
"""A blank line, or a line holding only a quote marker (">"), which breaks a Markdown quote."""
_QUOTE_MARK = re.compile(r"^(?:>\s*)+")
BULLET = "[-*•–\u2023\u2043\u2190-\u21ff\u2500-\u27bf]"
"""A bullet: a dash or dot, or an arrow, box, shape or tick ("☐ We have conducted a DPIA")."""
_ITEM = re.compile(rf"^\s*(?:{BULLET}|\(?[a-z0-9]{{1,3}}[.)])\s+|\.{{4,}}|\S\s{{3,}}\S")
"""A list item, or a table line (dot leaders or a wide gap between columns)."""
_SENT = re.compile(r"(?<=[.!?;])[\"”’)]?\s+(?=[–•]\s)|(?<=[.!?])[\"”’)]?\s+(?=[\"“(£A-Z0-9])")
"""A sentence end before a capital, or before an inline bullet ("... agreed. – Spend to ...")."""
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|etc|no|para|s|cf|vs|approx|Cllr|Mr|Mrs|Ms|Dr|St)\.$", re.I)
_NUMBER_ONLY = re.compile(r"(?:\d+(?:\.\d+)*|\(?[a-z]{1,3}\)?)\.?\)?")
"""A list or paragraph number ("4.", "4.1", "(b)") that opens an item, not a sentence."""
MAX_SPAN_WORDS = 70
_HEADING = re.compile(r"^#{1,6}\s|^(?:\d+(?:[./]\d+)*\.?\s+)?[A-Z][^.!?:;|]{0,80}$")
"""Markdown headings and short title lines without sentence punctuation: context, not answers
(a table row, "Hikvision | 30 systems | 37 systems", is not a title)."""


def normalise(text: str) -> str:
    """Whitespace-collapsed text, the form in which quotes are compared."""
    return " ".join(text.split())


def spans(text: str, skip: Callable[[str], bool] | None = None) -> list[str]:
    """Quotable spans of ``text`` in reading order; none from a paragraph or list item for
    which ``skip`` is true (one that carries text addressed to an AI assistant, say, whose
    every sentence is suspect, not only the one that names the assistant)."""
    return [span for span, _heading in headed_spans(text, skip)]


def headed_spans(text: str, skip: Callable[[str], bool] | None = None) -> list[tuple[str, str]]:
    """Each quotable span with the heading it sits under in ``text`` ("" before any): a PDF
    page's "Hikvision installed after the ban" says what the sentences below it are about."""
    out: list[tuple[str, str]] = []
    rows = table_rows(text)  # "Network video recorder (NVR)   6 years": a row, not a title
    for group, heading in headed_groups(text):
        if skip is None or not skip(group):
            out.extend((s, heading) for s in _sentences(group) if len(s) > 2 and (s in rows or not _HEADING.match(s)))
    return out


def groups(text: str) -> list[str]:
    """The paragraphs, list items and table lines of ``text``, whitespace-collapsed."""
    return [group for group, _heading in headed_groups(text)]


def headed_groups(text: str) -> list[tuple[str, str]]:
    """Paragraphs, list items and table lines, each with the heading line above it. A heading
    inside a block (a PDF page has no blank lines) starts a new paragraph, not glued to the
    sentence after it."""
    out: list[tuple[str, str]] = []
    heading = ""
    for block in _underlined(_BLOCK.split(text)):
        if block.startswith(_TITLE_MARK):  # "What is changing" over "------": a heading
            heading = normalise(block[len(_TITLE_MARK):])
            continue
        lines = [ln for ln in block.splitlines() if ln.strip()]
        if len(lines) == 1 and _HEADING.match(lines[0].strip()) and len(lines[0].split()) <= 12:
            heading = normalise(lines[0].lstrip("#"))
        for part in _split_at_headings(lines):
            if len(part) > 1 and _heading_line(part[0], part[1]):
                heading, part = normalise(part[0].lstrip("#")), part[1:]
            if len(part) > 1 and sum(ln.count("|") >= 2 for ln in part) >= len(part) / 2:  # a pipe table
                out.extend((_unquoted(ln), heading) for ln in part
                           if not _RULE_LINE.match(ln) and len(re.findall(r"[A-Za-z]{2,}", ln)) >= 2)
            elif len(part) >= 4 and sorted(len(ln.split()) for ln in part)[len(part) // 2] <= 3:
                out.extend((_unquoted(ln), heading) for ln in part)  # a table's cells, one per line
            elif len(part) > 1 and sum(bool(_ITEM.search(ln)) for ln in part) >= len(part) / 2:
                out.extend((_unquoted(g), heading) for g in _group_items(part))
            elif sum(_bulleted(ln) for ln in part) >= 2:  # an FOI reply: requests, each answered
                out.extend((_unquoted(g), heading) for g in _group_items(part, answered=True))
            elif (first := _list_start(part)) is not None:  # a PDF page: prose, then "RESOLVED:" and its items
                if first:
                    out.append((_unquoted(" ".join(part[:first])), heading))
                out.extend((_unquoted(g), heading) for g in _group_items(part[first:]))
            elif part:
                out.append((_unquoted(" ".join(part)), heading))
    return out


_TITLE_MARK = "\x00title:"
_UNDERLINE = re.compile(r"^\s*([-=~_*])\1{2,}\s*$")


def _underlined(blocks: list[str]) -> list[str]:
    """Blocks with an underlined title line ("What is changing" over "-----") split off as
    title markers; a rule line on its own is dropped."""
    out: list[str] = []
    for block in blocks:
        lines = block.split("\n")
        if not any(_UNDERLINE.match(ln) for ln in lines):
            out.append(block)
            continue
        current: list[str] = []
        for line in lines:
            if not _UNDERLINE.match(line):
                current.append(line)
                continue
            title = current.pop() if current and current[-1].strip() else ""
            if any(ln.strip() for ln in current):
                out.append("\n".join(current))
            if title.strip() and len(title.split()) <= 12:
                out.append(_TITLE_MARK + title.strip())
            elif title.strip():
                out.append(title)
            current = []
        if any(ln.strip() for ln in current):
            out.append("\n".join(current))
    return out


_NUMBERED_ITEM = re.compile(r"^\s*\(?([a-z]|\d{1,2}|[ivx]{1,4})[.)]\s+\S")


def _list_start(lines: list[str]) -> int | None:
    """Where a numbered list starts inside a block of running text: a line ending ":" followed
    by at least two numbered items ("(1) That ...", "(2) That ..."); the lead-in line starts it."""
    for n in range(len(lines) - 2):
        if lines[n].rstrip().endswith(":") and _NUMBERED_ITEM.match(lines[n + 1]) and sum(
                bool(_NUMBERED_ITEM.match(ln)) for ln in lines[n + 1:]) >= 2:
            return n
    return None


def _unquoted(text: str) -> str:
    """Whitespace-collapsed, without the Markdown quote marker (">") it opens with."""
    return _QUOTE_MARK.sub("", normalise(text))


_NUMBERED = re.compile(r"\s*\d+(?:\.\d+)*\.?\s+[A-Z]")
"""A numbered heading ("1. Why we have this code"): a heading even after a table's last cell."""


def _split_at_headings(lines: list[str]) -> list[list[str]]:
    """A block cut before each title line that follows a finished sentence and precedes one."""
    parts: list[list[str]] = [[]]
    for n, line in enumerate(lines):
        if (0 < n < len(lines) - 1 and (_ends(lines[n - 1]) or _NUMBERED.match(line))
                and not re.match(r"\s*[-*•–]", line) and _heading_line(line, lines[n + 1])):
            parts.append([])
        parts[-1].append(line)
    return [p for p in parts if p]


_OPEN_END = frozenset({"the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "that",
                       "its", "their", "our", "at", "from", "as", "is", "are", "be", "was", "were"})


def _heading_line(line: str, following: str) -> bool:
    """A short title line ("2. Restricted suppliers") over text starting a new sentence,
    not the first line of a hard-wrapped sentence."""
    words = line.split()
    return (len(words) <= 10 and bool(_HEADING.match(line.strip())) and not _ends(line)
            and words[-1].lower() not in _OPEN_END and following.strip()[:1].isupper())


def _bulleted(line: str) -> bool:
    """A list item opened by a bullet ("- Please provide ..."), not a number or a table gap."""
    return bool(_ITEM.match(line)) and bool(re.match(BULLET, line.lstrip()))


def _group_items(lines: list[str], answered: bool = False) -> list[str]:
    """Each list item or table line, with its wrapped continuation lines. In a block of bulleted
    requests with their answers between them (an FOI reply), a line opening with a capital or a
    figure after an item ("742", "This information is exempt ...") is the answer, not more of it."""
    groups: list[str] = []
    for line in lines:
        if groups and not _ITEM.search(line) and (line.startswith((" ", "\t")) or not _ends(groups[-1])) \
                and not (answered and line.strip()[:1].isupper() or answered and line.strip()[:1].isdigit()):
            groups[-1] += " " + line.strip()
        else:
            groups.append(line.strip())
    return groups


def _ends(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":", ";", "\u201d", '"'))


def _sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _SENT.finditer(text):
        candidate = text[start : match.start()].strip()
        if _ABBREV.search(candidate) or candidate.endswith("..") or (start == 0 and _NUMBER_ONLY.fullmatch(candidate)):
            continue  # "e.g. Dahua", an item opening "4. Switch off ...": not a sentence end
        pieces.append(text[start : match.end()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    out: list[str] = []
    for piece in filter(None, pieces):
        out.extend(_cap(piece))
    return out


def _cap(sentence: str) -> list[str]:
    """Very long run-on spans are cut at semicolons so answers stay short."""
    if len(sentence.split()) <= MAX_SPAN_WORDS or sentence.rstrip("\"”’') ").endswith("?"):
        return [sentence]  # a question's parts ("will he give ...; and will he explain ...?") are one question
    parts = [p.strip() for p in re.split(r"(?<=;)\s+", sentence) if p.strip()]
    return parts if len(parts) > 1 else [sentence]


ANAPHOR = re.compile(r"^(This|These|Those|That|It|They|Such|Both|Neither|Instead|Otherwise)\b")
"""A sentence that opens by pointing back ("This applies to spare parts") means nothing alone."""
ANTECEDENT_WORDS = 60
BARE_WORDS = 3
"""A value alone on its line ("742", "Yes") answers the unfinished line above it (a request, a field)."""


ASKED = re.compile(r"\basked (whether|if|why|how|what|when|who|about)\b|\bqueried\b|\?$")
REPLY = re.compile(r"\b(said|replied|responded|confirmed|explained|answered|advised|stated)\b")
"""Minutes: "Members asked whether ... . The Head of ICT said ..." - the reply answers."""


def with_antecedents(texts: list[str], whole: str) -> list[str]:
    """Each span, but one that points back is quoted together with the sentence before it
    (when the two are adjacent in the source and short enough), so the quote names its subject;
    so is a reply, with the question it answers."""
    out: list[str] = []
    for n, text in enumerate(texts):
        if n and len(text.split()) <= BARE_WORDS and not _ends(texts[n - 1]):
            joined = f"{texts[n - 1]} {text}"  # "742" under a request line: the figure it asks for
            if joined in whole:
                text = joined
        elif n and (ANAPHOR.match(text) or (ASKED.search(texts[n - 1]) and REPLY.search(text))):
            joined = f"{texts[n - 1]} {text}"
            if len(joined.split()) <= ANTECEDENT_WORDS and joined in whole:
                text = joined
        elif n + 1 < len(texts) and ORDINAL.match(text) and len(text.split()) <= HEADLINE_WORDS:
            joined = f"{text} {texts[n + 1]}"  # "The second is ethics." says little without what follows
            if len(joined.split()) <= ANTECEDENT_WORDS and joined in whole:
                text = joined
        out.append(text)
    return out


ORDINAL = re.compile(r"^[\"“‘']?(?:(?:first|second|third|fourth|fifth|sixth|finally|lastly)(?:ly)?,|"
                     r"the (?:first|second|third|fourth|fifth|sixth|last|final) (?:is|was|one|concern|problem|"
                     r"reason|commitment|point|step)\b)", re.I)
"""A sentence that is one of an announced number of things ("First, ...", "The second is ...")."""
HEADLINE_WORDS = 6
"""A short ordinal sentence ("The first is security.", "Second, **human rights**.") is quoted with
the sentence after it."""


def table_header(text: str, row: str) -> str | None:
    """The header row of the table a row sits in: a pipe table's first row ("Measure | Before |
    After"), or the first line of a block laid out in space-aligned columns ("Component   Life")."""
    return table_rows(text).get(row)


def table_rows(text: str) -> dict[str, str]:
    """Every table row of ``text`` (whitespace-collapsed), mapped to its table's header row."""
    out: dict[str, str] = {}
    lines = [ln for ln in text.splitlines() if ln.strip()]
    for table in ([ln for ln in lines if ln.count("|") == n] for n in {ln.count("|") for ln in lines} - {0, 1}):
        out |= {normalise(ln): normalise(table[0]) for ln in table[1:] if normalise(ln) != normalise(table[0])}
    for block in _BLOCK.split(text):
        table = [ln for ln in block.splitlines() if ln.count("|") < 2 and _COLUMNS.search(ln.strip())
                 and not _RULE_LINE.match(ln)]
        out |= {normalise(ln): normalise(table[0]) for ln in table[1:] if normalise(ln) != normalise(table[0])}
    return out


_RULE_LINE = re.compile(r"^[\s\-=_+|.]+$")
"""A table's ruled line ("-------  -----"): not a row."""
_COLUMNS = re.compile(r"\S(?: {3,}|\t+)\S")
"""Two columns of a plain-text table, set apart by a wide gap."""
