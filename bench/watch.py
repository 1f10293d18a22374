"""Time from a new feed item to its alert under ``newsfuse watch`` (issue 16), 100 feeds on loopback.

Goal (issue 16): p99 <= 5 s after the poll that sees the item.

Setup: a scripted feed server on 127.0.0.1 (``tests/watch/feed_server.py``) serves ``--feeds`` (100)
RSS feeds; each starts with one item, and all start items are one shared article (so the start costs
one annotation). ``api.watch`` runs rounds ``--interval`` (0.5 s) apart with ``host_delay = 0`` (all feeds
are on one host here; a real deployment keeps the default 1 s per host). After each round, ``--batch``
(3) feeds chosen at random (seeded) get one new item each, until ``--items`` (45) items are out. Every
new item is a different invented event (:func:`make_item`), so each is a new story and raises a
``new_story`` alert.

Measured (wall clock, one process): for each new item, from the moment the server sends the first
200 response that contains it (the poll that sees it) to the moment its alert is written to the alert
stream (the ``new_story`` of the story it opened, or the alert whose ``changed_by`` it is; an item
that changed nothing worth an alert is listed under ``missing``); and, apart, from the moment the item was put in its feed (which adds
the wait for the next round). The peer, measured in the same run on the same store at the end:
``api.write_briefings`` — re-clustering and re-briefing every story, which is what a watcher without
the incremental path would do for each new item (before even re-reading anything).

    .venv/bin/python bench/watch.py
    .venv/bin/python bench/watch.py --feeds 100 --items 45 --batch 3 --json
    .venv/bin/python bench/watch.py --follow-ups          # 3 stories growing to 15 articles each
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "watch"))

from feed_server import Answer, FeedServer, rss  # noqa: E402
from newsfuse import api  # noqa: E402
from newsfuse.store import open_store  # noqa: E402

TOWNS = ["Varnel", "Ostrik", "Pelagar", "Durmova", "Kessanow", "Tilbrec", "Marovia", "Sundral", "Quellin",
         "Brastov", "Halvek", "Norrin", "Zabrel", "Feltava", "Gorsk", "Imrava", "Jastel", "Lodvic", "Mirsk",
         "Osvar", "Pritz", "Rudova", "Selvan", "Tarsk", "Ulmar", "Vendra", "Wolsk", "Yarnow", "Zelmar", "Arvik",
         "Belcor", "Cravel", "Dorsk", "Emmar", "Fornel", "Galdor", "Hennik", "Istra", "Jorvel", "Kalmar",
         "Lusk", "Morvel", "Nessa", "Orlik", "Parvel", "Quorn", "Ristel", "Sarnik", "Tovel", "Urlin"]
EVENTS = [
    ("floods", "Floods swept through {town} after three days of rain. The floods have killed {n} people in {town}, "
               "the regional emergency office said on {day}, and {m} homes were destroyed along the river."),
    ("fire", "A fire tore through a market in {town} overnight. The fire has killed {n} people in {town}, the fire "
             "brigade said on {day}; {m} stalls burned and traders counted their losses at dawn."),
    ("mine", "A gas blast trapped miners underground in {town}. The blast has killed {n} miners in {town}, the "
             "mine operator said on {day}, and {m} others were brought to the surface alive."),
    ("bridge", "A road bridge collapsed into the river at {town} during the evening rush. The collapse has killed "
               "{n} people in {town}, police said on {day}; {m} cars fell with the span."),
    ("storm", "A storm ripped roofs from houses across {town}. The storm has killed {n} people in {town}, the mayor "
              "said on {day}, and {m} families spent the night in a sports hall."),
]
FIRST_DAY = dt.datetime(2020, 1, 6, 8, 0, tzinfo=dt.timezone.utc)
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
FIRST = ["Ilse", "Marek", "Dana", "Oskar", "Vera", "Tomas", "Lina", "Pavel", "Rita", "Emil", "Nadia", "Igor"]
LAST = ["Kovar", "Lindqvist", "Morava", "Petrescu", "Stanek", "Voss", "Halloran", "Dragan", "Ferenc", "Ambros"]
NEEDS = ["drinking water", "generators", "blankets", "blood donors", "diesel", "tents", "insulin", "baby food"]


def _word(rng: random.Random, syllables: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables))


SYLLABLES = ["ba", "del", "kor", "min", "sta", "vel", "tru", "gan", "pol", "rik", "zor", "len", "dav", "mur", "sel",
             "tok", "fer", "nal", "quo", "bri", "hul", "jen", "wes", "yar"]


def make_item(k: int, rng: random.Random) -> dict:
    """An invented event on an event template of five, with its own town, river, official and agency
    (made-up words), published 11 days after the one before: outside the clusterer's 10-day window,
    so every item is a story of its own (template texts would otherwise be grouped by event type)."""
    town = TOWNS[k % len(TOWNS)] + _word(rng, 1)
    river, agency = _word(rng).title(), _word(rng).title() + " " + _word(rng, 2).title()
    person = f"{FIRST[k % len(FIRST)]} {_word(rng).title()}"
    kind, template = EVENTS[k % len(EVENTS)]
    text = template.format(town=town, n=rng.randint(3, 40), m=rng.randint(50, 400), day=DAYS[k % len(DAYS)])
    text += (f" The {agency} sent teams from {river} and {_word(rng).title()}. {person}, who heads the {town} "
             f"council, asked for {NEEDS[k % len(NEEDS)]}; {' '.join(_word(rng) for _ in range(6))}.")
    return {"url": f"http://bench.example/{kind}-{town.lower()}-{k}", "title": f"{kind.title()} in {town}",
            "pubdate": format_datetime(FIRST_DAY + dt.timedelta(days=11 * k)), "text": text, "outlet": f"Bench Wire {k}"}


def make_follow_up(k: int, rng: random.Random, events: int = 3) -> dict:
    """``--follow-ups``: item ``k`` is the next report on one of ``events`` invented events, each with a
    higher toll than the last, so the stories grow to items/events articles and every item raises a
    ``toll_updated`` alert (the briefing rebuilt each time is the growing story's)."""
    e = (0, 1, 4)[k % events]  # floods, fire, storm: tolls of people (the mine's "miners" is not one)
    town = TOWNS[e] + "vel"
    kind, template = EVENTS[e]
    text = template.format(town=town, n=10 + k, m=200, day=DAYS[e])
    text += f" Reporter {_word(rng).title()} counted the dead at the {town} hospital; {_word(rng)} {_word(rng)}."
    published = FIRST_DAY + dt.timedelta(days=30 * e, hours=k)
    return {"url": f"http://bench.example/{kind}-{town.lower()}-{k}", "title": f"{kind.title()} in {town}: {10 + k} dead",
            "pubdate": format_datetime(published), "text": text, "outlet": f"Bench Wire {k}"}


class Feeds:
    """The feeds' items; remembers when each item was added and first sent."""

    def __init__(self, server: FeedServer, n: int) -> None:
        self.server, self.lock = server, threading.Lock()
        start = {"url": "http://bench.example/start", "title": "Bench start", "outlet": "Bench Wire",
                 "pubdate": "Mon, 01 Jan 2018 08:00:00 GMT",
                 "text": "The harbour authority of Lake Quiet published its yearly report on shipping on Monday."}
        self.items = {f"/feed-{i}.xml": [start] for i in range(n)}
        self.added: dict[str, float] = {}
        self.sent: dict[str, float] = {}
        for path in self.items:
            server.script[path] = (lambda p=path: self.answer(p))

    def answer(self, path: str) -> Answer:
        with self.lock:
            items = list(self.items[path])
            now = time.monotonic()
            for item in items:
                self.sent.setdefault(item["url"], now)  # a 304 does not send it; see ``sent_for``
        return Answer(body=rss(f"Bench Feed {path}", items))

    def add(self, path: str, item: dict) -> None:
        with self.lock:
            self.items[path] = [item, *self.items[path]]
            self.added[item["url"]] = time.monotonic()
            self.sent.pop(item["url"], None)


class TimedLines(io.TextIOBase):
    """An alert stream that stamps each line with time.monotonic() when it is written."""

    def __init__(self) -> None:
        self.lines: list[tuple[float, dict]] = []
        self._buffer = ""

    def write(self, text: str) -> int:
        self._buffer += text
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            if line.strip():
                self.lines.append((time.monotonic(), json.loads(line)))
        return len(text)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def run(args) -> dict:
    os.environ["NEWSFUSE_FETCH_ALLOW_PRIVATE"] = "1"
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="newsfuse-watch-bench-"))
    db = str(folder / "watch.db")
    alerts = TimedLines()
    with FeedServer() as server:
        feeds = Feeds(server, args.feeds)
        toml = folder / "FEEDS.toml"
        toml.write_text(f"[watch]\ninterval = {args.interval}\nhost_delay = 0\ntimeout = 10\n"
                        + "".join(f'[[feeds]]\nurl = "{server.url(p)}"\n' for p in feeds.items), encoding="utf-8")
        make = make_follow_up if args.follow_ups else make_item
        pending = [make(k, rng) for k in range(args.items)]
        queue = list(range(args.items))
        rounds = {"n": 0}
        paths = sorted(feeds.items)

        def after_round(event: dict) -> None:
            if event.get("event") != "round":
                return
            rounds["n"] += 1
            for _ in range(args.batch):
                if queue:
                    feeds.add(rng.choice(paths), pending[queue.pop(0)])

        started = time.monotonic()
        total_rounds = -(-args.items // args.batch) + 3
        api.watch(str(toml), db=db, rounds=total_rounds, out=alerts, on_event=after_round)
        watched = time.monotonic() - started
        with open_store(db) as store:
            article_of = {item["url"]: store.article_id_for(url=item["url"]) for item in pending}
            story_of = {url: store.story_of(article or "") for url, article in article_of.items()}
        seen, waited, missing = [], [], []
        for item in pending:
            story, article = story_of[item["url"]], article_of[item["url"]]
            sent = feeds.sent.get(item["url"])
            # the item's own alert: the new story it opened, or a change it made (``changed_by``)
            first = next((t for t, a in alerts.lines if sent is not None and t >= sent and (
                a.get("changed_by") == article or (a["kind"] == "new_story" and a.get("story") == story))), None)
            if first is None:
                missing.append(item["url"])
                continue
            seen.append(first - sent)
            waited.append(first - feeds.added[item["url"]])
        peer_started = time.monotonic()
        api.write_briefings(db, folder / "briefings")
        peer = time.monotonic() - peer_started
    return {"feeds": args.feeds, "items": args.items, "follow_ups": args.follow_ups, "batch": args.batch, "interval": args.interval,
            "rounds": total_rounds, "watch_s": round(watched, 1), "alerts": len(alerts.lines),
            "alerted_items": len(seen), "missing": missing,
            "seen_to_alert_p50_s": round(statistics.median(seen), 2) if seen else None,
            "seen_to_alert_p99_s": round(percentile(seen, 99), 2) if seen else None,
            "seen_to_alert_max_s": round(max(seen), 2) if seen else None,
            "added_to_alert_p50_s": round(statistics.median(waited), 2) if waited else None,
            "added_to_alert_p99_s": round(percentile(waited, 99), 2) if waited else None,
            "peer_full_rebrief_s": round(peer, 2),
            "peer_over_p50": round(peer / statistics.median(seen), 1) if seen else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--items", type=int, default=45)
    parser.add_argument("--batch", type=int, default=3, help="new items after each round")
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--follow-ups", action="store_true", help="items are follow-ups of 3 growing stories")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args)
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        print(f"{key:24} {value}")


if __name__ == "__main__":
    main()
