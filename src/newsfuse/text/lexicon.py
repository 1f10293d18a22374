"""Word lists kept as data files: one entry per line, in lower case; blank lines and lines starting
with ``#`` are skipped.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "terms.txt")
>>> _ = open(path, "w", encoding="utf-8").write("# loaded terms\\nThugs\\n\\nso-called\\n")
>>> read_terms(path)
('thugs', 'so-called')
"""

from __future__ import annotations

import os


def read_terms(path: str | os.PathLike) -> tuple[str, ...]:
    """The entries of a one-term-per-line list, lower-cased, in file order."""
    with open(path, encoding="utf-8") as fh:
        lines = (line.strip().lower() for line in fh)
        return tuple(line for line in lines if line and not line.startswith("#"))
