"""Fetch a web page (or a linked document) and load it like a file; ``source`` is the URL."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from langchain_core.documents import Document

from ingest.chunking import Chunker
from ingest.errors import LoadError, describe
from ingest.files import MAX_BYTES, load_bytes

_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
          "text/plain": ".txt", "text/csv": ".csv", "text/markdown": ".md"}


def fetch_url(
    url: str, *, client: Any = None, max_bytes: int = MAX_BYTES, chunker: Chunker | None = None
) -> list[Document]:
    """Download ``url`` (at most ``max_bytes``) and load it; chunks carry ``url``.

    ``client`` is an ``httpx.Client``; one with redirects and a 30 s timeout is made if None.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LoadError(url, "not an http(s) URL")
    data, content_type = _download(url, client, max_bytes)
    docs = load_bytes(data, _name(parts.path, content_type), url, chunker=chunker)
    for doc in docs:
        doc.metadata["url"] = url
    return docs


def _download(url: str, client: Any, max_bytes: int) -> tuple[bytes, str]:
    import httpx

    own = client is None
    http = client or httpx.Client(follow_redirects=True, timeout=30.0)
    try:
        with http.stream("GET", url) as response:
            if response.status_code >= 400:
                raise LoadError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = int(response.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise LoadError(url, f"too large: {declared} bytes exceeds the {max_bytes} byte limit")
            body = bytearray()
            for block in response.iter_bytes():
                body.extend(block)
                if len(body) > max_bytes:
                    raise LoadError(url, f"too large: more than the {max_bytes} byte limit")
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            return bytes(body), kind
    except httpx.HTTPError as exc:
        raise LoadError(url, f"download failed: {describe(exc)}") from exc
    finally:
        if own:
            http.close()


def _name(path: str, content_type: str) -> str:
    name = PurePosixPath(path).name or "index"
    suffix = _TYPES.get(content_type)
    if suffix and PurePosixPath(name).suffix.lower() != suffix:
        name = f"{name}{suffix}"
    return name
