"""Response bodies shaped like Pinterest API v5 (spec 5.23.0 examples), shared by the stub and tests.

Ids are derived from a number so every worker can check what it got back: board ids and campaign ids
are decimal strings, campaign `n` of an account (0-based) has id `CAMPAIGN_BASE + n`.
"""

from __future__ import annotations

AD_ACCOUNT = "549755885175"  # the big account (10,000 campaigns by default)
SMALL_AD_ACCOUNT = "549755885176"  # a 150-campaign account, used to warm up before measuring
SMALL_ACCOUNT_CAMPAIGNS = 150
CAMPAIGN_BASE = 626736533000000
BOARD_PAGE_TOTAL = 50  # boards owned by the stub user: two pages of 25
BOARD_BASE = 549755800000


def board(board_id: str) -> dict:
    return {
        "id": board_id,
        "created_at": "2020-01-01T20:10:40",
        "board_pins_modified_at": "2020-01-01T20:10:40",
        "name": f"Summer Recipes {board_id}",
        "description": "My favorite summer recipes",
        "collaborator_count": 17,
        "pin_count": 5,
        "follower_count": 13,
        "media": {
            "image_cover_url": "https://i.pinimg.com/400x300/30/d6/02/30d6021b2e5a0c6a3b7e0e3c0e7c7e4a.jpg",
            "pin_thumbnail_urls": [
                "https://i.pinimg.com/150x150/b4/57/10/b45710f1ede96af55230f4b43a1e4e79.jpg",
                "https://i.pinimg.com/150x150/dd/ff/46/ddff4616e39c1935cd05738794fa860e.jpg",
            ],
        },
        "owner": {"username": "bench_user"},
        "privacy": "PUBLIC",
    }


def boards_page(offset: int, page_size: int, total: int = BOARD_PAGE_TOTAL) -> dict:
    end = min(offset + page_size, total)
    items = [board(str(BOARD_BASE + i)) for i in range(offset, end)]
    return {"items": items, "bookmark": str(end) if end < total else None}


def campaign(ad_account_id: str, n: int) -> dict:
    return {
        "id": str(CAMPAIGN_BASE + n),
        "ad_account_id": ad_account_id,
        "name": f"ACME Tools {n}",
        "status": "ACTIVE",
        "lifetime_spend_cap": 1432744744,
        "daily_spend_cap": 1432744744,
        "order_line_id": "549755885175",
        "tracking_urls": {
            "impression": ["https://example.com/i1", "https://example.com/i2"],
            "click": ["https://example.com/c1"],
            "engagement": [],
            "buyable_button": [],
            "audience_verification": [],
        },
        "start_time": 1580865126,
        "end_time": 1644023526,
        "summary_status": "RUNNING",
        "is_flexible_daily_budgets": True,
        "default_ad_group_budget_in_micro_currency": 0,
        "is_automated_campaign": False,
        "objective_type": "AWARENESS",
        "created_time": 1432744744,
        "updated_time": 1432744744,
        "type": "campaign",
        "is_campaign_budget_optimization": False,
    }


def campaigns_page(ad_account_id: str, offset: int, page_size: int, total: int) -> dict:
    end = min(offset + page_size, total)
    items = [campaign(ad_account_id, n) for n in range(offset, end)]
    return {"items": items, "bookmark": f"c{end}" if end < total else None}


def pin(pin_id: str, board_id: str, title: str | None) -> dict:
    return {
        "id": pin_id,
        "created_at": "2022-01-01T20:10:40",
        "link": "https://www.pinterest.com/",
        "title": title,
        "description": "A bench pin",
        "dominant_color": "#6E7874",
        "alt_text": "alt",
        "creative_type": "REGULAR",
        "board_id": board_id,
        "board_section_id": "4",
        "board_owner": {"username": "bench_user"},
        "is_owner": True,
        "media": {
            "media_type": "image",
            "images": {
                "150x150": {
                    "width": 150,
                    "height": 150,
                    "url": "https://i.pinimg.com/150x150/0d/f6/f1/0df6f1f0bfe7aaca849c1bbc3607a34b.jpg",
                },
                "600x": {
                    "width": 600,
                    "height": 600,
                    "url": "https://i.pinimg.com/600x/0d/f6/f1/0df6f1f0bfe7aaca849c1bbc3607a34b.jpg",
                },
            },
        },
        "parent_pin_id": "5",
        "is_standard": True,
        "has_been_promoted": False,
        "note": "",
        "pin_metrics": {"90d": {"pin_click": 7, "impression": 2, "clickthrough": 3}},
    }
