"""HTML: visible text only, one unit per heading section.

Dropped: script, style, nav, aside, noscript, template, footer, forms' hidden inputs, any
element that is ``hidden``, ``aria-hidden="true"`` or styled ``display:none`` /
``visibility:hidden``, and a ``<header>`` holding no heading (site chrome; a header that
holds the page's heading is kept). The tree is walked with an explicit stack, so deeply
nested markup cannot raise RecursionError.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from langchain_core.documents import Document

from ingest.dates import find_date, to_iso
from ingest.loaders.base import BaseLoader, section_meta, unit

DROP = frozenset({"script", "style", "nav", "aside", "noscript", "template", "footer", "head",
                  "iframe", "svg", "canvas", "object", "embed", "select", "button", "map"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "ul", "ol", "table", "tr",
                    "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "br", "hr",
                    "address", "header", "form", "fieldset", "details", "summary", "caption",
                    "thead", "tbody", "tfoot", "body", "html"})
CELLS = frozenset({"td", "th"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DATE_META = ("date", "dc.date", "dcterms.date", "dcterms.created", "article:published_time",
              "dc.date.issued", "datepublished")


@dataclass
class _Builder:
    sections: list[tuple[str | None, list[str]]] = field(default_factory=lambda: [(None, [])])
    parts: list[str] = field(default_factory=list)

    def text(self, value: str) -> None:
        self.parts.append(value)

    def cell(self) -> None:
        if "".join(self.parts).strip():
            self.parts.append(" | ")

    def line(self) -> str:
        return " ".join("".join(self.parts).split()).strip(" |")

    def flush(self) -> None:
        text = self.line()
        if text:
            self.sections[-1][1].append(text)
        self.parts = []

    def heading(self, text: str) -> None:
        self.flush()
        self.sections.append((text, [text]))


class HtmlLoader(BaseLoader):
    label = "HTML"

    def _load(self) -> Iterator[Document]:
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(self.data, "lxml")
        self._read_head(soup)
        builder = _Builder()
        _walk(soup.body or soup, builder)
        builder.flush()
        carried: list[str] = []
        for i, (heading, paragraphs) in enumerate(builder.sections):
            if paragraphs == [heading] and i + 1 < len(builder.sections):
                carried.extend(paragraphs)  # a heading with no body joins the next section
                continue
            text = "\n\n".join([*carried, *paragraphs]).strip()
            carried = []
            if text:
                yield unit(text, **section_meta(heading))
        if self.title is None:
            self.title = next((h for h, _ in builder.sections if h), None)

    def _read_head(self, soup: object) -> None:
        title = getattr(soup, "title", None)
        if title is not None and title.get_text(strip=True):
            self.title = " ".join(title.get_text().split())
        for meta in soup.find_all("meta"):  # type: ignore[attr-defined]
            key = str(meta.get("name") or meta.get("property") or "").lower()
            if key in _DATE_META and meta.get("content"):
                value = str(meta["content"])
                self.created = to_iso(value[:10]) or find_date(value)
                if self.created:
                    return
        stamp = soup.find("time", attrs={"datetime": True})  # type: ignore[attr-defined]
        if stamp is not None:
            self.created = to_iso(str(stamp["datetime"])[:10])


def hidden(tag: object) -> bool:
    attrs = getattr(tag, "attrs", None) or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    if str(attrs.get("type", "")).lower() == "hidden":
        return True
    return bool(_HIDDEN_STYLE.search(str(attrs.get("style", ""))))


def _walk(root: object, out: _Builder) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    skip_strings = (Comment, Declaration, Doctype, ProcessingInstruction)
    stack: list[tuple[object, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, skip_strings):
                out.text(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = (node.name or "").lower()
        if not entering:
            if name in BLOCKS or name in HEADINGS:
                out.flush()
            continue
        if name in DROP or hidden(node) or (name == "header" and not _has_heading(node)):
            continue
        if name in HEADINGS:
            text = _visible_text(node)
            if text:
                out.heading(text)
            continue
        if name in BLOCKS:
            out.flush()
        elif name in CELLS:
            out.cell()
        stack.append((node, False))
        stack.extend((child, True) for child in reversed(node.contents))


def _has_heading(tag: object) -> bool:
    return tag.find(list(HEADINGS)) is not None  # type: ignore[attr-defined]


def _visible_text(tag: object) -> str:
    inner = _Builder()
    _walk_inline(tag, inner)
    return inner.line()


def _walk_inline(tag: object, out: _Builder) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import Comment

    stack = list(reversed(getattr(tag, "contents", [])))
    while stack:
        node = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, Comment):
                out.text(str(node))
        elif isinstance(node, Tag) and (node.name or "").lower() not in DROP and not hidden(node):
            stack.extend(reversed(node.contents))
