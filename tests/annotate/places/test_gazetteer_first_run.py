"""The first run says on stderr that it builds the place index, where, and how long it took; later
runs say nothing. The real build (about 30 s) is replaced by a stub: only the notice is tested here."""

from newsfuse.annotate.places import gazetteer_build


def test_first_build_is_announced_and_reuse_is_silent(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path))
    built = []
    monkeypatch.setattr(gazetteer_build, "build_bundled_index", lambda target: built.append(target.write_bytes(b"")))

    path = gazetteer_build.ensure_bundled_index()
    err = capsys.readouterr().err
    assert path.is_file() and path.parent == tmp_path / "cache" and len(built) == 1
    assert "building the place index" in err and str(path) in err
    assert "place index built in" in err

    assert gazetteer_build.ensure_bundled_index() == path
    assert capsys.readouterr().err == "" and len(built) == 1
