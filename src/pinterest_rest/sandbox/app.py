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
from urllib.parse import urlsplit

from . import inputs, router, schemas, uniqueness
from .auth import check_auth
from .clock import Clock
from .config import SandboxConfig
from .consent import consent
from .context import Context
from .errors import ApiError
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
                inputs.parse_query(op, parts.query),
                inputs.parse_body(op, body),
                headers,
                origin,
                token,
            )
            inputs.check_path(op, path_values)
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
        inputs.check_path(op, values)
        if body is not None:
            body = inputs.check_body(op, body)
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
