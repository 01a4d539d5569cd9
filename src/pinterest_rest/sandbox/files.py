"""Things the real API hands off to other hosts, served by the sandbox itself under /_sandbox/:
media uploads (an S3-style multipart POST) and report downloads."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import Reply, SandboxApp


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
    report = re.fullmatch(r"/_sandbox/files/report-(\d+)", path)
    if report and method == "GET":
        doc = app.store.get("report", report.group(1))
        if doc is None or doc["status"] != "FINISHED":
            return _error(404, "no such file")
        rows: list[dict[str, Any]] = doc["rows"]
        if doc["format"] == "CSV":
            buf = io.StringIO()
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["DATE"])
            writer.writeheader()
            writer.writerows(rows)
            return Reply(200, {"content-type": "text/csv"}, buf.getvalue().encode())
        return Reply(200, {"content-type": "application/json"}, json.dumps(rows).encode())
    job = re.fullmatch(r"/_sandbox/files/(bulk|leads)-(\d+)", path)
    if job and method == "GET":
        kind = "bulk_request" if job.group(1) == "bulk" else "leads_export"
        doc = app.store.get(kind, job.group(2))
        if doc is None:
            return _error(404, "no such file")
        rows = [{"id": doc["id"], "status": "ok"}]
        return Reply(200, {"content-type": "application/json"}, json.dumps(rows).encode())
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
