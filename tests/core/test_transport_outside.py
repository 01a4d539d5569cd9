"""``client.send_external``: the one way out of the API (upload URLs, report/bulk downloads)."""

from __future__ import annotations

import asyncio
import inspect
import io
import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from pinterest_rest import AsyncPinterest, Pinterest
from pinterest_rest._errors import APITimeoutError, PermissionDeniedError, ValidationError
from pinterest_rest._transport import Request, Response
from pinterest_rest._transport.mock import AsyncMockTransport, MockTransport
from pinterest_rest._transport.urllib3 import Urllib3Transport
from pinterest_rest._types import Timeout
from pinterest_rest.workflows import media, reports
from pinterest_rest.workflows.multipart import MultipartFile
from pinterest_rest.workflows.reports import arun_report, run_report


class _Recorder(BaseHTTPRequestHandler):
    seen: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        self.seen.append({"headers": dict(self.headers), "size": len(body), "body": body})
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def upload_server() -> Iterator[str]:
    _Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/upload"
    finally:
        server.shutdown()
        server.server_close()


def _form(size: int, chunks: list[int]) -> MultipartFile:
    return MultipartFile(
        {"key": "v"}, io.BytesIO(b"x" * size), "clip.mp4", progress=lambda sent, total: chunks.append(sent)
    )


def test_sync_upload_streams_with_content_length_and_no_credentials(upload_server: str) -> None:
    chunks: list[int] = []
    body = _form(600_000, chunks)
    client = Pinterest(access_token="pina_tok")
    response = client.send_external("POST", upload_server, headers={"Content-Type": body.content_type}, body=body)
    client.close()
    assert response.status_code == 204
    seen = _Recorder.seen[0]
    assert seen["size"] == body.length and seen["headers"]["Content-Length"] == str(body.length)
    assert "Authorization" not in seen["headers"] and "Transfer-Encoding" not in seen["headers"]
    assert len(chunks) >= 3  # read in pieces as sent, not joined first


def test_async_upload_streams_through_aiohttp(upload_server: str) -> None:
    chunks: list[int] = []
    body = _form(600_000, chunks)

    async def run() -> int:
        client = AsyncPinterest(access_token="pina_tok")
        try:
            response = await client.send_external(
                "POST", upload_server, headers={"Content-Type": body.content_type}, body=body
            )
        finally:
            await client.close()
        return response.status_code

    assert asyncio.run(run()) == 204
    seen = _Recorder.seen[0]
    assert seen["size"] == body.length and seen["headers"]["Content-Length"] == str(body.length)
    assert "Authorization" not in seen["headers"] and "Transfer-Encoding" not in seen["headers"]
    assert len(chunks) >= 3  # read chunk by chunk (in a worker thread) as aiohttp sent it


