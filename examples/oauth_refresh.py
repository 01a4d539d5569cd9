"""Exchange a code, store the token 0600, and let the client refresh it by itself."""

import tempfile
import time
from pathlib import Path

from pinterest_rest.oauth import FileTokenStore, RefreshingAuth, authorization_url, exchange_code
from pinterest_rest.sandbox import Sandbox, SandboxConfig


def main() -> None:
    sandbox = Sandbox(config=SandboxConfig(auth="scopes"))
    url, _state = authorization_url("sandbox-app", "https://example.com/cb", ["boards:read", "user_accounts:read"])
    print("send the user to:", url)
    app = sandbox.client(access_token=None)
    token = exchange_code(app, sandbox.issue_code(["boards:read", "user_accounts:read"]), "https://example.com/cb")
    token.expires_at = time.time()  # pretend it is about to expire
    with tempfile.TemporaryDirectory() as tmp:
        store = FileTokenStore(Path(tmp) / "token.json")
        store.save(token)
        auth = RefreshingAuth(app, store)
        client = sandbox.client(auth=auth)
        print("signed in as", client.user_account.get().username, "after", auth.refresh_count, "refresh")


if __name__ == "__main__":
    main()
