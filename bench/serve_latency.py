"""How fast the desk (``newsfuse serve``) answers under load, beside Datasette serving the same SQLite
file in the same run (issue 14).

Goals (issue 14): story page p99 <= 100 ms, ``/api/v1/figures?status=conflicting`` p99 <= 50 ms, and no
slower than Datasette on the equivalent row and query.

Setup (not timed): the sample corpus ``examples/`` is analysed once (17 articles, 3 stories) into a
store in a temporary folder; then the store is made ``--articles`` (10,000) articles large by copying
every article, version, layer, annotation, story, stored briefing, facet and search row ``k`` times
under new ids (``<article>~k``, ``<story>-k``), as ``analyze`` would have stored 600 such batches. The
copies are byte-for-byte the sample's, so every story page is real work of the sample's size. Last,
what ``analyze`` does after storing briefings: every story's desk page is made ahead into the store
(``api.make_story_pages``; its time is reported as ``pages_s``, part of the untimed setup).

Timed: two servers on loopback, each a single process: the desk (``newsfuse serve``, uvicorn) and
Datasette (``datasette serve``, default settings but a 10 s SQL time limit). ``--clients`` (50)
concurrent clients (one asyncio task each, one keep-alive HTTP/1.1 connection written and read with
asyncio streams, accepting gzip) request for ``--seconds``
(30) each; each client sends its next request when the previous answer has arrived (a bounded
closed loop). Four targets, one after the other:

- desk story page: ``/stories/<id>`` for a story drawn at random among all, in the first seconds after
  the desk started (``cold``: a story's first visit is answered from the page made ahead in the store,
  not from the desk's in-memory answer cache);
- Datasette row page of the same story's stored briefing: ``/<db>/story_briefs/<id>`` (HTML);
- desk API: ``/api/v1/figures?status=conflicting`` (first page, 100 rows);
- Datasette's equivalent query: the conflicting figures of every stored briefing, first 100, by
  ``json_each`` over ``story_briefs.brief``.

Then the story pages again, warm: every story is requested once first (8 clients), then the same
random load is timed (``warm:`` rows): what an analyst meets on a desk that has been open a while; the
desk keeps its answers gzip-compressed in a 64 MB cache, Datasette keeps none (SQLite's page cache is
warm for both). Every other target gets one untimed warm-up request.

Reported per target: requests, errors (non-200), throughput, p50 and p99 latency in milliseconds, and
the CPU seconds the client (this process) and the server used while timed. The machine is shared (2
cores); the client runs on the same cores as the server, so when the client's CPU share is large the
latencies are partly the client's.

    .venv/bin/python bench/serve_latency.py                         # 10,000 articles, 50 clients, 30 s
    .venv/bin/python bench/serve_latency.py --articles 2000 --seconds 5 --json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BIN = Path(sys.executable).parent

FIGURES_SQL = """select b.story_id, json_extract(f.value, '$.category') as category,
  json_extract(f.value, '$.place.text') as place, json_extract(f.value, '$.period') as period,
  json_extract(f.value, '$.status') as status, json_extract(f.value, '$.low') as low,
  json_extract(f.value, '$.high') as high, json_extract(f.value, '$.reason') as reason
