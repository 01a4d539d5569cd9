"""Things the real API hands off to other hosts, served by the sandbox itself under /_sandbox/:
media uploads (an S3-style multipart POST) and downloads (reports, bulk results, lead exports).

Downloads are registered by the handler that owns the job (``register_download``), so this module
knows no job's fields. A download link names its expiry in its path and, like Pinterest's report
links, stops working ``LINK_TTL`` seconds after it was handed out (HTTP 403), measured on the
sandbox clock, so a test can advance the clock instead of waiting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from .context import Context, now

if TYPE_CHECKING:
    from .app import Reply, SandboxApp
    from .store import Store

LINK_TTL = 300  # seconds; Pinterest documents report links as valid for five minutes

# name -> producer(store, id) -> (content type, bytes), or None when there is no such file (yet).
Producer = Callable[["Store", str], "tuple[str, bytes] | None"]
DOWNLOADS: dict[str, Producer] = {}


def register_download(name: str, producer: Producer) -> None:
    if name in DOWNLOADS and DOWNLOADS[name] is not producer:
        raise ValueError(f"download {name!r} registered twice")
    DOWNLOADS[name] = producer


def download_url(ctx: Context, name: str, ident: str) -> str:
    """A link to download ``name`` ``ident``, valid for ``LINK_TTL`` seconds from now."""
    return ctx.url(f"/_sandbox/files/{name}/{ident}/{int(ctx.now()) + LINK_TTL}")


def json_file(data: object) -> tuple[str, bytes]:
    return "application/json", json.dumps(data).encode()


def _error(status: int, message: str) -> Reply:
    from .app import json_reply

    return json_reply(status, {"code": status, "message": message})


def handle_files(app: SandboxApp, method: str, path: str, headers: dict[str, str], body: bytes, origin: str) -> Reply:
    from .app import Reply

    upload = re.fullmatch(r"/_sandbox/uploads/(\d+)", path)
    if upload:
        if method != "POST":
            return _error(405, "uploads take POST")
        return _upload(app, upload.group(1), headers, body)
    part = re.fullmatch(r"/_sandbox/list_uploads/(\d+)/(\d+)", path)
    if part:
        if method != "PUT":
            return _error(405, "list upload parts take PUT")
        from .handlers.audience_data import receive_part

        status = receive_part(app.store, part.group(1), int(part.group(2)), body)
        return Reply(status, {}, b"") if status == 200 else _error(status, "no such upload part")
    found = re.fullmatch(r"/_sandbox/files/([a-z_]+)/([A-Za-z0-9_-]+)/(\d+)", path)
    if found and method == "GET":
        name, ident, expires = found.group(1), found.group(2), int(found.group(3))
        producer = DOWNLOADS.get(name)
        if producer is None:
            return _error(404, f"No sandbox file at {path}")
        if now(app) > expires:
            return _error(403, "Request has expired: download links are valid for 5 minutes; ask for a new one")
        made = producer(app.store, ident)
        if made is None:
            return _error(404, "no such file")
        content_type, content = made
        return Reply(200, {"content-type": content_type}, content)
    return _error(404, f"No sandbox file at {path}")


def _upload(app: SandboxApp, media_id: str, headers: dict[str, str], body: bytes) -> Reply:
    from .app import Reply

    media = app.store.get("media", media_id)
    if media is None:
        return _error(404, f"No registered media {media_id}")
    fields = _multipart(headers.get("content-type", ""), body)
    if fields is None:
        return _error(400, "Expected a multipart/form-data body")
    missing = [k for k in media["upload"] if k not in fields and k != "Content-Type"]
    if missing:
        return _error(403, f"Upload policy fields missing: {', '.join(sorted(missing))}")
    if not fields.get("file"):
        return _error(400, "No file field in the upload")
    media["status"] = "processing"
    media["size"] = len(fields["file"])
    app.store.put("media", media_id, media)
    return Reply(204, {}, b"")


def _multipart(content_type: str, body: bytes) -> dict[str, bytes] | None:
    match = re.search(r"boundary=\"?([^\";]+)\"?", content_type)
    if "multipart/form-data" not in content_type or not match:
        return None
    boundary = b"--" + match.group(1).encode()
    fields: dict[str, bytes] = {}
    for part in body.split(boundary)[1:]:
        if part.startswith(b"--"):
            break
        head, _, value = part.lstrip(b"\r\n").partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]*)"', head)
        if name:
            fields[name.group(1).decode()] = value[:-2] if value.endswith(b"\r\n") else value
    return fields
