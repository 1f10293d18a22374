"""What a pipeline stage is.

A per-article stage is a pure ``Article -> Article`` function that fills one or more annotation
layers. It declares the layers it ``requires`` and ``provides`` (as spaCy components declare what
they assign), and a ``version`` recorded as the ``method`` of what it writes, so a stored annotation
always says which rule or model produced it.

A stage may offer ``process_batch`` (e.g. to stream many texts through ``nlp.pipe``); the runner
falls back to calling ``process`` per article. Errors are isolated per document by the runner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from .model import Article


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    process: Callable[[Article], Article]
    process_batch: Callable[[Sequence[Article]], list[Article]] | None = None

    @property
    def method(self) -> str:
        return f"{self.name}/{self.version}"
