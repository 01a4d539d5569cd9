"""pinterest-rest: a typed, sync and async Python client for every Pinterest API v5 operation.

    from pinterest_rest import Pinterest
    client = Pinterest()                  # token from PINTEREST_ACCESS_TOKEN
    board = client.boards.get("549755885175")

Importing this package loads no resource, model or async-transport module: each is imported
when first used (see tests/test_lazy_import.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Here rather than in a module of its own, which would cost every cold start one more import;
# pyproject.toml states it too (tests/core/test_lazy_import.py checks they agree).
__version__ = "0.1.0"

if TYPE_CHECKING:
    from ._async_client import AsyncPinterest
    from ._auth import Auth, MissingCredentialsError, StaticAuth
    from ._client import Pinterest
    from ._errors import (
        APIConnectionError,
        APIStatusError,
        APITimeoutError,
        AuthenticationError,
        BadRequestError,
        ConflictError,
        InternalServerError,
        NotFoundError,
        PermissionDeniedError,
        PinterestError,
        RateLimitError,
        UnprocessableEntityError,
        ValidationError,
    )
    from ._model import MissingFieldError, Model
    from ._pagination import AsyncPage, AsyncPager, SyncPage
    from ._pipeline import RawResponse
    from ._ratelimit import RateLimit
    from ._types import NOT_GIVEN, NotGiven, RequestOptions, Timeout

_EXPORTS = {
    "Pinterest": "_client",
    "AsyncPinterest": "_async_client",
    "Auth": "_auth",
    "StaticAuth": "_auth",
    "MissingCredentialsError": "_auth",
    "PinterestError": "_errors",
    "ValidationError": "_errors",
    "APIConnectionError": "_errors",
    "APITimeoutError": "_errors",
    "APIStatusError": "_errors",
    "BadRequestError": "_errors",
    "AuthenticationError": "_errors",
    "PermissionDeniedError": "_errors",
    "NotFoundError": "_errors",
    "ConflictError": "_errors",
    "UnprocessableEntityError": "_errors",
    "RateLimitError": "_errors",
    "InternalServerError": "_errors",
    "Model": "_model",
    "MissingFieldError": "_model",
    "SyncPage": "_pagination",
    "AsyncPage": "_pagination",
    "AsyncPager": "_pagination",
    "RawResponse": "_pipeline",
    "RateLimit": "_ratelimit",
    "NOT_GIVEN": "_types",
    "NotGiven": "_types",
    "RequestOptions": "_types",
    "Timeout": "_types",
}

__all__ = [
    "__version__",
    "Pinterest",
    "AsyncPinterest",
    "Auth",
    "StaticAuth",
    "MissingCredentialsError",
    "PinterestError",
    "ValidationError",
    "APIConnectionError",
    "APITimeoutError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
    "Model",
    "MissingFieldError",
    "SyncPage",
    "AsyncPage",
    "AsyncPager",
    "RawResponse",
    "RateLimit",
    "NOT_GIVEN",
    "NotGiven",
    "RequestOptions",
    "Timeout",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pinterest_rest' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"pinterest_rest.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
