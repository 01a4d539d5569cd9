"""Hand-written workflows on top of the generated operations: waiting for jobs, reports, media
upload, Conversions API batching. Imported on first use only."""
