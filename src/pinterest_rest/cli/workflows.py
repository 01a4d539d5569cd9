"""Workflow commands: ``pinterest media upload`` and ``pinterest reports run``.

Both run on the generated methods through the real client (register/poll media, create/poll a
report). The file transfers go to the URLs Pinterest hands out (an S3 POST policy for media, a
short-lived download URL for reports), through the same transport as the API calls, without the
API credentials. Progress is drawn on stderr only when it is a terminal.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .errors import CliError, ExitStatus, UsageError
from .parser import Parser, _positive_number, add_global_options, op_parser, taken_options
from .progress import Progress

if TYPE_CHECKING:
    from argparse import Namespace

    from .._transport import Response
    from .context import Context
    from .session import Session

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
    fetch: Callable[[], Any],
    key: str,
    done: set[str],
    failed: set[str],
    ns: Namespace,
    progress: Progress,
    what: str,
) -> Any:
    """The workflows' job waiter, with CLI exits: a failed job exits 1, a timeout like the network."""
    from ..workflows.jobs import JobFailedError, JobTimeoutError, wait_for

    def show(current: Any) -> None:
        progress.status(str(current.get(key) or "?"))

    try:
        result = wait_for(
            fetch, key=key, done=done, failed=failed, timeout=ns.wait_timeout,
            interval=max(0.0, ns.poll_interval), progress=show, what=what,
        )  # fmt: skip
    except JobFailedError as err:
        progress.close("failed")
        current = err.status
        reason = (current.get("message") or current.get("failure_reason") or "") if current is not None else ""
        raise CliError(
            f"{what} ended {current.get(key) if current is not None else 'badly'}" + (f": {reason}" if reason else "")
        ) from None
    except JobTimeoutError:
        progress.close("timed out")
        raise CliError(f"{what} not done after {ns.wait_timeout:.0f} s", ExitStatus.NETWORK) from None
    progress.close(str(result.get(key)))
    return result


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
    from .output import Printer, plain
    from .session import Session

    session = Session(ctx, ns)
    printer = Printer.of(ctx, session.output, ns)
    client = session.client()
    progress = Progress(ctx.stderr, ctx.err_tty, f"uploading {os.path.basename(ns.file)}")

    def advance(sent: int, total: int) -> None:
        progress.total = total
        progress.advance(sent - progress.done)

    try:
        # The workflow registers the media and streams the file to the upload URL.
        media = client.media.upload(ns.file, media_type=ns.media_type, progress=advance, wait=False)
    finally:
        progress.close()
    result: dict[str, Any] = plain(media)
    if ns.wait:
        media_id = result["media_id"]
        spinner = Progress(ctx.stderr, ctx.err_tty, f"media {media_id}")
        result = poll(
            lambda: plain(client.media.get(media_id)),
            "status",
            {"succeeded"},
            {"failed"},
            ns,
            spinner,
            f"media {media_id}",
        )
    printer.value(result)
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
    add_global_options(parser, taken_options(op))
    ns = parser.parse_args(argv[1:])
    if not hasattr(ns, "p_level") and getattr(ns, "json_body", None) is None:
        ns.p_level = "ADVERTISER"
    from .commands import bind, call, capture, print_request
    from .output import Printer, plain
    from .session import Session

    positional, kwargs = bind(ctx, op, ns, "pinterest reports run")
    session = Session(ctx, ns)
    printer = Printer.of(ctx, session.output, ns)
    if session.dry_run:
        print_request(ctx, capture(session, op, positional, kwargs), printer)
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
            "report_status",
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
    printer.value(result)
    return ExitStatus.OK


_REPORTS_HELP = (
    "Run an analytics report: create it (POST /ad_accounts/{id}/reports), with --wait poll it until\n"
    "FINISHED, with --download FILE fetch the file. --level defaults to ADVERTISER."
)
