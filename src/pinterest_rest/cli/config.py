"""Where the CLI keeps its settings and tokens, and how it picks a profile.

    <config dir>/config.json            {"default_profile": "...", "profiles": {name: {key: value}}}
    <config dir>/tokens/<profile>.json  the stored OAuth token of one profile, mode 0600, in the
                                        library's format (``oauth.Token.to_dict``, read by
                                        ``oauth.FileTokenStore``)
    <config dir>/apps/<profile>.json    the app's client_id and client_secret saved at login, 0600,
                                        for refreshing the token without the environment
    <config dir>/sandbox.db             the in-process sandbox's data (``--sandbox``)

The config dir is the platform's user config dir: ``$XDG_CONFIG_HOME/pinterest-rest`` (default
``~/.config/pinterest-rest``) on Linux and other Unixes, ``~/Library/Application
Support/pinterest-rest`` on macOS, ``%APPDATA%\\pinterest-rest`` on Windows.
``PINTEREST_CONFIG_DIR`` overrides it. Everything is read from the
injected environment, never from ``os.environ`` directly, so tests run in-process.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .errors import CliError, UsageError
from .paths import config_dir

if TYPE_CHECKING:
    from ..oauth import FileTokenStore, Token

__all__ = ["Config", "config_dir", "write_private"]

# Profile keys `pinterest config set` accepts, and what they mean.
PROFILE_KEYS = {
    "base_url": "API address, e.g. https://api-sandbox.pinterest.com/v5",
    "output": "default output format: json, ndjson, table or yaml",
    "ad_account_id": "ad account used when a command needs one and none is given",
    "client_id": "OAuth app id (for `auth login` and token refresh)",
    "redirect_uri": "OAuth redirect URI registered for the app (default http://127.0.0.1:8085/)",
    "authorize_url": "OAuth consent page (default: pinterest_rest.oauth.AUTHORIZE_URL, Pinterest's own)",
    "scopes": "comma-separated OAuth scopes `auth login` asks for",
    "timeout": "seconds to wait for an answer",
    "max_retries": "retries on 429/5xx/connection errors",
}


def _private_dir(path: str) -> None:
    os.makedirs(path, mode=0o700, exist_ok=True)


def write_private(path: str, data: Any) -> None:
    """Write JSON readable by the owner only (0600), atomically."""
    from .._files import write_private_json

    write_private_json(path, data)


def _read_json(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return None
    except ValueError as exc:
        raise CliError(f"{path} is not valid JSON ({exc}); fix or delete it") from None


class Config:
    """The config file of one config dir, and the profile in use."""

    def __init__(self, directory: str, env: Mapping[str, str], profile: str | None = None) -> None:
        self.dir = directory
        self.path = os.path.join(directory, "config.json")
        data = _read_json(self.path)
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}
        self.data.setdefault("profiles", {})
        self.profile = profile or env.get("PINTEREST_PROFILE") or self.data.get("default_profile") or "default"
        _check_profile_name(self.profile)

    @property
    def profiles(self) -> dict[str, dict[str, Any]]:
        profiles: dict[str, dict[str, Any]] = self.data["profiles"]
        return profiles

    def get(self, key: str, default: Any = None) -> Any:
        return self.profiles.get(self.profile, {}).get(key, default)

    def set(self, key: str, value: Any) -> None:
        if key not in PROFILE_KEYS:
            raise UsageError(f"unknown setting {key!r}; one of: {', '.join(PROFILE_KEYS)}")
        self.profiles.setdefault(self.profile, {})[key] = value
        self.save()

    def unset(self, key: str) -> bool:
        found = self.profiles.get(self.profile, {}).pop(key, None) is not None
        self.save()
        return found

    def save(self) -> None:
        write_private(self.path, self.data)

    # -- tokens ---------------------------------------------------------------------------------

    def token_path(self, profile: str | None = None) -> str:
        return os.path.join(self.dir, "tokens", f"{profile or self.profile}.json")

    def app_path(self) -> str:
        return os.path.join(self.dir, "apps", f"{self.profile}.json")

    def token_store(self) -> FileTokenStore:
        """The profile's token file as the library's store (locked across processes on refresh)."""
        from ..oauth import FileTokenStore

        self._migrate_token()
        return FileTokenStore(self.token_path())

    def load_token(self) -> Token | None:
        from ..oauth import OAuthError

        try:
            return self.token_store().load()
        except OAuthError as exc:
            raise CliError(f"{exc} (`pinterest auth login`)") from None

    def save_token(self, token: Token) -> str:
        self.token_store().save(token)
        return self.token_path()

    def delete_token(self) -> bool:
        """Forget the profile's token and the app secret saved with it."""
        found = False
        for path in (self.token_path(), self.app_path(), self.token_path() + ".lock"):
            try:
                os.unlink(path)
                found = found or path == self.token_path()
            except FileNotFoundError:
                pass
        return found

    def app_credentials(self) -> tuple[str | None, str | None]:
        data = _read_json(self.app_path())
        if not isinstance(data, dict):
            return None, None
        return data.get("client_id"), data.get("client_secret")

    def save_app_credentials(self, client_id: str, client_secret: str | None) -> None:
        record = {"client_id": client_id}
        if client_secret:
            record["client_secret"] = client_secret
        write_private(self.app_path(), record)

    def _migrate_token(self) -> None:
        """A token file in the CLI's first format (``scope``, ``refresh_token_expires_at``,
        ``obtained_at``, the app's id and secret inside) is rewritten once in the library's format,
        the app credentials moved to ``apps/<profile>.json``; nothing it held is lost."""
        from ..oauth import LEGACY_KEYS, Token, refresh_lock
        from ..oauth import FileTokenStore as Store

        path = self.token_path()
        data = _read_json(path)
        if not isinstance(data, dict) or not LEGACY_KEYS.intersection(data) or not data.get("access_token"):
            return
        store = Store(path)
        with refresh_lock(store):
            data = _read_json(path)  # another process may have migrated it meanwhile
            if not isinstance(data, dict) or not LEGACY_KEYS.intersection(data):
                return
            if data.get("client_id") and not self.app_credentials()[0]:
                self.save_app_credentials(str(data["client_id"]), data.get("client_secret"))
            store.save(Token.from_dict(data))

    @property
    def sandbox_db(self) -> str:
        return os.path.join(self.dir, "sandbox.db")


def _check_profile_name(name: str) -> None:
    if not name or not all(c.isalnum() or c in "-_." for c in name) or name.startswith("."):
        raise UsageError(f"invalid profile name {name!r}: use letters, digits, '-', '_' and '.'")
