"""Pinterest's consent page, for a served sandbox: ``GET /oauth/?client_id=...&redirect_uri=...``.

Pinterest shows the user a consent screen (``oauth.AUTHORIZE_URL``) and, on "Allow",
redirects to ``redirect_uri?code=...&state=...``. The sandbox consents at once: it answers 302 to
the redirect URI with a fresh authorization code that grants exactly the scopes asked for (and
``state`` echoed), so the whole OAuth flow (consent, code exchange, refresh) runs over HTTP:

    url, state = oauth.authorization_url(client_id, redirect_uri, ["boards:read"])
    url = url.replace("https://www.pinterest.com", "http://127.0.0.1:8155")  # the served sandbox

Bad requests get a 400 page instead of a redirect (as Pinterest does for an unknown client or a
malformed redirect URI), so a client that builds the URL wrong fails its test. The code remembers
its redirect URI; the token endpoint refuses an exchange that names another one.
"""

from __future__ import annotations

import json
import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlencode, urlsplit

from ..oauth import scopes as known_scopes

if TYPE_CHECKING:
    from .app import Reply, SandboxApp

CODE_TTL = 600.0  # seconds an unexchanged authorization code stays valid


def _error(status: int, message: str) -> Reply:
    from .app import Reply

    return Reply(status, {"content-type": "application/json"}, json.dumps({"code": 1, "message": message}).encode())


def consent(app: SandboxApp, method: str, raw_query: str) -> Reply:
    from .app import Reply

    if method not in ("GET", "POST"):
        return _error(405, "The consent page takes GET")
    query = {k: v[-1] for k, v in parse_qs(raw_query, keep_blank_values=True).items()}
    for name in ("client_id", "redirect_uri", "response_type", "scope"):
        if not query.get(name):
            return _error(400, f"Missing query parameter: {name}")
    if query["response_type"] != "code":
        return _error(400, "response_type must be code")
    if app.config.auth != "any" and query["client_id"] != app.config.client_id:
        return _error(400, "Unknown client_id")
    target = urlsplit(query["redirect_uri"])
    if target.scheme not in ("http", "https") or not target.netloc or target.fragment:
        return _error(400, "redirect_uri must be an absolute http(s) URL without a fragment")
    scopes = [s for s in query["scope"].split(",") if s]
    unknown = [s for s in scopes if s not in known_scopes()]
    if unknown:
        return _error(400, f"Unknown scope: {unknown[0][:40]}")
    code = issue_code(app, scopes, query["redirect_uri"])
    params: dict[str, Any] = {"code": code}
    if query.get("state"):
        params["state"] = query["state"]
    sep = "&" if target.query else "?"
    location = query["redirect_uri"] + sep + urlencode(params)
    return Reply(302, {"location": location, "content-type": "text/plain"}, b"")


def issue_code(app: Any, scopes: list[str], redirect_uri: str | None = None) -> str:
    code = secrets.token_urlsafe(16)
    now = app.clock.now()
    doc = {"id": code, "scopes": scopes, "at": now, "expires_at": now + CODE_TTL, "redirect_uri": redirect_uri}
    app.store.put("auth_code", code, doc)
    return code
