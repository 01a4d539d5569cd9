"""Hand-written methods mixed into generated resources (e.g. ``client.media.upload``).

resource -> module (relative to ``pinterest_rest``) that defines ``<Class>Extras`` and
``Async<Class>Extras`` (for ``media``: ``MediaExtras`` and ``AsyncMediaExtras``). Each mixin must
declare ``__slots__ = ()`` and may call ``self._client``, ``self._request`` and ``self._paginate``.
Add an entry here and rerun ``python -m tools.codegen``.
"""

EXTENSIONS: dict[str, str] = {
    "media": "workflows.media",  # media.upload
    "pins": "workflows.media",  # pins.create_video_pin
}
