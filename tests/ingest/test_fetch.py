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
        if self.path.startswith("/redirect/"):
            self.send_response(302)
            self.send_header("Location", "http://" + self.path.removeprefix("/redirect/"))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
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
    chunks = fetch_url(url, chunker=chunker, allow_hosts=["127.0.0.1"])
    assert chunks and all(c.metadata["source"] == url and c.metadata["url"] == url for c in chunks)
    text = " ".join(c.page_content for c in chunks)
    assert "twelve libraries" in text and "SCRIPT TEXT" not in text
    assert chunks[0].metadata["title"] == "Statement on library opening hours"


def test_fetch_errors(server: str) -> None:
    with pytest.raises(LoadError, match="HTTP 404"):
        fetch_url(f"{server}/missing", allow_hosts=["127.0.0.1"])
    with pytest.raises(LoadError, match="too large"):
        fetch_url(f"{server}/big", max_bytes=1000, allow_hosts=["127.0.0.1"])
    with pytest.raises(LoadError, match="not an http"):
        fetch_url("file:///etc/passwd")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x", "http://localhost:9/x", "http://[::1]:9/x", "http://169.254.169.254/latest/meta-data",
    "http://10.0.0.7/intranet", "http://192.168.1.1/", "http://0.0.0.0:9/",
])
def test_private_loopback_and_link_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(LoadError, match="refused: .* private, loopback or link-local"):
        fetch_url(url)


def test_a_redirect_to_an_internal_address_is_refused(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    with pytest.raises(LoadError, match="refused: localhost"):
        fetch_url(f"{server}/redirect/localhost:{port}/news/statement", allow_hosts=["127.0.0.1"])
    chunks = fetch_url(f"{server}/redirect/127.0.0.1:{port}/news/statement", allow_hosts=["127.0.0.1"])
    assert chunks and chunks[0].metadata["title"] == "Statement on library opening hours"
