"""Every exception the client raises.

    PinterestError
    ├── ValidationError              bad arguments, raised before anything is sent
    ├── APIConnectionError           no usable answer: refused, reset, DNS, truncated body ...
    │   └── APITimeoutError
    └── APIStatusError               the API answered with a 4xx/5xx
        ├── BadRequestError          400
        ├── AuthenticationError      401
        ├── PermissionDeniedError    403
        ├── NotFoundError            404
        ├── ConflictError            409
        ├── UnprocessableEntityError 422
        ├── RateLimitError           429
        └── InternalServerError      5xx

No message, ``str`` or ``repr`` here includes a header value of the request, so a token can never
leak through an error. Response headers are kept (they carry the request id and rate limits).

A 401/403 also says, in one line, what usually causes it when Pinterest's error code tells
(``AUTH_HINTS``: the codes the spec documents for 401/403 answers) or the operation cannot take
the kind of token it may have been given (a client-credentials token on a user-only operation).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._operation import Operation
    from ._ratelimit import RateLimit
    from ._transport import Request, Response

REQUEST_ID_HEADERS = ("x-request-id", "x-pinterest-rid")

# Pinterest error codes the spec documents on 401/403 answers, and what usually causes each.
AUTH_HINTS: dict[int, str] = {
    2: "the access token is invalid, expired or revoked: refresh it or sign in again",
    3: "the token lacks a scope this operation needs: authorize the app again with it",
    7: "the token's user has no access to this board or Pin",
    29: "the token's user has no access to this resource (an ad account needs the user as owner "
    "or a Business Access grant)",
    654: "operating as a merchant needs a Pinterest business account",
    2625: "the account is disapproved: see Pinterest's business hub",
    2626: "the account is under review: see Pinterest's business hub",
}


class PinterestError(Exception):
    """Base class of every error raised by pinterest-rest."""


class ValidationError(PinterestError, ValueError):
    """An argument is missing, empty, of the wrong type or not an allowed value. Nothing was sent."""

    def __init__(self, message: str, *, argument: str | None = None, operation: str | None = None) -> None:
        super().__init__(message)
        self.argument = argument
        self.operation = operation


class APIConnectionError(PinterestError):
    """The request got no complete answer.

    ``sent`` is False when the request provably never reached the server (the connection could
    not be opened), which is what allows a write to be retried safely.
    """

    def __init__(
        self, message: str = "Connection error.", *, request: Request | None = None, sent: bool = True
    ) -> None:
        super().__init__(message)
        self.request = request
        self.sent = sent

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r}, sent={self.sent})"


class APITimeoutError(APIConnectionError):
    """The connect or read timeout ran out."""

    def __init__(
        self, message: str = "Request timed out.", *, request: Request | None = None, sent: bool = True
    ) -> None:
        super().__init__(message, request=request, sent=sent)


class APIStatusError(PinterestError):
    """The API answered with an error status.

    ``code`` and ``message`` are Pinterest's own (``{"code": 3, "message": "..."}``); ``body`` is the
    parsed JSON (or the raw text if it was not JSON); ``request_id`` helps Pinterest support.
    """

    status_code: int = 0

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: int | None = None,
        headers: Mapping[str, str] | None = None,
        body: Any = None,
        request: Request | None = None,
        operation: Operation | None = None,
    ) -> None:
        self.status_code = status_code
        self.code = code
        self.message = message
        self.headers: Mapping[str, str] = headers or {}
        self.body = body
        self.request = request
        self.operation = operation
        self.request_id = next((self.headers[h] for h in REQUEST_ID_HEADERS if h in self.headers), None)
        from ._ratelimit import RateLimit  # an error path: not loaded by calls that succeed

        self.rate_limit: RateLimit | None = RateLimit.from_headers(
            self.headers, operation.ratelimit_category if operation else ""
        )
        self.token_scopes: tuple[str, ...] | None = None  # filled in when the client knows them
        super().__init__(self._describe())

    @property
    def required_scopes(self) -> tuple[str, ...]:
        """OAuth scopes the operation needs, from the spec."""
        return self.operation.scopes if self.operation else ()

    @property
    def missing_scopes(self) -> tuple[str, ...] | None:
        """Required scopes the token lacks, when the token's scopes are known."""
        if self.token_scopes is None:
            return None
        return tuple(s for s in self.required_scopes if s not in self.token_scopes)

    def _describe(self) -> str:
        text = self.message
        if self.request_id:
            text = f"Request {self.request_id}: {text}"
        detail = f"HTTP {self.status_code}" + (f", code {self.code}" if self.code is not None else "")
        text = f"{text} ({detail})"
        if self.status_code in (401, 403):
            if self.required_scopes:
                text += f"; {self.operation.id if self.operation else 'this operation'} needs scopes {', '.join(self.required_scopes)}"
                missing = self.missing_scopes
                if missing:
                    text += f" (token lacks {', '.join(missing)})"
            hint = self.hint
            if hint:
                text += f". Likely cause: {hint}"
        return text

    @property
    def hint(self) -> str | None:
        """What usually causes this 401/403, when the code or the operation tells; else None."""
        if self.status_code not in (401, 403):
            return None
        hints = []
        if self.code in AUTH_HINTS:
            hints.append(AUTH_HINTS[self.code])
        if "trial" in self.message.lower():
            hints.append(
                "apps with Trial access are limited (ads writes go to https://api-sandbox.pinterest.com/v5); "
                "Standard access lifts it"
            )
        op = self.operation
        schemes = {name for name, _ in op.security} if op is not None else set()
        user_only = "pinterest_oauth2" in schemes and "client_credentials" not in schemes
        if op is not None and user_only and self.code in (None, 2, 29):
            hints.append(
                f"{op.id} acts for a user: a client-credentials (app) token cannot call it, it needs a user's OAuth token"
            )
        return "; ".join(hints) or None

    def with_token_scopes(self, scopes: tuple[str, ...]) -> APIStatusError:
        self.token_scopes = scopes
        self.args = (self._describe(),)
        return self

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, code={self.code!r}, message={self.message!r})"


