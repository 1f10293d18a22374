"""Why an input could not be read, in words a person can act on.

Readers raise :class:`IngestError`; the reader loop turns it into a :class:`~newsfuse.model.Quarantined`
record so that one bad document never stops the batch.

>>> q = quarantine("page", "in/page.html", IngestError("empty file (0 bytes)", raw=b""))
>>> (q.id, q.stage, q.reason)
('page', 'ingest', 'empty file (0 bytes)')
"""

from __future__ import annotations

from ..model import Quarantined

# The quarantine keeps the input for inspection, but not without bound: a 50 MB page or a multi-GB
# WARC record would bloat the store. The first MiB is enough to see what the input was; the origin
# path or URL says where the whole of it lives.
RAW_CAP = 1 << 20


class IngestError(Exception):
    """An input that cannot become an Article; ``reason`` is shown to the user as is."""

    def __init__(self, reason: str, *, raw: bytes | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.raw = raw


def cap_raw(raw: bytes | None) -> bytes | None:
    return None if raw is None else bytes(raw[:RAW_CAP])


def quarantine(doc_id: str, origin: str | None, error: IngestError) -> Quarantined:
    return Quarantined(id=doc_id, origin=origin, reason=error.reason, stage="ingest", raw=cap_raw(error.raw))
