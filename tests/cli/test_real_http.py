"""The CLI over real HTTP (urllib3) against a loopback stub: list, and a streamed media upload."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from .conftest import CLI, TOKEN


class Stub(BaseHTTPRequestHandler):
    uploads: list[tuple[dict[str, str], bytes]] = []

    def _json(self, status: int, body: Any) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        if self.path.startswith("/v5/boards"):
            assert self.headers["Authorization"] == f"Bearer {TOKEN}"
            self._json(200, {"items": [{"id": "1", "name": "real"}], "bookmark": None})
        elif self.path.startswith("/v5/media/"):
            self._json(200, {"media_id": "9", "status": "succeeded"})
        else:
            self._json(404, {"code": 404, "message": "Not found"})

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        if self.path == "/v5/media":
            host = f"http://127.0.0.1:{self.server.server_address[1]}"
            self._json(201, {"media_id": "9", "upload_url": f"{host}/s3", "upload_parameters": {"key": "k"}})
        elif self.path == "/s3":
            Stub.uploads.append((dict(self.headers), body))
            self.send_response(204)
            self.end_headers()
        else:
            self._json(404, {"code": 404, "message": "Not found"})

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def stub() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v5"
    server.shutdown()
    server.server_close()


def test_list_over_http(cli: CLI, stub: str) -> None:
    r = cli("boards", "list", "--all", "-o", "ndjson", "--base-url", stub, "--token", TOKEN)
    assert r.status == 0, r.err
    assert json.loads(r.out) == {"id": "1", "name": "real"}


def test_not_found_over_http(cli: CLI, stub: str) -> None:
    r = cli("pins", "get", "9", "--base-url", stub, "--token", TOKEN)
    assert r.status == 4
    assert "HTTP 404" in r.err


def test_streamed_upload_over_http(cli: CLI, stub: str, tmp_path: Path) -> None:
    video = tmp_path / "big.mp4"
    payload = bytes(range(256)) * 4096  # 1 MiB, sent in chunks
    video.write_bytes(payload)
    Stub.uploads.clear()
    r = cli("media", "upload", str(video), "--wait", "--poll-interval", "0", "--base-url", stub, "--token", TOKEN)
    assert r.status == 0, r.err
    assert json.loads(r.out)["status"] == "succeeded"
    ((headers, body),) = Stub.uploads
    assert "Authorization" not in headers
    assert payload in body and body.endswith(b"--\r\n")
    assert int(headers["Content-Length"]) == len(body)
