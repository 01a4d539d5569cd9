"""Exit statuses, and the one-line message each failure prints.

Every failure ends in one line on stderr and one exit status, so scripts can branch on the class
of failure without parsing text:

    0   success
    1   other error (a local file, a missing optional dependency, a failed job)
    2   usage: unknown command, missing or invalid argument (nothing was sent)
    3   authentication: no credential, 401, 403
    4   not found: 404
    5   rate limited: 429 after the client's retries
    6   other API error: any other 4xx
    7   server error: 5xx after the client's retries
    8   network: connection refused/reset, DNS, timeout
    130 interrupted (Ctrl-C)
"""

from __future__ import annotations

from typing import Any, Final


class ExitStatus:
    """The exit statuses above, as plain ints: an ``IntEnum`` of ten members costs every CLI start
    about 1.5M instructions (a tenth of what ``pinterest boards list --help`` adds to the import)."""

    OK: Final = 0
    ERROR: Final = 1
    USAGE: Final = 2
    AUTH: Final = 3
    NOT_FOUND: Final = 4
    RATE_LIMITED: Final = 5
    API_ERROR: Final = 6
    SERVER_ERROR: Final = 7
    NETWORK: Final = 8
    INTERRUPTED: Final = 130


class CliError(Exception):
    """A failure the CLI reports as one line, with its exit status."""

    status: int = ExitStatus.ERROR

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class UsageError(CliError):
    """A bad command line; ``usage`` is the usage line of the command, printed before the error."""

    status = ExitStatus.USAGE

    def __init__(self, message: str, usage: str = "") -> None:
        super().__init__(message)
        self.usage = usage


class ParserExit(Exception):
    """argparse wanted to exit (``--help``, ``--version``): the status to return."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def classify(exc: BaseException) -> tuple[int, str]:
    """The exit status and the one-line message for any exception the CLI may meet."""
    from .._errors import (
        APIConnectionError,
        APIStatusError,
        AuthenticationError,
        NotFoundError,
        PermissionDeniedError,
        PinterestError,
        RateLimitError,
        ValidationError,
    )

    if isinstance(exc, CliError):
        return exc.status, str(exc)
    if isinstance(exc, KeyboardInterrupt):
        return ExitStatus.INTERRUPTED, "interrupted"
    if isinstance(exc, ValidationError):
        return ExitStatus.USAGE, _validation_message(exc)
    if isinstance(exc, APIStatusError):
        if isinstance(exc, (AuthenticationError, PermissionDeniedError)):
            status = ExitStatus.AUTH
        elif isinstance(exc, NotFoundError):
            status = ExitStatus.NOT_FOUND
        elif isinstance(exc, RateLimitError):
            status = ExitStatus.RATE_LIMITED
        elif exc.status_code >= 500:
            status = ExitStatus.SERVER_ERROR
        else:
            status = ExitStatus.API_ERROR
        return status, _api_message(exc)
    if isinstance(exc, APIConnectionError):
        where = _host_port(getattr(exc, "request", None))
        return ExitStatus.NETWORK, f"network error: {where + ': ' if where else ''}{exc}"
    if type(exc).__name__ == "MissingCredentialsError":
        if "client_secret" in str(exc):
            return ExitStatus.AUTH, (
                f"{str(exc).split(' ', 1)[0]}: needs the app's client id and secret: set PINTEREST_CLIENT_ID and "
                "PINTEREST_CLIENT_SECRET, or store them with `pinterest auth login --client-id ... --client-secret ...`"
            )
        return (
            ExitStatus.AUTH,
            "no access token: run `pinterest auth login`, pass --token, or set PINTEREST_ACCESS_TOKEN",
        )
    if isinstance(exc, PinterestError):
        return ExitStatus.ERROR, str(exc)
    if isinstance(exc, OSError):
        return ExitStatus.ERROR, f"{exc.strerror or exc}" + (f": {exc.filename}" if exc.filename else "")
    return ExitStatus.ERROR, f"unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)"


def _host_port(request: Any) -> str:
    """``host:port`` of the request that failed (the port spelled out even when it is the default)."""
    from urllib.parse import urlsplit

    url = getattr(request, "url", None)
    if not isinstance(url, str):
        return ""
    try:
        parts = urlsplit(url)
        port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    except ValueError:
        return ""
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return f"{host}:{port}" if host and port else host


def option_name(attr: str) -> str:
    """The command-line spelling of a Python keyword: ``board_id`` -> ``--board-id``."""
    from .index import kebab

    return "--" + kebab(attr)


def _validation_message(exc: BaseException) -> str:
    text = str(exc)
    argument = getattr(exc, "argument", None)
    if argument:
        # The client names the Python keyword; say what the user typed instead.
        text = text.replace(f"'{argument}'", option_name(argument)).replace(argument, option_name(argument), 1)
    return f"invalid argument: {text}"


def _api_message(exc: Any) -> str:
    """``HTTP 404, Pinterest code 40: Board not found. (request 7f3a)`` plus missing scopes on 401/403."""
    text = f"HTTP {exc.status_code}"
    if exc.code is not None:
        text += f", Pinterest code {exc.code}"
    text += f": {exc.message}"
    if exc.request_id:
        text += f" (request {exc.request_id})"
    if exc.status_code in (401, 403) and exc.required_scopes:
        text += f"; this operation needs scopes {', '.join(exc.required_scopes)}"
        if exc.missing_scopes:
            text += f" (the token lacks {', '.join(exc.missing_scopes)})"
    return " ".join(text.split())
