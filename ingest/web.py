"""Fetch a web page (or a linked document) and load it like a file; ``source`` is the URL."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Collection
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

from langchain_core.documents import Document

from ingest.chunking import Chunker
from ingest.errors import LoadError, describe
from ingest.files import MAX_BYTES, load_bytes

MAX_REDIRECTS = 5
_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
          "text/plain": ".txt", "text/csv": ".csv", "text/markdown": ".md"}


def fetch_url(
    url: str, *, client: Any = None, max_bytes: int = MAX_BYTES, chunker: Chunker | None = None,
    allow_hosts: Collection[str] = (),
) -> list[Document]:
    """Download ``url`` (at most ``max_bytes``) and load it; chunks carry ``url``.

    Private, loopback, link-local and other non-public addresses are refused, whether the URL
    names one or its host resolves to one, at every redirect, unless the host is one of
    ``allow_hosts`` (``CLLR_FETCH_ALLOW_HOSTS``). ``client`` is an ``httpx.Client``; one with a
    30 s timeout is made if None. Redirects are followed here, each one checked.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LoadError(url, "not an http(s) URL")
    data, content_type = _download(url, client, max_bytes, frozenset(h.lower() for h in allow_hosts))
    docs = load_bytes(data, _name(parts.path, content_type), url, chunker=chunker)
    for doc in docs:
        doc.metadata["url"] = url
    return docs


def check_host(url: str, allow_hosts: Collection[str] = ()) -> None:
    """Raise ``LoadError`` unless every address ``url``'s host resolves to is public (or the
    host is allowed by name)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host:
        raise LoadError(url, "not an http(s) URL")
    if host in allow_hosts:
        return
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise LoadError(url, f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise LoadError(url, f"refused: {host} is a private, loopback or link-local address "
                                 f"({address}); an admin can allow it in CLLR_FETCH_ALLOW_HOSTS")


def _download(url: str, client: Any, max_bytes: int, allow_hosts: frozenset[str]) -> tuple[bytes, str]:
    import httpx

    own = client is None
    http = client or httpx.Client(follow_redirects=False, timeout=30.0)
    try:
        for _ in range(MAX_REDIRECTS + 1):
            check_host(url, allow_hosts)
            with http.stream("GET", url, follow_redirects=False) as response:
                if not response.is_redirect:
                    return _read(url, response, max_bytes)
                url = urljoin(url, response.headers.get("location", ""))
                if urlsplit(url).scheme not in ("http", "https"):
                    raise LoadError(url, "redirected to a non-http(s) URL")
        raise LoadError(url, f"more than {MAX_REDIRECTS} redirects")
    except httpx.HTTPError as exc:
        raise LoadError(url, f"download failed: {describe(exc)}") from exc
    finally:
        if own:
            http.close()


def _read(url: str, response: Any, max_bytes: int) -> tuple[bytes, str]:
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


def _name(path: str, content_type: str) -> str:
    name = PurePosixPath(path).name or "index"
    suffix = _TYPES.get(content_type)
    if suffix and PurePosixPath(name).suffix.lower() != suffix:
        name = f"{name}{suffix}"
    return name
