"""Write src/pinterest_rest/_data/schemas.json: JSON Schema (2020-12) for every request and response.

The spec is OpenAPI 3.0, whose schema dialect differs from JSON Schema in a few places; this module
translates those (nullable, boolean exclusiveMinimum, $ref targets) so a stock validator can check
bodies. The sandbox validates what it receives and the tests validate what the sandbox answers.
"""

from __future__ import annotations

import json
from typing import Any

from .build import Builder

DROP = {"discriminator", "xml", "externalDocs", "examples"}


def convert(node: Any) -> Any:
    if isinstance(node, list):
        return [convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in DROP:
            continue
        if key == "$ref":
            out[key] = "#/$defs/" + value.split("/")[-1]
        elif key in ("properties", "patternProperties"):
            out[key] = {k: convert(v) for k, v in value.items()}
        elif key in ("example", "default", "enum", "const"):
            out[key] = value
        elif key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
            continue  # handled below together with minimum/maximum
        else:
            out[key] = convert(value)
    for exclusive, bound in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if node.get(exclusive) is True and bound in out:
            out[exclusive] = out.pop(bound)
    if node.get("nullable"):
        out.pop("nullable", None)
        if "enum" in out and None not in out["enum"]:
            out["enum"] = [*out["enum"], None]
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        elif "type" not in out:
            out = {"anyOf": [out, {"type": "null"}]}
    else:
        out.pop("nullable", None)
    return out


def emit(builder: Builder) -> str:
    spec = builder.spec
    operations: dict[str, Any] = {}
    for op in builder.ops:
        raw = next(o for m, p, o in spec.operations() if o["operationId"] == op.id)
        params = {}
        for prm in raw.get("parameters", []):
            prm = spec.deref(prm)
            params[f"{prm['in']}:{prm['name']}"] = convert(prm.get("schema", {}))
        operations[op.id] = {
            "status": int(op.success_status),
            "params": params,
            "request": convert(op.request_schema) if op.request_schema else None,
            "response": convert(op.response_schema) if op.response_schema else None,
        }
    doc = {
        "spec_version": spec.version,
        "$defs": {name: convert(schema) for name, schema in spec.schemas.items()},
        "operations": operations,
    }
    return json.dumps(doc, indent=0, sort_keys=True, separators=(",", ":")) + "\n"
