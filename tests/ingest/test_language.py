"""Language detection and the unsupported-language reason the runner quarantines with."""

from ingest_fixtures import GERMAN_PARAGRAPHS, LEVEE_PARAGRAPHS

from newsfuse.ingest import SUPPORTED_LANGUAGES, detect_language, unsupported_language_reason
from newsfuse.ingest.language import UNDETERMINED
from newsfuse.model import Article

SPANISH = ("Cientos de vecinos abandonaron sus casas el lunes por la noche después de que se rompiera el dique "
           "del río, según informaron las autoridades del condado.")


def test_supported_languages():
    assert SUPPORTED_LANGUAGES == {"en"}


def test_detects_english_german_spanish():
    assert detect_language(" ".join(LEVEE_PARAGRAPHS)).code == "en"
    assert detect_language(" ".join(GERMAN_PARAGRAPHS)).code == "de"
    assert detect_language(SPANISH).code == "es"


def test_too_short_to_tell_is_undetermined_not_guessed():
    # py3langid alone calls this Danish; we do not flag a short English line as a foreign article
    guess = detect_language("Hundreds fled.")
    assert (guess.code, guess.confidence) == (UNDETERMINED, None)
    assert detect_language("3,000 | 12 | 48").code == UNDETERMINED


def test_unsupported_language_reason():
    german = Article.create(id="de1", text=" ".join(GERMAN_PARAGRAPHS), language="de")
    assert unsupported_language_reason(german) == "language 'de' (German) is not supported yet; supported: en"
    english = Article.create(id="en1", text=" ".join(LEVEE_PARAGRAPHS), language="en")
    assert unsupported_language_reason(english) is None
    short = Article.create(id="u1", text="Hundreds fled.", language=UNDETERMINED)
    assert unsupported_language_reason(short) is None


def test_reason_detects_when_language_was_not_set():
    spanish = Article.create(id="es1", text=SPANISH)
    assert unsupported_language_reason(spanish) == "language 'es' (Spanish) is not supported yet; supported: en"


def _plain_and_array_identifiers():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from newsfuse.ingest.language import _identifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True), _identifier()


def _varied_texts() -> list[str]:
    import random

    rng = random.Random(17)
    texts = ["", "a", "ab", "Hundreds fled.", "ALL CAPS HEADLINE ABOUT THE LEVEE", SPANISH,
             " ".join(LEVEE_PARAGRAPHS), " ".join(GERMAN_PARAGRAPHS), "Привет, как дела? Дамба прорвалась.",
             "堤防が決壊し、数百人が避難した。", "3,000 | 12 | 48", "\u00e9\u0301 e\u0301 \u212b"]
    long_text = " ".join(LEVEE_PARAGRAPHS + GERMAN_PARAGRAPHS)
    texts += [long_text[i:i + rng.randrange(1, 600)] for i in range(0, len(long_text), 97)]
    texts += ["".join(chr(rng.randrange(32, 0x3000)) for _ in range(rng.randrange(0, 200))) for _ in range(60)]
    return texts


def test_array_automaton_scores_exactly_as_py3langid():
    import numpy as np

    plain, arrays = _plain_and_array_identifiers()
    for text in _varied_texts():
        assert np.array_equal(plain._decide(text), arrays._decide(text)), text
        assert plain.classify(text) == arrays.classify(text)


def test_the_comparison_catches_an_automaton_read_with_too_little_context():
    import numpy as np

    plain, arrays = _plain_and_array_identifiers()

    class TwoBytesOfContext(type(arrays)):  # stops after one step: bigrams right, longer n-grams lost
        def feature_counts(self, data):
            codes = np.frombuffer(data, dtype=np.uint8)
            states = self._next[self._rows[0] + codes]
            states[1:] = self._next[self._rows[states[:-1]] + codes[1:]]
            found = self._features[states]
            return {int(f): int((found == f).sum()) for f in dict.fromkeys(found[found >= 0].tolist())}

    from py3langid.langid import MODEL_FILE

    broken = TwoBytesOfContext.from_model_file(MODEL_FILE, norm_probs=True)
    text = " ".join(LEVEE_PARAGRAPHS)
    assert not np.array_equal(plain._decide(text), broken._decide(text))


def _prefix_only(text: str):
    """The guess on the whole 5,000-character sample, as before the first 800 characters were tried alone."""
    from newsfuse.ingest import language

    code, confidence = language._identifier().classify(text[: language._SAMPLE_CHARS])
    confidence = round(float(confidence), 3)
    return (code if confidence >= language.MIN_CONFIDENCE else UNDETERMINED), confidence


def test_a_sure_beginning_decides_and_gives_the_whole_samples_answer(monkeypatch):
    from newsfuse.ingest import language

    read: list[int] = []
    identifier = language._identifier()
    monkeypatch.setattr(language, "_identifier", lambda: _Counting(identifier, read))
    for text in (" ".join(LEVEE_PARAGRAPHS) * 3, " ".join(GERMAN_PARAGRAPHS) * 3):
        read.clear()
        guess = detect_language(text)
        assert read == [language._FIRST_CHARS]  # one look at the beginning was enough
        assert (guess.code, guess.confidence) == _prefix_only(text)


def test_an_unsure_beginning_reads_the_whole_sample(monkeypatch):
    from newsfuse.ingest import language

    read: list[int] = []
    identifier = language._identifier()
    monkeypatch.setattr(language, "_identifier", lambda: _Counting(identifier, read))
    # a beginning of names and numbers, then the article: the first 800 characters leave doubt
    text = "Tessby 3-1 Orvel | Skell 0-0 Marr | " * 25 + " ".join(LEVEE_PARAGRAPHS) * 6
    guess = detect_language(text)
    assert read == [language._FIRST_CHARS, min(len(text), language._SAMPLE_CHARS)]
    assert (guess.code, guess.confidence) == _prefix_only(text)


class _Counting:
    def __init__(self, identifier, read: list[int]) -> None:
        self.identifier, self.read = identifier, read

    def classify(self, text: str):
        self.read.append(len(text))
        return self.identifier.classify(text)
