"""Media upload: register, POST the file to the upload URL, wait until Pinterest has processed it.

Mixed into ``client.media`` and ``client.pins`` (see tools/codegen/extensions.py):

    media = client.media.upload("clip.mp4", progress=lambda sent, total: ...)
    pin = client.pins.create_video_pin(board_id="...", path="clip.mp4", title="Hi", cover_image_url="https://...")
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, Literal

from .jobs import JobFailedError, await_for, wait_for
from .multipart import MultipartFile

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .._async_client import AsyncPinterest
    from .._client import Pinterest
    from ..models.arguments import PinsCreateVideoPinArgs
    from ..models.boards import Pin
    from ..models.media import Media, MediaUpload
    from ..models.pins import PinMediaSourceVideoIDParam

Progress = Callable[[int, int], None]


class MediaUploadError(JobFailedError):
    """Pinterest reported the upload as failed (``status="failed"``)."""


@contextlib.contextmanager
def _opened(path_or_file: str | os.PathLike[str] | IO[bytes]) -> Iterator[tuple[IO[bytes], str]]:
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, "rb") as fh:
            yield fh, os.path.basename(os.fspath(path_or_file))
    else:
        yield path_or_file, os.path.basename(getattr(path_or_file, "name", "upload.bin") or "upload.bin")


def _form(body: MultipartFile) -> dict[str, str]:
    return {"Content-Type": body.content_type}


def _target(registered: MediaUpload) -> tuple[str, dict[str, Any]]:
    """Where to send the file, and the form fields to send with it, from ``media.create``'s answer."""
    from .._errors import PinterestError

    if not registered.upload_url or registered.upload_parameters is None:
        # Both are optional in the spec but an upload cannot go anywhere without them.
        raise PinterestError(
            f"Pinterest registered media {registered.media_id} without an upload_url and upload_parameters"
        )
    return registered.upload_url, registered.upload_parameters.to_dict()


def _check_video_pin_fields(pin_fields: Mapping[str, Any]) -> None:
    """A misspelt pin keyword fails here, before minutes of uploading, not after."""
    from .._options import check_forwarded
    from .._registry import OPERATIONS

    check_forwarded(
        OPERATIONS["pins/create"], "pins.create_video_pin()", pin_fields, exclude={"board_id", "media_source"}
    )


class MediaExtras:
    __slots__ = ()
    _client: Pinterest

    def upload(
        self,
        path_or_file: str | os.PathLike[str] | IO[bytes],
        *,
        media_type: Literal["video"] = "video",
        progress: Progress | None = None,
        wait: bool = True,
        timeout: float | None = 600.0,
        poll_interval: float = 1.0,
        cancel: threading.Event | None = None,
    ) -> Media:
        """Register a media upload, send the file (streamed), and by default wait until it is
        ``succeeded``. Returns the media (``media_id``, ``status``). Raises MediaUploadError if
        Pinterest marks it ``failed``."""
        client = self._client
        registered = client.media.create(media_type=media_type)
        url, fields = _target(registered)
        with _opened(path_or_file) as (fh, name):
            body = MultipartFile(fields, fh, name, progress=progress)
            # Streamed with its Content-Length; the client's timeouts; no API credentials.
            client.send_external("POST", url, headers=_form(body), body=body)
        if not wait:
            return client.media.get(registered.media_id)
        return wait_for(
            lambda: client.media.get(registered.media_id),
            key="status",
            done=("succeeded",),
            failed=("failed",),
            timeout=timeout,
            interval=poll_interval,
            cancel=cancel,
            what=f"media {registered.media_id}",
            error=MediaUploadError,
        )


class AsyncMediaExtras:
    __slots__ = ()
    _client: AsyncPinterest

    async def upload(
        self,
        path_or_file: str | os.PathLike[str] | IO[bytes],
        *,
        media_type: Literal["video"] = "video",
        progress: Progress | None = None,
        wait: bool = True,
        timeout: float | None = 600.0,
        poll_interval: float = 1.0,
    ) -> Media:
        """The async ``media.upload``; cancel it the asyncio way."""
        client = self._client
        registered = await client.media.create(media_type=media_type)
        url, fields = _target(registered)
        with _opened(path_or_file) as (fh, name):
            body = MultipartFile(fields, fh, name, progress=progress)
            # Streamed through aiohttp, the file read in a worker thread chunk by chunk.
            await client.send_external("POST", url, headers=_form(body), body=body)

        async def poll() -> Media:
            return await client.media.get(registered.media_id)

        if not wait:
            return await poll()
        return await await_for(
            poll, key="status", done=("succeeded",), failed=("failed",), timeout=timeout, interval=poll_interval,
            what=f"media {registered.media_id}", error=MediaUploadError,
        )  # fmt: skip


class PinsExtras:
    __slots__ = ()
    _client: Pinterest

    def create_video_pin(
        self,
        *,
        board_id: str,
        path: str | os.PathLike[str] | IO[bytes],
        cover_image_url: str | None = None,
        cover_image_key_frame_time: int | None = None,
        progress: Progress | None = None,
        timeout: float | None = 600.0,
        poll_interval: float = 1.0,
        **pin_fields: Unpack[PinsCreateVideoPinArgs],
    ) -> Pin:
        """Upload a video, wait until processed, then create the Pin with it.

        ``pin_fields`` are ``pins.create``'s other keywords (title, description, link, ...) and its
        request options; a misspelt one raises TypeError before the upload starts."""
        _check_video_pin_fields(pin_fields)
        media = self._client.media.upload(path, progress=progress, timeout=timeout, poll_interval=poll_interval)
        return self._client.pins.create(
            board_id=board_id,
            media_source=_video_source(media.media_id, cover_image_url, cover_image_key_frame_time),
            **pin_fields,
        )


class AsyncPinsExtras:
    __slots__ = ()
    _client: AsyncPinterest

    async def create_video_pin(
        self,
        *,
        board_id: str,
        path: str | os.PathLike[str] | IO[bytes],
        cover_image_url: str | None = None,
        cover_image_key_frame_time: int | None = None,
        progress: Progress | None = None,
        timeout: float | None = 600.0,
        poll_interval: float = 1.0,
        **pin_fields: Unpack[PinsCreateVideoPinArgs],
    ) -> Pin:
        """The async ``pins.create_video_pin``."""
        _check_video_pin_fields(pin_fields)
        media = await self._client.media.upload(path, progress=progress, timeout=timeout, poll_interval=poll_interval)
        source = _video_source(media.media_id, cover_image_url, cover_image_key_frame_time)
        return await self._client.pins.create(board_id=board_id, media_source=source, **pin_fields)


def _video_source(media_id: str, cover_url: str | None, key_frame: int | None) -> PinMediaSourceVideoIDParam:
    source: PinMediaSourceVideoIDParam = {"source_type": "video_id", "media_id": media_id}
    if cover_url:
        source["cover_image_url"] = cover_url
    if key_frame is not None:
        source["cover_image_key_frame_time"] = key_frame
    if not cover_url and key_frame is None:
        source["cover_image_key_frame_time"] = 0  # Pinterest requires a cover: the first frame
    return source
