"""Small shared types: the "not given" sentinel, timeouts, per-call options and the lazy resource descriptor."""

# No `from __future__ import annotations` here: `TypedDict` compiles every string annotation of
# RequestOptions when the class is made (about 1 ms of every cold start); real ones cost nothing.
# The few names used before they exist are quoted instead.

from importlib import import_module
from typing import TYPE_CHECKING, Any, Final, Literal, TypedDict, TypeVar, overload


class NotGiven:
    """Marks an argument the caller did not pass.

    ``None`` cannot play this role: for a nullable body field it means "send null", and for
    ``timeout`` it means "no timeout". Generated methods default every optional argument to
    ``NOT_GIVEN`` and the request builder drops those.
    """

    _instance: "NotGiven | None" = None

    def __new__(cls) -> "NotGiven":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> "Literal[False]":
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


_INF = float("inf")


class Timeout:
    """Seconds to wait: ``connect`` for the TCP/TLS handshake, ``read`` between bytes of the answer.

    ``None`` for either means wait forever. The default (5 s connect, 60 s read) fits Pinterest's
    API, whose slowest synchronous calls (analytics) answer within tens of seconds. The async
    client enforces ``read`` as a deadline for the whole answer rather than per chunk (cheaper in
    aiohttp, and the same for API-sized bodies).
    """

    # A plain immutable slotted class, not a dataclass: `dataclasses` costs several ms of cold start.
    __slots__ = ("connect", "read")
    connect: float | None
    read: float | None

    def __init__(self, connect: float | None = 5.0, read: float | None = 60.0) -> None:
        self._check(connect, read)
        object.__setattr__(self, "connect", connect)
        object.__setattr__(self, "read", read)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Timeout is immutable: cannot set {name!r} (make a new Timeout)")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeout):
            return NotImplemented
        return (self.connect, self.read) == (other.connect, other.read)

    def __hash__(self) -> int:
        return hash((self.connect, self.read))

    def __repr__(self) -> str:
        return f"Timeout(connect={self.connect!r}, read={self.read!r})"

    def __reduce__(self) -> "tuple[type[Timeout], tuple[float | None, float | None]]":
        return (Timeout, (self.connect, self.read))

    @staticmethod
    def _check(connect: float | None, read: float | None) -> None:
        if (connect is None or (type(connect) is float and 0.0 <= connect < _INF)) and (
            read is None or (type(read) is float and 0.0 <= read < _INF)
        ):
            return  # the common case, kept cheap: a per-call timeout builds one of these per call
        for name, value in (("connect", connect), ("read", read)):
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0 <= value < float("inf")):
                from ._errors import ValidationError  # the error path only: keeps this module light

                raise ValidationError(
                    f"Timeout.{name} must be a finite number of seconds >= 0 or None (no limit), not {value!r}",
                    argument=f"timeout.{name}",
                )

    @classmethod
    def of(cls, value: "TimeoutTypes") -> "Timeout | None":
        """A number (both phases), a ``(connect, read)`` tuple, a ``Timeout`` or None (no timeout)."""
        from ._options import check_timeout

        return check_timeout(value, "timeout", "Timeout.of()")


TimeoutTypes = float | tuple[float | None, float | None] | Timeout | None  # `|`: cheaper to build than Union[...]
DEFAULT_TIMEOUT: Final = Timeout()
DEFAULT_MAX_RETRIES: Final = 3  # 4 attempts: >= 99 % success under 30 % transient faults (docs/retries.md)


class RequestOptions(TypedDict, total=False):
    """Keyword options every generated method accepts after its own arguments."""

    timeout: TimeoutTypes
    max_retries: int
    retry_writes: bool  # retry POST/PATCH/DELETE even when the server may have processed them
    extra_headers: dict[str, str]
    extra_query: dict[str, Any]
    extra_body: dict[str, Any]
    max_items: int  # paginated methods: stop after this many items in total


# -- client.<resource> --------------------------------------------------------------------------
#
# The resource module is imported on first access, then the instance is kept. One small descriptor
# object per resource instead of a generated function per resource (what ``functools.cached_property``
# needs): the accessor classes (generated, resources/__init__.py) are on every client's import path, so they
# should cost next to nothing to load. Typed as generic, so ``client.boards`` is ``Boards``; at run
# time ``LazyResource[...]`` appears only in string annotations, so the class is not made a
# ``typing.Generic`` (whose class machinery is most of this descriptor's import cost).

R = TypeVar("R")

if TYPE_CHECKING:
    from typing import Generic as _Generic
else:

    class _Generic:
        __slots__ = ()

        def __class_getitem__(cls, item):
            return cls


class LazyResource(_Generic[R]):
    # Each accessor attribute is named after its resource module (the generator writes them so,
    # tests/core/test_cold_path.py checks it), which spares a __set_name__ call per descriptor.
    __slots__ = ("cls_name", "module")

    def __init__(self, module: str, cls_name: str) -> None:
        self.module = module  # pinterest_rest.resources.<module>, and the attribute's name
        self.cls_name = cls_name

    @overload
    def __get__(self, obj: None, cls: "type | None" = None) -> "LazyResource[R]": ...

    @overload
    def __get__(self, obj: object, cls: "type | None" = None) -> R: ...

    def __get__(self, obj: "object | None", cls: "type | None" = None) -> Any:
        if obj is None:
            return self
        resource_cls = getattr(import_module(f"pinterest_rest.resources.{self.module}"), self.cls_name)
        value = resource_cls(obj)
        obj.__dict__[self.module] = value  # a non-data descriptor: the instance dict answers from now on
        return value
