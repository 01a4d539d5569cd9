"""Every answer an offline sandbox gives anywhere in the test suite is checked against the spec."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pinterest_rest.sandbox import schemas
from pinterest_rest.sandbox.app import Reply, SandboxApp

CHECKED: list[str] = []


def check_reply(app: SandboxApp, method: str, url: str, reply: Reply) -> None:
    """Fail if a /v5 answer is not valid against its operation's response schema."""
    from pinterest_rest.sandbox import router

    path = url.split("?", 1)[0].split("://", 1)[-1]
    path = path[path.find("/") :] if "://" in url else path
    if not path.startswith("/v5/") or reply.fault:
        return
    assert reply.status < 500, f"{method} {url} -> {reply.status} {reply.body[:300]!r}"
    found = router.match(method, path[3:])
    if not isinstance(found, tuple):
        return
    op, _ = found
    body = json.loads(reply.body) if reply.body else None
    if reply.status >= 400:
        assert isinstance(body, dict) and isinstance(body.get("code"), int) and isinstance(body.get("message"), str)
        return
    spec = schemas.operation(op.id)
    if spec["response"] is not None and body is not None:
        problems = schemas.errors(f"op:{op.id}|response", body)
        assert not problems, f"{op.id} answered a body the spec does not allow: {problems}"
    CHECKED.append(op.id)


@pytest.fixture(autouse=True)
def validate_every_sandbox_response(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any answer a sandbox gives during these tests must be valid against the spec."""
    original = SandboxApp.handle

    def validated(
        self: SandboxApp, method: str, url: str, headers: dict[str, str], body: bytes, origin: str = ""
    ) -> Any:
        reply = original(self, method, url, headers, body, origin)
        check_reply(self, method, url, reply)
        return reply

    monkeypatch.setattr(SandboxApp, "handle", validated)
