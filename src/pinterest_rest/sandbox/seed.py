"""``--seed demo``: a small, realistic account so a first run has something to show."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .sandbox import Sandbox

BOARDS = {
    "Travel ideas": ["Kyoto in autumn", "Lisbon tram 28", "Patagonia trek"],
    "Home workshop": ["Pegboard wall", "Dovetail jig"],
    "Recipes": ["Sourdough starter", "Miso soup", "Shakshuka"],
}


def load(sandbox: Sandbox, name: str) -> None:
    if name != "demo":
        raise ValueError(f"unknown seed {name!r}; available: demo")
    if sandbox.store.count("board"):
        return  # a persistent database keeps its data; seeding twice would duplicate it
    client = sandbox.client()
    for board_name, titles in BOARDS.items():
        board: Any = client.boards.create(name=board_name, description=f"{board_name} (demo)")
        for title in titles:
            client.pins.create(
                board_id=board.id,
                title=title,
                media_source={"source_type": "image_url", "url": "https://example.com/demo.jpg"},
            )
    account: Any = client.ad_accounts.create(name="Demo shop", country="US", owner_user_id="1")
    client.campaigns.create(
        account.id,
        body=[
            {"name": name, "objective_type": "AWARENESS", "status": "ACTIVE", "ad_account_id": account.id}
            for name in ("Spring sale", "Brand awareness")
        ],
    )
