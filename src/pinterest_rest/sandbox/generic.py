"""Answers for operations without a stateful handler: deterministic, valid against the spec.

The body is built from the operation's response schema (see samples.py), seeded by the operation
and its path values, so the same call always gets the same answer. A read answers for the ids it
was asked about: path values fill the fields of the same name (``ad_account_id``), and the last
path id fills the object's ``id`` (``GET /resources/targeting/interests/777`` answers id 777).
"""

from __future__ import annotations

from typing import Any

from . import schemas
from .context import Context
from .samples import sample


def generic_response(ctx: Context) -> tuple[int, Any]:
    spec = schemas.operation(ctx.op.id)
    status = int(spec["status"])
    if ctx.op.response_kind == "none" or spec["response"] is None:
        return (status, None)
    seed = ctx.op.id + "|" + "|".join(f"{k}={v}" for k, v in sorted(ctx.path.items()))
    body = sample(spec["response"], seed)
    if ctx.op.paginated and isinstance(body, dict):
        body["bookmark"] = None
    _echo_path(ctx, body, f"op:{ctx.op.id}|response")
    return (status, body)


def _echo_path(ctx: Context, body: Any, key: str) -> None:
    """Put the path's ids into the answer where a field of that name exists and the value fits."""
    if not ctx.path or not isinstance(body, dict):
        return
    last = ctx.op.path_params[-1].name if ctx.op.path_params else None
    targets = [body, *(i for i in body.get("items", []) if isinstance(i, dict))] if ctx.op.paginated else [body]
    for target in targets:
        for name, value in ctx.path.items():
            if name in target:
                target[name] = value
        if last and not ctx.op.paginated and "id" in target and last.endswith("_id"):
            target["id"] = ctx.path[last]
    if schemas.errors(key, body):  # an id that does not fit the field's pattern: keep the sample
        for target in targets:
            for name in ctx.path:
                target.pop(name, None)
        fresh = sample(schemas.operation(ctx.op.id)["response"], ctx.op.id + "|" + "|".join(sorted(ctx.path.values())))
        body.clear()
        body.update(fresh if isinstance(fresh, dict) else {})
        if ctx.op.paginated:
            body["bookmark"] = None


def shaped(name: str, data: dict[str, Any], seed: str = "") -> dict[str, Any]:
    """``data`` over a valid sample of the component schema ``name`` (fills fields a store lacks).

    Where ``name`` is a union, the branch is the one ``data``'s enum fields select (a HOTEL
    product group is sampled from the HOTEL branch)."""
    base = sample({"$ref": f"#/$defs/{name}"}, seed or name, hint=data)
    if not isinstance(base, dict):
        return dict(data)
    base.update(data)
    return base
