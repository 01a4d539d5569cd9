"""The shape of one record in the generated operation registry.

`_registry.py` is generated from the OpenAPI spec by `tools/codegen`; it holds one `Operation` per
operationId. Everything that needs to know about the API surface (the request pipeline, the
resources, the sandbox, the CLI, the tests) reads these records instead of the spec.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Location = Literal["path", "query", "body"]
_AUTH_SCHEMES: dict[str, str] = {}  # operationId -> Operation.auth_scheme
ResponseKind = Literal["model", "page", "list", "none", "any"]


@dataclass(frozen=True, slots=True)
class Param:
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
    description: str = ""

    @property
    def attr(self) -> str:
        return self.py_name or self.name


@dataclass(frozen=True, slots=True)
class Operation:
    """Everything the client needs to know to call one API operation."""

    id: str  # operationId
    resource: str  # attribute on the client, e.g. "boards"
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
    response_kind: ResponseKind = "any"
    response_model: str | None = None  # model name; for "page" and "list", the item model
    paginated: bool = False
    # ((scheme, (scope, ...)), ...): any one entry is enough to call the operation
    security: tuple[tuple[str, tuple[str, ...]], ...] = ()
    ratelimit_category: str = ""
    sandbox: bool = False  # Pinterest's hosted sandbox answers this operation
    deprecated: bool = False
    summary: str = ""

    @property
    def path_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.location == "path")

    @property
    def auth_scheme(self) -> str:
        """The credential this operation is called with: bearer, basic or conversion_token."""
        # Read on every attempt by the send loop: worked out once per operation (records are frozen).
        found = _AUTH_SCHEMES.get(self.id)
        if found is None:
            found = _AUTH_SCHEMES[self.id] = self._auth_scheme()
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
