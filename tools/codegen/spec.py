"""Load the OpenAPI document and answer the few questions the generators ask of it.

Everything here is plain data in, plain data out: no code generation happens in this module.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SPEC = ROOT.parent / "shared" / "pinterest-api" / "openapi.json"
HTTP_METHODS = ("get", "post", "put", "patch", "delete")

JSON = dict[str, Any]


def spec_path(override: str | None = None) -> Path:
    """The spec to read: --spec, then $PINTEREST_OPENAPI_SPEC, then ../shared/pinterest-api/openapi.json."""
    if override:
        return Path(override)
    env = os.environ.get("PINTEREST_OPENAPI_SPEC")
    return Path(env) if env else DEFAULT_SPEC


class Spec:
    def __init__(self, doc: JSON) -> None:
        self.doc = doc
        self.schemas: dict[str, JSON] = doc["components"]["schemas"]
        self.parameters: dict[str, JSON] = doc["components"].get("parameters", {})
        self.version: str = doc["info"]["version"]

    @classmethod
    def load(cls, path: Path) -> Spec:
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh))

    def operations(self) -> list[tuple[str, str, JSON]]:
        """(METHOD, path, operation) in document order."""
        out = []
        for path, item in self.doc["paths"].items():
            shared = item.get("parameters", [])
            for method in HTTP_METHODS:
                if method in item:
                    op = dict(item[method])
                    if shared:
                        op["parameters"] = shared + op.get("parameters", [])
                    out.append((method.upper(), path, op))
        return out

    def deref(self, node: JSON) -> JSON:
        """Follow $ref chains (components/schemas and components/parameters) to the target."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            kind, name = node["$ref"].split("/")[-2:]
            node = self.schemas[name] if kind == "schemas" else self.parameters[name]
            seen += 1
            if seen > 50:
                raise ValueError(f"$ref loop at {name}")
        return node

    @staticmethod
    def ref_name(node: JSON) -> str | None:
        ref = node.get("$ref") if isinstance(node, dict) else None
        return ref.split("/")[-1] if ref else None

    def flatten(self, node: JSON) -> JSON:
        """Merge allOf parts into one object schema (properties, required); other keys kept from the node."""
        node = self.deref(node)
        if "allOf" not in node:
            return node
        merged: JSON = {k: v for k, v in node.items() if k != "allOf"}
        props: JSON = dict(merged.get("properties", {}))
        required: list[str] = list(merged.get("required", []))
        for part in node["allOf"]:
            flat = self.flatten(part)
            props.update(flat.get("properties", {}))
            required += [r for r in flat.get("required", []) if r not in required]
            for key, value in flat.items():
                if key not in ("properties", "required") and key not in merged:
                    merged[key] = value
        if props:
            merged["properties"] = props
            merged.setdefault("type", "object")
        if required:
            merged["required"] = required
        return merged

    def json_type(self, node: JSON) -> str:
        """One coarse JSON type name for a schema: string/integer/number/boolean/array/object/any."""
        node = self.flatten(node)
        t = node.get("type")
        if isinstance(t, str):
            return t
        if "properties" in node:
            return "object"
        for key in ("oneOf", "anyOf"):
            if key in node:
                kinds = {self.json_type(n) for n in node[key]}
                return kinds.pop() if len(kinds) == 1 else "any"
        if "enum" in node:
            return "string"
        return "any"
