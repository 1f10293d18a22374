"""``.txt`` inputs: whole file is the text; date prefix → published; headline → title; bad bytes quarantined."""

from newsfuse.ingest import read_inputs
from newsfuse.ingest.plain_text import headline_of
from newsfuse.model import Article, Quarantined

DATED = (
    " date 2021-04-13 Volunteers in Lower Tessby began clearing mud from the flooded streets on Tuesday, "
    "a day after the levee broke.\n\nAbout 420 people spent the night in the sports hall.\n"
)
HEADLINED = (
    "Levee breach forces hundreds from homes\n\n"
    "Several hundred residents of Lower Tessby left their homes on Monday night, county officials said.\n"
)


def test_dated_page_keeps_whole_file_as_text(write):
    path = write("007_levee.txt", DATED)
    [article] = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert article.id == "007_levee"
    assert article.text == DATED  # nothing stripped: offsets index the file
    assert article.published == "2021-04-13"
    assert article.title is None
    assert article.format == "txt" and article.text_given is True
    assert article.origin == str(path)
    assert article.language == "en"


def test_headline_becomes_title(write):
    [article] = read_inputs([str(write("courier.txt", HEADLINED))])
    assert article.title == "Levee breach forces hundreds from homes"
    assert article.published is None
    assert article.text == HEADLINED


def test_headline_rules():
    assert headline_of("Ferry suspended\n\nBody.") == "Ferry suspended"
    assert headline_of("Ferry suspended\r\n\r\nBody.") == "Ferry suspended"
    assert headline_of("The ferry was suspended on Friday.\n\nBody.") is None  # a sentence
    assert headline_of("Ferry suspended\nBody goes on.") is None  # no blank line after it
    assert headline_of("Ferry suspended") is None  # nothing after it
    assert headline_of(" ".join(["word"] * 30) + "\n\nBody.") is None  # too long for a headline


def test_seed_pages_have_their_metadata(seed_paths):
    seeds = seed_paths[0].parent
    first, second = read_inputs([str(seeds)])
    assert first.id == "000_f23891a576059a7b"
    assert first.title == "Hundreds flee US-backed Syria battle for last IS holdout"
    assert second.id == "004_414db1a5c74cabb8" and second.published == "2019-03-05"
    assert second.text == (seeds / "004_414db1a5c74cabb8.txt").read_text(encoding="utf-8")


def test_byte_order_mark_is_dropped(write):
    [article] = read_inputs([str(write("bom.txt", b"\xef\xbb\xbf" + DATED.encode()))])
    assert article.text == DATED and article.published == "2021-04-13"


def test_invalid_utf8_is_quarantined_with_the_position(write):
    data = "Caf\u00e9 owners in Tessby said ".encode("cp1252") + b"the flood ruined their stock."
    [item] = read_inputs([str(write("latin.txt", data))])
    assert isinstance(item, Quarantined)
    assert item.id == "latin" and item.stage == "ingest"
    assert item.reason.startswith("invalid UTF-8 at byte 3 (bytes e9 20 6f 77)")
    assert item.raw == data


def test_empty_and_blank_files(write):
    empty, blank = read_inputs([str(write("empty.txt", b"")), str(write("blank.txt", "  \n\n\t\n"))])
    assert (empty.id, empty.reason, empty.raw) == ("empty", "empty file (0 bytes)", b"")
    assert (blank.id, blank.reason) == ("blank", "no text: the file holds only whitespace")


def test_binary_garbage_is_quarantined(write):
    garbage = bytes(range(256)) * 8
    [item] = read_inputs([str(write("noise.txt", garbage))])
    assert isinstance(item, Quarantined)
    assert item.reason == "binary data, not text (NUL or control bytes in a .txt file)"


def test_bad_file_does_not_stop_the_batch(write):
    items = list(read_inputs([str(write("a.txt", b"\xff\xfe\x00garbage")), str(write("b.txt", HEADLINED))]))
    assert [type(i).__name__ for i in items] == ["Quarantined", "Article"]
    assert items[1].id == "b"


def test_impossible_dates_are_refused_with_a_reason_and_the_articles_kept(write, tmp_path):
    """Issue 18 item 9: a date that cannot be a publish date (no such day, year 0, year 9999) from a
    date prefix or a sidecar is not used; the article is kept without a date, the reason in its meta,
    and the rest of the folder is read as usual."""
    body = DATED.removeprefix(" date 2021-04-13")
    write("in/a-feb30.txt", " date 2019-02-30" + body)
    write("in/b-zero.txt", " date 0000-00-00" + body)
    write("in/c-far.txt", " date 9999-12-31" + body)
    write("in/d-sidecar.txt", HEADLINED)
    write("in/d-sidecar.meta.json", '{"source": "Tessby Courier", "published": "9999-12-31"}')
    write("in/e-fallback.txt", " date 2019-02-30" + body)
    write("in/e-fallback.meta.json", '{"published": "2019-03-01"}')
    write("in/f-good.txt", DATED)
    items = list(read_inputs([str(tmp_path / "in")]))
    assert all(isinstance(i, Article) for i in items) and len(items) == 6
    got = {a.id: (a.published, a.meta.get("published_problem")) for a in items}
    assert got == {
        "a-feb30": (None, "date prefix 2019-02-30: not a calendar date (day is out of range for month)"),
        "b-zero": (None, "date prefix 0000-00-00: not a calendar date (year 0 is out of range)"),
        "c-far": (None, got["c-far"][1]),
        "d-sidecar": (None, got["d-sidecar"][1]),
        "e-fallback": ("2019-03-01", "date prefix 2019-02-30: not a calendar date (day is out of range for month)"),
        "f-good": ("2021-04-13", None),
    }
    assert got["c-far"][1].startswith("date prefix 9999-12-31: outside the plausible range 1900-01-01 to ")
    assert got["d-sidecar"][1].startswith("metadata sidecar 9999-12-31: outside the plausible range 1900-01-01")
    assert items[3].source == "Tessby Courier"  # the rest of the sidecar still counts
    assert items[0].meta["published_raw"] == "2019-02-30"


