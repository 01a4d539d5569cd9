"""An offline Pinterest API v5 for tests, examples and development: no token, no network.

    from pinterest_rest.sandbox import Sandbox
    sb = Sandbox(seed="demo")
    client = sb.client()

See docs/sandbox.md. Needs the ``sandbox`` extra (uvicorn, jsonschema): ``pip install 'pinterest-rest[sandbox]'``.
"""

from __future__ import annotations

from .config import Faults, SandboxConfig
from .sandbox import Sandbox, serve_forever

__all__ = ["Faults", "Sandbox", "SandboxConfig", "serve_forever"]
