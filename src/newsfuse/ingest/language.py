"""Which language an article is in, and whether the pipeline supports it.

The pipeline's rules and models are English-only for now. An article in another language is stored
and quarantined by the runner with :func:`unsupported_language_reason`, never processed as English.

Detection is py3langid (offline, ~1 ms per article) with probabilities normalised to 0–1.
Very short texts (fewer than ``MIN_LETTERS`` letters: a one-line record, a caption) cannot be told
apart reliably — py3langid calls "Hundreds fled." Danish — and neither can texts where the best
language is below ``MIN_CONFIDENCE``. Both get ``"und"`` (undetermined, ISO 639-2), which is not
refused: we do not know it is unsupported, and quarantining every short English snippet would lose
more than it protects. The article still says "und", so nothing claims it was English.

>>> detect_language("Die Polizei sagte am Dienstag, dass Hunderte Menschen aus der Stadt geflohen seien.").code
'de'
>>> detect_language("Hundreds fled.").code
'und'
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..model import Article

SUPPORTED_LANGUAGES = frozenset({"en"})
UNDETERMINED = "und"
MIN_LETTERS = 20
MIN_CONFIDENCE = 0.5
# Language id reads a prefix: ~800 words are plenty to be sure, and it stays cheap on huge pages.
_SAMPLE_CHARS = 5_000
# ... but it reads the first ``_FIRST_CHARS`` alone first, and keeps that answer when it is already as
# sure as a confidence can say (1.0 once rounded to 3 places): on the 802 HTML eval pages every code and
# every rounded confidence is then the one the 5,000-character prefix gives, at 0.4 of its CPU time
# (issue 17). Texts it leaves less sure than that are read again on the whole prefix.
_FIRST_CHARS = 800
_SURE = 1.0


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    code: str  # ISO 639-1 where it exists (py3langid labels), else "und"
    confidence: float | None


@functools.lru_cache(maxsize=1)
def _identifier():  # loaded once per process: ~0.3 s
    from py3langid.langid import MODEL_FILE

    from .langid_arrays import ArrayLanguageIdentifier  # the same scores, its automaton walked by numpy

    return ArrayLanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _has_letters(text: str, needed: int) -> bool:
    """Whether ``text`` has ``needed`` letters; stops counting there (news text gets there in a line)."""
    for ch in text:
        if ch.isalpha():
            needed -= 1
            if not needed:
                return True
    return needed <= 0


def detect_language(text: str) -> LanguageGuess:
    sample = text[:_SAMPLE_CHARS]
    if not _has_letters(sample[:2000], MIN_LETTERS):
        return LanguageGuess(UNDETERMINED, None)
    code, confidence = _classify(sample)
    if confidence < MIN_CONFIDENCE:
        return LanguageGuess(UNDETERMINED, confidence)
    return LanguageGuess(code, confidence)


def _classify(sample: str) -> tuple[str, float]:
    """py3langid's best language and its rounded confidence: on the first ``_FIRST_CHARS`` characters
    when they leave no doubt, else on all of ``sample``."""
    if len(sample) > _FIRST_CHARS:
        code, confidence = _identifier().classify(sample[:_FIRST_CHARS])
        if round(float(confidence), 3) >= _SURE:
            return code, _SURE
    code, confidence = _identifier().classify(sample)
    return code, round(float(confidence), 3)


def language_name(code: str) -> str:
    try:
        import pycountry

        found = pycountry.languages.get(alpha_2=code) or pycountry.languages.get(alpha_3=code)
        return found.name if found else code
    except (ImportError, KeyError, LookupError):
        return code


def unsupported_language_reason(article: Article) -> str | None:
    """Why the pipeline must not process ``article`` (its language), or None when it may.

    >>> a = Article.create(id="x", text="...", language="fr")
    >>> unsupported_language_reason(a)
    "language 'fr' (French) is not supported yet; supported: en"
    >>> unsupported_language_reason(Article.create(id="y", text="...", language="en")) is None
    True
    """
    code = article.language or detect_language(article.text).code
    if code in SUPPORTED_LANGUAGES or code == UNDETERMINED:
        return None
    return f"language {code!r} ({language_name(code)}) is not supported yet; supported: {', '.join(sorted(SUPPORTED_LANGUAGES))}"
