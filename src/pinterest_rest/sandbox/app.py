"""The sandbox's request handler: route, check auth, apply knobs, validate, dispatch, answer.

``SandboxApp.handle`` is synchronous and transport-free: the ASGI wrapper (real HTTP) and the
in-process transports (no port) both call it, so every path through the sandbox is the same.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .._operation import Operation, Param
from . import router, schemas, uniqueness
from .auth import check_auth
from .clock import Clock
from .config import SandboxConfig
from .consent import consent
from .context import Context
from .errors import ApiError, bad_request
from .files import handle_files
from .generic import generic_response
from .handlers import HANDLERS
from .ratelimits import PER_MINUTE, RateLimiter
from .store import Duplicate, Store

log = logging.getLogger("pinterest_rest.sandbox")


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    fault: str | None = None  # injected: "reset"/"truncate" make the transport break the answer; "error" is a 503
    extra: dict[str, Any] = field(default_factory=dict)


def json_reply(status: int, body: Any, headers: dict[str, str] | None = None) -> Reply:
    out = {"content-type": "application/json"}
    out.update(headers or {})
    content = b"" if status == 204 or body is None else json.dumps(body).encode()
    return Reply(status, out, content)


class SandboxApp:
    def __init__(self, store: Store, config: SandboxConfig, clock: Clock | None = None) -> None:
        self.store = store
        self.config = config
        self.clock = clock or Clock()
        self._rng = random.Random(config.faults.seed)
        self._rng_lock = threading.Lock()
        overrides = dict(config.rate_limits)
        if config.rate_limit is not None:
            for category in PER_MINUTE:
                overrides.setdefault(category, [(config.rate_limit, config.rate_window)])
        self.limiter = RateLimiter(self.clock, overrides)
        self.request_count = 0

    # -- entry point ----------------------------------------------------------------------------

    def handle(self, method: str, url: str, headers: dict[str, str], body: bytes, origin: str = "") -> Reply:
        parts = urlsplit(url)
        path = parts.path
        origin = origin or (f"{parts.scheme}://{parts.netloc}" if parts.netloc else "http://sandbox.local")
        headers = {k.lower(): v for k, v in headers.items()}
        self.request_count += 1
        if path.startswith("/_sandbox/"):
            return handle_files(self, method, path, headers, body, origin)
        if path in ("/oauth", "/oauth/"):
            return self._finish(consent(self, method.upper(), parts.query), None)
        if not path.startswith("/v5/"):
            return json_reply(404, {"code": 404, "message": f"No route: {path[:80]} (the API lives under /v5)"})
        fault = self._fault()
        if fault == "error":
            reply = json_reply(
                503, {"code": 503, "message": "Injected fault: service unavailable"}, {"retry-after": "0"}
            )
            reply.fault = "error"  # marked so test validators can tell it from a real failure
            return reply
        found = router.match(method.upper(), path[3:])
        if found is None:
            return json_reply(404, {"code": 404, "message": f"No route: {method} {path[:80]}"})
        if isinstance(found, str):
            return json_reply(405, {"code": 405, "message": f"Method {method} not allowed on {path[:80]}"})
        op, path_values = found
        verdict = self.limiter.check(op.ratelimit_category, path_values.get("ad_account_id"))
        limit_headers = verdict.headers
        try:
            if verdict.limited and self.config.enforce_rate_limits:
                raise ApiError(429, f"Rate limit exceeded for {op.ratelimit_category}", code=8)
            token = check_auth(self, op, headers)
            ctx = Context(
                self,
                op,
                path_values,
                self._query(op, parts.query),
                self._body(op, headers, body),
                headers,
                origin,
                token,
            )
            self._validate_path(op, path_values)
            result = self._dispatch(ctx)
        except ApiError as err:
            extra = dict(limit_headers)
            if err.status == 429:
                extra["retry-after"] = str(verdict.retry_after or 1)
            reply = json_reply(err.status, {"code": err.code, "message": err.message}, extra)
            return self._finish(reply, fault)
        status, payload = result if isinstance(result, tuple) else (schemas.operation(op.id)["status"], result)
        reply = json_reply(status, payload, limit_headers)
        return self._finish(reply, fault)

    def _dispatch(self, ctx: Context) -> Any:
        handler = HANDLERS.get(ctx.op.id)
        try:
            return handler(ctx) if handler else generic_response(ctx)
        except Duplicate as dup:
            raise uniqueness.conflict(dup) from None

    def call(
        self,
        op_id: str,
        path: dict[str, str] | None = None,
        query: dict[str, Any] | None = None,
        body: Any = None,
    ) -> Any:
        """Run one operation's handler directly and return its payload (raises ``ApiError``).

        Input is validated as over HTTP, but auth, faults and rate limits are skipped: this is how
        the seed writes its data, so ``Sandbox(seed="demo")`` works with every auth mode and fault rate.
        """
        from .._registry import OPERATIONS

        op = OPERATIONS[op_id]
        values = dict(path or {})
        self._validate_path(op, values)
        if body is not None:
            self._check_body(op, body)
        ctx = Context(self, op, values, dict(query or {}), body, {}, "http://sandbox.local", None)
        result = self._dispatch(ctx)
        return result[1] if isinstance(result, tuple) else result

    def _finish(self, reply: Reply, fault: str | None) -> Reply:
        # Pinterest's request id header; clients print it on errors and quote it to support.
        reply.headers["x-pinterest-rid"] = uuid.uuid4().hex[:16]
        if fault in ("reset", "truncate"):
            reply.fault = fault
        return reply

    # -- knobs ----------------------------------------------------------------------------------

    def _fault(self) -> str | None:
        f = self.config.faults
        if not (f.error or f.reset or f.truncate or f.delay):
            return None
        with self._rng_lock:
            roll = self._rng.random()
            delay_roll = self._rng.random()
        if f.delay and delay_roll < f.delay:
            time.sleep(f.delay_seconds)
        for name, rate in (("error", f.error), ("reset", f.reset), ("truncate", f.truncate)):
            if roll < rate:
                return name
            roll -= rate
        return None

    # -- input ----------------------------------------------------------------------------------

    def _validate_path(self, op: Operation, values: dict[str, str]) -> None:
        for p in op.path_params:
            problems = schemas.errors(f"op:{op.id}|path:{p.name}", values.get(p.name, ""))
            if problems:
                raise bad_request(f"Invalid path parameter {p.name}: {problems[0]}")

    def _query(self, op: Operation, raw: str) -> dict[str, Any]:
        values = parse_qs(raw, keep_blank_values=True)
        out: dict[str, Any] = {}
        for p in op.params:
            if p.location != "query" or p.name not in values:
                if p.location == "query" and p.required:
                    raise bad_request(f"Missing required query parameter: {p.name}")
                continue
            value = _convert(p, values[p.name])
            problems = schemas.errors(f"op:{op.id}|query:{p.name}", value)
            if problems:
                raise bad_request(f"Invalid query parameter {p.name}: {problems[0]}")
            out[p.name] = value
        return out

    def _body(self, op: Operation, headers: dict[str, str], raw: bytes) -> Any:
        if op.body_type is None:
            return None
        if not raw:
            if op.body_required:
                raise bad_request("Missing request body")
            return None
        if op.body_type == "form":
            body: Any = {k: v[-1] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
        else:
            try:
                body = json.loads(raw)
            except ValueError:
                raise bad_request("Request body is not valid JSON") from None
        self._check_body(op, body)
        return body

    def _check_body(self, op: Operation, body: Any) -> None:
        problems = schemas.errors(f"op:{op.id}|request", body)
        if problems:
            raise bad_request(f"Invalid request body: {problems[0]}")


def _convert(p: Param, raw: list[str]) -> Any:
    """Query strings to typed values, as Pinterest reads them (arrays repeated or comma-joined)."""
    if p.type == "array":
        items = [part for value in raw for part in (value.split(",") if "," in value else [value])]
        return [_scalar(p.items_type, v) for v in items]
    return _scalar(p.type, raw[-1])


def _scalar(jtype: str | None, value: str) -> Any:
    if jtype == "integer":
        try:
            return int(value)
        except ValueError:
            return value  # left as text: the schema check then names the parameter
    if jtype == "number":
        try:
            return float(value)
        except ValueError:
            return value
    if jtype == "boolean":
        return {"true": True, "false": False}.get(value.lower(), value)
    if jtype == "object":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
