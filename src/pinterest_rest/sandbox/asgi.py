"""ASGI face of the sandbox, for uvicorn.

Handlers are synchronous (SQLite behind one lock) and take tens of microseconds, so they run on the
event loop itself: a hop to a worker thread per request cost more than the handler (measured with
benchmarks/sandbox_http.py: 0.26x -> 0.5x+ the raw stub's requests/s) and bought no parallelism, since
the store is serialised anyway. The one handler path that blocks on purpose, an injected `delay`
fault, still runs in a thread so the other connections keep being served while it sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from .app import SandboxApp

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class AsgiApp:
    def __init__(self, app: SandboxApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "127.0.0.1")
        url = scope["path"] + ("?" + scope["query_string"].decode() if scope["query_string"] else "")
        origin = f"{scope.get('scheme', 'http')}://{host}"
        args = (scope["method"], url, headers, b"".join(chunks), origin)
        if self.app.config.faults.delay:  # a delay fault sleeps inside handle: keep it off the loop
            reply = await asyncio.to_thread(self.app.handle, *args)
        else:
            reply = self.app.handle(*args)
        body = reply.body
        out_headers = [(k.encode(), v.encode()) for k, v in reply.headers.items()]
        if reply.fault in ("reset", "truncate"):
            # Promise the whole body, send part of it, then drop the connection.
            out_headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": reply.status, "headers": out_headers})
            await send({"type": "http.response.body", "body": body[: len(body) // 2], "more_body": True})
            raise ConnectionResetError("injected fault")
        out_headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": reply.status, "headers": out_headers})
        await send({"type": "http.response.body", "body": body})
