"""Sync transport on urllib3 2.x (chosen by measurement: see benchmarks/RESULTS.md).

urllib3 never retries here: the pool is built with ``retries=False`` and every ``urlopen`` passes
``retries=False`` too (urllib3's ``Retry`` would otherwise resend reads and follow redirects below
our policy and budget). The pipeline's loop makes every attempt.
"""

from __future__ import annotations

import threading
from typing import Any

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from .._errors import APIConnectionError, APITimeoutError
from . import Request, Response, lower_headers
from ._delivery import acked_bytes, never_acknowledged

POOL_SIZE = 32  # one connection per concurrent caller for up to 32 threads, without churn
ONE_SEND_MAX = 64 * 1024  # bodies up to this size are sent in the same write as the headers


class _Marks:
    """Mixed into urllib3's connections: tag a failure when TCP says the request never arrived.

    The tag is read by ``Urllib3Transport.send``. The socket must be asked while it is open, and
    http.client closes it before the error reaches us, so ``close`` asks first.
    """

    sock: Any
    _buffer: list[bytes]
    _acked_before: int | None = None
    _unacked = False
    _with_headers: bytes | None = None  # a small body to send in the headers' sendall
    _sent_early: bytes | None = None  # ... already sent: urllib3's own send of it is skipped

    def close(self) -> None:
        self._unacked = self.sock is not None and never_acknowledged(self.sock, self._acked_before)
        super().close()  # type: ignore[misc]

    def _mark(self, exc: BaseException) -> None:
        if self._unacked or never_acknowledged(self.sock, self._acked_before):
            exc.pinterest_unsent = True  # type: ignore[attr-defined]

    def request(self, method: str, url: str, body: Any = None, headers: Any = None, **kwargs: Any) -> None:
        # A fresh connection connects inside request(); then only the SYN is acknowledged (1).
        self._acked_before = acked_bytes(self.sock) if self.sock is not None else 1
        self._unacked = False
        if type(body) is bytes and 0 < len(body) <= ONE_SEND_MAX and not kwargs.get("chunked"):
            self._with_headers = body
        try:
            super().request(method, url, body, headers, **kwargs)  # type: ignore[misc]
        except OSError as exc:
            self._mark(exc)
            raise
        finally:
            self._with_headers = self._sent_early = None

    # urllib3 writes the headers (http.client's _send_output) and then the body: two sendall
    # calls, two TCP segments, and a POST paying Nagle's algorithm against the peer's delayed ACK.
    # A small body goes out with the headers instead, in one write, as browsers and curl do.

    def _send_output(self, message_body: Any = None, encode_chunked: bool = False) -> None:
        body = self._with_headers
        if body is None or message_body is not None or encode_chunked:
            super()._send_output(message_body, encode_chunked)  # type: ignore[misc]
            return
        self._with_headers = None
        self._buffer.extend((b"", b""))
        head = b"\r\n".join(self._buffer)
        del self._buffer[:]
        self.send(head + body)
        self._sent_early = body

    def send(self, data: Any) -> None:
        if data is self._sent_early and data is not None:
            self._sent_early = None  # urllib3 sending the body we already sent
            return
        super().send(data)  # type: ignore[misc]

    def getresponse(self) -> Any:
        try:
            return super().getresponse()  # type: ignore[misc]
        except OSError as exc:  # RemoteDisconnected, ConnectionResetError, BrokenPipeError ...
            self._mark(exc)
            raise


class _Connection(_Marks, HTTPConnection):
    pass


class _TLSConnection(_Marks, HTTPSConnection):
    pass


class Urllib3Transport:
    supports_streaming = True  # Request.stream is sent as it is read (see _transport.outside)

    def __init__(self, *, pool_size: int = POOL_SIZE, pool: urllib3.PoolManager | None = None) -> None:
        self._pool = pool or urllib3.PoolManager(num_pools=8, maxsize=pool_size, retries=False)
        self._timeouts: dict[object, urllib3.Timeout] = {}
        self._pools: dict[str, urllib3.HTTPConnectionPool] = {}
        self._lock = threading.Lock()

    def _timeout(self, request: Request) -> urllib3.Timeout:
        t = request.timeout
        key = (t.connect, t.read) if t is not None else None
        found = self._timeouts.get(key)
        if found is None:
            found = urllib3.Timeout(connect=t.connect, read=t.read) if t is not None else urllib3.Timeout(None, None)
            with self._lock:
                self._timeouts[key] = found
        return found

    def _split(self, url: str) -> tuple[urllib3.HTTPConnectionPool, str]:
        """The pool for the URL's origin and the path+query to send to it.

        Looking the pool up by origin string skips PoolManager's URL parsing and key building on
        every call, which is a measurable share of client CPU per request.
        """
        cut = url.find("/", url.find("://") + 3)
        origin, target = (url, "/") if cut < 0 else (url[:cut], url[cut:])
        pool = self._pools.get(origin)
        if pool is None:
            pool = self._pool.connection_from_url(origin)
            if pool.ConnectionCls is HTTPConnection:
                pool.ConnectionCls = _Connection
            elif pool.ConnectionCls is HTTPSConnection:
                pool.ConnectionCls = _TLSConnection
            with self._lock:
                self._pools[origin] = pool
        return pool, target

    def send(self, request: Request) -> Response:
        pool, target = self._split(request.url)
        body: Any = request.body
        if request.stream is not None:
            body = iter(request.stream)  # sent chunk by chunk with the Content-Length already set
        # Errors are raised after the except blocks, not inside them: a library exception
        # chained as __context__ would carry frames whose locals hold the raw request bytes
        # (the Authorization header among them) to any reporter that walks the chain.
        error: APIConnectionError
        try:
            raw = pool.urlopen(
                request.method,
                target,
                body=body,
                headers=request.headers,
                timeout=self._timeout(request),
                retries=False,
                redirect=False,
                preload_content=True,
                assert_same_host=False,
                chunked=False,
            )
        except NewConnectionError as exc:
            # Checked before ConnectTimeoutError: in urllib3 2 it subclasses it.
            error = APIConnectionError(f"Could not connect: {exc.__class__.__name__}", request=request, sent=False)
        except ConnectTimeoutError:
            error = APITimeoutError("Timed out connecting.", request=request, sent=False)
        except (ReadTimeoutError, Urllib3Timeout):
            error = APITimeoutError("Timed out waiting for the response.", request=request)
        except ProtocolError as exc:
            inner = exc.args[1] if len(exc.args) > 1 else exc
            if getattr(inner, "pinterest_unsent", False):
                error = APIConnectionError(
                    f"The server had closed the connection before the request arrived ({inner.__class__.__name__})",
                    request=request,
                    sent=False,
                )
            else:
                error = APIConnectionError(f"Connection broken: {inner.__class__.__name__}", request=request)
            del inner
        except HTTPError as exc:
            error = APIConnectionError(f"Connection error: {exc.__class__.__name__}", request=request)
        else:
            # urllib3's case-insensitive headers as they are for API calls (a lower-cased copy is
            # ~2 us per request); a dict for outside requests, whose Response goes to the caller.
            headers = raw.headers if request.operation is not None else lower_headers(raw.headers)
            return Response(raw.status, headers, raw.data, request)
        raise error

    def close(self) -> None:
        self._pools.clear()
        self._pool.clear()
