"""The record types of the generated operation registry: one ``Operation`` per operationId.

The registry (``pinterest_rest._registry``) is generated from the OpenAPI spec by ``tools/codegen``
as literal data, one module per resource, and everything that needs to know the API surface (the
request pipeline, the resources, the sandbox, the CLI, the docs, the tests) reads these records
instead of the spec. This is the only definition of the record shape: the generator writes
constructor calls of these classes and nothing mirrors them.

The records are named tuples rather than dataclasses on purpose: building one is a single
``tuple.__new__`` call and reading a field is a C-level item getter, so loading an area of the
registry costs microseconds per record, and no ``dataclasses`` import lands on the cold-start path.
They are immutable, hashable and compare by value.

Type checkers see ``typing.NamedTuple`` classes. At run time the same class bodies are finished by
``_record()`` instead: ``typing.NamedTuple`` type-checks every annotation and compiles a ``__new__``
from source text (about 2 ms of every cold start for these two classes), while here each class
gets a ``__new__`` written out below (its parameters are checked against the annotated fields, its
defaults are the class body's) and the same surface as a ``collections.namedtuple`` class:
``_fields``, ``_field_defaults``, ``_make``, ``_replace``, ``_asdict``, the ``repr``, pickling and
``match`` support (see tests/core/test_records.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Literal, Union
    from typing import NamedTuple as _Record

    Location = Literal["path", "query", "body"]
    # "lenient": the JSON when the body parses, else its text (only `client.request` makes such records).
    ResponseKind = Literal["model", "page", "list", "none", "any", "lenient"]
    Scalar = Union[str, int, float, bool]
    # A spec `default`: a scalar, or a tuple of scalars for arrays. None means the spec gives none.
    Default = Union[Scalar, tuple[Scalar, ...], None]
else:
    from _collections import _tuplegetter

    _tuple_new = tuple.__new__

    class _RecordMeta(type):
        """Gives every record class ``__slots__ = ()``: no instance dict, as a named tuple."""

        def __new__(mcls, name, bases, ns):
            ns["__slots__"] = ()
            return super().__new__(mcls, name, bases, ns)

    class _Record(tuple, metaclass=_RecordMeta):
        """What ``collections.namedtuple`` gives its classes, written once for every record type."""

        _fields = ()
        _repr_format = "()"

        @classmethod
        def _make(cls, iterable):
            result = _tuple_new(cls, iterable)
            if len(result) != len(cls._fields):
                raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")
            return result

        def _replace(self, /, **kwds):
            result = self._make(map(kwds.pop, self._fields, self))
            if kwds:
                raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
            return result

        def __repr__(self):
            return self.__class__.__name__ + self._repr_format % self

        def _asdict(self):
            return dict(zip(self._fields, self))

        def __getnewargs__(self):
            return tuple(self)

    def _record(cls, new):
        """Make ``cls`` (a ``_Record`` class body of annotated fields) a named tuple built by ``new``."""
        fields = tuple(cls.__annotations__)
        code = new.__code__
        if code.co_varnames[1 : code.co_argcount] != fields:
            raise TypeError(f"{cls.__name__}.__new__ does not take the fields {fields} in order")
        defaults = {f: cls.__dict__[f] for f in fields if f in cls.__dict__}
        if tuple(defaults) != fields[len(fields) - len(defaults) :]:
            raise TypeError(f"{cls.__name__}: a field without a default follows one with a default")
        new.__defaults__ = tuple(defaults.values())
        new.__name__, new.__qualname__ = "__new__", f"{cls.__qualname__}.__new__"
        cls.__new__ = staticmethod(new)
        cls._fields = fields
        cls._field_defaults = defaults
        cls.__match_args__ = fields
        cls._repr_format = "(" + ", ".join(f"{f}=%r" for f in fields) + ")"
        for index, field in enumerate(fields):
            setattr(cls, field, _tuplegetter(index, f"Alias for field number {index}"))


# Operation.security -> Operation.auth_scheme. Keyed by the security tuple (a handful of distinct
# values in the whole spec), not the operationId, so one-off `client.request` records cannot grow it.
_AUTH_SCHEMES: dict[object, str] = {}


class Param(_Record):
    """One argument of an operation: a path or query parameter, or a top-level body field."""

    name: str  # the name on the wire
    location: Location
    type: str  # JSON type: string, integer, number, boolean, array, object or any
    required: bool = False
    py_name: str = ""  # the Python keyword; empty means the same as `name`
    enum: tuple[str | int | float, ...] | None = None  # closed set of values for a request field
    items_type: str | None = None  # element JSON type of an array
    items_enum: tuple[str | int | float, ...] | None = None
    style: str | None = None  # query arrays: OpenAPI style ("form" unless said otherwise)
    explode: bool | None = None  # query arrays: repeat the key (True) or join with commas (False)
    nullable: bool = False
    pattern: str | None = None
    schema: str | None = None  # component schema of an object (or array-of-object) field
    # One cleaned sentence for option help and tables; the full text is in the method docstrings.
    description: str = ""
    default: Default = None  # what the server assumes when the argument is not sent
    minimum: int | float | None = None  # inclusive bounds of a number
    maximum: int | float | None = None
    max_items: int | None = None  # arrays: the spec's maxItems (batch limits of request bodies)
    min_items: int | None = None  # arrays: the spec's minItems (an empty batch is refused before sending)

    @property
    def attr(self) -> str:
        """The Python keyword of the generated method."""
        return self.py_name or self.name


class Operation(_Record):
    """Everything the client needs to know to call one API operation."""

    id: str  # operationId
    resource: str  # attribute on the client, e.g. "boards"; also the registry area it lives in
    method_name: str  # method on the resource, e.g. "list_pins"
    http_method: str  # GET, POST, PATCH, PUT or DELETE
    path: str  # template, e.g. "/boards/{board_id}/pins"
    params: tuple[Param, ...] = ()
    # "json" or "form" when the operation takes a body; "fields" binds top-level body fields to
    # keyword arguments, "whole" takes the body as one `body=` argument (arrays, oneOf bodies).
    body_type: Literal["json", "form"] | None = None
    body_mode: Literal["fields", "whole"] | None = None
    body_required: bool = False
    body_schema: str | None = None  # component schema of the request body, when it has one
    body_max_items: int | None = None  # array bodies (batch creates/updates): the spec's maxItems
    body_min_items: int | None = None  # array bodies: the spec's minItems
    response_kind: ResponseKind = "any"
    response_model: str | None = None  # model name; for "page" and "list", the item model
    paginated: bool = False
    # ((scheme, (scope, ...)), ...): any one entry is enough to call the operation
    security: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ratelimit_category: str = ""
    sandbox: bool = False  # Pinterest's hosted sandbox answers this operation
    deprecated: bool = False
    summary: str = ""  # one line, from the spec's summary
    description: str = ""  # the spec's description, whitespace-trimmed (Markdown as written)

    @property
    def path_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.location == "path")

    @property
    def has_body(self) -> bool:
        return self.body_mode is not None

    @property
    def auth_scheme(self) -> str:
        """The credential this operation is called with: bearer, basic or conversion_token."""
        # Read on every attempt by the send loop: worked out once per security requirement.
        found = _AUTH_SCHEMES.get(self.security)
        if found is None:
            found = _AUTH_SCHEMES[self.security] = self._auth_scheme()
        return found

    def _auth_scheme(self) -> str:
        schemes = {s for s, _ in self.security}
        if "basic" in schemes:
            return "basic"
        if schemes == {"conversion_token"} or ("conversion_token" in schemes and "pinterest_oauth2" not in schemes):
            return "conversion_token"
        return "bearer"

    @property
    def scopes(self) -> tuple[str, ...]:
        """OAuth scopes the operation needs (all of them), from its pinterest_oauth2 entry."""
        for scheme, scopes in self.security:
            if scheme == "pinterest_oauth2":
                return scopes
        return ()


if not TYPE_CHECKING:  # the constructors; type checkers derive them from the fields above

    def _param_new(
        cls,
        name,
        location,
        type,
        required,
        py_name,
        enum,
        items_type,
        items_enum,
        style,
        explode,
        nullable,
        pattern,
        schema,
        description,
        default,
        minimum,
        maximum,
        max_items,
        min_items,
    ):
        return _tuple_new(
            cls,
            (
                name,
                location,
                type,
                required,
                py_name,
                enum,
                items_type,
                items_enum,
                style,
                explode,
                nullable,
                pattern,
                schema,
                description,
                default,
                minimum,
                maximum,
                max_items,
                min_items,
            ),
        )

    _record(Param, _param_new)

    def _operation_new(
        cls,
        id,
        resource,
        method_name,
        http_method,
        path,
        params,
        body_type,
        body_mode,
        body_required,
        body_schema,
        body_max_items,
        body_min_items,
        response_kind,
        response_model,
        paginated,
        security,
        ratelimit_category,
        sandbox,
        deprecated,
        summary,
        description,
    ):
        return _tuple_new(
            cls,
            (
                id,
                resource,
                method_name,
                http_method,
                path,
                params,
                body_type,
                body_mode,
                body_required,
                body_schema,
                body_max_items,
                body_min_items,
                response_kind,
                response_model,
                paginated,
                security,
                ratelimit_category,
                sandbox,
                deprecated,
                summary,
                description,
            ),
        )

    _record(Operation, _operation_new)
