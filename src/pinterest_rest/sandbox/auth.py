"""Who may call what: the three auth modes of SandboxConfig."""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING

from .._operation import Operation
from .errors import ApiError

if TYPE_CHECKING:
    from .app import SandboxApp


def check_auth(app: SandboxApp, op: Operation, headers: dict[str, str]) -> str | None:
    """Return the bearer token (None for Basic-auth operations) or raise 401/403."""
    header = headers.get("authorization", "")
    scheme, _, credential = header.partition(" ")
    cfg = app.config
    if op.auth_scheme == "basic":
        if scheme.lower() != "basic":
            raise ApiError(401, "This operation needs HTTP Basic auth with the app's client id and secret", code=2)
        try:
            client_id, _, secret = base64.b64decode(credential).decode().partition(":")
        except ValueError:
            raise ApiError(401, "Malformed Basic credentials", code=2) from None
        if cfg.auth != "any" and (client_id, secret) != (cfg.client_id, cfg.client_secret):
            raise ApiError(401, "Unknown client id or wrong client secret", code=2)
        return None
    if scheme.lower() != "bearer" or not credential:
        raise ApiError(401, "Authentication failed: no bearer token", code=2)
    if cfg.auth == "fixed" and credential != cfg.token:
        raise ApiError(401, "Authentication failed: unknown token", code=2)
    if cfg.auth == "scopes":
        grant = app.store.get("access_token", credential)
        if grant is None or grant.get("revoked"):
            raise ApiError(401, "Authentication failed: unknown or revoked token", code=2)
        if grant["expires_at"] < app.clock.now():
            raise ApiError(401, "Authentication failed: token expired", code=2)
        have = set(grant.get("scopes", []))
        missing = [s for s in op.scopes if s not in have]
        if missing:
            raise ApiError(403, f"Token is missing scope(s) {', '.join(missing)} needed by {op.id}", code=3)
    return credential
