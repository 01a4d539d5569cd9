"""Credentials, and the seam where token refresh plugs in.

The pipeline asks its ``Auth`` for the Authorization header before every attempt, and on a 401
offers it one chance to refresh (``refresh`` / ``arefresh`` return True to retry the call once).
``StaticAuth`` holds fixed credentials; ``pinterest_rest.oauth`` provides one that refreshes.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from ._errors import PinterestError

if TYPE_CHECKING:
    from ._operation import Operation


class MissingCredentialsError(PinterestError):
    """The operation needs a credential the client was not given. Nothing was sent."""


class Auth:
    """Base class: override ``bearer_token`` (and ``refresh``/``arefresh`` for refreshing tokens)."""

    client_id: str | None = None
    client_secret: str | None = None
    conversion_token: str | None = None

    def bearer_token(self) -> str | None:
        return None

    async def abearer_token(self) -> str | None:
        return self.bearer_token()

    def refresh(self, failed_token: str | None) -> bool:
        """Called once per call after a 401; return True if a new token is ready to retry with."""
        return False

    async def arefresh(self, failed_token: str | None) -> bool:
        return False

    def scopes(self) -> tuple[str, ...] | None:
        """Scopes the current token carries, if known (used to name missing scopes in errors)."""
        return None

    def header_for(self, op: Operation, token: str | None) -> str:
        scheme = op.auth_scheme
        if scheme == "basic":
            if not (self.client_id and self.client_secret):
                raise MissingCredentialsError(
                    f"{op.id} needs the app's client_id and client_secret "
                    "(pass them to the client or set PINTEREST_CLIENT_ID / PINTEREST_CLIENT_SECRET)"
                )
            raw = f"{self.client_id}:{self.client_secret}".encode()
            return "Basic " + base64.b64encode(raw).decode()
        # POST /ad_accounts/{id}/events accepts an Ads Manager conversion token or OAuth.
        if self.conversion_token and (scheme == "conversion_token" or op.id == "events/create"):
            return "Bearer " + self.conversion_token
        if not token:
            raise MissingCredentialsError(
                f"{op.id} needs an access token (pass access_token= or set PINTEREST_ACCESS_TOKEN)"
            )
        return "Bearer " + token

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
        self._token = access_token
        self.client_id = client_id
        self.client_secret = client_secret
        self.conversion_token = conversion_token

    def bearer_token(self) -> str | None:
        return self._token
