"""The OAuth lifecycle: consent URL, code exchange, refresh, client credentials, revoke, and an
``Auth`` that keeps a client's token fresh by itself.

    from pinterest_rest import Pinterest
    from pinterest_rest.oauth import FileTokenStore, RefreshingAuth, authorization_url, exchange_code

    url, state = authorization_url("my-app-id", "https://example.com/callback", ["boards:read", "pins:read"])
    # ... the user consents, Pinterest redirects to the callback with ?code=...&state=...
    app = Pinterest(client_id="my-app-id", client_secret="...")
    token = exchange_code(app, code, "https://example.com/callback")
    store = FileTokenStore("~/.config/my-app/pinterest-token.json")   # written with mode 0600
    store.save(token)
    client = Pinterest(auth=RefreshingAuth(app, store))   # refreshes before expiry and after a 401

Several processes may share one token file: ``FileTokenStore`` takes a lock across processes
around each refresh and re-reads the file first, so a token another process has just refreshed
is used as it is instead of being refreshed again (which would fail: each refresh retires the
refresh token it used). ``pinterest_rest.redis.RedisTokenStore`` does the same across machines.

Apps created before 2025-09-25 opt into continuous refresh tokens (60 days, renewed on every
refresh) with ``continuous_refresh=True``; newer apps always get them. Each refresh may return a
new refresh token: RefreshingAuth saves it to the store, so it is never lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlencode

from ._auth import Auth
from ._errors import PinterestError

if TYPE_CHECKING:
    from ._async_client import AsyncPinterest
    from ._client import Pinterest

AUTHORIZE_URL = "https://www.pinterest.com/oauth/"
# What ``pinterest auth login`` asks for when no scopes are given: read and write boards and Pins,
# read the account and its ads. Apps ask for more with ``scopes=`` / ``--scopes``.
DEFAULT_SCOPES = ("boards:read", "boards:write", "pins:read", "pins:write", "user_accounts:read", "ads:read")
REFRESH_MARGIN = 60.0  # refresh this many seconds before the token would expire


def scopes() -> tuple[str, ...]:
    """Every OAuth scope some operation of the API asks for (from the generated registry)."""
    from ._registry import OPERATIONS

    found = {s for op in OPERATIONS.values() for scheme, ss in op.security if scheme == "pinterest_oauth2" for s in ss}
    return tuple(sorted(found))


class OAuthError(PinterestError):
    """An OAuth step could not be completed (unknown scope, state mismatch, no refresh token ...)."""


@dataclass
class Token:
    """An OAuth grant. ``repr`` shows when it expires and its scopes, never the secrets."""

    access_token: str = field(repr=False)
    refresh_token: str | None = field(default=None, repr=False)
    expires_at: float | None = None  # epoch seconds
    refresh_expires_at: float | None = None
    scopes: tuple[str, ...] = ()
    token_type: str = "bearer"

    @classmethod
    def from_response(cls, data: Any, previous: Token | None = None) -> Token:
        """Build from an ``oauth.token`` answer; keeps the old refresh token if none came back."""
        get = data.get if hasattr(data, "get") else (lambda k, d=None: getattr(data, k, d))
        now = time.time()
        expires_in = get("expires_in")
        refresh = get("refresh_token") or (previous.refresh_token if previous else None)
        refresh_in = get("refresh_token_expires_in")
        scope = get("scope") or ""
        return cls(
            access_token=get("access_token"),
            refresh_token=refresh,
            expires_at=now + float(expires_in) if expires_in is not None else None,
            refresh_expires_at=(
                now + float(refresh_in)
                if refresh_in is not None
                else (previous.refresh_expires_at if previous else None)
            ),
            scopes=tuple(s for s in str(scope).replace(" ", ",").split(",") if s),
            token_type=get("token_type") or "bearer",
        )

    def expires_soon(self, margin: float = REFRESH_MARGIN) -> bool:
        return self.expires_at is not None and time.time() >= self.expires_at - margin

    def to_dict(self) -> dict[str, Any]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_at": self.expires_at,
            "refresh_expires_at": self.refresh_expires_at,
            "scopes": list(self.scopes),
            "token_type": self.token_type,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Token:
        """Read ``to_dict`` output; also the CLI's older file format (``scope`` as one comma
        separated string, ``refresh_token_expires_at``), so no scope or expiry is lost."""
        found = data.get("scopes")
        if found is None and isinstance(data.get("scope"), str):
            found = [s for s in data["scope"].replace(" ", ",").split(",") if s]
        refresh_expires = data.get("refresh_expires_at")
        if refresh_expires is None:
            refresh_expires = data.get("refresh_token_expires_at")
        return cls(
            access_token=data["access_token"],
            refresh_token=data.get("refresh_token"),
            expires_at=data.get("expires_at"),
            refresh_expires_at=refresh_expires,
            scopes=tuple(found or ()),
            token_type=data.get("token_type") or "bearer",
        )


# Keys only the CLI's first token file format had; a file holding any of them is in that format.
LEGACY_KEYS = frozenset({"scope", "refresh_token_expires_at", "obtained_at", "client_id", "client_secret"})


# -- the steps --------------------------------------------------------------------------------


def check_scopes(scopes_: list[str] | tuple[str, ...]) -> None:
    """Raise OAuthError naming any scope no operation of the API knows, or if none is asked for."""
    known = set(scopes())
    unknown = [s for s in scopes_ if s not in known]
    if unknown:
        raise OAuthError(f"unknown OAuth scope(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    if not scopes_:
        raise OAuthError("ask for at least one scope")


def authorization_url(
    client_id: str,
    redirect_uri: str,
    scopes_: list[str] | tuple[str, ...] = DEFAULT_SCOPES,
    state: str | None = None,
    *,
    authorize_url: str = AUTHORIZE_URL,
) -> tuple[str, str]:
    """The consent page URL and the ``state`` to check on the redirect (random if not given).

    ``authorize_url`` points at another consent page (a test double, a proxy)."""
    check_scopes(scopes_)
    state = state or secrets.token_urlsafe(16)
    query = urlencode(
        {
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "response_type": "code",
            "scope": ",".join(scopes_),
            "state": state,
        }
    )
    return authorize_url + ("&" if "?" in authorize_url else "?") + query, state


def exchange_code(app: Pinterest, code: str, redirect_uri: str) -> Token:
    """Trade the code from the redirect for a token (the client needs client_id and client_secret)."""
    return Token.from_response(app.oauth.token(grant_type="authorization_code", code=code, redirect_uri=redirect_uri))


def refresh(app: Pinterest, token: Token, *, continuous_refresh: bool = False, scope: str | None = None) -> Token:
    return Token.from_response(app.oauth.token(**_refresh_args(token, continuous_refresh, scope)), previous=token)


def client_credentials(app: Pinterest, scopes_: list[str] | tuple[str, ...] | None = None) -> Token:
    """A token for the app's own account (no user consent involved)."""
    args: dict[str, Any] = {"grant_type": "client_credentials"}
    if scopes_:
        args["scope"] = ",".join(scopes_)
    return Token.from_response(app.oauth.token(**args))


