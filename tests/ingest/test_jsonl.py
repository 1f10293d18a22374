"""JSONL / JSON records (text or html), .gz, stdin, and one Quarantined record per bad line."""

import gzip
import io
import json

from ingest_fixtures import LEVEE_HTML, LEVEE_PARAGRAPHS, LEVEE_TITLE

from newsfuse.ingest import read_inputs
from newsfuse.model import Article, Quarantined

TEXT_A = "The coastguard took eleven islanders to the mainland hospital on Thursday, the harbour office said."
TEXT_B = "Food deliveries to Skell will arrive twice a week on a chartered cargo boat until the ferry returns."


def lines(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_text_records_with_metadata(write):
    path = write("wire.jsonl", lines(
        {"id": "w1", "text": TEXT_A, "title": "Islanders taken to hospital", "published": "2021-05-06",
         "url": "https://www.orwen-post.example/skell/hospital", "story": "skell-ferry"},
        {"id": "w2", "text": TEXT_B, "source": "Orwen Post", "published": "2021-05-07T09:15:00Z"},
    ))
    first, second = read_inputs([str(path)])
    assert (first.id, first.text, first.title, first.published) == ("w1", TEXT_A, "Islanders taken to hospital", "2021-05-06")
    assert first.source == "orwen-post.example"  # from the URL's domain
    assert first.meta["story"] == "skell-ferry"  # unknown fields are kept
    assert first.format == "jsonl" and first.text_given is True
    assert first.origin == f"{path}:1"
    assert (second.source, second.published) == ("Orwen Post", "2021-05-07T09:15:00+00:00")
    assert second.origin == f"{path}:2"


def test_html_record_is_extracted(write):
    path = write("pages.jsonl", lines({"id": "p1", "html": LEVEE_HTML, "published": "2021-04-13"}))
    [article] = read_inputs([str(path)])
    assert article.text == "\n\n".join(LEVEE_PARAGRAPHS)
    assert article.title == LEVEE_TITLE
    assert article.published == "2021-04-13"  # the record's date wins over the page's
    assert article.text_given is False and article.format == "jsonl"


def test_every_bad_line_is_quarantined_and_the_rest_goes_on(write):
    path = write("mixed.jsonl", lines(
        {"id": "ok1", "text": TEXT_A},
        "{not json",
        "",
        '["a", "list"]',
        {"id": "notext", "title": "Only a title"},
        {"id": "blank", "text": "   "},
        {"id": "num", "text": 42},
        {"text": TEXT_B},
    ))
    items = list(read_inputs([str(path)]))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", "ok1"), ("Quarantined", "mixed-2"), ("Quarantined", "mixed-4"), ("Quarantined", "notext"),
        ("Quarantined", "blank"), ("Quarantined", "num"), ("Article", "mixed-8"),
    ]
    reasons = [i.reason for i in items if isinstance(i, Quarantined)]
    assert reasons == [
        "line 2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "line 4: a record must be a JSON object, got list",
        "line 5: record has no text (neither a non-empty 'text' nor 'html' field)",
        "line 6: record has no text (neither a non-empty 'text' nor 'html' field)",
        "line 7: field 'text' must be a string, got int",
    ]
    assert items[1].raw == b"{not json\n"
    assert items[5].raw == b'{"id": "num", "text": 42}\n'  # the input line as it was


def test_invalid_utf8_line_and_over_long_line(write):
    good = json.dumps({"id": "g", "text": TEXT_A}).encode()
    bad = b'{"id": "latin", "text": "caf\xe9"}'
    long_line = json.dumps({"id": "big", "text": "x" * 5000}).encode()
    path = write("odd.jsonl", b"\n".join([bad, long_line, good]) + b"\n")
    items = list(read_inputs([str(path)], max_bytes=1000))
    assert [(type(i).__name__, i.id) for i in items] == [("Quarantined", "odd-1"), ("Quarantined", "odd-2"), ("Article", "g")]
    assert items[0].reason.startswith("line 1: invalid UTF-8 at byte 28")
    assert items[1].reason == f"line 2 is {len(long_line) + 1:,} bytes, over the 1,000 limit"


def test_gzipped_jsonl(write):
    path = write("wire.jsonl.gz", lines({"id": "w1", "text": TEXT_A}, {"id": "w2", "text": TEXT_B}))
    assert [a.id for a in read_inputs([str(path)])] == ["w1", "w2"]


def test_truncated_gzip_keeps_the_records_before_the_damage(tmp_path):
    records = lines(*({"id": f"r{i}", "text": f"{TEXT_A} Record {i}."} for i in range(400)))
    data = gzip.compress(records.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) * 3 // 4])
    items = list(read_inputs([str(path)]))
    articles = [i for i in items if isinstance(i, Article)]
    assert articles and [a.id for a in articles] == [f"r{i}" for i in range(len(articles))]
    assert isinstance(items[-1], Quarantined) and items[-1].id == "cut"
    assert items[-1].reason.startswith("truncated gzip")


def test_json_array_and_single_object(write):
    array = write("batch.json", json.dumps([{"id": "a", "text": TEXT_A}, {"text": TEXT_B}], indent=2))
    single = write("one.json", json.dumps({"text": TEXT_B}, indent=2))
    assert [i.id for i in read_inputs([str(array), str(single)])] == ["a", "batch-2", "one"]


def test_empty_and_binary_jsonl(write):
    empty, blank, noise = read_inputs([str(write("e.jsonl", b"")), str(write("b.jsonl", "\n\n")),
                                       str(write("n.jsonl", bytes(range(256)) * 4))])
    assert empty.reason == "empty file (0 bytes)"
    assert blank.reason == "no records: the input holds only blank lines"
    assert noise.reason == "binary data, not JSON lines"


def test_stdin_text_stream():
    stdin = io.StringIO(lines({"id": "s1", "text": TEXT_A}, "oops", {"text": TEXT_B}))
    for paths in ([], ["-"]):
        stdin.seek(0)
        items = list(read_inputs(paths, stdin=stdin))
        assert [(type(i).__name__, i.id) for i in items] == [("Article", "s1"), ("Quarantined", "stdin-2"), ("Article", "stdin-3")]
        assert items[0].origin == "<stdin>:1"


def test_stdin_bytes_with_a_bad_line():
    raw = b'{"id": "x", "text": "\xff bad"}\n' + (json.dumps({"id": "y", "text": TEXT_B}) + "\n").encode()
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    items = list(read_inputs(["-"], stdin=stdin))
    assert [(type(i).__name__, i.id) for i in items] == [("Quarantined", "stdin-1"), ("Article", "y")]


def test_stdin_between_files(write):
    before, after = write("before.txt", TEXT_A), write("after.txt", TEXT_B)
    stdin = io.StringIO(lines({"id": "middle", "text": TEXT_A}))
    assert [i.id for i in read_inputs([str(before), "-", str(after)], stdin=stdin)] == ["before", "middle", "after"]
