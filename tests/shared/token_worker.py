"""One worker process of the shared-token tests: calls the API in a loop until a deadline with a
RefreshingAuth over a shared store, then prints what happened as one JSON line.

    python tests/shared/token_worker.py BASE_URL file PATH START END
    python tests/shared/token_worker.py BASE_URL redis REDIS_URL START END
"""

from __future__ import annotations

import json
import sys
import time

from pinterest_rest import Pinterest
from pinterest_rest._errors import PinterestError
from pinterest_rest.oauth import FileTokenStore, RefreshingAuth, TokenStore


def main(argv: list[str]) -> int:
    base_url, kind, where, start, end = argv[0], argv[1], argv[2], float(argv[3]), float(argv[4])
    store: TokenStore
    if kind == "file":
        store = FileTokenStore(where)
    else:
        from pinterest_rest.redis import RedisTokenStore

        store = RedisTokenStore.from_url(where, key="tests:token")
    app = Pinterest(client_id="sandbox-app", client_secret="sandbox-secret", base_url=base_url, max_retries=0)
    auth = RefreshingAuth(app, store, margin=0.4)
    client = Pinterest(auth=auth, base_url=base_url, max_retries=0)
    calls = failures = 0
    errors: list[str] = []
    time.sleep(max(0.0, start - time.time()))  # every worker starts at the same moment
    while time.time() < end:
        calls += 1
        try:
            client.user_account.get()
        except PinterestError as exc:
            failures += 1
            errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(0.01)
    print(json.dumps({"calls": calls, "failures": failures, "refreshes": auth.refresh_count, "errors": errors[:5]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
