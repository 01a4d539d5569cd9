"""The request pipeline: build -> auth -> send -> retry -> parse -> error.

``Pipeline`` holds everything both halves share (settings, request building, response parsing,
retry decisions, rate-limit bookkeeping). ``SyncPipeline`` (here) and ``AsyncPipeline``
(``_async_pipeline.py``) add only the send/sleep loop, which is the one part that differs between
blocking and asyncio code. The async loop has a module of its own so that a sync client's cold
start does not load it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from . import _retry
from ._auth import Auth
from ._errors import APIConnectionError, APIStatusError, status_error
from ._model import construct, model_class
from ._options import check_call_options
from ._plan import Plan, plan_for
from ._request import build
from ._retry import LIMIT, REMAINING, RESET
from ._secret import Secret
from ._transport import lower_headers, merge_headers
from ._types import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, NOT_GIVEN, Timeout

if TYPE_CHECKING:
    from typing import NamedTuple as _Record

    from ._operation import Operation
    from ._ratelimit import RateLimit
    from ._transport import Request, Response, SyncTransport
else:
    from ._operation import _Record, _record, _tuple_new

DEFAULT_BASE_URL = "https://api.pinterest.com/v5"
SANDBOX_BASE_URL = "https://api-sandbox.pinterest.com/v5"
_EMPTY: Mapping[str, Any] = MappingProxyType({})  # a shared default that nobody can change


_raw_decode = json.JSONDecoder().raw_decode


def loads(content: bytes) -> Any:
    """``json.loads(content)``, minus the cost of its Python wrappers on the common case (over a
    quarter of the CPU of decoding an API-sized answer): UTF-8 text straight into the C scanner.
    Anything else (another encoding, a byte-order mark, leading whitespace, a syntax error, a
    body that is not bytes) goes through ``json.loads`` itself, so the result and every error are
    exactly ``json.loads``'s."""
    try:
        text = content.decode()
        value, end = _raw_decode(text)
    except (ValueError, AttributeError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return json.loads(content)
    if end != len(text) and text[end:].strip(" \t\n\r"):
        return json.loads(content)  # trailing data: let json.loads raise its own error
    return value


class Settings(_Record):
    """Client-level settings; ``with_options`` makes a changed copy (``settings._replace(...)``).

    A NamedTuple (immutable, cheap to copy) rather than a dataclass: ``dataclasses`` pulls ``inspect``
    and ``ast`` into every cold start.
    """

    base_url: str = DEFAULT_BASE_URL
    timeout: Timeout | None = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    retry_writes: bool = False
    headers: Mapping[str, str] = _EMPTY
    query: Mapping[str, Any] = _EMPTY
    ad_account_id: str | None = None
    user_agent: str = ""


if not TYPE_CHECKING:  # a named tuple without typing.NamedTuple's import cost (see _operation.py)

    def _settings_new(cls, base_url, timeout, max_retries, retry_writes, headers, query, ad_account_id, user_agent):
        return _tuple_new(
            cls, (base_url, timeout, max_retries, retry_writes, headers, query, ad_account_id, user_agent)
        )

    _record(Settings, _settings_new)


_T = TypeVar("_T")


class RawResponse(Generic[_T]):
    """What ``resource.with_raw_response.method(...)`` returns; ``parsed`` is what the method returns."""

    __slots__ = ("content", "headers", "parsed", "rate_limit", "request_id", "status_code")

    def __init__(
        self,
        status_code: int,
        headers: Mapping[str, str],
        parsed: _T,
        content: bytes,
        rate_limit: RateLimit | None,
        request_id: str | None,
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.parsed = parsed
        self.content = content
        self.rate_limit = rate_limit
        self.request_id = request_id

    def __repr__(self) -> str:
        return f"RawResponse(status_code={self.status_code}, request_id={self.request_id!r}, parsed={self.parsed!r})"


class Call:
    """One call in flight: the request plus the per-call settings that steer its retries."""

    __slots__ = ("data", "max_retries", "op", "plan", "request", "retry_writes", "spent")

    def __init__(
        self, op: Operation, request: Request, max_retries: int, retry_writes: bool, plan: Plan | None = None
    ) -> None:
        self.op = op
        self.request = request
        self.plan = plan  # the operation's facts the send loop reads (None outside the API)
        self.max_retries = max_retries
        self.retry_writes = retry_writes
        self.spent = 0  # retry-budget tokens this call's retries took; refunded if it succeeds
        self.data: Any = None  # the decoded JSON answer, read inside the retry loop (see ``decode``)


class Pipeline:
    def __init__(self, settings: Settings, auth: Auth, budget: _retry.RetryBudget | None = None) -> None:
        self.settings = settings
        self.auth = auth
        self.budget = budget or _retry.RetryBudget()
        # Last rate-limit headers per category and when they came; parsed only when read.
        self._rate_seen: dict[str, tuple[Mapping[str, str], float]] = {}
        self.throttle: Any = None  # optional client-side spacing per rate-limit category
        self._base_headers = self._make_headers(settings)

    @staticmethod
    def _make_headers(settings: Settings) -> dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": settings.user_agent}
        merge_headers(headers, settings.headers)
        return headers

    # -- build ----------------------------------------------------------------------------------

    def prepare(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any]) -> Call:
        # One unpacking instead of a NamedTuple property call per field (this runs on every call).
        base_url, timeout, max_retries, retry_writes, _, default_query, ad_account_id, _ = self.settings
        plan = plan_for(op)  # per-operation facts, computed on the operation's first call
        headers = self._base_headers.copy()
        query: Mapping[str, Any] | None = default_query or None
        extra_body = None
        if options:  # a call without options skips every check below
            timeout = check_call_options(plan, op, options, timeout)
            max_retries = options.get("max_retries", max_retries)
            retry_writes = options.get("retry_writes", retry_writes)
            extra_headers = options.get("extra_headers")
            if extra_headers:
                merge_headers(headers, extra_headers)
            extra_query = options.get("extra_query")
            if extra_query:
                query = {**query, **extra_query} if query else extra_query
            extra_body = options.get("extra_body")
        if (
            ad_account_id is not None
            and plan.takes_ad_account_id
            and args.get("ad_account_id", NOT_GIVEN) in (NOT_GIVEN, None)
        ):
            args = {**args, "ad_account_id": ad_account_id}
        request = build(op, plan, args, base_url, headers, timeout, query, extra_body)
        return Call(op, request, max_retries, retry_writes, plan)

    # -- after each attempt ---------------------------------------------------------------------

    def observe(self, op: Operation, response: Response) -> None:
        """Remember the answer's rate-limit headers (not parsed here: most callers never look)."""
        headers = response.headers
        if LIMIT in headers or REMAINING in headers or RESET in headers:  # has_rate_limit, inlined: every answer
            self._rate_seen[op.ratelimit_category] = (headers, time.monotonic())
        if self.throttle is not None:  # a shared budget learns from what every worker sees
            self.throttle.observe(op.ratelimit_category, response)

    @property
    def rate_limits(self) -> dict[str, RateLimit]:
        """The last rate limits seen per category, parsed now."""
        from ._ratelimit import RateLimit  # parsed on demand, so loaded on demand

        limits = (RateLimit(headers, category, at) for category, (headers, at) in list(self._rate_seen.items()))
        return {limit.category: limit for limit in limits if limit.windows}

    def retry_delay(
        self, call: Call, attempt: int, response: Response | None, error: APIConnectionError | None
    ) -> float | None:
        """Seconds to wait before retrying, or None to give up and surface the failure."""
        if attempt >= call.max_retries:
            return None
        method = call.request.method
        if error is not None:
            if not _retry.should_retry_error(method, error, call.retry_writes):
                return None
        elif response is None or not _retry.should_retry_response(method, response, call.retry_writes):
            return None
        cost = self.budget.spend(error)
        if not cost:
            return None
        call.spent += cost
        if response is not None:
            server = _retry.retry_after(response.headers, response.status_code)
            if server is not None:
                return server
        return _retry.backoff(attempt)

    def error(self, call: Call, response: Response) -> APIStatusError:
        err = status_error(response, call.op)
        if response.status_code in (401, 403):
            scopes = self.auth.scopes()
            if scopes is not None:
                err.with_token_scopes(scopes)
        return err

    # -- parse ----------------------------------------------------------------------------------

    def decode(self, op: Operation, response: Response) -> Any:
        """The answer's JSON. Runs inside the retry loop: a body cut short (a close-delimited
        answer gives no other sign) is a connection error there, retried like any other."""
        if op.response_kind == "none" or not response.content:
            return None
        try:
            return loads(response.content)
        except ValueError:
            if op.response_kind == "lenient":  # client.request(): any endpoint, any body
                return response.content.decode("utf-8", "replace")
            raise APIConnectionError(
                f"{op.id}: the response body is not valid JSON (cut short?)", request=response.request
            ) from None

    def parse(self, op: Operation, response: Response) -> Any:
        return self.wrap(op, self.decode(op, response))

    @staticmethod
    def wrap(op: Operation, data: Any) -> Any:
        kind = op.response_kind
        if op.response_model is None or kind in ("any", "page"):
            return data
        cls = model_class(op.response_model)
        if kind == "model":
            return cls.construct(data) if isinstance(data, dict) else data
        if kind == "list" and isinstance(data, list):
            return [cls.construct(x) if isinstance(x, dict) else x for x in data]
        return data

    def raw(self, op: Operation, response: Response, parsed: Any) -> RawResponse[Any]:
        from ._ratelimit import RateLimit

        headers = lower_headers(response.headers)
        return RawResponse(
            response.status_code,
            headers,
            parsed,
            response.content,
            RateLimit.from_headers(headers, op.ratelimit_category),
            headers.get("x-request-id") or headers.get("x-pinterest-rid"),
        )

    def copy_with(self, settings: Settings) -> Pipeline:
        """A pipeline with other settings sharing this one's transport, auth, budget and rate limits."""
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.settings = settings
        clone._base_headers = self._make_headers(settings)
        return clone

    def _external_timeout(self, timeout: Any) -> Timeout | None:
        return self.settings.timeout if timeout is NOT_GIVEN else Timeout.of(timeout)

    def _external_call(self, request: Request) -> Call:
        """Retry bookkeeping for a request outside the API: the client's max_retries and budget,
        never ``retry_writes`` (an upload URL may be single-use)."""
        return Call(None, request, self.settings.max_retries, False)  # type: ignore[arg-type]

    def succeeded(self, call: Call, response: Response) -> None:
        """After a 2xx/3xx: decode it (raises APIConnectionError if cut short), refund the budget."""
        content = response.content
        if not content or call.op.response_kind == "none":
            call.data = None
        else:
            try:
                call.data = loads(content)  # ``decode``'s common case, without its call
            except ValueError:
                call.data = self.decode(call.op, response)  # lenient text, or its error
        self.budget.refund(call.spent)


class SyncPipeline(Pipeline):
    def __init__(self, settings: Settings, auth: Auth, transport: SyncTransport) -> None:
        super().__init__(settings, auth)
        self.transport = transport

    def send(self, call: Call) -> Response:
        """Send with auth, retries and one refresh on 401; return a 2xx response or raise."""
        op, request = call.op, call.request
        attempt = 0
        refreshed = False
        while True:
            # A Secret, never a plain str: frame-locals printers must not show the token.
            token = self.auth.bearer_token()
            secret = token if type(token) is Secret else Secret.of(token)
            request.headers["Authorization"] = self.auth.header_for(op, secret, call.plan.auth_scheme)  # type: ignore[union-attr]
            if self.throttle is not None:
                self.throttle.acquire(op.ratelimit_category, request)
            try:
                response = self.transport.send(request)
                self.observe(op, response)
                if response.status_code < 400:
                    self.succeeded(call, response)
                    return response
            except APIConnectionError as exc:
                delay = self.retry_delay(call, attempt, None, exc)
                if delay is None:
                    raise
                time.sleep(delay)
                attempt += 1
                continue
            status = response.status_code
            if (
                status == 401
                and not refreshed
                and op.auth_scheme == "bearer"
                and self.auth.refresh(secret.reveal() if secret is not None else None)
            ):
                refreshed = True
                continue
            delay = self.retry_delay(call, attempt, response, None)
            if delay is None:
                raise self.error(call, response)
            time.sleep(delay)
            attempt += 1

    def send_external(
        self, method: str, url: str, headers: Mapping[str, str] | None, body: Any, timeout: Any
    ) -> Response:
        """A request outside the API through this pipeline's transport (see _transport.outside)."""
        from ._transport import outside

        request = outside.build(method, url, headers, body, self._external_timeout(timeout))
        call = self._external_call(request)
        attempt = 0
        while True:
            try:
                response = outside.send(self.transport, request)
            except APIConnectionError as exc:
                delay = self.retry_delay(call, attempt, None, exc)
                if delay is None:
                    raise
            else:
                if outside.ok(response):
                    self.budget.refund(call.spent)
                    return response
                delay = self.retry_delay(call, attempt, response, None)
                if delay is None:
                    raise outside.error(response)
            time.sleep(delay)
            attempt += 1

    def request(self, op: Operation, args: Mapping[str, Any], options: Mapping[str, Any], raw: bool = False) -> Any:
        call = self.prepare(op, args, options)
        response = self.send(call)
        parsed = _parsed(call)
        return self.raw(op, response, parsed) if raw else parsed


def _parsed(call: Call) -> Any:
    """What the API method returns for ``call``'s decoded answer (``Pipeline.wrap``, with the common
    case first: one object into its model, the class known from the plan)."""
    data = call.data
    model = call.plan.model  # type: ignore[union-attr]
    if model is not None and type(data) is dict:
        return construct(model, data)
    return Pipeline.wrap(call.op, data)


def with_settings(settings: Settings, **changes: Any) -> Settings:
    return settings._replace(**changes)
