"""PATH arguments: directories recursed in sorted order, globs, missing paths; input order kept."""

import os

from newsfuse.ingest import read_inputs
from newsfuse.ingest.paths import expand_paths
from newsfuse.model import Quarantined

TEXT = "Volunteers cleared mud from the streets of Lower Tessby on Tuesday, a day after the levee broke.\n"


def make_tree(write):
    for name in ["corpus/b.txt", "corpus/a.txt", "corpus/sub/c.txt", "corpus/sub/deeper/d.txt", "corpus/A2.txt",
                 "corpus/README.md", "corpus/.hidden.txt", "corpus/.git/e.txt", "corpus/notes.docx"]:
        write(name, TEXT)


def test_directory_is_recursed_sorted_skipping_hidden_and_unknown_files(write, tmp_path):
    make_tree(write)
    ids = [a.id for a in read_inputs([str(tmp_path / "corpus")])]
    assert ids == ["A2", "a", "b", "c", "d"]


def test_glob_and_order_of_arguments(write, tmp_path):
    make_tree(write)
    first = str(tmp_path / "corpus" / "sub" / "c.txt")
    pattern = str(tmp_path / "corpus" / "[ab].txt")
    recursive = str(tmp_path / "corpus" / "**" / "d.txt")
    assert [a.id for a in read_inputs([first, pattern, recursive])] == ["c", "a", "b", "d"]


def test_glob_skips_files_without_an_input_extension(write, tmp_path):
    make_tree(write)
    [item] = read_inputs([str(tmp_path / "corpus" / "*.md")])
    assert isinstance(item, Quarantined)
    assert item.reason == f"1 match(es), none with an input extension: {tmp_path / 'corpus' / '*.md'}"


def test_missing_path_and_empty_glob_are_quarantined(tmp_path):
    missing, unmatched = read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.html")])
    assert missing.reason == f"no such file or directory: {tmp_path / 'nope.txt'}"
    assert unmatched.reason == f"no file matches: {tmp_path / '*.html'}"


def test_explicit_file_with_unknown_extension_is_sniffed(write):
    [article] = read_inputs([str(write("note.md", TEXT))])
    assert article.id == "note.md" and article.text == TEXT and article.format == "txt"


def test_unreadable_file_is_quarantined(write):
    path = write("locked.txt", TEXT)
    os.chmod(path, 0)
    try:
        if os.access(path, os.R_OK):  # running as root: permissions do not bind
            return
        [item] = read_inputs([str(path)])
        assert item.reason == "cannot read the file: Permission denied"
    finally:
        os.chmod(path, 0o644)


def test_sources_for_stdin_and_urls():
    kinds = [(s.kind, s.location) for s in expand_paths(["-", "https://example.org/feed.rss"])]
    assert kinds == [("stdin", "-"), ("url", "https://example.org/feed.rss")]
    assert [(s.kind, s.location) for s in expand_paths([])] == [("stdin", "-")]


def test_a_walk_does_not_follow_links_out_of_its_folder(write, tmp_path):
    """Issue 18 item 5: a link to a file (or folder) outside the corpus is quarantined with its target,
    never read; links that stay inside are read, and the rest of the folder goes on."""
    make_tree(write)
    secret = write("elsewhere/secret.txt", "Account numbers nobody should see in a briefing.\n")
    write("elsewhere/more/leak.txt", "Another private file.\n")
    corpus = tmp_path / "corpus"
    os.symlink(secret, corpus / "passwd.txt")
    os.symlink(tmp_path / "elsewhere" / "more", corpus / "linked")  # a folder outside: not walked
    os.symlink(corpus / "a.txt", corpus / "sub" / "alias.txt")  # inside: read
    items = list(read_inputs([str(corpus)]))
    refused = [i for i in items if isinstance(i, Quarantined)]
    assert [i.id for i in items] == ["A2", "a", "b", "passwd", "alias", "c", "d"]
    assert [(q.id, q.reason) for q in refused] == [
        ("passwd", f"not read: a symbolic link to {secret}, outside {corpus}"),
    ]
    assert not any("private" in getattr(i, "text", "") or "Account" in getattr(i, "text", "") for i in items)


def test_a_glob_does_not_follow_links_out_of_its_folder(write, tmp_path):
    make_tree(write)
    secret = write("elsewhere/secret.txt", "Account numbers.\n")
    os.symlink(secret, tmp_path / "corpus" / "z.txt")
    items = list(read_inputs([str(tmp_path / "corpus" / "*.txt")]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Article", "Quarantined"]
    assert items[-1].reason.startswith(f"not read: a symbolic link to {secret}")
    [named] = read_inputs([str(tmp_path / "corpus" / "z.txt")])  # named explicitly: the user's choice
    assert named.text == "Account numbers.\n"