def revoke(app: Pinterest, token: Token | str, *, refresh_token: bool = False) -> None:
    value = token if isinstance(token, str) else (token.refresh_token if refresh_token else token.access_token)
    if not value:
        raise OAuthError("no token to revoke")
    app.oauth.revoke_token(token=value, token_type_hint="refresh_token" if refresh_token else "access_token")


async def arefresh(
    app: AsyncPinterest, token: Token, *, continuous_refresh: bool = False, scope: str | None = None
) -> Token:
    answer = await app.oauth.token(**_refresh_args(token, continuous_refresh, scope))
    return Token.from_response(answer, previous=token)


async def aexchange_code(app: AsyncPinterest, code: str, redirect_uri: str) -> Token:
    answer = await app.oauth.token(grant_type="authorization_code", code=code, redirect_uri=redirect_uri)
    return Token.from_response(answer)


def _refresh_args(token: Token, continuous_refresh: bool, scope: str | None) -> dict[str, Any]:
    if not token.refresh_token:
        raise OAuthError("this token has no refresh token; sign in again")
    args: dict[str, Any] = {"grant_type": "refresh_token", "refresh_token": token.refresh_token}
    if scope:
        args["scope"] = scope
    if continuous_refresh:
        # Not a declared field of the spec's schema: its description asks apps created before
        # 2025-09-25 to send it to get (and keep) continuous refresh tokens.
        args["extra_body"] = {"continuous_refresh": "true"}
    return args


# -- storing tokens ---------------------------------------------------------------------------


class TokenStore(Protocol):
    """Where a token lives. A store shared by several processes also offers ``refresh_lock()``:
    a context manager held around each refresh (RefreshingAuth re-reads the store inside it), so
    one process refreshes and the others pick up its result. Stores without it are per process."""

    def load(self) -> Token | None: ...

    def save(self, token: Token) -> None: ...


def refresh_lock(store: TokenStore) -> contextlib.AbstractContextManager[Any]:
    """The store's cross-process refresh lock, or a no-op for stores that have none."""
    lock = getattr(store, "refresh_lock", None)
    return lock() if lock is not None else contextlib.nullcontext()


class MemoryTokenStore:
    def __init__(self, token: Token | None = None) -> None:
        self._token = token

    def load(self) -> Token | None:
        return self._token

    def save(self, token: Token) -> None:
        self._token = token

    def __repr__(self) -> str:
        return "MemoryTokenStore(<token hidden>)"


