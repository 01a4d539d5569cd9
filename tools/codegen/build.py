"""Turn the spec into the plain records every emitter writes out: operations and model classes."""

from __future__ import annotations

import keyword
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .naming import class_name, method_name, py_identifier, resource_name, snake
from .spec import JSON, Spec

PRIMITIVE = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


@dataclass
class ParamRec:
    name: str
    location: str
    type: str
    required: bool = False
    py_name: str = ""
    enum: tuple[Any, ...] | None = None
    items_type: str | None = None
    items_enum: tuple[Any, ...] | None = None
    style: str | None = None
    explode: bool | None = None
    nullable: bool = False
    pattern: str | None = None
    schema: str | None = None
    description: str = ""  # full text (docstrings); the registry keeps its first sentence
    default: Any = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    max_items: int | None = None
    min_items: int | None = None
    ptype: str | None = None  # generated TypedDict for an object (or array-of-object) field

    @property
    def attr(self) -> str:
        return self.py_name or self.name


@dataclass
class OpRec:
    id: str
    resource: str
    method_name: str
    http_method: str
    path: str
    tag: str
    params: list[ParamRec] = field(default_factory=list)
    body_type: str | None = None
    body_mode: str | None = None
    body_required: bool = False
    body_schema: str | None = None
    body_json_type: str = "object"
    body_max_items: int | None = None  # array bodies: the spec's maxItems
    body_min_items: int | None = None  # array bodies: the spec's minItems
    body_ptype: str | None = None  # TypedDict of a whole body (or of its array items)
    response_kind: str = "any"
    response_model: str | None = None
    paginated: bool = False
    security: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    ratelimit_category: str = ""
    sandbox: bool = False
    deprecated: bool = False
    summary: str = ""
    description: str = ""
    success_status: str = "200"
    request_schema: Any = None  # JSON schema node of the body (refs kept)
    response_schema: Any = None  # JSON schema node of the success body (refs kept)


@dataclass
class ModelRec:
    name: str  # Python class name
    source: str  # component schema name, or "" for synthetic
    schema: JSON  # flattened object schema
    area: str = "common"
    description: str = ""
    fields: list[tuple[str, str, str, str | None, int]] = field(default_factory=list)
    # (wire name, python attr, annotation, nested model name, nested kind 0=one 1=list 2=dict)
    required: set[str] = field(default_factory=set)  # response models: required, non-nullable wire names