from story_briefs b, json_each(b.brief, '$.figures') f
where json_extract(f.value, '$.status') = 'conflicting' limit 100"""


def analyze_sample(folder: Path) -> Path:
    db = folder / "desk.db"
    subprocess.run([str(BIN / "newsfuse"), "analyze", str(EXAMPLES), "--outlets", str(EXAMPLES / "outlets.tsv"),
                    "--places", str(EXAMPLES / "places.tsv"), "--db", str(db), "--out", str(folder / "out"),
                    "--no-progress"], check=True, capture_output=True)
    return db


def _renamed(value, ids: dict[str, str]):
    """``value`` (a briefing) with every string that is an article id replaced by the copy's id."""
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, list):
        return [_renamed(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _renamed(v, ids) for k, v in value.items()}
    return value


def grow(db: Path, articles: int) -> int:
    """Copy the store's articles and stories until it holds at least ``articles`` articles; returns how many."""
    conn = sqlite3.connect(db, isolation_level=None)
    base = [r[0] for r in conn.execute("SELECT id FROM articles")]
    stories = [r[0] for r in conn.execute("SELECT id FROM stories")]
    briefs = {sid: json.loads(text) for sid, text in conn.execute("SELECT story_id, brief FROM story_briefs")}
    copies = -(-articles // len(base)) - 1
    # the sample's own search rows, by rowid: a scan of the growing full-text table per copy would be quadratic
    search_rows = ",".join(str(r[0]) for r in conn.execute("SELECT rowid FROM story_search"))
    conn.execute("BEGIN")
    for k in range(1, copies + 1):
        a, s = f"~{k}", f"-{k}"
        conn.execute("INSERT INTO articles (id, doc_key, url, created) SELECT id || ?, doc_key || ?, url, created "
                     "FROM articles WHERE id NOT LIKE '%~%'", (a, a))
        conn.execute("""INSERT INTO versions (article_id, seq, content_hash, doc_id, text, source, url, title, published,
                        language, format, origin, text_given, meta, ingested, run_id)
                        SELECT article_id || ?, seq, content_hash || ?, doc_id || ?, text, source, url, title, published,
                        language, format, origin, text_given, meta, ingested, run_id FROM versions
                        WHERE article_id NOT LIKE '%~%'""", (a, a, a))
        pairs = """FROM versions ov JOIN versions nv ON nv.article_id = ov.article_id || ? AND nv.seq = ov.seq
                   WHERE ov.article_id NOT LIKE '%~%'"""
        conn.execute(f"""INSERT INTO layers (version_id, layer, method, count, stored)
                         SELECT nv.id, l.layer, l.method, l.count, l.stored {pairs.replace('WHERE', 'JOIN layers l ON l.version_id = ov.id WHERE')}""", (a,))
        conn.execute(f"""INSERT INTO annotations (version_id, layer, idx, span_start, span_end, method, record)
                         SELECT nv.id, n.layer, n.idx, n.span_start, n.span_end, n.method, n.record
                         {pairs.replace('WHERE', 'JOIN annotations n ON n.version_id = ov.id WHERE')}""", (a,))
        conn.execute("""UPDATE articles SET current_version = (SELECT max(v.id) FROM versions v
                        WHERE v.article_id = articles.id) WHERE current_version IS NULL""")
        conn.execute("""INSERT INTO stories (id, title, first_published, last_published, created, updated)
                        SELECT id || ?, title, first_published, last_published, created, updated FROM stories
                        WHERE id NOT LIKE '%-%-%'""", (s,))
        conn.execute("""INSERT INTO story_members (story_id, article_id, position) SELECT story_id || ?, article_id || ?,
                        position FROM story_members WHERE article_id NOT LIKE '%~%'""", (s, a))
        for sid in stories:
            members = [r[0] for r in conn.execute("SELECT article_id FROM story_members WHERE story_id = ?", (sid,))]
            brief = _renamed(briefs[sid], {m: m + a for m in members})
            brief["story"] = sid + s
            conn.execute("""INSERT INTO story_briefs SELECT story_id || ?, ?, corrections_state, articles,
                            independent_sources, figures, conflicting, built FROM story_briefs WHERE story_id = ?""",
                         (s, json.dumps(brief, ensure_ascii=False), sid))
        conn.execute("INSERT INTO story_facets SELECT story_id || ?, kind, value FROM story_facets "
                     "WHERE story_id NOT LIKE '%-%-%'", (s,))
        conn.execute("INSERT INTO story_search (story_id, title, body, names) SELECT story_id || ?, title, body, names "
                     f"FROM story_search WHERE rowid IN ({search_rows})", (s,))
    conn.execute("COMMIT")
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the process ``pid`` has used (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], url: str) -> subprocess.Popen:
    import httpx

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{cmd[0]} exited: {proc.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{cmd} did not start")


class HTTPError(Exception):
    pass


async def _read_answer(reader: asyncio.StreamReader) -> int:
    """Reads one HTTP/1.1 answer (Content-Length or chunked body); returns its status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif status not in (204, 304):
        raise HTTPError("answer without a length")
    return status


async def load(base: str, paths, *, clients: int, seconds: float, until=None, count: int | None = None) -> dict:
    """``clients`` closed-loop clients for ``seconds`` (or until ``count`` requests were sent);
    ``paths()`` gives each request's path. Each client is one keep-alive HTTP/1.1 connection written and
    read with asyncio streams: a general client (httpx) took a whole core at 200 answers a second, as
    much as the servers, on the same two cores."""
    host, port = base.split("://", 1)[1].rsplit(":", 1)
    latencies: list[float] = []
    errors = 0
    kinds: dict[str, int] = {}  # status code or client exception -> count
    deadline = time.monotonic() + seconds
    sent = 0

    async def one_client():
        nonlocal errors, sent
        reader = writer = None
        while time.monotonic() < deadline and (count is None or sent < count):
            sent += 1
            t = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, int(port))
                writer.write(f"GET {paths()} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip\r\n"
                             "User-Agent: serve_latency\r\n\r\n".encode())
                status = await asyncio.wait_for(_read_answer(reader), 30)
                kind = None if status == 200 else str(status)
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError, ValueError, HTTPError) as error:
                kind = type(error).__name__
                if writer is not None:
                    writer.close()
                reader = writer = None
            latencies.append(time.perf_counter() - t)
            if kind:
                errors += 1
                kinds[kind] = kinds.get(kind, 0) + 1
        if writer is not None:
            writer.close()
    started = time.monotonic()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    elapsed = time.monotonic() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {"requests": len(latencies), "errors": errors, "error_kinds": kinds, "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(q[49] * 1000, 1), "p99_ms": round(q[98] * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.monotonic()
        db = analyze_sample(folder)
        total = grow(db, args.articles)
        from newsfuse.api import make_story_pages

        t_pages = time.monotonic()
        made = make_story_pages(str(db), outlets=EXAMPLES / "outlets.tsv")  # as analyze does after its briefings
        pages_s = time.monotonic() - t_pages
        conn = sqlite3.connect(db)
        stories = [r[0] for r in conn.execute("SELECT id FROM stories")]
        conn.close()
        setup = time.monotonic() - t
        token = folder / "token"
        token.write_text("bench-token-0123456789\n")
        desk_port, ds_port = free_port(), free_port()
        desk = start([str(BIN / "newsfuse"), "serve", "--db", str(db), "--port", str(desk_port), "--token-file",
                      str(token), "--outlets", str(EXAMPLES / "outlets.tsv")], f"http://127.0.0.1:{desk_port}/")
        datasette = start([str(BIN / "datasette"), "serve", str(db), "--port", str(ds_port), "--setting",
                           "sql_time_limit_ms", "10000", "--setting", "max_returned_rows", "1000"],
                          f"http://127.0.0.1:{ds_port}/")
        rows = {}
        try:
            name = db.stem
            pick = lambda: random.choice(stories)  # noqa: E731
            desk_story = lambda sid=None: f"/stories/{quote(sid or pick())}"  # noqa: E731
            ds_row = lambda sid=None: f"/{name}/story_briefs/{quote(sid or pick())}"  # noqa: E731
            targets = [
                ("desk story page", f"http://127.0.0.1:{desk_port}", desk_story),
                ("datasette story_briefs row page", f"http://127.0.0.1:{ds_port}", ds_row),
                ("warm: desk story page", f"http://127.0.0.1:{desk_port}",
                 lambda sid: desk_story(sid) if sid else desk_story),
                ("warm: datasette story_briefs row page", f"http://127.0.0.1:{ds_port}",
                 lambda sid: ds_row(sid) if sid else ds_row),
                ("desk /api/v1/figures?status=conflicting", f"http://127.0.0.1:{desk_port}",
                 lambda: "/api/v1/figures?status=conflicting"),
                ("datasette conflicting figures query (json)", f"http://127.0.0.1:{ds_port}",
                 lambda: f"/{name}.json?sql={quote(FIGURES_SQL)}"),
            ]
            for label, base, paths in targets:
                if label.startswith("warm:"):  # every story requested once first: caches full, then timed
                    everyone = iter(stories)
                    asyncio.run(load(base, lambda: paths(next(everyone, stories[0])), clients=8,
                                     seconds=600, until=lambda: False, count=len(stories)))
                    paths = paths(None)
                else:
                    asyncio.run(load(base, paths, clients=1, seconds=600, count=1))  # one warm-up request
                server = desk if base.endswith(f":{desk_port}") else datasette
                client_cpu, server_cpu = time.process_time(), cpu_seconds(server.pid)
                rows[label] = asyncio.run(load(base, paths, clients=args.clients, seconds=args.seconds))
                # who had the cores: the client shares them with the server, and a busy client inflates latencies
                rows[label]["client_cpu_s"] = round(time.process_time() - client_cpu, 1)
                rows[label]["server_cpu_s"] = round(cpu_seconds(server.pid) - server_cpu, 1)
                print(f"{label}: {rows[label]}", file=sys.stderr, flush=True)
        finally:
            for proc in (desk, datasette):
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:  # still finishing slow requests: not worth waiting for
                    proc.kill()
                    proc.wait()
    result = {"articles": total, "stories": len(stories), "clients": args.clients, "seconds": args.seconds,
              "setup_s": round(setup, 1), "pages_made": made, "pages_s": round(pages_s, 1), "targets": rows}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"store: {total:,} articles, {len(stories):,} stories (setup {setup:.0f} s, of which {made:,} story "
          f"pages made ahead in {pages_s:.0f} s); "
          f"{args.clients} clients x {args.seconds:.0f} s per target")
    print(f"{'target':<46} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'client s':>8} "
          f"{'server s':>8}")
    for label, r in rows.items():
        print(f"{label:<46} {r['requests']:>8} {r['errors']:>6} {r['rps']:>7} {r['p50_ms']:>7} {r['p99_ms']:>7} "
              f"{r['client_cpu_s']:>8} {r['server_cpu_s']:>8}")


if __name__ == "__main__":
    main()
