"""A streamed multipart/form-data body with a known length (S3 POST uploads refuse chunked bodies)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator, Mapping
from typing import IO

CHUNK = 256 * 1024


class MultipartFile:
    """The form fields first, then the file, read ``CHUNK`` bytes at a time as it is sent."""

    def __init__(
        self,
        fields: Mapping[str, str],
        file: IO[bytes],
        filename: str,
        *,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.boundary = "pinterest-rest-" + secrets.token_hex(12)
        head = b"".join(
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        )
        head += (
            f'--{self.boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        self._head = head
        self._tail = f"\r\n--{self.boundary}--\r\n".encode()
        self._file = file
        self._start = file.tell()
        self.file_size = _size(file)
        self.length = len(head) + self.file_size + len(self._tail)
        self._progress = progress

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    def __iter__(self) -> Iterator[bytes]:
        self._file.seek(self._start)
        yield self._head
        sent = 0
        while True:
            chunk = self._file.read(CHUNK)
            if not chunk:
                break
            sent += len(chunk)
            if self._progress is not None:
                self._progress(sent, self.file_size)
            yield chunk
        yield self._tail


def _size(file: IO[bytes]) -> int:
    here = file.tell()
    file.seek(0, os.SEEK_END)
    end = file.tell()
    file.seek(here)
    return end - here
