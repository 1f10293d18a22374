from newsfuse.knowledge.outlets import Outlet, OutletRegistry, read_outlets


def write(tmp_path, text):
    path = tmp_path / "outlets.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_state_outlets_share_one_group_and_aliases_and_domains_find_them(tmp_path):
    path = write(tmp_path, "outlet\taliases\tdomains\tcountry\tgroup\taffiliation\tkind\n"
                 "Velmoran News Agency\tVNA\tvna.example\tVM\tstate:VM\tstate agency\tstate_agency\n"
                 "# a comment line\n"
                 "Velmora TV\t\tvtv.example|tv.vna.example\tVM\tstate:VM\tstate television\tstate_broadcaster\n")
    registry = OutletRegistry(read_outlets(path))
    assert registry.lookup(source="vna").name == "Velmoran News Agency"
    assert registry.lookup(url="https://news.vtv.example/a/1").name == "Velmora TV"
    assert registry.lookup(url="http://tv.vna.example/x").name == "Velmora TV"
    assert registry.lookup(source="VNA").independence_group == registry.lookup(url="vtv.example").independence_group


def test_user_file_rows_win_and_unknown_outlets_stand_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSFUSE_HOME", str(tmp_path / "home"))
    path = write(tmp_path, "outlet\tgroup\nReuters\tOwner X\n")
    registry = OutletRegistry.load(path)
    assert registry.lookup(source="Reuters").group == "Owner X"
    assert registry.lookup(source="The Orlin Gazette") == Outlet(name="The Orlin Gazette")
    assert registry.lookup(url="https://www.unknown-site.example/a").independence_group == "unknown-site.example"
