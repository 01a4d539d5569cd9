"""Match (method, path) to an operation, with routes compiled from the registry's path templates."""

from __future__ import annotations

import re
from functools import lru_cache

from .._operation import Operation
from .._registry import OPERATIONS


def _compile(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    regex = "".join(f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts)
    # Exact: the spec defines no trailing-slash variants, so "/boards/1/" is not "/boards/1" (a client
    # that builds a wrong path gets a 404 here, not another resource's answer).
    return re.compile(f"^{regex}$")


def _specificity(op: Operation) -> tuple[int, int]:
    segments = op.path.strip("/").split("/")
    literal = sum(1 for s in segments if not s.startswith("{"))
    # Literal segments first, so /ad_groups/analytics wins over /ad_groups/{ad_group_id}.
    return (-literal, len(segments))


@lru_cache(maxsize=1)
def routes() -> list[tuple[str, re.Pattern[str], Operation]]:
    ordered = sorted(OPERATIONS.values(), key=_specificity)
    return [(op.http_method, _compile(op.path), op) for op in ordered]


def match(method: str, path: str) -> tuple[Operation, dict[str, str]] | str | None:
    """The operation and its path values; the string "method" when only the method is wrong."""
    path_matched = False
    for verb, regex, op in routes():
        found = regex.match(path)
        if found is None:
            continue
        if verb == method:
            return op, found.groupdict()
        path_matched = True
    return "method" if path_matched else None
