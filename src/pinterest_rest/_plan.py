"""Facts about one operation that every call needs, computed once per operation and cached.

The request pipeline used to rescan an operation's params on every call (is there an
``ad_account_id``? which keywords are valid?). A ``Plan`` holds the answers; ``plan_for`` builds it
on the operation's first call, so neither import time nor later calls pay for it.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

from ._options import CALL_OPTIONS, OPTION_NAMES

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._operation import Operation, Param


def _split_path(template: str) -> tuple[str, ...]:
    """``"/boards/{board_id}/pins"`` -> ``("/boards/", "board_id", "/pins")`` (no regex: cold start)."""
    parts: list[str] = []
    rest = template
    while "{" in rest:
        literal, _, rest = rest.partition("{")
        name, _, rest = rest.partition("}")
        parts += (literal, name)
    parts.append(rest)
    return tuple(parts)


# (minItems, maxItems) of an array; None where the spec sets no bound.
Limits = tuple["int | None", "int | None"]


class Plan:
    __slots__ = (
        "_compiled",
        "_limits",
        "auth_scheme",
        "digit_ids",
        "fields",
        "keywords",
        "label",
        "model",
        "options",
        "path_parts",
        "patterns",
        "takes_ad_account_id",
    )

    def __init__(self, op: Operation) -> None:
        self.label = f"{op.resource}.{op.method_name}()"  # how the user called it, for error messages
        self.options = OPTION_NAMES if op.paginated else CALL_OPTIONS  # what may arrive in **options
        params = frozenset(p.attr for p in op.params)
        self.keywords = params | self.options | ({"body"} if op.body_mode == "whole" else frozenset())
        self.takes_ad_account_id = any(p.name == "ad_account_id" for p in op.params)
        # Path and query parameters' spec patterns by wire name, as the spec writes them; compiled by
        # ``pattern()`` when a value first needs checking (a numeric id never does: see digit_ids).
        self.patterns: dict[str, str] = {p.name: p.pattern for p in op.params if p.pattern and p.location != "body"}
        self._compiled: dict[str, re.Pattern[str]] = {}
        # Path params for which a string of ASCII digits is valid as it is (pattern ^\d+$ or none):
        # the request builder takes a fast path for them.
        self.digit_ids: frozenset[str] = frozenset(
            p.name for p in op.params if p.location == "path" and p.pattern in (None, r"^\d+$") and not p.enum
        )
        # (keyword, wire name, location, required, param) per param, read by the request builder
        # on every call (``Param.attr`` is a property: worked out here once).
        self.fields: tuple[tuple[str, str, str, bool, Param], ...] = tuple(
            (p.attr, p.name, p.location, p.required, p) for p in op.params
        )
        # The path template split at its placeholders: literal, name, literal, ... (odd length), so
        # the request builder joins strings instead of running str.format_map on every call.
        self.path_parts: tuple[str, ...] = _split_path(op.path)
        self._limits: dict[str, Limits] | None = None
        # Read by the send loop on every attempt; ``Operation.auth_scheme`` hashes the security
        # requirements on each read.
        self.auth_scheme = op.auth_scheme
        # The model class a one-object answer is wrapped in (None for every other kind of answer):
        # looked up here once instead of by name on every call.
        self.model: type | None = None
        if op.response_kind == "model" and op.response_model is not None:
            from ._model import model_class

            self.model = model_class(op.response_model)

    def pattern(self, name: str) -> re.Pattern[str] | None:
        """The compiled pattern of path or query parameter ``name`` (its wire name), if it has one.

        The spec's patterns are ECMAScript regexes, where ``\\d`` means [0-9]: hence re.ASCII.
        """
        compiled = self._compiled.get(name)
        if compiled is None:
            source = self.patterns.get(name)
            if source is None:
                return None
            compiled = self._compiled[name] = re.compile(source, re.ASCII)
        return compiled

    def limits(self, op: Operation) -> Mapping[str, Limits]:
        """Array size bounds by argument name ("body" for a whole-array body); built on first need."""
        if self._limits is None:
            self._limits = _array_limits(op)
        return self._limits


# operationId -> (the record the plan was made for, its plan). The record is kept beside its plan and
# compared by identity, so a record that merely shares an id (a `client.request` one-off, a package
# regenerated from another spec in the same process, a test's own record) never gets another
# record's plan; only the registry's records are cached, so one-off records cannot grow the cache.
_PLANS: dict[str, tuple[Operation, Plan]] = {}
_lock = threading.Lock()


def plan_for(op: Operation) -> Plan:
    cached = _PLANS.get(op.id)
    if cached is not None and cached[0] is op:
        return cached[1]
    plan = Plan(op)
    if _is_registry_record(op):
        with _lock:
            _PLANS[op.id] = (op, plan)
    return plan


def _is_registry_record(op: Operation) -> bool:
    from . import _registry

    try:
        return _registry.get(op.id) is op
    except KeyError:
        return False


# -- array size limits (maxItems / minItems) -------------------------------------------------------
#
# The generator copies the spec's bounds into the records: ``Param.min_items``/``max_items`` for
# array arguments, ``Operation.body_min_items``/``body_max_items`` for a whole-array body.


def _array_limits(op: Operation) -> dict[str, Limits]:
    limits: dict[str, Limits] = {}
    for p in op.params:
        if p.type == "array" and (p.min_items is not None or p.max_items is not None):
            limits[p.attr] = (p.min_items, p.max_items)
    if op.body_mode == "whole" and (op.body_min_items is not None or op.body_max_items is not None):
        limits["body"] = (op.body_min_items, op.body_max_items)
    return limits
