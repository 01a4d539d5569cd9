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

# Operations that hand-written helpers wrap (run_report, the batch-job runners, create_video_pin).
# For each the generator writes a TypedDict of the generated method's keyword arguments into
# pinterest_rest/models/arguments.py, leaving out the ones the helper sets itself, so a helper can
# declare `**create_args: Unpack[AdAccountsCreateReportArgs]` and be checked exactly like the method.
# TypedDict name -> (operationId, keyword arguments the helper supplies itself).
WRAPPED_OPERATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "AdAccountsCreateReportArgs": ("analytics/create_report", ()),  # workflows.reports.run_report
    "BulkCreateDownloadArgs": ("bulk_download/create", ()),  # workflows.batch_jobs.run_bulk_download
    "BulkCreateUpsertArgs": ("bulk_upsert/create", ()),  # workflows.batch_jobs.run_bulk_upsert
    "LeadsExportCreateArgs": ("leads_export/create", ()),  # workflows.batch_jobs.run_leads_export
    # workflows.media create_video_pin(board_id=..., path=..., **pin_fields): it builds media_source
    "PinsCreateVideoPinArgs": ("pins/create", ("board_id", "media_source")),
}
