"""Credentials, and the seam where token refresh plugs in.

The pipeline asks its ``Auth`` for the Authorization header before every attempt, and on a 401
offers it one chance to refresh (``refresh`` / ``arefresh`` return True to retry the call once).
``StaticAuth`` holds fixed credentials; ``pinterest_rest.oauth`` provides one that refreshes.

Credentials are held as ``Secret`` and the header value handed to the transport is an
``AuthorizationValue`` (masked ``repr``), so no frame of the send loop shows a token.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from ._errors import PinterestError
from ._secret import AuthorizationValue, Secret, reveal

if TYPE_CHECKING:
    from ._operation import Operation


class MissingCredentialsError(PinterestError):
    """The operation needs a credential the client was not given. Nothing was sent."""


class Auth:
    """Base class: override ``bearer_token`` (and ``refresh``/``arefresh`` for refreshing tokens)."""

    client_id: str | None = None
    client_secret: str | None = None  # kept plain: the app's OAuth helpers pass it on as text
    conversion_token: str | Secret | None = None
    # (token, "Bearer <token>") for the last token seen: the send loop asks before every attempt.
    _bearer_cache: tuple[object, AuthorizationValue | None] = (None, None)

    def bearer_token(self) -> str | Secret | None:
        return None

    async def abearer_token(self) -> str | Secret | None:
        return self.bearer_token()

    def refresh(self, failed_token: str | None) -> bool:
        """Called once per call after a 401; return True if a new token is ready to retry with."""
        return False

    async def arefresh(self, failed_token: str | None) -> bool:
        return False

    def scopes(self) -> tuple[str, ...] | None:
        """Scopes the current token carries, if known (used to name missing scopes in errors)."""
        return None

    def header_for(self, op: Operation, token: str | Secret | None, scheme: str | None = None) -> AuthorizationValue:
        """The Authorization value for one attempt at ``op`` (``scheme``: its ``auth_scheme``, if known)."""
        if scheme is None:
            scheme = op.auth_scheme
        if scheme == "bearer" and op.id != "events/create":  # nearly every call: the token's header
            cached = self._bearer_cache
            if cached[0] is token and token is not None:
                return cached[1]  # type: ignore[return-value]
        if scheme == "basic":
            if not (self.client_id and self.client_secret):
                raise MissingCredentialsError(
                    f"{op.id} needs the app's client_id and client_secret "
                    "(pass them to the client or set PINTEREST_CLIENT_ID / PINTEREST_CLIENT_SECRET)"
                )
            return AuthorizationValue(
                "Basic " + base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
            )
        # POST /ad_accounts/{id}/events accepts an Ads Manager conversion token or OAuth.
        if self.conversion_token and (scheme == "conversion_token" or op.id == "events/create"):
            return self._bearer(self.conversion_token)
        if not token:
            raise MissingCredentialsError(
                f"{op.id} needs an access token (pass access_token= or set PINTEREST_ACCESS_TOKEN)"
            )
        return self._bearer(token)

    def _bearer(self, token: str | Secret) -> AuthorizationValue:
        """``Bearer <token>``, built once per token (the send loop asks before every attempt)."""
        cached = self._bearer_cache
        if cached[0] is token and cached[1] is not None:
            return cached[1]
        value = AuthorizationValue("Bearer " + (reveal(token) or ""))
        self._bearer_cache = (token, value)
        return value

    def __repr__(self) -> str:
        return f"{type(self).__name__}(<credentials hidden>)"


class StaticAuth(Auth):
    def __init__(
        self,
        access_token: str | None = None,
        *,
        client_id: str | None = None,
        client_secret: str | None = None,
        conversion_token: str | None = None,
    ) -> None:
        self._token = Secret.of(access_token)
        self.client_id = client_id
        self.client_secret = client_secret
        self.conversion_token = Secret.of(conversion_token)

    def bearer_token(self) -> Secret | None:
        return self._token
