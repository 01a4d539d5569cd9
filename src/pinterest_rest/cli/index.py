"""The registry as the CLI reads it: plain data, cached so start-up does not pay for the registry.

Importing ``pinterest_rest._registry`` builds 231 ``Operation`` records (about 60 ms), which alone
would make ``pinterest --help`` several times slower than ``import pinterest_rest``. The CLI only
needs that cost when it sends a request. For parsing and help it reads the same records dumped to
plain tuples and dicts with ``marshal`` into the user cache dir, keyed by the registry file's size
and mtime and the package version, and rebuilt from the registry whenever the key changes. The
cache is derived data only: deleting it is always safe, and nothing describes the API but the
registry.
"""

from __future__ import annotations

import marshal
import os
from typing import Any

from .._version import __version__

FORMAT = 3
_FILE = "cli-index.marshal"

# Fields of a Param / Operation record kept for the CLI, with their defaults (omitted when equal).
_PARAM_DEFAULTS: dict[str, Any] = {
    "required": False,
    "py_name": "",
    "enum": None,
    "items_type": None,
    "items_enum": None,
    "nullable": False,
    "schema": None,
    "description": "",
}
_OP_FIELDS = (
    "http_method",
    "path",
    "body_type",
    "body_mode",
    "body_required",
    "body_schema",
    "response_kind",
    "paginated",
    "security",
    "deprecated",
    "summary",
)


def kebab(name: str) -> str:
    """``list_pins`` -> ``list-pins``; ``offerCodeHash`` -> ``offer-code-hash``."""
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and name[i - 1].islower():
            out.append("-")
        out.append("-" if ch == "_" else ch.lower())
    return "".join(out)


class ParamInfo:
    """Read-only view of one ``Param`` of the registry (see ``_operation.Param``)."""

    __slots__ = (
        "description",
        "enum",
        "items_enum",
        "items_type",
        "location",
        "name",
        "nullable",
        "py_name",
        "required",
        "schema",
        "type",
    )

    def __init__(self, record: tuple[str, str, str, dict[str, Any]]) -> None:
        self.name, self.location, self.type, extra = record
        self.required: bool = extra.get("required", False)
        self.py_name: str = extra.get("py_name", "")
        self.enum: tuple[Any, ...] | None = extra.get("enum")
        self.items_type: str | None = extra.get("items_type")
        self.items_enum: tuple[Any, ...] | None = extra.get("items_enum")
        self.nullable: bool = extra.get("nullable", False)
        self.schema: str | None = extra.get("schema")
        self.description: str = extra.get("description", "")

    @property
    def attr(self) -> str:
        """The Python keyword of the generated method."""
        return self.py_name or self.name


class OpInfo:
    """Read-only view of one ``Operation`` of the registry (see ``_operation.Operation``)."""

    __slots__ = (
        "body_mode",
        "body_required",
        "body_schema",
        "body_type",
        "deprecated",
        "http_method",
        "id",
        "method_name",
        "paginated",
        "params",
        "path",
        "resource",
        "response_kind",
        "security",
        "summary",
    )

    def __init__(self, op_id: str, record: dict[str, Any]) -> None:
        self.id = op_id
        self.resource: str = record["resource"]
        self.method_name: str = record["method_name"]
        self.http_method: str = record["http_method"]
        self.path: str = record["path"]
        self.body_type: str | None = record["body_type"]
        self.body_mode: str | None = record["body_mode"]
        self.body_required: bool = record["body_required"]
        self.body_schema: str | None = record["body_schema"]
        self.response_kind: str = record["response_kind"]
        self.paginated: bool = record["paginated"]
        self.security: tuple[tuple[str, tuple[str, ...]], ...] = record["security"]
        self.deprecated: bool = record["deprecated"]
        self.summary: str = record["summary"]
        self.params = tuple(ParamInfo(p) for p in record["params"])

    @property
    def command(self) -> str:
        """The command line that runs this operation, e.g. ``boards list-pins``."""
        from .names import group_name

        return f"{group_name(self.resource)} {kebab(self.method_name)}"

    @property
    def path_params(self) -> tuple[ParamInfo, ...]:
        return tuple(p for p in self.params if p.location == "path")

    @property
    def scopes(self) -> tuple[str, ...]:
        for scheme, scopes in self.security:
            if scheme == "pinterest_oauth2":
                return scopes
        return ()

    @property
    def has_body(self) -> bool:
        return self.body_mode is not None