def test_impossible_dates_in_json_lines_are_not_used(write):
    path = write("feed.jsonl", '{"id": "far", "text": "Crews rebuilt the pier.", "published": "9999-12-31"}\n'
                               '{"id": "ok", "text": "Crews rebuilt the pier.", "published": "2021-04-13"}\n')
    far, ok = read_inputs([str(path)])
    assert (far.published, far.meta["published_raw"]) == (None, "9999-12-31")
    assert ok.published == "2021-04-13"


def test_utf16_and_utf32_with_a_byte_order_mark_are_read_and_without_one_named(write, tmp_path):
    """Issue 18 item 10: UTF-16 with its mark used to be called "binary"; now it is read, and UTF-16
    without a mark is refused with a reason that says so (the rest of the folder goes on)."""
    write("in/a-le.txt", HEADLINED.encode("utf-16"))  # Python writes the mark, little-endian here
    write("in/b-be.txt", b"\xfe\xff" + HEADLINED.encode("utf-16-be"))
    write("in/c-32.txt", HEADLINED.encode("utf-32"))
    write("in/d-nomark.txt", HEADLINED.encode("utf-16-le"))
    write("in/e-binary.txt", bytes(range(256)) * 4)
    write("in/f-good.txt", DATED)
    a, b, c, nomark, binary, good = read_inputs([str(tmp_path / "in")])
    assert [x.text for x in (a, b, c)] == [HEADLINED] * 3
    assert a.title == "Levee breach forces hundreds from homes"
    assert nomark.reason == ("UTF-16 text without a byte-order mark: re-encode the file as UTF-8 "
                             "(e.g. iconv -f utf-16le -t utf-8)")
    assert binary.reason == "binary data, not text (NUL or control bytes in a .txt file)"
    assert good.text == DATED


def test_a_sidecar_that_is_a_link_is_not_read_and_the_rest_goes_on(write, tmp_path):
    """Issue 18 item 5, for metadata: a ``.meta.json`` that is a symbolic link (out of the folder or
    within it) is never followed; its text is quarantined with the reason, the folder goes on."""
    secret = write("elsewhere/secret.json", '{"source": "SECRET OUTLET", "title": "root:x:0:0"}')
    write("in/a-out.txt", HEADLINED)
    (tmp_path / "in/a-out.meta.json").symlink_to(secret)
    write("in/b-in.txt", HEADLINED)
    write("in/b-real.json.txt", HEADLINED)
    write("in/_shared/meta.json", '{"source": "Tessby Courier"}')
    (tmp_path / "in/b-in.meta.json").symlink_to(tmp_path / "in/_shared/meta.json")
    write("in/c-dangling.txt", HEADLINED)
    (tmp_path / "in/c-dangling.meta.json").symlink_to(tmp_path / "nowhere.json")
    write("in/d-huge.txt", HEADLINED)
    write("in/d-huge.meta.json", '{"source": "' + "x" * 1_200_000 + '"}')
    write("in/e-fine.txt", HEADLINED)
    write("in/e-fine.meta.json", '{"source": "Tessby Courier"}')
    items = {i.id: i for i in read_inputs([str(tmp_path / "in")])}
    refused = {k: v.reason for k, v in items.items() if isinstance(v, Quarantined)}
    assert refused == {
        "a-out": f"metadata sidecar a-out.meta.json is a symbolic link (to {secret}), not read: put the file "
                 "itself beside the text",
        "b-in": f"metadata sidecar b-in.meta.json is a symbolic link (to {tmp_path / 'in/_shared/meta.json'}), "
                "not read: put the file itself beside the text",
        "c-dangling": f"metadata sidecar c-dangling.meta.json is a symbolic link (to {tmp_path / 'nowhere.json'}), "
                      "not read: put the file itself beside the text",
        "d-huge": "metadata sidecar d-huge.meta.json is 1,200,014 bytes, over the 1,000,000 a metadata file may "
                  "have; not read",
    }
    assert items["e-fine"].source == "Tessby Courier" and items["b-real.json"].source is None
    assert all("SECRET" not in repr(i) and "root:x" not in repr(i) for i in items.values())
    # A text named on its own follows the same rule for its sidecar.
    [alone] = read_inputs([str(tmp_path / "in/a-out.txt")])
    assert isinstance(alone, Quarantined) and "symbolic link" in alone.reason
