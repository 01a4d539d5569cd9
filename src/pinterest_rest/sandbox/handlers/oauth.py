"""The OAuth token endpoint: authorization_code, refresh_token (rotating), client_credentials, revoke."""

from __future__ import annotations

import secrets
import time
from typing import Any

from ..context import Context
from ..errors import ApiError, bad_request

DEFAULT_SCOPES = [
    "boards:read",
    "boards:write",
    "pins:read",
    "pins:write",
    "user_accounts:read",
    "ads:read",
    "ads:write",
]


def issue(
    ctx_store: Any, config: Any, scopes: list[str], *, refresh: bool, response_type: str, now: float | None = None
) -> dict[str, Any]:
    """A new access token (and refresh token), stored so the "scopes" auth mode knows them."""
    now = time.time() if now is None else now
    access = "pina_" + secrets.token_urlsafe(24)
    ctx_store.put("access_token", access, {"id": access, "scopes": scopes, "expires_at": now + config.token_ttl})
    out: dict[str, Any] = {
        "access_token": access,
        "token_type": "bearer",
        "expires_in": config.token_ttl,
        "scope": ",".join(scopes),
        "response_type": response_type,
    }
    if refresh:
        token = "pinr_" + secrets.token_urlsafe(24)
        ctx_store.put("refresh_token", token, {"id": token, "scopes": scopes, "expires_at": now + config.refresh_ttl})
        out["refresh_token"] = token
        out["refresh_token_expires_in"] = config.refresh_ttl
        out["refresh_token_expires_at"] = int(now + config.refresh_ttl)
    return out


def token(ctx: Context) -> dict[str, Any]:
    body = ctx.body or {}
    grant = body.get("grant_type")
    store, cfg = ctx.store, ctx.app.config
    now = _now(ctx)
    if grant == "authorization_code":
        code = body.get("code") or ""
        grant_doc = store.get("auth_code", code)
        if grant_doc is not None and grant_doc.get("expires_at", now) < now:
            store.delete("auth_code", code)
            grant_doc = None
        if grant_doc is None and cfg.auth != "any":
            raise ApiError(400, "Invalid or expired authorization code", code=1)
        wanted = (grant_doc or {}).get("redirect_uri")
        if wanted and body.get("redirect_uri") != wanted:
            raise ApiError(400, "redirect_uri does not match the one the code was issued for", code=1)
        store.delete("auth_code", code)  # a code is good for one exchange
        # "any" mode accepts a code it never issued (tests that skip the consent step).
        scopes = grant_doc["scopes"] if grant_doc else DEFAULT_SCOPES
        return issue(store, cfg, scopes, refresh=True, response_type="authorization_code", now=now)
    if grant == "refresh_token":
        old = body.get("refresh_token") or ""
        doc = store.get("refresh_token", old)
        if doc is None or doc["expires_at"] < now:
            raise ApiError(400, "Invalid refresh token", code=1)
        scopes = doc["scopes"]
        if body.get("scope"):
            scopes = [s for s in str(body["scope"]).split(",") if s in scopes]
        # Continuous refresh: every refresh returns a new refresh token and retires the old one.
        store.delete("refresh_token", old)
        return issue(store, cfg, scopes, refresh=True, response_type="refresh_token", now=now)
    if grant == "client_credentials":
        scopes = [s for s in str(body.get("scope") or ",".join(DEFAULT_SCOPES)).split(",") if s]
        return issue(store, cfg, scopes, refresh=False, response_type="client_credentials", now=now)
    raise bad_request(f"Unsupported grant_type: {grant}")


def _now(ctx: Context) -> float:
    clock = getattr(ctx.app, "clock", None)
    return float(clock.now()) if clock is not None else time.time()


def revoke(ctx: Context) -> tuple[int, None]:
    body = ctx.body or {}
    value = body.get("token") or ""
    for kind in ("access_token", "refresh_token"):
        doc = ctx.store.get(kind, value)
        if doc is not None:
            doc["revoked"] = True
            ctx.store.put(kind, value, doc)
            if kind == "refresh_token":
                ctx.store.delete(kind, value)
    return (200, None)


HANDLERS = {"oauth/token": token, "token/revoke": revoke}
