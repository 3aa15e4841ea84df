"""Plain text and Markdown: one unit per section, located by its heading.

Markdown headings are ``#`` lines (and setext ``===``/``---`` underlines). In plain text a
heading is a numbered line ("1. Background", "9.3 Remote access"), a short ALL CAPS line,
or a line underlined with ``===``/``---``. Unit text is an exact slice of the file's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from langchain_core.documents import Document

from ingest.loaders.base import BaseLoader, section_meta, unit
from ingest.sniff import decode_text

_ATX = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
_NUMBERED = re.compile(r"^ {0,3}(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\S.{0,78})$")
_TITLE_LINE = re.compile(r"^\s*title\s*:\s*(\S.{2,150})$", re.I | re.M)
_ORG_BANNER = re.compile(r"\bcouncil\s*$|\bcouncil\s*[-–—:]", re.I)


class TextLoader(BaseLoader):
    label = "text file"
    markdown = False

    def _load(self) -> Iterator[Document]:
        text = decode_text(self.data, self.name).replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        headings = self._headings(lines)
        self.title = self._title(text, [h for _, h in headings])
        starts = [0]
        for line_no in range(1, len(lines)):
            starts.append(starts[-1] + len(lines[line_no - 1]) + 1)
        bounds = [(starts[i], h) for i, h in headings]
        yield from _sections(text, bounds)

    def _headings(self, lines: list[str]) -> list[tuple[int, str]]:
        return markdown_headings(lines) if self.markdown else text_headings(lines)

    def _title(self, text: str, headings: list[str]) -> str | None:
        if not self.markdown:
            match = _TITLE_LINE.search("\n".join(text.split("\n", 40)[:40]))
            if match:
                return match.group(1).strip()
        for heading in headings:
            if not _ORG_BANNER.search(heading):
                return heading
        return headings[0] if headings else None


class MarkdownLoader(TextLoader):
    label = "Markdown file"
    markdown = True


def _sections(text: str, bounds: list[tuple[int, str]]) -> Iterator[Document]:
    """Slice ``text`` at heading offsets; a heading with no body folds into the next section."""
    cuts: list[tuple[int, str | None]] = [(0, None), *bounds]
    pending_start: int | None = None
    for i, (start, heading) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else len(text)
        begin = start if pending_start is None else pending_start
        body = text[start:end].split("\n", 1)[1] if heading and "\n" in text[start:end] else ""
        if heading and not _strip_underline(body).strip() and i + 1 < len(cuts):
            pending_start = begin
            continue
        pending_start = None
        chunk = text[begin:end].strip()
        if chunk:
            yield unit(chunk, **section_meta(heading))


def _strip_underline(body: str) -> str:
    first, _, rest = body.partition("\n")
    return rest if _UNDERLINE.match(first) else body


def markdown_headings(lines: list[str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        match = _ATX.match(line)
        if match:
            found.append((i, _plain(match.group(2))))
        elif _setext(lines, i):
            found.append((i, _plain(line.strip())))
    return found


def text_headings(lines: list[str]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or len(stripped) > 90:
            continue
        after_blank = i == 0 or not lines[i - 1].strip() or bool(found and found[-1][0] == i - 1)
        if _setext(lines, i) or (after_blank and (_numbered(stripped) or _all_caps(stripped))):
            found.append((i, " ".join(stripped.split())))
    return found


def _setext(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    if not line or i + 1 >= len(lines) or not _UNDERLINE.match(lines[i + 1]):
        return False
    return len(lines[i + 1].strip()) >= 3 and not line.startswith(("|", "-", "*", ">"))


def _numbered(line: str) -> bool:
    match = _NUMBERED.match(line)
    if not match or line.endswith((".", ",", ";", ":")):
        return False
    words = match.group(2).split()
    return len(words) <= 10 and match.group(2)[0].isupper()


def _all_caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 3 and line.upper() == line and not line.endswith((",", ";"))


def _plain(heading: str) -> str:
    return " ".join(heading.replace("**", "").replace("__", "").replace("`", "").split())
