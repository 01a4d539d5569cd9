"""Customer-list uploads (file parts -> run -> counted into the list) and audience sharing.

An upload hands out one pre-signed URL per part, served by the sandbox itself
(``PUT /_sandbox/list_uploads/{upload}/{part}``); ``run`` starts it; after ``job_polls`` status
reads it SUCCEEDED with ``record_counts`` from the uploaded lines (one record per non-empty line;
a line with an ``@`` or 32+ hex characters is valid) and the customer list counts one more batch,
as a list update does. Sharing stores who an ad account shared an audience with; the shared-
accounts list reads that back.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..context import Context
from ..errors import ApiError, not_found
from ._helpers import account, build, progress, require, spec_filter, stamp, view
from .crud import model_of

Handler = Callable[[Context], Any]
VALID = re.compile(r"@|^[0-9a-fA-F]{32,}$")


def upload_create(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    lst = require(ctx, "customer_list", ctx.path["customer_list_id"], "Customer list", account_id)
    body = ctx.body or {}
    ident = ctx.store.next_id()
    at = int(ctx.now())
    doc = {"id": ident, "ad_account_id": account_id, "customer_list_id": lst["id"], "operation": body.get("operation"),
           "state": "NOT_STARTED", "creation_time": at, "updated_time": at, "_parts": int(body.get("total_parts", 1)),
           "_lines": {}, "_parent": account_id}  # fmt: skip
    ctx.store.put("list_upload", ident, doc, parent=account_id)
    parts = [{"part_number": n, "presigned_url": ctx.url(f"/_sandbox/list_uploads/{ident}/{n}")}
             for n in range(1, doc["_parts"] + 1)]  # fmt: skip
    return {"customer_list_upload": _view(doc), "s3_multipart_upload_data": {"file_parts": parts}}


def _view(doc: dict[str, Any]) -> dict[str, Any]:
    return build("CustomerListUploadResponse", view(doc), {})


def _find(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    doc = require(ctx, "list_upload", ctx.path["customer_list_upload_id"], "Customer list upload", account_id)
    if doc["customer_list_id"] != ctx.path["customer_list_id"]:
        raise not_found("Customer list upload", doc["id"])
    return doc


def upload_run(ctx: Context) -> dict[str, Any]:
    doc = _find(ctx)
    if doc["state"] != "NOT_STARTED":
        # A second run conflicts with the upload's state, not with the request's shape: a 409.
        raise ApiError(409, f"Customer list upload {doc['id']} was already run (state {doc['state']})", code=409)
    doc["state"] = "RUNNING"
    doc["updated_time"] = int(ctx.now())
    ctx.store.put("list_upload", doc["id"], doc, parent=doc["_parent"])
    return _view(doc)


def upload_get(ctx: Context) -> dict[str, Any]:
    doc = _find(ctx)
    if doc["state"] == "RUNNING" and progress(ctx, "list_upload", doc):
        lines = [line for part in doc["_lines"].values() for line in part]
        valid = sum(1 for line in lines if VALID.search(line))
        doc["record_counts"] = {"processed": len(lines), "valid": valid, "invalid": len(lines) - valid}
        doc["error_counts"] = (
            [{"count": len(lines) - valid, "error_code": 1, "message": "Invalid record"}] if len(lines) > valid else []
        )
        doc["state"] = "SUCCEEDED"
        doc["updated_time"] = int(ctx.now())
        lst = ctx.store.get("customer_list", doc["customer_list_id"])
        if lst is not None:
            lst["num_batches"] = int(lst.get("num_batches", 0)) + 1
            counter = "num_removed_user_records" if doc.get("operation") == "REMOVE" else "num_uploaded_user_records"
            lst[counter] = int(lst.get(counter, 0)) + valid
            lst["updated_time"] = stamp("CustomerList", "updated_time", ctx.now())
            ctx.store.put("customer_list", lst["id"], lst, parent=lst.get("_parent", ""))
        ctx.store.put("list_upload", doc["id"], doc, parent=doc["_parent"])
    return _view(doc)


def receive_part(store: Any, upload_id: str, part: int, body: bytes) -> int:
    """Store one uploaded part (called by files.py); the HTTP status to answer."""
    doc = store.get("list_upload", upload_id)
    if doc is None or not 1 <= part <= int(doc["_parts"]):
        return 404
    doc["_lines"][str(part)] = [line.strip() for line in body.decode("utf-8", "replace").splitlines() if line.strip()]
    store.put("list_upload", upload_id, doc, parent=doc["_parent"])
    return 200


# -- audience sharing --------------------------------------------------------------------------


def share(account_type: str) -> Handler:
    def handler(ctx: Context) -> dict[str, Any]:
        account_id = str(account(ctx)["id"])
        body = ctx.body or {}
        audience = require(ctx, "audience", str(body.get("audience_id")), "Audience", account_id)
        recipients = [str(r) for r in body.get("recipient_account_ids") or body.get("recipient_business_ids") or []]
        for recipient in recipients:
            key = f"{audience['id']}:{account_type}:{recipient}"
            if body.get("operation_type") == "REVOKE":
                ctx.store.delete("audience_share", key)
            else:
                found = ctx.store.get("ad_account", recipient) if account_type == "AD_ACCOUNT" else None
                doc = {"id": key, "account_id": recipient, "account_type": account_type,
                       "account_name": (found or {}).get("name", recipient), "shared_on_timestamp": int(ctx.now()),
                       "_audience_id": audience["id"], "_parent": account_id}  # fmt: skip
                ctx.store.put("audience_share", key, doc, parent=account_id)
        answer = {"audience_id": audience["id"], "recipient_account_ids": recipients,
                  "recipient_business_ids": recipients, "permissions": ["RESOURCE_PINNER_LIST_READER"]}  # fmt: skip
        return build(model_of(ctx.op.id), answer, {})

    return handler


def shared_accounts(ctx: Context) -> dict[str, Any]:
    account_id = str(account(ctx)["id"])
    return ctx.page(
        "audience_share", account_id, spec_filter(ctx), lambda d: build("SharedAudienceAccount", view(d), {})
    )


HANDLERS: dict[str, Handler] = {
    "customer_list_uploads/create": upload_create,
    "customer_list_uploads/run": upload_run,
    "customer_list_uploads/get": upload_get,
    "update_ad_account_to_ad_account_shared_audience": share("AD_ACCOUNT"),
    "update_ad_account_to_business_shared_audience": share("BUSINESS_ACCOUNT"),
    "ad_accounts_audiences_shared_accounts/list": shared_accounts,
}
