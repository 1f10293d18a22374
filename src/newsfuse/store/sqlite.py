"""The SQLite store: articles and their versions, annotation layers, quarantine, corrections, stories, runs.

Why one module of this length: one class owns the connection and its transactions; every table's
reads and writes share them (a version and its layers commit together), so splitting the class by
table would split transactions. Schema changes live in :mod:`.migrations`, the lock in :mod:`.lock`.

Rules the store keeps:

- A document's identity is its key (:func:`~newsfuse.store.urls.document_key`: normalised URL,
  else document id). The same key with a text already stored is a ``duplicate`` (nothing is
  written); with a new text it is a ``new_version``. Rows of ``versions`` are never updated.
- The text seen last is the article's current version (``articles.current_version``), which
  briefings read: a page that changes back to an earlier text is ``reverted`` to that version (no
  new row; its layers are there already), so a stale newer text does not stay in the briefings.
- Every annotation belongs to one version and records the method that produced it. Saving a layer
  replaces that layer of that version only, so re-running a stage is idempotent.
- A version refused while being annotated (quarantined with its article) stays out of the briefings
  and is not tried again by the same newsfuse build, which would fail the same way on every run; a
  later build (``BUILD``) tries it once more, as does any run after :meth:`Store.release_quarantine`.
  Once all its layers are stored, its quarantine is over. A changed text is a new version anyway.
- Every public write is one transaction; :meth:`Store.transaction` groups several (nested calls
  become savepoints), so a batch is stored whole or not at all.

>>> store = Store(":memory:")
>>> from newsfuse.model import Article
>>> [r.status for r in store.add_articles([Article.create(id="a", text="Hi.", url="http://x.org/a/")] * 2)]
['new', 'duplicate']
>>> store.load_article("a").meta["version"]
1
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
import urllib.parse
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .. import __version__
from ..model import ANNOTATION_LAYERS, LAYER_TYPES, Article, Quarantined, Story, content_hash
from . import briefs, migrations
from .lock import WriterLock
from .codec import record_from_dict, record_to_dict
from .rows import (DUPLICATE, NEW, NEW_VERSION, REVERTED, Correction, IngestResult, QuarantineEntry, RunInfo,
                   VersionInfo)
from .urls import document_key

# Keys of Article.meta that the store fills when loading; they are not stored as part of the metadata.
STORE_META_KEYS = ("version", "doc_id")
UNKNOWN_METHOD = "unknown"
# Kept with each refusal of a stored version: the build that refused it does not try it again.
BUILD = f"newsfuse {__version__}"
_CHUNK = 500  # rows per IN (...) query when loading many versions


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def _text_in(value: str | None) -> str | bytes | None:
    """Text as SQLite can hold it. A lone surrogate (e.g. from a JSON ``"\\ud800"`` escape) cannot be
    UTF-8 encoded; such a text is stored as a BLOB of its ``surrogatepass`` bytes so offsets survive."""
    if value is None:
        return None
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogatepass")


def _text_out(value: str | bytes | None) -> str | None:
    if isinstance(value, bytes):
        return value.decode("utf-8", "surrogatepass")
    return value


def _printable(value: str) -> str:
    """An identifier SQLite can hold as TEXT: lone surrogates become ``\\udXXX`` escapes."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return record_to_dict(value)
    raise TypeError(f"cannot store a {type(value).__name__} as JSON: {value!r}")


def _dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=_json_default, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: let JSON escape them
        text = json.dumps(value, ensure_ascii=True, default=_json_default, separators=(",", ":"))
    return text


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


def _resolve(story_id: str, is_live: Callable[[str], bool], targets: Callable[[str], list[str]]) -> str | None:
    """Follow aliases (``targets``: newest first; depth first) from ``story_id`` to the first live story."""
    seen: set[str] = set()
    stack = [story_id]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        if is_live(current):
            return current
        stack.extend(reversed(targets(current)))
    return None


class StoreError(ValueError):
    """A store file that cannot be used: a folder, not a database, or damaged (the message says which)."""


