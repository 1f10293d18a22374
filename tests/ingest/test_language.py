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
