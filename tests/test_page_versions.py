"""Issue 18 item 8: a page that changes back to an earlier text is current again, so the briefing
shows what the page says now, not the newer text it had for a while."""

from __future__ import annotations

import json

from newsfuse import api
from newsfuse.store import open_store

URL = "https://courier.example/news/ferry-capsized"
SAID = ("A ferry capsized off Tessby on Monday and {n} people were killed, the coast guard said on Tuesday. "
        "Rescue boats searched the bay through the night.")


def page(tmp_path, n: int):
    path = tmp_path / f"crawl-{n}.jsonl"
    path.write_text(json.dumps({"id": "ferry", "url": URL, "source": "Tessby Courier", "published": "2021-04-13",
                                "text": SAID.format(n=n)}) + "\n", encoding="utf-8")
    return str(path)


def figures(out) -> list[str]:
    [brief] = [json.loads(p.read_text()) for p in out.glob("story-*.json")]
    return [r["text"] for f in brief["figures"] for r in f.get("reports", [])] or [f["text"] for f in brief["figures"]]


def test_a_page_changed_back_is_current_again(tmp_path):
    db, out = str(tmp_path / "n.db"), tmp_path / "out"
    first = api.analyze([page(tmp_path, 40)], db=db, out=out)
    second = api.analyze([page(tmp_path, 45)], db=db, out=out)
    assert (first.new, second.new_versions) == (1, 1)
    assert any("45" in f for f in figures(out))
    third = api.analyze([page(tmp_path, 40)], db=db, out=out)  # the page says 40 again
    assert (third.reverted, third.duplicates, third.new_versions) == (1, 0, 0)
    assert any("40" in f for f in figures(out)) and not any("45" in f for f in figures(out))
    assert "- changed back to an earlier stored text (that version is current again): 1" in third.report_text
    with open_store(db) as store:
        assert [v.seq for v in store.versions("ferry")] == [1, 2]  # nothing added, nothing overwritten
        assert store.load_article("ferry").text == SAID.format(n=40)
        assert store.runs()[-1].counts["reverted"] == 1
    fourth = api.analyze([page(tmp_path, 40)], db=db, out=out)  # the same again: a plain duplicate
    assert (fourth.reverted, fourth.duplicates) == (0, 1)