class FileTokenStore:
    """A JSON file, written atomically with mode 0600 (readable by its owner only).

    Safe to share between processes on one machine: ``refresh_lock()`` is an exclusive lock on
    ``<path>.lock`` (fcntl on POSIX, msvcrt on Windows, an exclusive-create marker elsewhere; see
    ``_locks.py``), held for at most ``lock_timeout`` seconds of waiting.
    """

    def __init__(self, path: str | os.PathLike[str], *, lock_timeout: float | None = 60.0) -> None:
        self.path = Path(path).expanduser()
        self.lock_timeout = lock_timeout

    def load(self) -> Token | None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return None
        except ValueError:
            raise OAuthError(f"{self.path} is not a token file (invalid JSON); sign in again") from None
        if not isinstance(data, dict) or not data.get("access_token"):
            raise OAuthError(f"{self.path} holds no access_token; sign in again")
        return Token.from_dict(data)

    @contextlib.contextmanager
    def refresh_lock(self) -> Iterator[None]:
        from ._locks import FileLock

        with FileLock(f"{self.path}.lock", timeout=self.lock_timeout):
            yield

    def save(self, token: Token) -> None:
        from ._files import write_private_json

        write_private_json(self.path, token.to_dict())

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self.path)!r})"


# -- an Auth that refreshes itself ------------------------------------------------------------


async def _enter_in_thread(lock: contextlib.AbstractContextManager[Any]) -> None:
    """Enter a blocking lock in a worker thread. If the waiting task is cancelled, the thread
    still finishes taking the lock; it is then released at once instead of being held forever."""
    entering = asyncio.ensure_future(asyncio.to_thread(lock.__enter__))
    try:
        await asyncio.shield(entering)
    except asyncio.CancelledError:

        def release(done: asyncio.Future[Any]) -> None:
            if not done.cancelled() and done.exception() is None:
                lock.__exit__(None, None, None)

        entering.add_done_callback(release)
        raise


class RefreshingAuth(Auth):
    """Bearer auth from a TokenStore, refreshed shortly before expiry and once after a 401.

    ``app`` is a client holding the app's client_id and client_secret; for an AsyncPinterest
    client pass ``async_app`` too. Refreshes are single-flight: however many calls find the token
    stale at once, one refresh request goes out and the others wait for its result.
    """

    def __init__(
        self,
        app: Pinterest,
        store: TokenStore,
        *,
        async_app: AsyncPinterest | None = None,
        continuous_refresh: bool = False,
        margin: float = REFRESH_MARGIN,
    ) -> None:
        self._app = app
        self._async_app = async_app
        self._store = store
        self._token = store.load()
        self._continuous = continuous_refresh
        self._margin = margin
        self._lock = threading.Lock()
        self._alock: asyncio.Lock | None = None
        self.refresh_count = 0
        self.client_id = app.auth.client_id
        self.client_secret = app.auth.client_secret

    @property
    def token(self) -> Token | None:
        return self._token

    def scopes(self) -> tuple[str, ...] | None:
        return self._token.scopes if self._token and self._token.scopes else None

    def _stale(self, failed: str | None) -> bool:
        token = self._token
        if token is None:
            return False
        if failed is not None:
            return token.access_token == failed  # nobody refreshed since this call failed
        return token.expires_soon(self._margin)

    def _install(self, token: Token) -> None:
        self._token = token
        self._store.save(token)
        self.refresh_count += 1

    def _needs_refresh(self, failed: str | None) -> bool | None:
        """Inside the locks: re-read the store, take a token another process has just refreshed,
        and say whether a refresh request is still needed (None: cannot refresh at all)."""
        latest = self._store.load()
        if latest is not None:
            self._token = latest
        if self._token is None or not self._token.refresh_token or not (self.client_id and self.client_secret):
            return None
        return self._stale(failed)

    # sync

    def bearer_token(self) -> str | None:
        if self._token is not None and self._stale(None) and self._token.refresh_token:
            self.refresh(None)
        return self._token.access_token if self._token else None

    def refresh(self, failed_token: str | None) -> bool:
        with self._lock, refresh_lock(self._store):
            needed = self._needs_refresh(failed_token)
            if needed is None:
                return False
            if needed:
                assert self._token is not None
                self._install(refresh(self._app, self._token, continuous_refresh=self._continuous))
            return True

    # async

    async def abearer_token(self) -> str | None:
        if self._token is not None and self._stale(None) and self._token.refresh_token:
            await self.arefresh(None)
        return self._token.access_token if self._token else None

    async def arefresh(self, failed_token: str | None) -> bool:
        if self._alock is None:
            self._alock = asyncio.Lock()
        async with self._alock:
            # The cross-process lock may block (another process is refreshing): wait for it in
            # a thread so the event loop keeps serving the other tasks.
            lock = refresh_lock(self._store)
            await _enter_in_thread(lock)
            try:
                needed = self._needs_refresh(failed_token)
                if needed is None:
                    return False
                if needed:
                    assert self._token is not None
                    if self._async_app is None:
                        raise OAuthError("RefreshingAuth on an AsyncPinterest needs async_app= to refresh")
                    token = await arefresh(self._async_app, self._token, continuous_refresh=self._continuous)
                    self._install(token)
                return True
            finally:
                lock.__exit__(None, None, None)

    def __repr__(self) -> str:
        expires = self._token.expires_at if self._token else None
        return f"RefreshingAuth(store={self._store!r}, expires_at={expires!r})"