# Name -> status of the classes of each status. The class statements below are what type
# checkers, readers and the docs see; at run time the classes are made on first use (module
# ``__getattr__``, or the first error answer): exception classes are costly to create (these
# eight were a third of this module's import time) and most programs never see an error.
_STATUS_CLASSES: dict[str, int] = {
    "BadRequestError": 400,
    "AuthenticationError": 401,
    "PermissionDeniedError": 403,
    "NotFoundError": 404,
    "ConflictError": 409,
    "UnprocessableEntityError": 422,
    "RateLimitError": 429,
    "InternalServerError": 500,
}
_BY_STATUS: dict[int, type[APIStatusError]] = {}  # filled once, by _by_status()
_making = threading.Lock()

if TYPE_CHECKING:

    class BadRequestError(APIStatusError):
        status_code = 400

    class AuthenticationError(APIStatusError):
        status_code = 401

    class PermissionDeniedError(APIStatusError):
        status_code = 403

    class NotFoundError(APIStatusError):
        status_code = 404

    class ConflictError(APIStatusError):
        status_code = 409

    class UnprocessableEntityError(APIStatusError):
        status_code = 422

    class RateLimitError(APIStatusError):
        status_code = 429

    class InternalServerError(APIStatusError):
        status_code = 500

else:

    def __getattr__(name: str) -> Any:
        if name in _STATUS_CLASSES:
            _by_status()
            return globals()[name]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), *_STATUS_CLASSES})


def _by_status() -> dict[int, type[APIStatusError]]:
    """Status -> class; the first call makes every status class, as its class statement would."""
    if not _BY_STATUS:
        with _making:  # once: two threads must never make two different NotFoundError classes
            if not _BY_STATUS:
                made = {
                    name: type(
                        name, (APIStatusError,), {"__module__": __name__, "__qualname__": name, "status_code": status}
                    )
                    for name, status in _STATUS_CLASSES.items()
                }
                globals().update(made)
                _BY_STATUS.update({_STATUS_CLASSES[name]: cls for name, cls in made.items()})
    return _BY_STATUS


def error_class(status: int) -> type[APIStatusError]:
    by_status = _by_status()
    return by_status[500] if status >= 500 else by_status.get(status, APIStatusError)


def status_error(response: Response, operation: Operation | None = None) -> APIStatusError:
    """Build the error for a 4xx/5xx response; never fails, whatever the body holds."""
    from ._transport import lower_headers  # the error path only (and _transport imports this module)

    body: Any
    code: int | None = None
    message = ""
    try:
        body = json.loads(response.content) if response.content else None
    except (ValueError, UnicodeDecodeError):
        body = response.content.decode("utf-8", "replace")
    if isinstance(body, dict):
        raw_code = body.get("code")
        code = raw_code if isinstance(raw_code, int) and not isinstance(raw_code, bool) else None
        raw_message = body.get("message")
        message = raw_message if isinstance(raw_message, str) else ""
    elif isinstance(body, str) and body.strip():
        message = body.strip()[:200]
    if not message:
        message = f"HTTP {response.status_code} with no error message"
    return error_class(response.status_code)(
        message,
        status_code=response.status_code,
        code=code,
        headers=lower_headers(response.headers),  # users get lower-cased names
        body=body,
        request=response.request,
        operation=operation,
    )
