"""The transport protocols, for type checkers and for code that implements its own transport.

They live apart from ``_transport/__init__.py`` because making a ``typing.Protocol`` class is
costly and nothing at run time needs one: the package imports them only under TYPE_CHECKING, and
``from pinterest_rest._transport import SyncTransport`` still works (the package module loads this
one on first access).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from . import Request, Response


class StreamedBody(Protocol):
    """A request body sent as it is read (a file upload); its ``length`` goes in Content-Length."""

    length: int

    def __iter__(self) -> Iterator[bytes]: ...


class SyncTransport(Protocol):
    def send(self, request: Request) -> Response: ...

    def close(self) -> None: ...


class AsyncTransport(Protocol):
    async def send(self, request: Request) -> Response: ...

    async def aclose(self) -> None: ...
