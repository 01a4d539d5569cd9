"""Workflow commands: ``pinterest media upload`` and ``pinterest reports run``.

Both run on the generated methods through the real client (register/poll media, create/poll a
report). The file transfers go to the URLs Pinterest hands out (an S3 POST policy for media, a
short-lived download URL for reports), through the same transport as the API calls, without the
API credentials. Progress is drawn on stderr only when it is a terminal.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .errors import CliError, ExitStatus, UsageError
from .parser import Parser, _positive_number, add_global_options, op_parser
from .progress import Progress

if TYPE_CHECKING:
    from argparse import Namespace

    from .._transport import Response, SyncTransport
    from .context import Context
    from .session import Session

MEDIA_DONE = {"succeeded"}
MEDIA_FAILED = {"failed"}
REPORT_DONE = {"FINISHED"}
REPORT_FAILED = {"FAILED", "EXPIRED", "CANCELLED", "DOES_NOT_EXIST"}


def _wait_options(parser: Parser) -> None:
    parser.add_argument("--wait", action="store_true", help="wait until the job is done (progress on a terminal)")
    parser.add_argument(
        "--poll-interval", type=float, default=2.0, metavar="SECONDS", help="first delay between polls (default 2)"
    )
    parser.add_argument(
        "--wait-timeout", type=_positive_number, default=900.0, metavar="SECONDS", help="give up after (default 900)"
    )


def poll(
    fetch: Callable[[], dict[str, Any]],
    state: Callable[[dict[str, Any]], str],
    done: set[str],
    failed: set[str],
    ns: Namespace,
    progress: Progress,
    what: str,
) -> dict[str, Any]:
    """Fetch until ``state`` is in ``done`` (return it) or ``failed`` (exit 1 with Pinterest's state)."""
    delay = max(0.0, ns.poll_interval)
    deadline = time.monotonic() + ns.wait_timeout
    while True:
        current = fetch()
        status = state(current)
        progress.status(status or "?")
        if status in done:
            progress.close(status)
            return current
        if status in failed:
            progress.close(status)
            reason = current.get("message") or current.get("failure_reason") or ""
            raise CliError(f"{what} ended {status}" + (f": {reason}" if reason else ""))
        if time.monotonic() + delay > deadline:
            progress.close("timed out")
            raise CliError(f"{what} not done after {ns.wait_timeout:.0f} s (last state {status})", ExitStatus.NETWORK)
        time.sleep(delay)
        delay = min(max(delay * 1.5, 0.0), 10.0)


def _raw_transport(transport: SyncTransport) -> Any:
    return getattr(transport, "inner", transport)


def _send_external(session: Session, method: str, url: str, headers: dict[str, str], body: Any) -> Response:
    """A request to a URL Pinterest handed out (S3 upload, report file): no API credentials."""
    from .._errors import status_error
    from .._transport import Request
    from .._types import Timeout

    timeout = session.option("timeout")
    request = Request(method, url, headers, body, Timeout(10.0, timeout or 300.0))
    response = session.transport().send(request)
    if response.status_code >= 300:
        raise status_error(response)
    return response


# -- media upload -------------------------------------------------------------------------------


class MultipartFile:
    """A multipart/form-data body: the policy fields, then the file, read in chunks (never whole)."""

    def __init__(self, fields: dict[str, Any], path: str, progress: Progress) -> None:
        import mimetypes
        import secrets

        self.boundary = secrets.token_hex(16)
        name = os.path.basename(path)
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        head = b"".join(
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        )
        head += (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {ctype}\r\n\r\n"
        ).encode()
        self._parts = [head, None, f"\r\n--{self.boundary}--\r\n".encode()]
        self._file = open(path, "rb")  # noqa: SIM115 (closed by close())
        self.file_size = os.fstat(self._file.fileno()).st_size
        self.size = len(head) + self.file_size + len(self._parts[2] or b"")
        self._progress = progress
        self._buffer = b""
        self._index = 0

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            return b"".join(iter(lambda: self.read(1 << 16), b""))
        while self._index < 3:
            part = self._parts[self._index]
            if part is None:
                chunk = self._file.read(n)
                if chunk:
                    self._progress.advance(len(chunk))
                    return chunk
            elif part:
                chunk, self._parts[self._index] = part[:n], part[n:]
                return chunk
            self._index += 1
        return b""

    def close(self) -> None:
        self._file.close()


def run_extra(ctx: Context, resource: str, command: str, prog: str, argv: list[str]) -> int:
    parser = Parser(
        ctx,
        prog=prog,
        description="Upload a video: register it (POST /media), send the file to the upload URL Pinterest\n"
        "returns, and with --wait poll GET /media/{media_id} until it is ready.",
    )
    parser.add_argument("file", metavar="FILE", help="the video file")
    parser.add_argument("--media-type", default="video", choices=["video"], help="media type (default video)")
    _wait_options(parser)
    add_global_options(parser)
    ns = parser.parse_args(argv)
    if not os.path.isfile(ns.file):
        raise UsageError(f"{prog}: no such file: {ns.file}", parser.format_usage())
    from .output import emit, plain
    from .session import Session

    session = Session(ctx, ns)
    client = session.client()
    registered = plain(client.media.create(media_type=ns.media_type))
    media_id = registered.get("media_id")
    upload_url = registered.get("upload_url")
    if not media_id or not upload_url:
        raise CliError("POST /media answered without media_id and upload_url")
    progress = Progress(ctx.stderr, ctx.err_tty, f"uploading {os.path.basename(ns.file)}")
    body = MultipartFile(dict(registered.get("upload_parameters") or {}), ns.file, progress)
    progress.total = body.file_size
    try:
        headers = {"Content-Type": body.content_type, "Content-Length": str(body.size)}
        stream = type(_raw_transport(session.transport())).__name__ == "Urllib3Transport"
        # urllib3 streams a file-like body; other transports (tests, in-process sandbox) take bytes.
        _send_external(session, "POST", upload_url, headers, body if stream else body.read())
    finally:
        body.close()
        progress.close()
    result: dict[str, Any] = {"media_id": media_id, "status": "uploaded"}
    if ns.wait:
        spinner = Progress(ctx.stderr, ctx.err_tty, f"media {media_id}")
        result = poll(
            lambda: plain(client.media.get(media_id)),
            lambda m: str(m.get("status") or ""),
            MEDIA_DONE,
            MEDIA_FAILED,
            ns,
            spinner,
            f"media {media_id}",
        )
    emit(ctx.stdout, result, "json" if session.output == "table" else session.output)
    return ExitStatus.OK


# -- reports run --------------------------------------------------------------------------------


def run(ctx: Context, group: str, argv: list[str]) -> int:
    """``pinterest reports run AD_ACCOUNT_ID ...``: the create_report options, plus wait/download."""
    if not argv or argv[0] != "run":
        if argv and argv[0] in ("-h", "--help"):
            ctx.out("usage: pinterest reports run AD_ACCOUNT_ID [options]\n\n" + _REPORTS_HELP)
            return ExitStatus.OK
        raise UsageError("pinterest reports: unknown command", "usage: pinterest reports run AD_ACCOUNT_ID [options]\n")
    op = ctx.index.find("ad_accounts", "create_report")
    if op is None:  # pragma: no cover - the registry always has it
        raise CliError("this registry has no ad_accounts create_report operation")
    parser = op_parser(ctx, op, "pinterest reports run", with_globals=False)
    parser.description = f"{_REPORTS_HELP}\n\n{parser.description}"
    _wait_options(parser)
    parser.add_argument("--download", metavar="FILE", help="write the report file here (implies --wait); - for stdout")
    add_global_options(parser)
    ns = parser.parse_args(argv[1:])
    if not hasattr(ns, "p_level") and getattr(ns, "json_body", None) is None:
        ns.p_level = "ADVERTISER"
    from .commands import bind, call, capture, print_request
    from .output import emit, plain
    from .session import Session

    positional, kwargs = bind(ctx, op, ns, "pinterest reports run")
    session = Session(ctx, ns)
    if session.dry_run:
        print_request(ctx, capture(session, op, positional, kwargs), session.output)
        return ExitStatus.OK
    client = session.client()
    created = plain(call(client, op, positional, kwargs))
    token = created.get("token")
    result: dict[str, Any] = created
    if (ns.wait or ns.download) and token:
        account = positional[0]
        spinner = Progress(ctx.stderr, ctx.err_tty, "report")
        result = poll(
            lambda: plain(client.ad_accounts.get_report(account, token=token)),
            lambda r: str(r.get("report_status") or ""),
            REPORT_DONE,
            REPORT_FAILED,
            ns,
            spinner,
            "report",
        )
    if ns.download:
        url = result.get("url")
        if not url:
            raise CliError("the finished report has no download url")
        response = _send_external(session, "GET", str(url), {}, None)
        if ns.download == "-":
            ctx.stdout.write(response.content.decode("utf-8", "replace"))
            return ExitStatus.OK
        with open(ns.download, "wb") as fh:
            fh.write(response.content)
        result = {**result, "file": ns.download, "bytes": len(response.content)}
    emit(ctx.stdout, result, "json" if session.output == "table" else session.output)
    return ExitStatus.OK


_REPORTS_HELP = (
    "Run an analytics report: create it (POST /ad_accounts/{id}/reports), with --wait poll it until\n"
    "FINISHED, with --download FILE fetch the file. --level defaults to ADVERTISER."
)
