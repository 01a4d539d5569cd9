"""``--seed demo``: a small, realistic account so a first run has something to show.

The seed runs each create operation's handler directly (``SandboxApp.call``), not through a client:
the objects look exactly as the API would have made them, yet the auth mode, injected faults and
rate limits cannot get in the way (``Sandbox(seed="demo", config=SandboxConfig(auth="scopes"))``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import SandboxApp

BOARDS = {
    "Travel ideas": ["Kyoto in autumn", "Lisbon tram 28", "Patagonia trek"],
    "Home workshop": ["Pegboard wall", "Dovetail jig"],
    "Recipes": ["Sourdough starter", "Miso soup", "Shakshuka"],
}
SEEDS = ("demo",)


def load(app: SandboxApp, name: str) -> None:
    if name not in SEEDS:
        raise ValueError(f"unknown seed {name!r}; available: {', '.join(SEEDS)}")
    if app.store.count("board"):
        return  # a persistent database keeps its data; seeding twice would duplicate it
    for board_name, titles in BOARDS.items():
        board: Any = app.call("boards/create", body={"name": board_name, "description": f"{board_name} (demo)"})
        for n, title in enumerate(titles):
            app.call(
                "pins/create",
                body={
                    "board_id": board["id"],
                    "title": title,
                    "link": f"https://www.example.com/demo/{board['id']}/{n}",
                    "media_source": {"source_type": "image_url", "url": f"https://i.example.com/demo/{n}.jpg"},
                },
            )
    account: Any = app.call("ad_accounts/create", body={"name": "Demo shop", "country": "US", "owner_user_id": "1"})
    app.call(
        "campaigns/create",
        path={"ad_account_id": account["id"]},
        body=[
            {
                "name": campaign,
                "objective_type": "AWARENESS",
                "status": "ACTIVE",
                "ad_account_id": account["id"],
                "daily_spend_cap": 20_000_000,
            }
            for campaign in ("Spring sale", "Brand awareness")
        ],
    )
    # Businesses are Pinterest's to create: stored directly, the token user as its BIZ_ADMIN, the
    # demo ad account as its asset and one system user, so the business-access family has data.
    from .handlers import business_model

    at = app.clock.now()
    business = business_model.add_business(app.store, "Demo shop business", username="demo_shop", at=at)
    business_model.add_asset(app.store, business["id"], account["id"], "AD_ACCOUNT")
    business_model.add_member(app.store, business["id"], user={"username": "demo_reporting"}, system=True,
                              name="Reporting API", at=at)  # fmt: skip
