"""Knobs of the sandbox, per server and per test."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass
class Faults:
    """Injected failures, decided per request by a seeded RNG (so a failing test replays exactly).

    Rates are probabilities in [0, 1]: ``error`` answers 503, ``reset`` drops the connection,
    ``truncate`` cuts the body short, ``delay`` sleeps ``delay_seconds`` first.
    """

    error: float = 0.0
    reset: float = 0.0
    truncate: float = 0.0
    delay: float = 0.0
    delay_seconds: float = 0.05
    seed: int = 0


@dataclass
class SandboxConfig:
    # auth: "any" accepts any bearer token; "fixed" only ``token``; "scopes" only tokens the sandbox
    # issued, answering 401 for unknown/expired ones and 403 naming a missing scope.
    auth: Literal["any", "fixed", "scopes"] = "any"
    token: str = "sandbox-token"
    client_id: str = "sandbox-app"
    client_secret: str = "sandbox-secret"
    token_ttl: int = 30 * 24 * 3600  # seconds an access token lives (Pinterest: 30 days)
    refresh_ttl: int = 60 * 24 * 3600
    # rate limits (see ratelimits.py): every answer carries Pinterest's multi-window x-ratelimit-*
    # headers for its x-ratelimit-category (documented per-minute limits plus the universal 100/s);
    # enforce_rate_limits=True answers 429 with Retry-After past any window. ``rate_limits``
    # overrides categories: {"ads_write": [(5, 60.0)]}; ``rate_limit`` (per ``rate_window``
    # seconds, default 60) replaces every category's limit at once.
    rate_limits: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    rate_limit: int | None = None
    rate_window: float = 60
    enforce_rate_limits: bool = False
    # long-running jobs (reports, media, batches ...) finish after this many status polls
    job_polls: int = 1
    faults: Faults = field(default_factory=Faults)
