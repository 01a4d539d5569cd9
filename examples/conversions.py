"""Send hashed conversion events in batches and look at per-event failures."""

import time

from pinterest_rest.sandbox import Sandbox
from pinterest_rest.workflows.conversions import build_event, send_events


def main() -> None:
    client = Sandbox().client()
    account = client.ad_accounts.create(name="Shop", country="US", owner_user_id="1")
    now = int(time.time())
    events = [
        build_event("checkout", now - i * 60, {"em": f"buyer{i}@example.com"}, custom_data={"value": "10"})
        for i in range(1500)
    ]
    events.append(build_event("checkout", now + 7 * 86400, {"em": "future@example.com"}))
    result = send_events(client, account.id, events)
    print("received", result.received, "failed", [(f.index, f.message) for f in result.failures])


if __name__ == "__main__":
    main()
