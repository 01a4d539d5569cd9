"""The record types of the generated operation registry: one ``Operation`` per operationId.

The registry (``pinterest_rest._registry``) is generated from the OpenAPI spec by ``tools/codegen``
as literal data, one module per resource, and everything that needs to know the API surface (the
request pipeline, the resources, the sandbox, the CLI, the docs, the tests) reads these records
instead of the spec. This is the only definition of the record shape: the generator writes
constructor calls of these classes and nothing mirrors them.

The records are ``NamedTuple``s rather than dataclasses on purpose: building one is a single
``tuple.__new__`` call and reading a field is a C-level item getter, so loading an area of the
registry costs microseconds per record, and no ``dataclasses`` import lands on the cold-start path.
They are immutable, hashable and compare by value.
"""

# No `from __future__ import annotations` here: NamedTuple would compile every string annotation
# at import (about 1 ms of every CLI start-up); real annotations cost nothing to check.

from typing import Literal, NamedTuple, Union

Location = Literal["path", "query", "body"]
# "lenient": the JSON when the body parses, else its text (only `client.request` makes such records).
ResponseKind = Literal["model", "page", "list", "none", "any", "lenient"]
Scalar = Union[str, int, float, bool]
# A spec `default`: a scalar, or a tuple of scalars for arrays. None means the spec gives none.
Default = Union[Scalar, tuple[Scalar, ...], None]
# Operation.security -> Operation.auth_scheme. Keyed by the security tuple (a handful of distinct
# values in the whole spec), not the operationId, so one-off `client.request` records cannot grow it.
_AUTH_SCHEMES: dict[object, str] = {}


class Param(NamedTuple):
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


class Operation(NamedTuple):
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