def test_upload_to_a_silent_server_honours_the_client_timeout() -> None:
    """Before: the upload reached into the pool with no timeout and waited forever."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts, never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/upload"
    client = Pinterest(access_token="t", timeout=(1.0, 0.3))
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            client.send_external("POST", url, body=_form(10, []))
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)  # a hang guard, not a timing assertion
    listener.close()
    assert outcome and isinstance(outcome[0], APITimeoutError)


def test_media_upload_uses_the_entry_point_with_client_settings() -> None:
    def handler(req: Request) -> Any:
        if req.url.endswith("/media") and req.method == "POST":
            return (201, {"media_id": "9", "media_type": "video", "upload_url": "https://s3.example/up",
                          "upload_parameters": {"key": "k", "policy": "p"}})  # fmt: skip
        if req.url.startswith("https://s3.example"):
            return (204, None)
        return (200, {"media_id": "9", "media_type": "video", "status": "succeeded"})

    transport = MockTransport(handler)
    client = Pinterest(access_token="pina_tok", transport=transport, timeout=(2.0, 7.0))
    client.media.upload(io.BytesIO(b"v" * 1000), poll_interval=0.0)
    upload = next(r for r in transport.requests if r.url.startswith("https://s3.example"))
    assert "Authorization" not in upload.headers
    assert upload.headers["Content-Length"] == str(len(upload.body or b""))
    assert upload.timeout == Timeout(2.0, 7.0)
    assert upload.operation is None


def test_async_media_upload_closes_nothing_it_did_not_open() -> None:
    def handler(req: Request) -> Any:
        if req.url.endswith("/media") and req.method == "POST":
            return (201, {"media_id": "9", "upload_url": "https://s3.example/up", "upload_parameters": {}})
        if req.url.startswith("https://s3.example"):
            return (204, None)
        return (200, {"media_id": "9", "status": "succeeded"})

    transport = AsyncMockTransport(handler)

    async def run() -> None:
        client = AsyncPinterest(access_token="pina_tok", transport=transport)
        await client.media.upload(io.BytesIO(b"v" * 10), poll_interval=0.0)

    asyncio.run(run())
    assert any(r.url.startswith("https://s3.example") and "Authorization" not in r.headers for r in transport.requests)


def test_workflows_reach_no_private_attribute() -> None:
    for module in (media, reports):
        source = inspect.getsource(module)
        assert "._pipeline" not in source and "._split" not in source and "._pool" not in source


def test_bad_urls_fail_before_sending() -> None:
    transport = MockTransport()
    client = Pinterest(access_token="t", transport=transport)
    with pytest.raises(ValidationError):
        client.send_external("GET", "file:///etc/passwd")
    assert transport.requests == []


def _report_handler(expired: set[str]) -> tuple[Any, list[str]]:
    issued: list[str] = []

    def handler(req: Request) -> Any:
        if "/reports" in req.url and req.method == "POST":
            return (200, {"token": "r1", "report_status": "IN_PROGRESS"})
        if "/reports" in req.url:
            link = f"https://files.example/report-{len(issued)}.json"
            issued.append(link)
            return (200, {"report_status": "FINISHED", "url": link, "size": 10})
        if req.url in expired:
            return (403, b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")
        assert "Authorization" not in req.headers
        return (200, {"1": [{"SPEND_IN_DOLLAR": 3}]})

    return handler, issued


def test_run_report_fetches_a_fresh_link_when_the_first_expired() -> None:
    handler, issued = _report_handler({"https://files.example/report-0.json"})
    client = Pinterest(access_token="t", transport=MockTransport(handler))
    rows = run_report(client, "123", interval=0.0, start_date="2026-01-01", end_date="2026-01-02",
                      granularity="DAY", columns=["SPEND_IN_DOLLAR"], level="CAMPAIGN")  # fmt: skip
    assert rows == [{"SPEND_IN_DOLLAR": 3}]
    assert len(issued) == 2


def test_run_report_gives_up_after_one_fresh_link() -> None:
    handler, issued = _report_handler({f"https://files.example/report-{i}.json" for i in range(5)})
    client = Pinterest(access_token="t", transport=MockTransport(handler))
    with pytest.raises(PermissionDeniedError):
        run_report(client, "123", interval=0.0, start_date="2026-01-01", end_date="2026-01-02",
                   granularity="DAY", columns=["SPEND_IN_DOLLAR"], level="CAMPAIGN")  # fmt: skip
    assert len(issued) == 2


def test_arun_report_fetches_a_fresh_link_too() -> None:
    handler, issued = _report_handler({"https://files.example/report-0.json"})

    async def run() -> Any:
        client = AsyncPinterest(access_token="t", transport=AsyncMockTransport(handler))
        return await arun_report(client, "123", interval=0.0, start_date="2026-01-01", end_date="2026-01-02",
                                 granularity="DAY", columns=["SPEND_IN_DOLLAR"], level="CAMPAIGN")  # fmt: skip

    assert asyncio.run(run()) == [{"SPEND_IN_DOLLAR": 3}]
    assert len(issued) == 2


class _ApiAnswers(Urllib3Transport):
    """The real urllib3 transport for the upload URL; canned answers for the two API calls."""

    def __init__(self, upload_url: str) -> None:
        super().__init__()
        self.upload_url = upload_url

    def send(self, request: Request) -> Response:
        if request.url.startswith("https://api.pinterest.com"):
            if request.method == "POST":
                body = {"media_id": "9", "upload_url": self.upload_url, "upload_parameters": {"key": "k"}}
            else:
                body = {"media_id": "9", "status": "succeeded"}
            return Response(200, {"content-type": "application/json"}, json.dumps(body).encode(), request)
        return super().send(request)


def test_media_upload_to_a_silent_server_times_out() -> None:
    """The reproduction: the upload went to the pool's private urlopen with no timeout."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    transport = _ApiAnswers(f"http://127.0.0.1:{listener.getsockname()[1]}/upload")
    client = Pinterest(access_token="t", transport=transport, timeout=(1.0, 0.3))
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            client.media.upload(io.BytesIO(b"v" * 100), poll_interval=0.0)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(20)  # a hang guard, not a timing assertion
    listener.close()
    assert outcome and isinstance(outcome[0], APITimeoutError)


def test_downloads_are_retried_like_reads_and_uploads_like_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    from pinterest_rest import _retry
    from pinterest_rest._errors import APIConnectionError, InternalServerError

    monkeypatch.setattr(_retry, "backoff", lambda attempt: 0.0)
    answers: list[Any] = [(503, b"busy"), (200, b"file")]
    transport = MockTransport(lambda req: answers.pop(0))
    client = Pinterest(access_token="t", transport=transport)
    assert client.send_external("GET", "https://files.example/r.csv").content == b"file"
    assert len(transport.requests) == 2

    transport = MockTransport(lambda req: (503, b"busy"))
    client = Pinterest(access_token="t", transport=transport)
    with pytest.raises(InternalServerError):
        client.send_external("POST", "https://s3.example/up", body=_form(10, []))
    assert len(transport.requests) == 1  # an upload that may have arrived is not repeated

    unsent: list[Any] = [APIConnectionError("refused", sent=False), (204, None)]
    transport = MockTransport(lambda req: unsent.pop(0))
    client = Pinterest(access_token="t", transport=transport)
    body = _form(1000, [])
    client.send_external("POST", "https://s3.example/up", body=body)
    assert len(transport.requests) == 2 and len(transport.requests[1].body or b"") == body.length
