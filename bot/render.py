"""Block Kit for answers, sources and drafts. Every document string is escaped here.

Slack limits respected: 50 blocks per message, 3000 characters per section text,
10 elements per context block. Long row lists are split across sections and messages;
very long ones are summarised and attached in full as a CSV (``rows_csv``).
"""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import quote as urlquote

from knowledge.types import Answer, Citation, Draft

MAX_BLOCKS = 50
SECTION_CHARS = 2900
CONTEXT_CHARS = 1900
SOURCES_SHOWN = 5
CSV_ROWS = 60
"""More rows than this: show the first ``PREVIEW_ROWS`` and attach every row as CSV."""
PREVIEW_ROWS = 20
CELLS_SHOWN = 4

Message = dict[str, Any]


def escape(text: object) -> str:
    """Slack's three control characters; after this no text can ping, link or mention."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str | None, label: str) -> str:
    """``<url|label>`` for http(s) URLs only; anything else is shown as plain escaped text."""
    if not url or not url.lower().startswith(("https://", "http://")):
        return escape(label)
    safe = urlquote(url, safe=":/?#[]@!$&'()*+,;=%~.-_")
    return f"<{safe.replace('&', '&amp;')}|{escape(label).replace('|', '¦')}>"


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(text, CONTEXT_CHARS)}]}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chunk_lines(lines: list[str], limit: int = SECTION_CHARS) -> list[str]:
    """Join lines into texts of at most ``limit`` chars; an over-long line is split, not dropped."""
    out: list[str] = []
    current = ""
    for line in lines:
        while len(line) > limit:
            if current:
                out.append(current)
                current = ""
            out.append(line[:limit])
            line = line[limit:]
        if current and len(current) + 1 + len(line) > limit:
            out.append(current)
            current = ""
        current = f"{current}\n{line}" if current else line
    if current:
        out.append(current)
    return out


def citation_line(c: Citation) -> str:
    title = c.title or c.source
    where = f"{link(c.url, title)} ({escape(c.source)}, {escape(c.locator)})" if c.url else (
        f"*{escape(title)}*, {escape(c.locator)}" + (f" ({escape(c.source)})" if c.title else ""))
    date = f" · {escape(c.date)}" if c.date else ""
    return f"{where}{date}\n> {escape(_clip(' '.join(c.quote.split()), 600))}"


def row_line(row: dict[str, Any]) -> str:
    cells = row.get("cells") or {}
    name = str(row.get("property") or "")
    shown = [f"{escape(k)}: {escape(v)}" for k, v in cells.items()
             if v not in (None, "") and str(v) != name][:CELLS_SHOWN]
    where = f"{escape(row.get('sheet') or row.get('source', ''))} row {escape(row.get('row', '?'))}"
    return f"• *{escape(name or '(unnamed)')}* ({where})" + (" — " + " · ".join(shown) if shown else "")


def rows_csv(rows: list[dict[str, Any]]) -> str:
    headers: list[str] = []
    for row in rows:
        for key in row.get("cells") or {}:
            if key not in headers:
                headers.append(key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["source", "sheet", "row", "property", *headers])
    for row in rows:
        cells = row.get("cells") or {}
        writer.writerow([row.get("source", ""), row.get("sheet", ""), row.get("row", ""),
                         row.get("property", ""), *(cells.get(h, "") for h in headers)])
    return buffer.getvalue()


def actions(request_id: str, *, sources: bool) -> dict[str, Any]:
    """Buttons carry only the request id; the question is re-run with the clicker's scope."""
    buttons = [
        {"type": "button", "action_id": "feedback_up", "text": {"type": "plain_text", "text": "👍"},
         "value": request_id},
        {"type": "button", "action_id": "feedback_down", "text": {"type": "plain_text", "text": "👎"},
         "value": request_id},
        {"type": "button", "action_id": "draft_reply",
         "text": {"type": "plain_text", "text": "Draft reply"}, "value": request_id},
    ]
    if sources:
        buttons.append({"type": "button", "action_id": "show_sources",
                        "text": {"type": "plain_text", "text": "Show all sources"}, "value": request_id})
    return {"type": "actions", "block_id": f"cllr_actions_{request_id}", "elements": buttons}


def answer_messages(answer: Answer, request_id: str) -> tuple[list[Message], str | None]:
    """The messages to post for an answer (several when long) and a CSV of all rows, if attached."""
    blocks: list[dict[str, Any]] = [_section(t) for t in chunk_lines(escape(answer.answer).splitlines()
                                                                      or ["(no answer)"])]
    if answer.filters:
        blocks.append(_context("Filters applied: " + "; ".join(escape(f) for f in answer.filters)))
    rows = answer.rows or []
    attach = rows_csv(rows) if len(rows) > CSV_ROWS else None
    shown = rows[:PREVIEW_ROWS] if attach else rows
    if rows:
        head = (f"*{len(rows)} rows* — the first {len(shown)} below; all {len(rows)} in the attached CSV"
                if attach else f"*{len(rows)} rows*")
        blocks += [_section(t) for t in chunk_lines([head, *map(row_line, shown)])]
    cites = answer.citations
    if cites:
        blocks.append(_context(f"*Sources* ({len(cites)})"))
        blocks += [_context(citation_line(c)) for c in cites[:SOURCES_SHOWN]]
        if len(cites) > SOURCES_SHOWN:
            blocks.append(_context(f"…and {len(cites) - SOURCES_SHOWN} more: press *Show all sources*."))
    blocks.append(actions(request_id, sources=bool(cites)))
    return paginate(blocks, _clip(escape(answer.answer), 2900)), attach


def paginate(blocks: list[dict[str, Any]], text: str) -> list[Message]:
    """Split blocks into messages of at most ``MAX_BLOCKS`` blocks, in order."""
    pages = [blocks[i:i + MAX_BLOCKS] for i in range(0, len(blocks), MAX_BLOCKS)] or [[]]
    messages = [{"text": text, "blocks": page} for page in pages]
    for n, message in enumerate(messages[1:], start=2):
        message["text"] = f"(continued, part {n} of {len(pages)})"
    return messages


def sources_messages(answer: Answer) -> list[Message]:
    if not answer.citations:
        return [{"text": "No sources you can see support an answer to this question."}]
    blocks = [_section(f"*All {len(answer.citations)} sources* for: {escape(answer.question)}")]
    for c in answer.citations:
        blocks += [_section(t) for t in chunk_lines(citation_line(c).splitlines())]
    return paginate(blocks, f"All {len(answer.citations)} sources")


def draft_messages(draft: Draft) -> list[Message]:
    body = [_section(t) for t in chunk_lines(escape(draft.text).splitlines() or ["(empty draft)"])]
    blocks = [_context("*Draft reply* — only you can see this. Check it before sending."), *body]
    blocks += [_context(citation_line(c)) for c in draft.answer.citations[:SOURCES_SHOWN]]
    return paginate(blocks, _clip(escape(draft.text), 2900))


def notice(text: str) -> Message:
    """A short plain message (help, refusals, progress); ``text`` must already be safe."""
    return {"text": text, "blocks": [_section(text)]}


__all__ = ["answer_messages", "draft_messages", "escape", "link", "notice", "rows_csv",
           "sources_messages"]
