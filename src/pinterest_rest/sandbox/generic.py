"""Answers for operations without a stateful handler: deterministic, valid against the spec.

The body is built from the operation's response schema (see samples.py), seeded by the operation
and its path values, so the same call always gets the same answer.
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
    return (status, body)


def shaped(name: str, data: dict[str, Any], seed: str = "") -> dict[str, Any]:
    """``data`` over a valid sample of the component schema ``name`` (fills fields a store lacks)."""
    base = sample({"$ref": f"#/$defs/{name}"}, seed or name)
    if not isinstance(base, dict):
        return dict(data)
    base.update(data)
    return base
