"""The registry as the CLI walks it: groups and commands from the registry's index, records on demand.

Nothing here copies the registry. The group and command names come from
``pinterest_rest._registry.INDEX`` (operationId -> area, method, HTTP method, path), which is all
``pinterest --help`` needs; a command's record is the registry's own ``Operation``, loaded with
its area only when that command is run or its help shown (``pinterest boards list --help`` loads
the ``boards`` area alone). Measured in benchmarks and tests/cli/startup_bench.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .._operation import Operation

_AD_PREFIX = "/ad_accounts/{ad_account_id}"


def kebab(name: str) -> str:
    """``list_pins`` -> ``list-pins``; ``offerCodeHash`` -> ``offer-code-hash``."""
    out = []
    for i, ch in enumerate(name):
        if ch.isupper() and i and name[i - 1].islower():
            out.append("-")
        out.append("-" if ch == "_" else ch.lower())
    return "".join(out)


def command_of(op: Operation) -> str:
    """The command line that runs an operation, e.g. ``boards list-pins``."""
    from .names import group_name

    return f"{group_name(op.resource)} {kebab(op.method_name)}"


class Index:
    """Every operation, by (resource, method), in registry order."""

    def __init__(self) -> None:
        self._ad_scoped: tuple[str, ...] | None = None

    @property
    def groups(self) -> Mapping[str, Mapping[str, str]]:
        """resource -> {method_name: op id}: the registry's own table (its index, loaded on first
        use: running or explaining one command never needs it), read, never changed here."""
        from .._registry import GROUPS

        return GROUPS

    def resource(self, word: str) -> str | None:
        """The resource a group word names (``names.resource_of``), found without the index."""
        from .._registry import known_area
        from .names import resource_of

        return resource_of(word, lambda name: known_area(name) is not None)

    @property
    def ad_scoped(self) -> tuple[str, ...]:
        """Resources whose every operation lives under /ad_accounts/{ad_account_id} (worked out when
        first asked: only ``ad-accounts ...`` commands, the top help and completion ask)."""
        if self._ad_scoped is None:
            from .._registry import INDEX

            self._ad_scoped = tuple(
                r
                for r, methods in self.groups.items()
                if r != "ad_accounts" and all(INDEX[op_id][3].startswith(_AD_PREFIX) for op_id in methods.values())
            )
        return self._ad_scoped

    def __len__(self) -> int:
        return sum(len(methods) for methods in self.groups.values())

    def find(self, resource: str, method_name: str) -> Operation | None:
        from .._registry import find

        return find(resource, method_name)

    def all(self) -> list[Operation]:
        from .._registry import all as every

        return every()

    def method_for_command(self, resource: str, word: str) -> str | None:
        name = word.replace("-", "_")
        return name if self.find(resource, name) is not None else None
