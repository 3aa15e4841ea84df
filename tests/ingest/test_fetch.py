"""fetch_url against a real HTTP server on loopback (port 0)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest import LoadError, fetch_url
from tests.ingest.conftest import FIXTURES

PAGE = (FIXTURES / "statements" / "library-statement.html").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.path == "/news/statement":
            body, status = PAGE, 200
        elif self.path == "/big":
            body, status = b"<html><body><p>" + b"x " * 5000 + b"</p></body></html>", 200
        else:
            body, status = b"not here", 404
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_page(server: str, chunker) -> None:  # type: ignore[no-untyped-def]
    url = f"{server}/news/statement"
    chunks = fetch_url(url, chunker=chunker)
    assert chunks and all(c.metadata["source"] == url and c.metadata["url"] == url for c in chunks)
    text = " ".join(c.page_content for c in chunks)
    assert "twelve libraries" in text and "SCRIPT TEXT" not in text
    assert chunks[0].metadata["title"] == "Statement on library opening hours"


def test_fetch_errors(server: str) -> None:
    with pytest.raises(LoadError, match="HTTP 404"):
        fetch_url(f"{server}/missing")
    with pytest.raises(LoadError, match="too large"):
        fetch_url(f"{server}/big", max_bytes=1000)
    with pytest.raises(LoadError, match="not an http"):
        fetch_url("file:///etc/passwd")
