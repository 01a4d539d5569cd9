"""Async transport on aiohttp (chosen by measurement: see benchmarks/RESULTS.md).

This module is imported only when an AsyncPinterest sends its first request, so that
``import pinterest_rest`` stays cheap for sync users.

Every attempt is the pipeline's: aiohttp's session silently resends GET/PUT/DELETE once after a
reset persistent connection (RFC 9112 allows it; ``ClientSession._retry_connection``, which has no
public switch), so it is turned off here, or the async client would make twice the attempts of the
sync one and resend a DELETE the server had already carried out.

The one resend made here is of a GET or HEAD that never reached the server: one written, without a
look at the socket first, to a pooled connection the server had already closed (see
``_Handler.is_connected``). TCP shows the request was never acknowledged, so the server never read
it. The look would have caught that connection; this finds it after the fact instead of paying for
the look on every request.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp.client_proto import ResponseHandler
from multidict import CIMultiDict

from .._errors import APIConnectionError, APITimeoutError
from .._types import DEFAULT_TIMEOUT
from . import Request, Response, lower_headers
from ._delivery import counts_sent_bytes, never_acknowledged, probe, unacknowledged

if TYPE_CHECKING:
    from ._protocols import StreamedBody

POOL_SIZE = 64
READ_SIZE = 64 * 1024  # bytes asked of the socket per read (see _Handler.connection_made)
_NO_AUTO_USER_AGENT = ("User-Agent",)
_UNSEEN = object()
_NO_EXTRA: dict[str, Any] = {}
_UNPROBED_METHODS = frozenset({"GET", "HEAD"})  # no body, nothing done: safe to write unprobed
# True while a GET or HEAD is being sent (is_connected runs in the sending task's context).
_sending_unprobed: ContextVar[bool] = ContextVar("pinterest_sending_unprobed", default=False)
# Whether the kernel reports bytes sent (``unacknowledged`` needs it); asked of the first connection.
_kernel_counts_sent: bool | None = None


class _Handler(ResponseHandler):
    """aiohttp's connection protocol, tagging a failure when TCP says our bytes never arrived.

    asyncio closes the socket right after ``connection_lost``; the tag must be computed while
    aiohttp builds the error inside it (see ``_delivery``).
    """

    acked_before: int | None = 1  # a fresh connection: only the SYN acknowledged so far
    unprobed = False  # handed out for a GET/HEAD without the look at the socket
    _sock: Any = None

    def set_exception(self, exc: BaseException, exc_cause: BaseException = aiohttp.helpers._EXC_SENTINEL) -> None:
        transport = self.transport
        if transport is not None:
            sock = transport.get_extra_info("socket")
            if (
                self.unprobed
                and isinstance(exc, aiohttp.ServerDisconnectedError)
                and isinstance(exc.message, str)  # no answer's head had arrived
                and unacknowledged(sock)
            ):
                # A clean close seen where the answer should be, and our request never acknowledged:
                # the server had closed the connection before the request got there. (A server that
                # read it and then reset shows as a reset, not a clean close; one that read it and
                # closed acknowledged it with its FIN.)
                exc.pinterest_unsent = exc.pinterest_stale = True  # type: ignore[attr-defined]
            elif never_acknowledged(sock, self.acked_before):
                exc.pinterest_unsent = True  # type: ignore[attr-defined]
        super().set_exception(exc, exc_cause)

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        # asyncio reads each answer with recv(256 KiB): a buffer above glibc's mmap threshold
        # (128 KiB unless earlier frees in the process happened to raise it), so every read could
        # cost mmap + mremap + munmap and fresh page faults, about a third of a small request's CPU.
        # 64 KiB comes from the heap; a larger answer takes more reads of it.
        if getattr(transport, "max_size", 0) > READ_SIZE:
            transport.max_size = READ_SIZE  # type: ignore[attr-defined]
        # The socket itself rather than asyncio's wrapper around it: the wrapper's getsockopt is a
        # Python call, and is_connected asks on every request.
        sock = transport.get_extra_info("socket")
        self._sock = getattr(sock, "_sock", sock)
        global _kernel_counts_sent
        if _kernel_counts_sent is None:
            _kernel_counts_sent = counts_sent_bytes(self._sock)

    def is_connected(self) -> bool:
        """Also asks the socket whether the server has closed it, and notes what it acknowledged.

        aiohttp learns that the server closed an idle connection only when the event loop gets
        round to the FIN; a task that sends its next request straight after reading an answer
        reuses the dead connection first. The pool asks ``is_connected()`` of an idle connection
        the moment it hands it out (and closes it, never reusing it, on False), so one look at the
        socket's TCP state here (one system call) catches that, and notes how many of our bytes
        the server had acknowledged (see ``_delivery``). The pool's idle sweep asks too, which
        only closes dead connections sooner.

        A GET or HEAD skips the system call (2-4 % of an async GET's CPU): if the connection
        turns out closed, the request fails unacknowledged and the transport sends it again at
        once on another connection (``set_exception``, ``AiohttpTransport.send``). A write always
        looks first, because its resend must be proven safe before it is made.
        """
        transport = self.transport
        if transport is None or transport.is_closing():
            return False
        if _sending_unprobed.get():
            self.unprobed = True
            return True
        self.unprobed = False
        open_, self.acked_before = _probe(self._sock)
        return open_


class _Connector(aiohttp.TCPConnector):
    """aiohttp's connector with ``_Handler`` as the connection protocol."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if hasattr(self, "_factory"):
            self._factory = functools.partial(_Handler, loop=self._loop)  # type: ignore[assignment]


# A seam: tests replace it to play a FIN that arrives just after the check.
_probe = probe


class AiohttpTransport:
    supports_streaming = True  # Request.stream is sent as it is read (see _transport.outside)

    def __init__(self, *, pool_size: int = POOL_SIZE, session: aiohttp.ClientSession | None = None) -> None:
        self._session = session
        self._own_session = session is None
        if session is not None:
            session._retry_connection = False  # ours to steer from now on (see the module docstring)
        self._pool_size = pool_size
        self._timeouts: dict[object, aiohttp.ClientTimeout] = {}
        self._default_key = _key(DEFAULT_TIMEOUT)
        # The session's own timeout: a request with it passes none (a per-request one costs more).
        self._session_timeout: aiohttp.ClientTimeout | None = session.timeout if session is not None else None
        self._seen: tuple[object, aiohttp.ClientTimeout | None] = (_UNSEEN, None)
        self._session_made: aiohttp.ClientSession | None = None  # the session this transport made
        self._request: Any = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            # One limit for the whole pool: the API is one host, and a per-host limit as well
            # makes aiohttp keep a second set of books on every request.
            connector = _Connector(limit=self._pool_size)
            # Session-level defaults cost nothing per request; per-request objects do (issue 17).
            # No session-level skip_auto_headers either: it sends every request down aiohttp's
            # slow header path, and API requests always carry our User-Agent anyway.
            self._session_timeout = self._client_timeout(self._default_key)
            session = aiohttp.ClientSession(connector=connector, auto_decompress=True, timeout=self._session_timeout)
            session._retry_connection = False
            # This session has no default headers and a request's names never differ only in case
            # (``merge_headers``), so aiohttp's merge loop comes down to building a CIMultiDict from
            # the dict, done here in C (about 0.7 us per request). Set on the instance, and only
            # for our own session: if aiohttp stops calling it, requests take aiohttp's own path,
            # which gives the same headers.
            object.__setattr__(session, "_prepare_headers", CIMultiDict)
            self._session = self._session_made = session
            # The coroutine behind session.request(), without the context-manager object it is
            # wrapped in (awaiting either gives the response); session.request if it is renamed.
            self._request = getattr(session, "_request", session.request)
        return self._session

    def _client_timeout(self, key: tuple[float | None, float | None] | None) -> aiohttp.ClientTimeout:
        found = self._timeouts.get(key)
        if found is None:
            # One deadline per request (connect + read) instead of aiohttp's sock_read, which
            # re-arms a timer on every chunk received and cost ~15% of throughput at 32 tasks
            # (benchmarks/RESULTS.md). For API-sized bodies the two bounds are the same in practice.
            if key is None:
                found = aiohttp.ClientTimeout(total=None)
            elif key[1] is None:
                found = aiohttp.ClientTimeout(total=None, sock_connect=key[0])
            else:
                found = aiohttp.ClientTimeout(total=(key[0] or 0) + key[1], sock_connect=key[0])
            self._timeouts[key] = found
        return found

    async def send(self, request: Request) -> Response:
        session = self._session
        if session is None or session.closed:
            session = self._get_session()
        timeout = request.timeout
        data: Any = request.body if request.stream is None else _chunks(request.stream)
        if request.operation is None:
            # Outside the API (uploads, file downloads): a big file may take longer than one
            # deadline; bound each read instead, as the sync transport does. Nor do they get
            # aiohttp's own User-Agent (the file host learns nothing it does not need).
            extra: dict[str, Any] = {"timeout": _per_read(_key(timeout)), "skip_auto_headers": _NO_AUTO_USER_AGENT}
        else:
            # The last Timeout seen and its ClientTimeout: nearly every call uses the client's one,
            # which is the session's own, so it is not passed at all.
            seen = self._seen
            if seen[0] is not timeout:
                seen = self._seen = (timeout, self._client_timeout(_key(timeout)))
            extra = _NO_EXTRA if seen[1] is self._session_timeout else {"timeout": seen[1]}
        # Errors are raised after the except blocks (see the urllib3 transport for why).
        error: APIConnectionError
        unprobed = request.method in _UNPROBED_METHODS and _kernel_counts_sent
        try:
            # Awaited, not ``async with``: the context manager is four more coroutines per request.
            # read() returns once the connection is back in the pool; release() in the finally
            # covers a read that failed.
            send = self._request if session is self._session_made else session.request
            token = _sending_unprobed.set(True) if unprobed else None
            try:
                raw = await send(
                    request.method, request.url, data=data, headers=request.headers, allow_redirects=False, **extra
                )
            except aiohttp.ServerDisconnectedError as exc:
                if not getattr(exc, "pinterest_stale", False):
                    raise
                # The resend loop lives apart so the common case stays one plain call: a loop
                # here would cost every request an iterator, and a helper coroutine a frame.
                raw = await self._resend_unprobed(send, request, data, extra)
            finally:
                if token is not None:
                    _sending_unprobed.reset(token)
            try:
                content = await raw.read()
            finally:
                raw.release()
            # aiohttp's case-insensitive headers as they are for API calls (the pipeline looks
            # names up; a lower-cased copy costs ~0.5 us per request); a dict for outside requests,
            # whose Response goes to the caller as it is.
            headers = raw.headers if request.operation is not None else lower_headers(raw.headers)
            return Response(raw.status, headers, content, request)
        except aiohttp.ClientConnectorError as exc:
            error = APIConnectionError(f"Could not connect: {exc.__class__.__name__}", request=request, sent=False)
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError):
            error = APITimeoutError("Timed out waiting for the response.", request=request)
        except aiohttp.ClientError as exc:
            if getattr(exc, "pinterest_unsent", False):
                error = APIConnectionError(
                    f"The server had closed the connection before the request arrived ({exc.__class__.__name__})",
                    request=request,
                    sent=False,
                )
            else:
                error = APIConnectionError(f"Connection error: {exc.__class__.__name__}", request=request)
        raise error

    async def _resend_unprobed(self, send: Any, request: Request, data: Any, extra: dict[str, Any]) -> Any:
        """A GET/HEAD that met a closed pooled connection, sent again until one answers.

        Each connection found closed is dropped by aiohttp, so this ends within the pool's size: on
        a connection that answers, or on a new one (a failure there is the pipeline's to retry).
        """
        for left in range(self._pool_size - 1, -1, -1):
            try:
                return await send(
                    request.method, request.url, data=data, headers=request.headers, allow_redirects=False, **extra
                )
            except aiohttp.ServerDisconnectedError as exc:
                if not left or not getattr(exc, "pinterest_stale", False):
                    raise
        raise AssertionError("unreachable")  # the last pass returns or raises

    async def aclose(self) -> None:
        if self._session is not None and self._own_session:
            await self._session.close()
        self._session = None


def _per_read(key: tuple[float | None, float | None] | None) -> aiohttp.ClientTimeout:
    if key is None:
        return aiohttp.ClientTimeout(total=None)
    return aiohttp.ClientTimeout(total=None, sock_connect=key[0], sock_read=key[1])


def _key(t: Any) -> tuple[float | None, float | None] | None:
    return (t.connect, t.read) if t is not None else None


async def _chunks(stream: StreamedBody) -> AsyncIterator[bytes]:
    """Read the body in a worker thread chunk by chunk: a file read must not block the loop."""
    iterator = iter(stream)
    done = object()
    while True:
        chunk = await asyncio.to_thread(next, iterator, done)
        if chunk is done:
            return
        yield chunk  # type: ignore[misc]