class Builder:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.models: dict[str, ModelRec] = {}  # class name -> record
        self.by_source: dict[str, str] = {}  # component name -> class name
        self.ops: list[OpRec] = []
        self.params_types: dict[str, ModelRec] = {}  # TypedDicts of request bodies, by class name
        self.param_by_source: dict[str, str] = {}
        # named unions of request TypedDicts (oneOf bodies): alias -> (area, "A | B | ...")
        self.aliases: dict[str, tuple[str, str]] = {}

    # -- schemas -> model classes -------------------------------------------------------------

    def object_schema(self, node: JSON) -> JSON | None:
        """The merged object schema a node describes, or None if it is not an object with fields."""
        flat = self.spec.flatten(node)
        props: JSON = dict(flat.get("properties", {}))
        branches = list(flat.get("oneOf", [])) + list(flat.get("anyOf", []))
        mapping = flat.get("discriminator", {}).get("mapping", {})
        branches += [{"$ref": ref} for ref in mapping.values()]
        for branch in branches:
            sub = self.spec.flatten(branch)
            if sub.get("type") not in (None, "object") or "properties" not in sub:
                if not mapping:
                    return None if not props else {**flat, "properties": props}
                continue
            for key, value in sub["properties"].items():
                props[key] = self.merge_property(props[key], value) if key in props else value
        if not props:
            return None
        return {**flat, "properties": props}

    def merge_property(self, first: JSON, second: JSON) -> JSON:
        """One property seen in two union branches: enums united, differing types widened to any."""
        a, b = self.spec.flatten(first), self.spec.flatten(second)
        if self.spec.json_type(a) != self.spec.json_type(b):
            return {"description": a.get("description", "")}
        if "enum" in a and "enum" in b:
            return {**a, "enum": list(dict.fromkeys([*a["enum"], *b["enum"]]))}
        if "enum" in a or "enum" in b:
            return {k: v for k, v in a.items() if k != "enum"}
        return first

    def model_for(self, node: JSON, suggested: str, area: str) -> str | None:
        """Class name for an object schema node, creating the model record on first sight."""
        ref = self.spec.ref_name(node)
        if ref and ref in self.by_source:
            return self.by_source[ref]
        obj = self.object_schema(node)
        if obj is None:
            return None
        name = class_name(ref) if ref else suggested
        base = name
        n = 2
        while name in self.models and self.models[name].source != (ref or ""):
            name = f"{base}{n}"
            n += 1
        if ref:
            self.by_source[ref] = name
        rec = ModelRec(name, ref or "", obj, area, (obj.get("description") or "").strip())
        self.models[name] = rec
        rec.fields = [self.field_for(name, k, v, area) for k, v in obj["properties"].items()]
        rec.required = {
            k for k in obj.get("required", []) if k in obj["properties"] and not self.nullable(obj["properties"][k])
        }
        return name

    def nullable(self, node: JSON) -> bool:
        flat = self.spec.flatten(node)
        return bool(flat.get("nullable")) or None in flat.get("enum", [])

    def field_for(self, owner: str, wire: str, node: JSON, area: str) -> tuple[str, str, str, str | None, int]:
        attr = py_identifier(wire)
        suggested = owner + class_name(wire)
        kind, model, ann = self.annotation(node, suggested, area)
        return (wire, attr, ann, model, kind)

    def annotation(self, node: JSON, suggested: str, area: str) -> tuple[int, str | None, str]:
        """(nested kind, nested model, annotation) for a field's schema node."""
        target = self.spec.flatten(node)
        jtype = self.spec.json_type(node)
        if jtype == "array":
            items = target.get("items", {})
            if self.spec.json_type(items) == "object":
                model = self.model_for(items, suggested + "Item", area)
                if model:
                    return 1, model, f"list[{model}]"
            inner = self.enum_annotation(self.spec.flatten(items), self.spec.json_type(items))
            return -1, None, f"list[{inner}]"
        if jtype == "object":
            model = self.model_for(node, suggested, area)
            if model:
                return 0, model, model
            extra = target.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                model = self.model_for(extra, suggested + "Value", area)
                if model:
                    return 2, model, f"dict[str, {model}]"
            return -1, None, "dict[str, Any]"
        return -1, None, self.enum_annotation(target, jtype)

    def enum_annotation(self, node: JSON, jtype: str) -> str:
        """A response scalar: ``Literal[...] | str`` for enums (values for editors, new ones still typed)."""
        base = PRIMITIVE.get(jtype, "Any")
        values = [v for v in node.get("enum", []) if v is not None]
        if values and jtype in ("string", "integer") and all(isinstance(v, (str, int)) for v in values):
            return "Literal[" + ", ".join(repr(v) for v in values) + f"] | {base}"
        return base

    # -- request bodies -> TypedDicts ---------------------------------------------------------

    def component_of(self, node: JSON) -> str | None:
        """The component a schema node names: a ``$ref``, or an ``allOf`` holding one ``$ref`` and no fields."""
        ref = self.spec.ref_name(node)
        if ref or not isinstance(node, dict):
            return ref
        parts = node.get("allOf") or []
        if len(parts) == 1 and "properties" not in node:
            return self.spec.ref_name(parts[0])
        return None

    def type_name(self, scope: str, path: tuple[str, ...], taken: set[str], node: JSON) -> str:
        """Name of an inline request object: the declaring component plus the shortest unique tail of
        the field path below it (see docs/naming.md, "Request types")."""
        for n in range(1, len(path) + 1):
            name = scope + "".join(class_name(part) for part in path[-n:]) + "Param"
            owner = self.params_types.get(name)
            if name not in self.models and (owner is None or owner.schema == self.object_schema(node)):
                return name
        base = scope + "".join(class_name(part) for part in path) + "Param"
        name, n = base, 2
        while name in taken:
            name, n = f"{base}{n}", n + 1
        return name

    def param_type_for(
        self,
        node: JSON,
        scope: str,
        path: tuple[str, ...],
        area: str,
        discriminator: tuple[str, tuple[str, ...]] | None = None,
    ) -> str | None:
        """Annotation of an object schema sent in a request: a TypedDict, or a union of them for a
        ``oneOf``/``anyOf`` of objects. Each TypedDict is created on first sight."""
        flat = self.spec.flatten(node)
        if flat.get("oneOf") or flat.get("anyOf"):
            return self.param_union(flat, scope, path, area)
        ref = self.component_of(node)
        if ref and ref in self.param_by_source:
            return self.param_by_source[ref]
        obj = self.object_schema(node)
        if obj is None or not all(k.isidentifier() and not keyword.iskeyword(k) for k in obj["properties"]):
            return None
        taken = set(self.params_types) | set(self.models)
        name = class_name(ref) + "Param" if ref else self.type_name(scope, path, taken, node)
        if name in self.params_types and not ref:
            return name  # the same inline schema seen again (e.g. create and update share it)
        base, n = name, 2
        while name in taken:
            name, n = f"{base}{n}", n + 1
        if ref:
            self.param_by_source[ref] = name
        rec = ModelRec(name, ref or "", obj, area, (obj.get("description") or "").strip())
        self.params_types[name] = rec
        required = set(obj.get("required", []))
        inner_scope, inner_path = (class_name(ref), ()) if ref else (scope, path)
        props = dict(obj["properties"])
        if discriminator and discriminator[0] not in props:
            props[discriminator[0]] = {"type": "string"}
            required.add(discriminator[0])
        for wire, prop in props.items():
            if self.spec.flatten(prop).get("readOnly"):
                continue
            if discriminator and wire == discriminator[0]:
                ann = "Literal[" + ", ".join(repr(v) for v in discriminator[1]) + "]"
            else:
                ann = self.param_annotation(prop, inner_scope, (*inner_path, wire), area)
            rec.fields.append((wire, wire, ann, None, 1 if wire in required else 0))
        return name

    def param_union(self, flat: JSON, scope: str, path: tuple[str, ...], area: str) -> str | None:
        """``A | B`` of the branches' TypedDicts; the discriminator (when the spec maps one) typed as a
        Literal of the values that select each branch. None if a branch is not an object."""
        mapping = (flat.get("discriminator") or {}).get("mapping", {})
        prop = (flat.get("discriminator") or {}).get("propertyName")
        values: dict[str, list[str]] = defaultdict(list)
        for value, target in mapping.items():
            values[target.split("/")[-1]].append(value)
        names: list[str] = []
        branches = flat.get("oneOf") or flat.get("anyOf") or []
        for i, branch in enumerate(branches, 1):
            ref = self.component_of(branch)
            disc = (prop, tuple(values[ref])) if prop and ref in values else None
            name = self.param_type_for(branch, scope, (*path, f"option{i}"), area, disc)
            if name is None:
                return None
            names += [n for n in name.split(" | ") if n not in names]
        return " | ".join(names) or None

    def param_annotation(self, node: JSON, scope: str, path: tuple[str, ...], area: str) -> str:
        flat = self.spec.flatten(node)
        jtype = self.spec.json_type(node)
        if "enum" in flat and jtype in ("string", "integer"):
            values = [v for v in flat["enum"] if v is not None]
            if values:
                return "Literal[" + ", ".join(repr(v) for v in values) + "]"
        if jtype == "array":
            return f"list[{self.param_annotation(flat.get('items', {}), scope, path, area)}]"
        if jtype in ("object", "any") and (jtype == "object" or flat.get("oneOf") or flat.get("anyOf")):
            name = self.param_type_for(node, scope, path, area)
            return name or ("dict[str, Any]" if jtype == "object" else "Any")
        return PRIMITIVE.get(jtype, "Any")

    # -- operations ---------------------------------------------------------------------------

    def build(self) -> None:
        for method, path, op in self.spec.operations():
            self.ops.append(self.operation(method, path, op))
        names = {}
        for rec in self.ops:
            key = (rec.resource, rec.method_name)
            if key in names:
                raise SystemExit(f"name collision: {key} for {rec.id} and {names[key]}")
            names[key] = rec.id

    def operation(self, method: str, path: str, op: JSON) -> OpRec:
        tag = op["tags"][0]
        resource = resource_name(tag)
        rec = OpRec(
            id=op["operationId"],
            resource=resource,
            method_name=method_name(op["operationId"], resource),
            http_method=method,
            path=path,
            tag=tag,
            ratelimit_category=op.get("x-ratelimit-category", ""),
            sandbox=op.get("x-sandbox") == "enabled",
            deprecated=bool(op.get("deprecated")),
            summary=(op.get("summary") or "").strip(),
            description=(op.get("description") or "").strip(),
        )
        for entry in op.get("security", []):
            for scheme, scopes in entry.items():
                rec.security.append((scheme, tuple(scopes)))
        for raw in op.get("parameters", []):
            rec.params.append(self.parameter(raw))
        rec.paginated = any(p.name == "bookmark" and p.location == "query" for p in rec.params)
        self.request_body(rec, op.get("requestBody"))
        self.response(rec, op)
        return rec

    def parameter(self, raw: JSON) -> ParamRec:
        prm = self.spec.deref(raw)
        schema = self.spec.flatten(prm.get("schema", {}))
        jtype = self.spec.json_type(schema)
        rec = ParamRec(
            name=prm["name"],
            location=prm["in"],
            type=jtype,
            required=bool(prm.get("required")),
            description=(prm.get("description") or "").strip(),
            pattern=schema.get("pattern"),
        )
        rec.py_name = "" if py_identifier(rec.name) == rec.name else py_identifier(rec.name)
        self.fill_types(rec, schema)
        if jtype == "array":
            rec.style = prm.get("style", "form")
            rec.explode = prm.get("explode", rec.style == "form")
        elif jtype == "object" and "style" in prm:  # e.g. catalog_reports' `parameters` (deepObject)
            rec.style = prm["style"]
            rec.explode = prm.get("explode", rec.style in ("form", "deepObject"))
        return rec

    def fill_types(self, rec: ParamRec, schema: JSON) -> None:
        if "enum" in schema:
            rec.enum = tuple(v for v in schema["enum"] if v is not None)
        rec.nullable = bool(schema.get("nullable"))
        default = schema.get("default")
        rec.default = tuple(default) if isinstance(default, list) else default
        rec.minimum = schema.get("minimum")
        rec.maximum = schema.get("maximum")
        if rec.type == "array":
            rec.max_items = schema.get("maxItems")
            rec.min_items = schema.get("minItems")
        if rec.type == "array":
            items = self.spec.flatten(schema.get("items", {}))
            rec.items_type = self.spec.json_type(items)
            if "enum" in items:
                rec.items_enum = tuple(v for v in items["enum"] if v is not None)

    def request_body(self, rec: OpRec, body: JSON | None) -> None:
        if not body:
            return
        ctype, media = next(iter(body["content"].items()))
        rec.body_type = "form" if "x-www-form-urlencoded" in ctype else "json"
        rec.body_required = bool(body.get("required"))
        node = media.get("schema", {})
        rec.request_schema = node
        rec.body_schema = self.spec.ref_name(node)
        rec.body_json_type = self.spec.json_type(node)
        if rec.body_json_type == "array":
            flat = self.spec.flatten(node)
            rec.body_max_items = flat.get("maxItems")
            rec.body_min_items = flat.get("minItems")
        obj = self.object_schema(node) if rec.body_json_type in ("object", "any") else None
        area = snake(rec.resource)
        suggested = class_name(rec.resource) + class_name(rec.method_name) + "Body"
        if obj is None:
            rec.body_mode = "whole"
            target = self.spec.flatten(node).get("items", {}) if rec.body_json_type == "array" else node
            scope = class_name(rec.resource) + class_name(rec.method_name)
            rec.body_ptype = self.param_type_for(target, scope, ("body",), area)
            if rec.body_ptype and " | " in rec.body_ptype:
                # A oneOf body gets a name of its own, which hand-written helpers can import too.
                alias = scope + ("Item" if rec.body_json_type == "array" else "") + "Body"
                self.aliases[alias] = (area, rec.body_ptype)
                rec.body_ptype = alias
            return
        rec.body_mode = "fields"
        required = set(obj.get("required", [])) if rec.body_required else set()
        taken = {p.attr for p in rec.params}
        for wire, prop in obj["properties"].items():
            flat = self.spec.flatten(prop)
            if flat.get("readOnly"):
                continue
            prm = ParamRec(
                name=wire,
                location="body",
                type=self.spec.json_type(prop),
                required=wire in required,
                description=(flat.get("description") or "").strip(),
            )
            attr = py_identifier(wire)
            if attr in taken:
                attr = "body_" + attr
            prm.py_name = "" if attr == wire else attr
            self.fill_types(prm, flat)
            if prm.type in ("object", "array"):
                target = flat.get("items", {}) if prm.type == "array" else prop
                prm.schema = self.spec.ref_name(target)
                if prm.type == "object" or self.spec.json_type(target) == "object":
                    scope = class_name(rec.body_schema) if rec.body_schema else suggested[: -len("Body")]
                    prm.ptype = self.param_type_for(target, scope, (wire,), area)
            rec.params.append(prm)

    def response(self, rec: OpRec, op: JSON) -> None:
        codes = sorted(c for c in op["responses"] if c.startswith("2"))
        code = codes[0] if codes else "200"
        rec.success_status = code
        content = op["responses"].get(code, {}).get("content") or {}
        media = content.get("application/json")
        if not media or "schema" not in media:
            rec.response_kind = "none" if code == "204" or not content else "any"
            return
        node = media["schema"]
        rec.response_schema = node
        suggested = class_name(rec.resource) + class_name(rec.method_name) + "Response"
        area = snake(rec.resource)
        if rec.paginated:
            obj = self.object_schema(node) or {}
            items = obj.get("properties", {}).get("items")
            if items is None:
                raise SystemExit(f"{rec.id}: paginated response has no items")
            rec.response_kind = "page"
            rec.response_model = self.model_for(
                self.spec.flatten(items).get("items", {}), suggested[: -len("Response")] + "Item", area
            )
            return
        jtype = self.spec.json_type(node)
        if jtype == "array":
            items = self.spec.flatten(node).get("items", {})
            rec.response_kind = "list"
            rec.response_model = self.model_for(items, suggested[: -len("Response")] + "Item", area)
            return
        model = self.model_for(node, suggested, area) if jtype in ("object", "any") else None
        if model:
            rec.response_kind = "model"
            rec.response_model = model
        else:
            rec.response_kind = "any"


def build(spec: Spec) -> Builder:
    builder = Builder(spec)
    builder.build()
    return builder