def damage(error: sqlite3.DatabaseError) -> str:
    """What an SQLite error says about the store file, in words a user can act on."""
    text = str(error)
    if text == "file is not a database":
        return "it is not an SQLite database (a wrong path, or a file of another kind)"
    if "malformed" in text:
        return f"the database is damaged ({text}); restore it from a copy, or start a new store"
    return text


class Store:
    """A newsfuse store in one SQLite file (WAL, foreign keys on, busy timeout), or in memory.

    Use :func:`newsfuse.store.open_store` rather than this class, so the storage stays a setting.
    """

    scheme = "sqlite"

    def __init__(self, path: str | os.PathLike[str] = ":memory:", *, timeout: float = 30.0,
                 check_same_thread: bool = True, read_only: bool = False) -> None:
        self.path = os.fspath(path)
        in_memory = self.path == ":memory:" or self.path == ""
        if read_only:
            self._open_read_only(timeout, check_same_thread)
            return
        if not in_memory:
            if Path(self.path).is_dir():
                raise StoreError(f"cannot use {self.path} as a store: it is a folder, not a file")
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot use {self.path} as a store: {error.strerror or error}") from None
        self._conn = sqlite3.connect(self.path or ":memory:", timeout=timeout, isolation_level=None,
                                     check_same_thread=check_same_thread)
        try:
            self._conn.row_factory = sqlite3.Row
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000):d}")
            if not in_memory:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; safe with WAL
            self._depth = 0
            migrations.migrate(self._conn)
        except sqlite3.DatabaseError as error:
            self._conn.close()
            raise StoreError(f"cannot use {self.path} as a store: {damage(error)}") from None

    def _open_read_only(self, timeout: float, check_same_thread: bool) -> None:
        """A connection that cannot write (``mode=ro``): readers such as ``newsfuse serve`` use it while
        ``analyze`` writes (WAL). The schema must be current already; nothing is migrated."""
        if not Path(self.path).is_file():
            raise StoreError(f"cannot read {self.path} as a store: no such file")
        uri = "file:" + urllib.parse.quote(str(Path(self.path).absolute())) + "?mode=ro"
        self._conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None,
                                     check_same_thread=check_same_thread)
        self._conn.row_factory = sqlite3.Row
        self._depth = 0
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000):d}")
            version = migrations.schema_version(self._conn)
        except sqlite3.DatabaseError as error:
            self._conn.close()
            raise StoreError(f"cannot read {self.path} as a store: {damage(error)}") from None
        if version != migrations.LATEST:
            self._conn.close()
            raise StoreError(f"{self.path} has schema v{version}, not v{migrations.LATEST}: open it for writing "
                             "once (newsfuse analyze) to bring it up to date")

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return migrations.schema_version(self._conn)

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """One transaction around everything inside; nested blocks are savepoints.

        >>> store = Store()
        >>> with store.transaction():
        ...     _ = store.add_articles([Article.create(id="a", text="One.")])
        ...     _ = store.add_correction("not_a_copy", "a", {})
        """
        savepoint = f"sp{self._depth}"
        self._conn.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            yield self
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._conn.execute("ROLLBACK")
            else:
                self._conn.execute(f"ROLLBACK TO {savepoint}")
                self._conn.execute(f"RELEASE {savepoint}")
            raise
        self._depth -= 1
        self._conn.execute("COMMIT" if self._depth == 0 else f"RELEASE {savepoint}")

    def _one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        return self._conn.execute(sql, params).fetchone()

    # ------------------------------------------------------------------ articles and versions

    def add_articles(self, articles: Sequence[Article], *, run_id: int | None = None) -> list[IngestResult]:
        """Store a batch of articles in ONE transaction: all of them, or (on any error) none.

        Each result says whether the document was ``new``, a ``new_version`` of a known key, or a
        ``duplicate`` of a text already stored under its key (then nothing is written and
        ``version_id`` is that stored version's).
        """
        with self.transaction():
            return [self._add_article(article, run_id) for article in articles]

    def _add_article(self, article: Article, run_id: int | None) -> IngestResult:
        if not isinstance(article, Article):
            raise TypeError(f"expected an Article, got {type(article).__name__}")
        if article.content_hash != content_hash(article.text):
            raise ValueError(f"article {article.id!r}: content_hash does not match its text")
        key = _printable(document_key(url=article.url, doc_id=article.id))
        row = self._one("SELECT id FROM articles WHERE doc_key = ?", (key,))
        if row is None:
            article_id = self._free_article_id(article.id, key)
            self._conn.execute(
                "INSERT INTO articles (id, doc_key, url, created) VALUES (?, ?, ?, ?)",
                (article_id, key, key[4:] if key.startswith("url:") else None, _now()),
            )
            version_id = self._insert_version(article_id, 1, article, run_id)
            self._make_current(article_id, version_id)
            return IngestResult(article.id, key, article_id, version_id, NEW)
        article_id = row["id"]
        same = self._one(
            "SELECT id FROM versions WHERE article_id = ? AND content_hash = ?", (article_id, article.content_hash)
        )
        if same is not None:
            if self._make_current(article_id, same["id"]):
                return IngestResult(article.id, key, article_id, same["id"], REVERTED)
            return IngestResult(article.id, key, article_id, same["id"], DUPLICATE)
        seq = self._one("SELECT max(seq) AS seq FROM versions WHERE article_id = ?", (article_id,))["seq"]
        version_id = self._insert_version(article_id, seq + 1, article, run_id)
        self._make_current(article_id, version_id)
        return IngestResult(article.id, key, article_id, version_id, NEW_VERSION)

    def _make_current(self, article_id: str, version_id: int) -> bool:
        """Make ``version_id`` the article's current version; False when it already was."""
        cursor = self._conn.execute(
            "UPDATE articles SET current_version = ? WHERE id = ? AND current_version IS NOT ?",
            (version_id, article_id, version_id),
        )
        return cursor.rowcount > 0

    def _free_article_id(self, doc_id: str, key: str) -> str:
        """The document id, unless another document (another key) already has it: then a suffixed one."""
        doc_id = candidate = _printable(doc_id)
        suffix = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        attempt = 0
        while self._one("SELECT 1 FROM articles WHERE id = ?", (candidate,)) is not None:
            attempt += 1
            candidate = f"{doc_id}~{suffix}" if attempt == 1 else f"{doc_id}~{suffix}-{attempt}"
        return candidate

    def _insert_version(self, article_id: str, seq: int, a: Article, run_id: int | None) -> int:
        meta = {k: v for k, v in a.meta.items() if k not in STORE_META_KEYS}
        cursor = self._conn.execute(
            """INSERT INTO versions (article_id, seq, content_hash, doc_id, text, source, url, title, published,
                                     language, format, origin, text_given, meta, ingested, run_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (article_id, seq, a.content_hash, _text_in(a.id), _text_in(a.text), _text_in(a.source), _text_in(a.url),
             _text_in(a.title), a.published, a.language, a.format, _text_in(a.origin), int(a.text_given),
             _dumps(meta), _now(), run_id),
        )
        return int(cursor.lastrowid)

    def versions(self, article_id: str) -> list[VersionInfo]:
        """Every stored version of an article, oldest first."""
        rows = self._conn.execute(
            "SELECT id, article_id, seq, content_hash, ingested FROM versions WHERE article_id = ? ORDER BY seq",
            (article_id,),
        ).fetchall()
        return [VersionInfo(r["id"], r["article_id"], r["seq"], r["content_hash"], r["ingested"]) for r in rows]

    def article_id_for(self, *, url: str | None = None, doc_id: str | None = None) -> str | None:
        """The stored article a URL (any spelling) or, without a URL, a document id belongs to."""
        if url is None and doc_id is None:
            raise ValueError("give a url or a doc_id")
        row = self._one("SELECT id FROM articles WHERE doc_key = ?", (_printable(document_key(url=url, doc_id=doc_id or "")),))
        return None if row is None else row["id"]

    def count_articles(self) -> int:
        return int(self._one("SELECT count(*) AS n FROM articles")["n"])

    def load_article(self, article_id: str, version: int | None = None, *,
                     layers: Iterable[str] = ANNOTATION_LAYERS) -> Article:
        """The article with its stored layers: its current version, or the version with id ``version``.

        ``meta["version"]`` holds the version id. Raises KeyError when there is no such article/version.
        """
        if version is None:
            row = self._one("SELECT v.* FROM versions v JOIN articles a ON a.current_version = v.id WHERE a.id = ?",
                            (article_id,))
        else:
            row = self._one("SELECT * FROM versions WHERE id = ? AND article_id = ?", (version, article_id))
        if row is None:
            raise KeyError(f"no article {article_id!r}" + (f" with version {version}" if version is not None else ""))
        return self._build([row], tuple(layers))[0]

    def load_version(self, version_id: int, *, layers: Iterable[str] = ANNOTATION_LAYERS) -> Article:
        row = self._one("SELECT * FROM versions WHERE id = ?", (version_id,))
        if row is None:
            raise KeyError(f"no version {version_id}")
        return self._build([row], tuple(layers))[0]

    def iter_articles(self, latest_only: bool = True, *, layers: Iterable[str] = ANNOTATION_LAYERS,
                      include_quarantined: bool = False) -> Iterator[Article]:
        """Every article (its current version, or every version), in ingest order, with its layers.

        Versions held in quarantine (e.g. a language the pipeline does not support yet) are left out
        unless ``include_quarantined``. Rows are read in chunks, so the store may be written meanwhile.
        """
        where = []
        if latest_only:
            where.append("v.id IN (SELECT current_version FROM articles)")
        if not include_quarantined:
            where.append(
                "v.id NOT IN (SELECT version_id FROM quarantine WHERE version_id IS NOT NULL AND released IS NULL)"
            )
        sql = "SELECT v.id FROM versions v" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY v.id"
        ids = [r[0] for r in self._conn.execute(sql).fetchall()]
        wanted = tuple(layers)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i : i + _CHUNK]
            rows = self._conn.execute(
                f"SELECT * FROM versions WHERE id IN ({_placeholders(len(chunk))}) ORDER BY id", chunk
            ).fetchall()
            yield from self._build(rows, wanted)

    def _build(self, rows: Sequence[sqlite3.Row], layers: tuple[str, ...]) -> list[Article]:
        unknown = set(layers) - set(LAYER_TYPES)
        if unknown:
            raise ValueError(f"unknown layers: {sorted(unknown)}")
        stored: dict[int, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        ran: dict[int, set[str]] = defaultdict(set)  # layers stored for a version, empty ones too
        if rows and layers:
            ids = [r["id"] for r in rows]
            for row in self._conn.execute(
                f"""SELECT version_id, layer FROM layers
                    WHERE version_id IN ({_placeholders(len(ids))}) AND layer IN ({_placeholders(len(layers))})""",
                (*ids, *layers),
            ):
                ran[row["version_id"]].add(row["layer"])
            for ann in self._conn.execute(
                f"""SELECT version_id, layer, record FROM annotations
                    WHERE version_id IN ({_placeholders(len(ids))}) AND layer IN ({_placeholders(len(layers))})
                    ORDER BY version_id, layer, idx""",
                (*ids, *layers),
            ):
                cls = LAYER_TYPES[ann["layer"]]
                stored[ann["version_id"]][ann["layer"]].append(record_from_dict(cls, json.loads(ann["record"])))
        articles = []
        for r in rows:
            meta = json.loads(r["meta"])
            meta["version"] = r["id"]
            doc_id = _text_out(r["doc_id"])
            if doc_id != r["article_id"]:
                meta["doc_id"] = doc_id
            articles.append(
                Article(
                    id=r["article_id"], text=_text_out(r["text"]), content_hash=r["content_hash"],
                    source=_text_out(r["source"]), url=_text_out(r["url"]), title=_text_out(r["title"]),
                    published=r["published"], language=r["language"], format=r["format"],
                    origin=_text_out(r["origin"]), text_given=bool(r["text_given"]), meta=meta,
                    ran=tuple(layer for layer in ANNOTATION_LAYERS if layer in ran[r["id"]]),
                    **{layer: tuple(records) for layer, records in stored[r["id"]].items()},
                )
            )
        return articles

    # ------------------------------------------------------------------ annotation layers

    def save_layers(self, version_id: int, article: Article, layers: Iterable[str] = ANNOTATION_LAYERS,
                    methods: Mapping[str, str] | None = None) -> None:
        """Replace the stored ``layers`` of one version with the article's (one transaction).

        Each record is stored with the method that produced it: its own ``method`` field, else
        ``methods[layer]`` (pass ``{layer: stage.method}``; records without a ``method`` field, such as
        sentences, need it), else ``"unknown"``. A record stored without a method gets the one used.
        """
        methods = dict(methods or {})
        layers = tuple(layers)
        unknown = [layer for layer in layers if layer not in LAYER_TYPES]
        if unknown:
            raise ValueError(f"unknown layers: {unknown}")
        with self.transaction():
            row = self._one("SELECT content_hash FROM versions WHERE id = ?", (version_id,))
            if row is None:
                raise KeyError(f"no version {version_id}")
            if row["content_hash"] != article.content_hash:
                raise ValueError(f"article {article.id!r} has another text than version {version_id}")
            stored = _now()
            for layer in layers:
                self._save_layer(version_id, layer, getattr(article, layer), methods.get(layer), stored)
            if set(ANNOTATION_LAYERS) <= set(layers):  # annotated after all (a retry that worked)
                self._conn.execute("UPDATE quarantine SET released = ? WHERE version_id = ? AND released IS NULL",
                                   (stored, version_id))

    def _save_layer(self, version_id: int, layer: str, records: Sequence[Any], given: str | None,
                    stored: str) -> None:
        cls = LAYER_TYPES[layer]
        rows = []
        used: set[str] = set()
        for idx, record in enumerate(records):
            if not isinstance(record, cls):
                raise TypeError(f"layer {layer!r} holds a {type(record).__name__}, expected {cls.__name__}")
            data = record_to_dict(record)
            method = data.get("method") or given or UNKNOWN_METHOD
            if "method" in data:
                data["method"] = method
            used.add(method)
            rows.append((version_id, layer, idx, record.start, record.end, method, _dumps(data)))
        layer_method = given or (",".join(sorted(used)) if used else UNKNOWN_METHOD)
        self._conn.execute("DELETE FROM annotations WHERE version_id = ? AND layer = ?", (version_id, layer))
        self._conn.execute("DELETE FROM layers WHERE version_id = ? AND layer = ?", (version_id, layer))
        self._conn.execute(
            "INSERT INTO layers (version_id, layer, method, count, stored) VALUES (?, ?, ?, ?, ?)",
            (version_id, layer, layer_method, len(rows), stored),
        )
        self._conn.executemany(
            """INSERT INTO annotations (version_id, layer, idx, span_start, span_end, method, record)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )

    def unannotated_versions(self, layers: Sequence[str] = ANNOTATION_LAYERS) -> list[int]:
        """Versions stored but not annotated: some of ``layers`` missing and not held in quarantine by
        this build, oldest first. ``analyze`` stores a window's versions before it annotates them, so a
        run killed in between leaves these; the next run annotates them before anything else. A version
        this build refused is not listed (it would be refused again, every run); one refused by another
        build (``quarantine.build``), or released, is: a later build may read it.

        >>> store = Store()
        >>> [r] = store.add_articles([Article.create(id="a", text="Hi.")])
        >>> store.unannotated_versions() == [r.version_id]
        True
        """
        layers = tuple(layers)
        rows = self._conn.execute(
            f"""SELECT v.id FROM versions v
                WHERE NOT EXISTS (SELECT 1 FROM quarantine q WHERE q.version_id = v.id
                                  AND q.released IS NULL AND q.build IS ?)
                AND (SELECT count(*) FROM layers l WHERE l.version_id = v.id
                     AND l.layer IN ({_placeholders(len(layers))})) < ?
                ORDER BY v.id""",
            (BUILD, *layers, len(layers)),
        )
        return [r[0] for r in rows]

    def stored_layers(self, version_id: int) -> dict[str, str]:
        """The layers stored for a version (an empty layer counts: the stage ran), with their method."""
        rows = self._conn.execute("SELECT layer, method FROM layers WHERE version_id = ?", (version_id,))
        return {r["layer"]: r["method"] for r in rows}

    # ------------------------------------------------------------------ quarantine

    def quarantine(self, item: Quarantined, *, run_id: int | None = None) -> int:
        """Keep a failed input with its reason; returns its quarantine id.

        When ``item.article`` is set the article version is stored too (and left out of
        :meth:`iter_articles` until released), with the build that refused it; a new refusal of that
        version replaces its earlier ones. Quarantining the same thing again (same id, origin, stage,
        reason, raw bytes and version) only refreshes ``last_seen`` and the build.
        """
        with self.transaction():
            version_id = None
            if item.article is not None:
                version_id = self._add_article(item.article, run_id).version_id
            raw_hash = hashlib.sha256(item.raw).hexdigest() if item.raw is not None else None
            now = _now()
            same = self._one(
                """SELECT id FROM quarantine WHERE doc_id = ? AND origin IS ? AND stage = ? AND reason = ?
                   AND raw_hash IS ? AND version_id IS ? AND released IS NULL""",
                (_text_in(item.id), _text_in(item.origin), item.stage, _text_in(item.reason), raw_hash, version_id),
            )
            build = BUILD if version_id is not None else None
            if same is not None:
                self._conn.execute("UPDATE quarantine SET last_seen = ?, build = ? WHERE id = ?",
                                   (now, build, same["id"]))
                return int(same["id"])
            if version_id is not None:  # a retry that failed another way: the new reason is the one that holds
                self._conn.execute("UPDATE quarantine SET released = ? WHERE version_id = ? AND released IS NULL",
                                   (now, version_id))
            cursor = self._conn.execute(
                """INSERT INTO quarantine (doc_id, origin, stage, reason, raw, raw_hash, version_id, created,
                                           last_seen, run_id, build) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (_text_in(item.id), _text_in(item.origin), item.stage, _text_in(item.reason), item.raw, raw_hash,
                 version_id, now, now, run_id, build),
            )
            return int(cursor.lastrowid)

    def list_quarantine(self, *, stage: str | None = None, include_released: bool = False) -> list[QuarantineEntry]:
        """Quarantined inputs, oldest first (``dataclasses.asdict``/``to_jsonable`` for JSON output)."""
        where, params = [], []
        if stage is not None:
            where.append("q.stage = ?")
            params.append(stage)
        if not include_released:
            where.append("q.released IS NULL")
        rows = self._conn.execute(
            "SELECT q.*, v.article_id FROM quarantine q LEFT JOIN versions v ON v.id = q.version_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY q.id",
            params,
        )
        return [
            QuarantineEntry(
                qid=r["id"], doc_id=_text_out(r["doc_id"]), origin=_text_out(r["origin"]), stage=r["stage"],
                reason=_text_out(r["reason"]), raw=r["raw"], article_id=r["article_id"], version_id=r["version_id"],
                created=r["created"], last_seen=r["last_seen"], released=r["released"],
            )
            for r in rows
        ]

    def release_quarantine(self, qid: int) -> bool:
        """Let a quarantined version take part again (e.g. once its language is supported): the next
        ``analyze`` annotates it first if it has no layers yet."""
        with self.transaction():
            cursor = self._conn.execute(
                "UPDATE quarantine SET released = ? WHERE id = ? AND released IS NULL", (_now(), qid)
            )
            return cursor.rowcount > 0

    # ------------------------------------------------------------------ analyst corrections

    def add_correction(self, kind: str, target: str, payload: Any = None, author: str | None = None) -> int:
        """Record an analyst override; every stage reads the active ones, so it survives re-runs.

        >>> store = Store()
        >>> cid = store.add_correction("merge_entities", "ISIS", {"into": "IS"}, author="ana")
        >>> [(c.kind, c.target, c.payload) for c in store.corrections("merge_entities")]
        [('merge_entities', 'ISIS', {'into': 'IS'})]
        """
        if not kind or not target:
            raise ValueError("a correction needs a kind and a target")
        with self.transaction():
            cursor = self._conn.execute(
                "INSERT INTO corrections (kind, target, payload, author, created) VALUES (?, ?, ?, ?, ?)",
                (kind, target, _dumps({} if payload is None else payload), author, _now()),
            )
            return int(cursor.lastrowid)

    def corrections(self, kind: str | None = None, *, active_only: bool = True) -> list[Correction]:
        """Corrections in the order they were made (a later one overrides an earlier one)."""
        where, params = [], []
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        if active_only:
            where.append("active = 1")
        rows = self._conn.execute(
            "SELECT * FROM corrections" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id", params
        )
        return [
            Correction(r["id"], r["kind"], r["target"], json.loads(r["payload"]), r["author"], r["created"],
                       bool(r["active"]), r["retracted"])
            for r in rows
        ]

    def retract_correction(self, correction_id: int) -> bool:
        """Switch a correction off (the row stays, for the record); False if it was already retracted."""
        with self.transaction():
            if self._one("SELECT 1 FROM corrections WHERE id = ?", (correction_id,)) is None:
                raise KeyError(f"no correction {correction_id}")
            cursor = self._conn.execute(
                "UPDATE corrections SET active = 0, retracted = ? WHERE id = ? AND active = 1", (_now(), correction_id)
            )
            return cursor.rowcount > 0

    # ------------------------------------------------------------------ stories

    def save_stories(self, stories: Sequence[Story]) -> None:
        """Insert or update stories and their members (one transaction).

        An article belongs to one story: saving a story takes its articles out of any other. The ids
        in ``merged_from`` become aliases of the story and those old stories are removed. Missing
        ``first_published``/``last_published`` are filled from the members' latest versions.
        """
        with self.transaction():
            now = _now()
            for story in stories:
                self._save_story(story, now)

    def _save_story(self, story: Story, now: str) -> None:
        members = list(dict.fromkeys(story.article_ids))
        if members:
            known = {
                r[0]
                for r in self._conn.execute(
                    f"SELECT id FROM articles WHERE id IN ({_placeholders(len(members))})", members
                )
            }
            missing = [a for a in members if a not in known]
            if missing:
                raise KeyError(f"story {story.id!r}: articles not in the store: {missing[:5]}")
        first, last = story.first_published, story.last_published
        if (first is None or last is None) and members:
            span = self._one(
                f"""SELECT min(v.published) AS first, max(v.published) AS last FROM versions v
                    WHERE v.article_id IN ({_placeholders(len(members))})
                    AND v.id IN (SELECT current_version FROM articles)""",
                members,
            )
            first = first if first is not None else span["first"]
            last = last if last is not None else span["last"]
        self._conn.execute(
            """INSERT INTO stories (id, title, first_published, last_published, created, updated)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (id) DO UPDATE SET title = excluded.title, first_published = excluded.first_published,
                   last_published = excluded.last_published, updated = excluded.updated""",
            (story.id, story.title, first, last, now, now),
        )
        self._conn.execute("DELETE FROM story_members WHERE story_id = ?", (story.id,))
        if members:
            self._conn.execute(
                f"DELETE FROM story_members WHERE article_id IN ({_placeholders(len(members))})", members
            )
            self._conn.executemany(
                "INSERT INTO story_members (story_id, article_id, position) VALUES (?, ?, ?)",
                [(story.id, article_id, i) for i, article_id in enumerate(members)],
            )
        for old in story.merged_from:
            if old != story.id:
                self._record_alias(old, story.id, "merge", now)
                self._conn.execute("DELETE FROM stories WHERE id = ?", (old,))

    def save_briefs(self, rows: Sequence[briefs.StoryIndex]) -> None:
        """Keep each story's briefing, facets and search text (:mod:`newsfuse.store.briefs`), marked
        with the corrections they were built under (one transaction)."""
        with self.transaction():
            briefs.save_briefs(self._conn, rows, state=self.corrections_state(), now=_now())

    def corrections_state(self) -> str:
        """Changes whenever a correction is added or retracted (a stored briefing is stale then)."""
        return briefs.corrections_state(self._conn)

    def load_stories(self) -> list[Story]:
        """Every live story with its members; ``merged_from`` lists old ids that now lead to it."""
        members: dict[str, list[str]] = defaultdict(list)
        for r in self._conn.execute("SELECT story_id, article_id FROM story_members ORDER BY story_id, position"):
            members[r["story_id"]].append(r["article_id"])
        live = {r[0] for r in self._conn.execute("SELECT id FROM stories")}
        aliases = self._alias_map()
        merged: dict[str, list[str]] = defaultdict(list)
        for old in aliases:  # in the order the aliases were recorded
            if old not in live:
                target = _resolve(old, live.__contains__, lambda x: aliases.get(x, []))
                if target is not None:
                    merged[target].append(old)
        rows = self._conn.execute("SELECT * FROM stories ORDER BY first_published NULLS LAST, id")
        return [
            Story(
                id=r["id"], article_ids=tuple(members[r["id"]]), title=r["title"],
                first_published=r["first_published"], last_published=r["last_published"],
                merged_from=tuple(merged[r["id"]]),
            )
            for r in rows
        ]

    def story_of(self, article_id: str) -> str | None:
        row = self._one("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,))
        return None if row is None else row["story_id"]

    def record_story_alias(self, old: str, new: str, reason: str) -> None:
        """Remember that story ``old`` now lives on as ``new`` (reason: "merge", "split", ...)."""
        if old == new:
            raise ValueError("a story cannot be an alias of itself")
        with self.transaction():
            self._record_alias(old, new, reason, _now())

    def _record_alias(self, old: str, new: str, reason: str, now: str) -> None:
        self._conn.execute(
            "INSERT OR IGNORE INTO story_aliases (old_id, new_id, reason, created) VALUES (?, ?, ?, ?)",
            (old, new, reason, now),
        )

    def resolve_story(self, story_id: str) -> str | None:
        """The live story an id leads to: itself if live, else along its aliases (newest first); None if none."""
        def is_live(x: str) -> bool:
            return self._one("SELECT 1 FROM stories WHERE id = ?", (x,)) is not None

        def targets(x: str) -> list[str]:
            rows = self._conn.execute("SELECT new_id FROM story_aliases WHERE old_id = ? ORDER BY id DESC", (x,))
            return [r[0] for r in rows]

        return _resolve(story_id, is_live, targets)

    def _alias_map(self) -> dict[str, list[str]]:
        """old id → its new ids, newest first; keys in the order they were first recorded."""
        aliases: dict[str, list[str]] = {}
        for r in self._conn.execute("SELECT old_id, new_id FROM story_aliases ORDER BY id"):
            aliases.setdefault(r["old_id"], []).insert(0, r["new_id"])
        return aliases

    # ------------------------------------------------------------------ runs

    def start_run(self, command: str) -> int:
        with self.transaction():
            cursor = self._conn.execute("INSERT INTO runs (command, started) VALUES (?, ?)", (command, _now()))
            return int(cursor.lastrowid)

    def finish_run(self, run_id: int, counts: Mapping[str, Any] | None = None, status: str = "ok") -> None:
        with self.transaction():
            cursor = self._conn.execute(
                "UPDATE runs SET finished = ?, status = ?, counts = ? WHERE id = ?",
                (_now(), status, _dumps(dict(counts or {})), run_id),
            )
            if cursor.rowcount == 0:
                raise KeyError(f"no run {run_id}")

    def mark_interrupted_runs(self, *, current: int | None = None) -> list[RunInfo]:
        """Runs that started and never finished (killed, or the machine went down), other than
        ``current``: their status becomes ``interrupted`` and they are returned. Call it while holding
        the writer lock (:meth:`writer_lock`), when no other run can be alive."""
        with self.transaction():
            dead = [r for r in self.runs() if r.finished is None and r.status is None and r.id != current]
            self._conn.executemany("UPDATE runs SET status = 'interrupted' WHERE id = ?", [(r.id,) for r in dead])
        return [dataclasses.replace(r, status="interrupted") for r in dead]

    def writer_lock(self, *, command: str = "", wait: float | None = None,
                    on_wait: Callable[[str], None] | None = None) -> WriterLock | nullcontext:
        """The store's cross-process writer lock (:class:`~newsfuse.store.lock.WriterLock`), to hold
        around a whole run; an in-memory store needs none."""
        if self.path in (":memory:", ""):
            return nullcontext(self)
        return WriterLock(self.path, command=command, wait=wait, on_wait=on_wait)

    def runs(self) -> list[RunInfo]:
        rows = self._conn.execute("SELECT * FROM runs ORDER BY id")
        return [
            RunInfo(r["id"], r["command"], r["started"], r["finished"], r["status"],
                    json.loads(r["counts"]) if r["counts"] else {})
            for r in rows
        ]