class Index:
    """Every operation, by id and by (resource, method).

    The records of each resource are kept marshalled until a command of that resource is run, so
    ``pinterest --help`` and ``pinterest boards list --help`` decode only what they show.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self._blobs: dict[str, bytes] = data["records"]  # resource -> marshal({op id: record})
        self._records: dict[str, dict[str, Any]] = {}
        self._views: dict[str, OpInfo] = {}
        # resource -> {method_name: op id}, in registry order
        self.groups: dict[str, dict[str, str]] = data["groups"]
        self._resource_of = {op_id: r for r, methods in self.groups.items() for op_id in methods.values()}
        # resources whose every operation lives under /ad_accounts/{ad_account_id}
        self.ad_scoped: tuple[str, ...] = tuple(data["ad_scoped"])

    def __len__(self) -> int:
        return len(self._resource_of)

    def _record(self, op_id: str) -> dict[str, Any]:
        resource = self._resource_of[op_id]
        records = self._records.get(resource)
        if records is None:
            records = self._records[resource] = marshal.loads(self._blobs[resource])
        record: dict[str, Any] = records[op_id]
        return record

    def op(self, op_id: str) -> OpInfo:
        view = self._views.get(op_id)
        if view is None:
            view = self._views[op_id] = OpInfo(op_id, self._record(op_id))
        return view

    def find(self, resource: str, method_name: str) -> OpInfo | None:
        op_id = self.groups.get(resource, {}).get(method_name)
        return None if op_id is None else self.op(op_id)

    def all(self) -> list[OpInfo]:
        return [self.op(op_id) for op_id in self._resource_of]

    def resource_for_command(self, word: str) -> str | None:
        """``boards`` -> ``boards``, ``user-account`` -> ``user_account``, unknown -> None."""
        name = word.replace("-", "_")
        return name if name in self.groups else None

    def method_for_command(self, resource: str, word: str) -> str | None:
        methods = self.groups.get(resource, {})
        name = word.replace("-", "_")
        return name if name in methods else None


def build() -> dict[str, Any]:
    """The index data, from the registry."""
    from .._registry import OPERATIONS

    ops: dict[str, dict[str, Any]] = {}
    groups: dict[str, dict[str, str]] = {}
    for op in OPERATIONS.values():
        record: dict[str, Any] = {"resource": op.resource, "method_name": op.method_name}
        for name in _OP_FIELDS:
            record[name] = getattr(op, name)
        params = []
        for p in op.params:
            extra = {k: getattr(p, k) for k, default in _PARAM_DEFAULTS.items() if getattr(p, k) != default}
            params.append((p.name, p.location, p.type, extra))
        record["params"] = tuple(params)
        ops[op.id] = record
        groups.setdefault(op.resource, {})[op.method_name] = op.id
    prefix = "/ad_accounts/{ad_account_id}"
    ad_scoped = [
        resource
        for resource, methods in groups.items()
        if resource != "ad_accounts" and all(ops[i]["path"].startswith(prefix) for i in methods.values())
    ]
    records = {
        resource: marshal.dumps({op_id: ops[op_id] for op_id in methods.values()})
        for resource, methods in groups.items()
    }
    return {"records": records, "groups": groups, "ad_scoped": ad_scoped}


def _key() -> str | None:
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        st = os.stat(os.path.join(here, "_registry", "_index.py"))
    except OSError:
        return None
    return f"{FORMAT}:{__version__}:{st.st_size}:{st.st_mtime_ns}"


def load(cache_dir: str | None) -> Index:
    """The index, from the cache when it matches the installed registry, else rebuilt (and cached)."""
    key = _key()
    path = os.path.join(cache_dir, _FILE) if cache_dir and key else None
    if path is not None:
        try:
            with open(path, "rb") as fh:
                cached = marshal.loads(fh.read())  # one read: marshal.load(fh) reads in small pieces
            if isinstance(cached, dict) and cached.get("key") == key:
                return Index(cached)
        except (OSError, ValueError, EOFError, TypeError):
            pass
    data = build()
    if path is not None:
        _store(path, {**data, "key": key})
    return Index(data)


def _store(path: str, data: dict[str, Any]) -> None:
    """Write atomically; a read-only or missing cache dir only costs speed."""
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump(data, fh)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
