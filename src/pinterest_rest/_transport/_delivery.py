"""Did the request reach the server? What the socket knows, asked when a pooled connection fails.

The hard case is a kept-alive connection the server closed just as we reused it (its idle timeout,
or a server that closes right after answering). Our request then meets a closed socket and we
read an empty answer: exactly what we would also see if the server had read the request and
crashed. TCP tells the two apart. A peer whose socket is closed answers new data with a reset and never
acknowledges it (or our kernel refuses the write outright); a peer that read our request
acknowledged it before (or with) its FIN. So when the kernel says not one byte of the request
was acknowledged, the server's socket was closed before it arrived: the server cannot have read
it, and even a POST is safe to resend. We note the acknowledged count before writing and ask again
when the connection fails.

Linux only (``TCP_INFO``); elsewhere the answer is "unknown" and the request counts as sent.
"""

from __future__ import annotations

import socket
import struct
import sys
from typing import Any

# struct tcp_info (linux/tcp.h): tcpi_bytes_acked is a u64 at offset 120 (Linux 4.1+);
# the struct is asked for whole up to it. Shorter answers mean an older kernel.
_BYTES_ACKED = 120
_INFO_SIZE = 128
# tcpi_bytes_sent and tcpi_bytes_retrans: u64s at offsets 200 and 208 (Linux 4.19+).
_BYTES_SENT = 200
_SENT_INFO_SIZE = 216
_TCP_INFO = getattr(socket, "TCP_INFO", None) if sys.platform.startswith("linux") else None


_ESTABLISHED = 1  # tcpi_state (the first byte of struct tcp_info)


def probe(sock: Any) -> tuple[bool, int | None]:
    """(still open?, acknowledged count) for a pooled connection, in one system call on Linux.

    Open means ESTABLISHED: a peer that sent its FIN leaves us in CLOSE_WAIT. Where TCP_INFO is
    missing, a zero-timeout select answers the first part (readable = closed or unsolicited
    bytes) and the count is unknown.
    """
    if _TCP_INFO is not None and sock is not None:
        try:
            info = sock.getsockopt(socket.IPPROTO_TCP, _TCP_INFO, _INFO_SIZE)
        except (OSError, ValueError, AttributeError):
            return False, None
        if len(info) >= _INFO_SIZE:
            acked: int = struct.unpack_from("Q", info, _BYTES_ACKED)[0]
            return info[0] == _ESTABLISHED, acked
    if sock is None:
        return True, None
    import select

    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return False, None
    return not readable, None


def _tcp_info(sock: Any, size: int) -> bytes | None:
    """``struct tcp_info`` of ``sock`` up to ``size`` bytes; None if unknown or shorter (older kernel)."""
    if _TCP_INFO is None or sock is None:
        return None
    try:
        info: bytes = sock.getsockopt(socket.IPPROTO_TCP, _TCP_INFO, size)
    except (OSError, ValueError, AttributeError):
        return None
    return info if len(info) >= size else None


def acked_bytes(sock: Any) -> int | None:
    """The kernel's count of our bytes the peer acknowledged on ``sock`` (None: cannot tell).

    ``sock`` is anything with ``getsockopt`` (a socket, asyncio's TransportSocket). The count
    starts at 1 once connected (the SYN counts).
    """
    info = _tcp_info(sock, _INFO_SIZE)
    if info is None:
        return None
    acked: int = struct.unpack_from("Q", info, _BYTES_ACKED)[0]
    return acked


def never_acknowledged(sock: Any, acked_before: int | None) -> bool:
    """True only when none of the bytes written since ``acked_before`` was acknowledged.

    Any doubt (no TCP_INFO, an old kernel, a closed socket) answers False: the request counts as
    sent. A peer that acknowledged the request may or may not have read it, so that counts as sent.
    """
    if acked_before is None:
        return False
    now = acked_bytes(sock)
    return now is not None and now <= acked_before


def counts_sent_bytes(sock: Any) -> bool:
    """Whether this kernel reports the bytes sent on ``sock`` (what ``unacknowledged`` needs)."""
    return _tcp_info(sock, _SENT_INFO_SIZE) is not None


def unacknowledged(sock: Any) -> bool:
    """True only when TCP says some of the data sent on ``sock`` was never acknowledged.

    This is the after-the-fact test for a request written without the ``probe`` first: nothing has
    to be noted before the write, because every earlier request on the connection was answered, and
    an answer acknowledges the request it answers. Any doubt answers False.
    """
    info = _tcp_info(sock, _SENT_INFO_SIZE)
    if info is None:
        return False
    acked: int = struct.unpack_from("Q", info, _BYTES_ACKED)[0]
    sent, retransmitted = struct.unpack_from("QQ", info, _BYTES_SENT)
    return bool(acked - 1 < sent - retransmitted)  # the SYN counts as one acknowledged byte
