"""``Pinterest``: settings, credentials and a transport around one pipeline, and what it shares
with ``AsyncPinterest`` (``_async_client.py``, a module of its own so that a sync client's cold
start does not load the async client, its pipeline loop or its accessors).

Resources (``client.boards``, ``client.ad_accounts`` ...) come from the generated
``resources/__init__.py`` and are imported on first access.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import __version__
from ._auth import Auth, StaticAuth
from ._errors import ValidationError
from ._options import check_base_url, check_client_settings
from ._pipeline import DEFAULT_BASE_URL, Settings, SyncPipeline
from ._types import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, NOT_GIVEN, NotGiven, Timeout, TimeoutTypes
from .resources import SyncResourceAccessors

if TYPE_CHECKING:
    from typing_extensions import Self

    from ._adhoc import QueryValue
    from ._ratelimit import RateLimit
    from ._throttle import RateLimiter
    from ._transport import Response, StreamedBody, SyncTransport

USER_AGENT = f"pinterest-rest/{__version__} python/{sys.version_info[0]}.{sys.version_info[1]}.{sys.version_info[2]}"


def _env(name: str) -> str | None:
    return os.environ.get(name) or None


def _settings(
    where: str,
    base_url: str | None,
    timeout: TimeoutTypes | NotGiven,
    max_retries: int,
    retry_writes: bool,
    default_headers: Mapping[str, str] | None,
    default_query: Mapping[str, Any] | None,
    ad_account_id: str | None,
) -> Settings:
    given: dict[str, Any] = {
        "max_retries": max_retries,
        "retry_writes": retry_writes,
        "default_headers": default_headers,
        "default_query": default_query,
        "ad_account_id": ad_account_id,
    }
    if not isinstance(timeout, NotGiven):
        given["timeout"] = timeout
    checked = check_client_settings(where, given)
    url_name = "base_url" if base_url else "PINTEREST_BASE_URL"
    url = check_base_url(base_url or _env("PINTEREST_BASE_URL") or DEFAULT_BASE_URL, url_name, where)
    return Settings(
        base_url=url,
        timeout=checked.get("timeout", DEFAULT_TIMEOUT),
        max_retries=max_retries,
        retry_writes=retry_writes,
        headers=checked["default_headers"],
        query=checked["default_query"],
        ad_account_id=checked["ad_account_id"],
        user_agent=USER_AGENT,
    )


def _auth(
    where: str,
    auth: Auth | None,
    access_token: str | None,
    client_id: str | None,
    client_secret: str | None,
    conversion_token: str | None,
) -> Auth:
    check_client_settings(
        where,
        {
            "access_token": access_token,
            "client_id": client_id,
            "client_secret": client_secret,
            "conversion_token": conversion_token,
        },
    )
    if auth is not None:
        if not isinstance(auth, Auth):
            raise ValidationError(
                f"{where}: auth must be a pinterest_rest Auth (e.g. StaticAuth, RefreshingAuth), "
                f"not {type(auth).__name__}",
                argument="auth",
            )
        return auth
    return StaticAuth(
        access_token or _env("PINTEREST_ACCESS_TOKEN"),
        client_id=client_id or _env("PINTEREST_CLIENT_ID"),
        client_secret=client_secret or _env("PINTEREST_CLIENT_SECRET"),
        conversion_token=conversion_token or _env("PINTEREST_CONVERSION_TOKEN"),
    )


def _throttle(
    where: str, pipeline: Any, budget: Mapping[str, tuple[int, float]] | None, store: RateLimiter | None
) -> None:
    """``rate_limit_budget={"ads_read": (100, 60.0)}``: space calls per rate-limit category, in this
    process; ``rate_limit_store=``: a budget shared with other processes (e.g. RedisRateLimitStore)."""
    check_client_settings(where, {"rate_limit_budget": budget})
    if budget and store is not None:
        raise ValidationError(
            f"{where}: give rate_limit_budget= or rate_limit_store= (which holds its own budget), not both"
        )
    if store is not None:
        pipeline.throttle = store
    elif budget:
        from ._throttle import Throttle

        pipeline.throttle = Throttle(budget)


class _ClientBase:
    _pipeline: Any

    @property
    def base_url(self) -> str:
        return str(self._pipeline.settings.base_url)

    @property
    def max_retries(self) -> int:
        return int(self._pipeline.settings.max_retries)

    @property
    def timeout(self) -> Timeout | None:
        timeout: Timeout | None = self._pipeline.settings.timeout
        return timeout

    @property
    def auth(self) -> Auth:
        auth: Auth = self._pipeline.auth
        return auth

    @property
    def rate_limits(self) -> Mapping[str, RateLimit]:
        """The last rate-limit headers seen, per ``x-ratelimit-category`` (e.g. ``"org_read"``)."""
        return dict(self._pipeline.rate_limits)

    def _copy(self, changes: dict[str, Any]) -> Self:
        settings = self._pipeline.settings
        changes = check_client_settings(f"{type(self).__name__}.with_options()", changes)
        if "default_headers" in changes:
            changes["headers"] = {**settings.headers, **changes.pop("default_headers")}
        if "default_query" in changes:
            changes["query"] = {**settings.query, **changes.pop("default_query")}
        clone = object.__new__(type(self))
        clone._pipeline = self._pipeline.copy_with(settings._replace(**changes))
        return clone

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"


class Pinterest(SyncResourceAccessors, _ClientBase):
    """The synchronous client. Thread-safe: share one per process.

    Credentials default to the environment: PINTEREST_ACCESS_TOKEN, PINTEREST_CLIENT_ID,
    PINTEREST_CLIENT_SECRET, PINTEREST_CONVERSION_TOKEN; the API address to PINTEREST_BASE_URL or
    https://api.pinterest.com/v5.
    """

    _pipeline: SyncPipeline

    def __init__(
        self,
        access_token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        retry_writes: bool = False,
        client_id: str | None = None,
        client_secret: str | None = None,
        conversion_token: str | None = None,
        ad_account_id: str | None = None,
        default_headers: Mapping[str, str] | None = None,
        default_query: Mapping[str, Any] | None = None,
        auth: Auth | None = None,
        transport: SyncTransport | None = None,
        rate_limit_budget: Mapping[str, tuple[int, float]] | None = None,
        rate_limit_store: RateLimiter | None = None,
    ) -> None:
        where = "Pinterest()"
        settings = _settings(
            where, base_url, timeout, max_retries, retry_writes, default_headers, default_query, ad_account_id
        )
        if transport is None:
            from ._transport.urllib3 import Urllib3Transport

            transport = Urllib3Transport()
        self._pipeline = SyncPipeline(
            settings, _auth(where, auth, access_token, client_id, client_secret, conversion_token), transport
        )
        _throttle(where, self._pipeline, rate_limit_budget, rate_limit_store)

    def with_options(
        self,
        *,
        base_url: str | NotGiven = NOT_GIVEN,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        retry_writes: bool | NotGiven = NOT_GIVEN,
        ad_account_id: str | NotGiven | None = NOT_GIVEN,
        default_headers: Mapping[str, str] | NotGiven = NOT_GIVEN,
        default_query: Mapping[str, Any] | NotGiven = NOT_GIVEN,
    ) -> Pinterest:
        """A copy with some settings changed, sharing this client's connections and credentials."""
        changes = {k: v for k, v in locals().items() if k != "self" and not isinstance(v, NotGiven)}
        return self._copy(changes)

    def request(
        self,
        method: str,
        path: str,
        *,
        query: Mapping[str, QueryValue] | None = None,
        body: Any = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        raw: bool = False,
    ) -> Any:
        """Call any endpoint: ``client.request("GET", "/boards", query={"page_size": 5})``.

        ``path`` is relative to the base URL (``/v5/...`` and full URLs under it are accepted);
        ``query`` values that are lists repeat the key; ``body`` is sent as JSON.
        """
        from ._adhoc import request  # on first use: most programs never call it

        return request(self._pipeline, method, path, query, body, headers, timeout, max_retries, raw)

    def send_external(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        body: bytes | StreamedBody | None = None,
        timeout: TimeoutTypes | NotGiven = NOT_GIVEN,
    ) -> Response:
        """Send one request to a URL Pinterest handed out (an upload URL, a report or bulk file).

        It uses this client's transport, timeouts and connection settings but none of its
        credentials. ``body`` may be streamed (an object with ``length`` and ``__iter__``).
        Raises ``APIStatusError`` for a 3xx/4xx/5xx answer. Retried by the API's rules: a GET after a
        connection error or 408/429/5xx, an upload only if it provably did not arrive or got a 429.
        """
        return self._pipeline.send_external(method, url, headers, body, timeout)

    def close(self) -> None:
        """Close pooled connections (shared with every ``with_options`` copy)."""
        self._pipeline.transport.close()

    def __enter__(self) -> Pinterest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
