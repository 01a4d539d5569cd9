"""Sync transport on urllib3 2.x (chosen by measurement: see benchmarks/RESULTS.md)."""

from __future__ import annotations

import threading

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.exceptions import TimeoutError as Urllib3Timeout

from .._errors import APIConnectionError, APITimeoutError
from . import Request, Response

POOL_SIZE = 32  # one connection per concurrent caller for up to 32 threads, without churn


class Urllib3Transport:
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
            with self._lock:
                self._pools[origin] = pool
        return pool, target

    def send(self, request: Request) -> Response:
        pool, target = self._split(request.url)
        try:
            raw = pool.urlopen(
                request.method,
                target,
                body=request.body,
                headers=request.headers,
                timeout=self._timeout(request),
                retries=False,
                redirect=False,
                preload_content=True,
                assert_same_host=False,
            )
        except NewConnectionError as exc:
            # Checked before ConnectTimeoutError: in urllib3 2 it subclasses it.
            raise APIConnectionError(
                f"Could not connect: {exc.__class__.__name__}", request=request, sent=False
            ) from None
        except ConnectTimeoutError:
            raise APITimeoutError("Timed out connecting.", request=request, sent=False) from None
        except (ReadTimeoutError, Urllib3Timeout):
            raise APITimeoutError("Timed out waiting for the response.", request=request) from None
        except ProtocolError as exc:
            raise APIConnectionError(f"Connection broken: {_reason(exc)}", request=request) from None
        except HTTPError as exc:
            raise APIConnectionError(f"Connection error: {exc.__class__.__name__}", request=request) from None
        headers = {k.lower(): v for k, v in raw.headers.items()}
        return Response(raw.status, headers, raw.data, request)

    def close(self) -> None:
        self._pools.clear()
        self._pool.clear()


def _reason(exc: ProtocolError) -> str:
    inner = exc.args[1] if len(exc.args) > 1 else exc
    return inner.__class__.__name__
