"""Ingest: every input format → one :class:`~newsfuse.model.Article` per document, or a
:class:`~newsfuse.model.Quarantined` record with the reason it could not be read.

One small module per format: :mod:`.plain_text` (``.txt``), :mod:`.html_page` (``.html``/``.htm``,
``.gz``), :mod:`.jsonl` (``.jsonl``/``.json``, ``.gz``, stdin), :mod:`.warc` (``.warc``/``.warc.gz``),
:mod:`.feeds` (RSS/Atom files and URLs, links fetched by :mod:`.fetch`). :mod:`.paths` expands the
PATH arguments, :mod:`.formats` picks the reader, :mod:`.ids` names documents, :mod:`.outlet` names
outlets, :mod:`.language` detects the language.

>>> from newsfuse.ingest import read_inputs
>>> [a.id for a in read_inputs(["../shared/seeds/"])]   # doctest: +SKIP
['000_f23891a576059a7b', '004_414db1a5c74cabb8']
"""

from .fetch import PoliteFetcher
from .ids import file_id, url_id
from .language import SUPPORTED_LANGUAGES, detect_language, unsupported_language_reason
from .outlet import outlet_from_url
from .reader import DEFAULT_MAX_BYTES, read_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "PoliteFetcher",
    "SUPPORTED_LANGUAGES",
    "detect_language",
    "file_id",
    "outlet_from_url",
    "read_inputs",
    "unsupported_language_reason",
    "url_id",
]
