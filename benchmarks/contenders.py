"""Who runs which task, and the task sizes (full and --quick)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Contender:
    name: str  # shown in RESULTS.md
    venv: str  # key into envs.setup()
    adapter: str  # module in workers/
    kind: str  # "ours", "raw" or "existing"
    is_async: bool = False


CONTENDERS = [
    Contender("pinterest-rest sync", "pinterest-rest", "pinterest_rest_sync", "ours"),
    Contender("pinterest-rest async", "pinterest-rest", "pinterest_rest_async", "ours", True),
    Contender("raw urllib3", "raw", "raw_urllib3", "raw"),
    Contender("raw http.client", "raw", "raw_httpclient", "raw"),
    Contender("raw httpx", "raw", "raw_httpx", "raw"),
    Contender("raw httpx async", "raw", "raw_httpx_async", "raw", True),
    Contender("raw aiohttp", "raw", "raw_aiohttp", "raw", True),
    Contender("Pinterest-Generated-Client", "generated", "generated_client", "existing"),
    Contender("pinterest-api-sdk", "api-sdk", "api_sdk", "existing"),
    Contender("python-pinterest sync", "python-pinterest", "python_pinterest", "existing"),
    Contender("python-pinterest async", "python-pinterest", "python_pinterest_async", "existing", True),
]

BY_NAME = {c.name: c for c in CONTENDERS}

# Memory is measured under tracemalloc (slow, and nearly deterministic): once, for these only.
# Existing clients are slow, and their numbers need no precision: at most this many timed runs.
EXISTING_MAX_REPEAT = 3

MEMORY_CONTENDERS = {
    "pinterest-rest sync",
    "pinterest-rest async",
    "raw urllib3",
    "Pinterest-Generated-Client",
    "pinterest-api-sdk",
    "python-pinterest sync",
}

# Field-read tasks: pinterest-rest's models against dict lookups (and the generated client's dicts).
READ_CONTENDERS = {"pinterest-rest sync", "raw urllib3", "Pinterest-Generated-Client"}


@dataclass(frozen=True)
class Task:
    name: str  # worker task name
    title: str
    args: dict  # full-size arguments for the worker
    quick: dict  # --quick arguments
    who: str = "all"  # "all", "sync", "async", "memory", "reads"
    repeat: bool = True  # False: measured once (memory)


TASKS = [
    Task("rss", "RSS after import / after creating a client", {}, {}),
    Task("get_board", "GET one Board, sequential", {"n": 2000}, {"n": 100}),
    Task("list_boards", "GET a 25-Board page, sequential", {"n": 1000}, {"n": 50}),
    Task("create_pin", "POST a Pin, sequential", {"n": 1000}, {"n": 50}),
    Task("campaigns_stream", "10,000 campaigns streamed (page_size 100)", {"total": 10_000}, {"total": 1000}),
    Task(
        "campaigns_stream_mem", "10,000 campaigns streamed: memory", {"total": 10_000}, {"total": 1000}, "memory", False
    ),
    Task("campaigns_kept_mem", "10,000 campaigns kept: memory", {"total": 10_000}, {"total": 1000}, "memory", False),
    Task(
        "campaigns_kept_read",
        "10,000 campaigns kept, then 4 fields of each read",
        {"total": 10_000},
        {"total": 1000},
        "reads",
    ),
    Task("field_reads", "4 fields of each of 25 Boards read, 20,000 rounds", {"n": 20_000}, {"n": 200}, "reads"),
    Task("threads", "5,000 GETs from 32 threads, one client", {"n": 5000, "workers": 32}, {"n": 320}, "sync"),
    Task("tasks", "5,000 GETs from 32 asyncio tasks, one client", {"n": 5000, "workers": 32}, {"n": 320}, "async"),
]

BY_TASK = {t.name: t for t in TASKS}


def runs_task(c: Contender, t: Task) -> bool:
    if t.who == "sync":
        return not c.is_async
    if t.who == "async":
        return c.is_async
    if t.who == "memory":
        return c.name in MEMORY_CONTENDERS
    if t.who == "reads":  # adapters that define read_fields / read_board_fields
        return c.name in READ_CONTENDERS
    return True


# Import-time statements per venv: what a user writes to get the client (or transport) used above.
IMPORTS = {
    "pinterest-rest": {
        "import pinterest_rest": "import pinterest_rest",
        "from pinterest_rest import Pinterest": "from pinterest_rest import Pinterest",
        "import urllib3 (its transport)": "import urllib3",
        # Ready to send: pinterest-rest loads its transport when a client is created.
        "Pinterest(access_token='x') ready": "from pinterest_rest import Pinterest; Pinterest(access_token='x')",
        "urllib3.PoolManager() ready": "import urllib3; urllib3.PoolManager()",
    },
    "raw": {
        "import http.client": "import http.client",
        "import urllib3": "import urllib3",
        "import httpx": "import httpx",
        "import aiohttp": "import aiohttp",
    },
    "generated": {
        "Pinterest-Generated-Client (ApiClient + BoardsApi)": "from openapi_generated.pinterest_client import"
        " ApiClient; from openapi_generated.pinterest_client.api.boards_api import BoardsApi",
    },
    "api-sdk": {
        "pinterest-api-sdk (PinterestSDKClient + Board)": "from pinterest.client import PinterestSDKClient;"
        " from pinterest.organic.boards import Board",
    },
    "python-pinterest": {"python-pinterest (Api)": "from pinterest import Api"},
}
