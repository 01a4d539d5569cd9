"""In-process transports: the client talks to SandboxApp.handle directly, with no socket.

Injected faults behave as they would on the wire: "reset" raises APIConnectionError and
"truncate" returns half the body.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._errors import APIConnectionError
from .._transport import Request, Response

if TYPE_CHECKING:
    from .app import Reply, SandboxApp


def _answer(app: SandboxApp, request: Request) -> Response:
    reply: Reply = app.handle(request.method, request.url, dict(request.headers), request.body or b"")
    if reply.fault == "reset":
        raise APIConnectionError("Connection reset by the sandbox (injected fault)", request=request)
    content = reply.body[: len(reply.body) // 2] if reply.fault == "truncate" else reply.body
    return Response(reply.status, dict(reply.headers), content, request)


class SandboxTransport:
    def __init__(self, app: SandboxApp) -> None:
        self.app = app

    def send(self, request: Request) -> Response:
        return _answer(self.app, request)

    def close(self) -> None:
        pass


class AsyncSandboxTransport:
    def __init__(self, app: SandboxApp) -> None:
        self.app = app

    async def send(self, request: Request) -> Response:
        return _answer(self.app, request)

    async def aclose(self) -> None:
        pass
