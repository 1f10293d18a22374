"""Corrections from the desk: the token for the API, sign-in plus a CSRF field for pages, the same
records as ``newsfuse correct``, and the story changing when one is made and when it is retracted."""

from __future__ import annotations

import re

from desk_store import TOKEN

from newsfuse import api

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _first_report(client, story):
    brief = client.get(f"/api/v1/stories/{story}").json()
    figure = brief["figures"][0]
    return figure, figure["reports"][0]


def test_the_api_needs_the_token(writable_client, store_copy):
    body = {"kind": "merge_entities", "target": "Kestria", "payload": {"into": "Republic of Kestria"}}
    assert writable_client.post("/api/v1/corrections", json=body).status_code == 401
    assert writable_client.post("/api/v1/corrections", json=body,
                                headers={"Authorization": "Bearer wrong-token"}).status_code == 401
    assert api.list_corrections(str(store_copy)) == []
    assert writable_client.post("/api/v1/corrections", json={**body, "kind": "no_such_kind"},
                                headers=AUTH).status_code == 422
    made = writable_client.post("/api/v1/corrections", json={**body, "author": "ana"}, headers=AUTH)
    assert made.status_code == 201
    [stored] = api.list_corrections(str(store_copy))  # the same record newsfuse correct --list shows
    assert (stored.id, stored.kind, stored.target, stored.payload, stored.author) == \
        (made.json()["id"], "merge_entities", "Kestria", {"into": "Republic of Kestria"}, "ana")
    assert writable_client.post(f"/api/v1/corrections/{stored.id}/retract").status_code == 401
    assert writable_client.post(f"/api/v1/corrections/{stored.id}/retract", headers=AUTH).json()["retracted"] is True
    assert writable_client.post("/api/v1/corrections/99999/retract", headers=AUTH).status_code == 404


def test_a_correction_changes_the_story_and_its_retraction_restores_it(writable_client, ostrogan):
    before = writable_client.get(f"/api/v1/stories/{ostrogan}").json()
    figure, report = _first_report(writable_client, ostrogan)
    new = "injured" if figure["category"] != "injured" else "dead"
    made = writable_client.post("/api/v1/corrections", headers=AUTH, json={
        "kind": "figure_category", "target": f"{report['id']}:{report['start']}", "payload": {"category": new}})
    after = writable_client.get(f"/api/v1/stories/{ostrogan}").json()
    moved = [f for f in after["figures"] if any(r["id"] == report["id"] and r["start"] == report["start"]
                                                for r in f["reports"])]
    assert [f["category"] for f in moved] == [new]
    assert any(n["kind"] == "figure_category" for n in after["corrections"])
    writable_client.post(f"/api/v1/corrections/{made.json()['id']}/retract", headers=AUTH)
    assert writable_client.get(f"/api/v1/stories/{ostrogan}").json()["figures"] == before["figures"]


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)


def test_pages_need_sign_in_and_the_csrf_field(writable_client, ostrogan, store_copy):
    figure, report = _first_report(writable_client, ostrogan)
    form = {"kind": "figure_claimant", "target": f"{report['id']}:{report['start']}", "key": "claimant",
            "value": "Ministry of Truth", "author": "bo", "back": f"/stories/{ostrogan}"}
    assert writable_client.post("/corrections", data=form, follow_redirects=False).status_code == 401
    assert "correct</summary>" not in writable_client.get(f"/stories/{ostrogan}").text  # no forms when signed out
    assert writable_client.post("/login", data={"token": "wrong-token"}, follow_redirects=False).status_code == 403
    signed = writable_client.post("/login", data={"token": TOKEN, "next": f"/stories/{ostrogan}"},
                                  follow_redirects=False)
    assert signed.status_code == 303 and signed.headers["location"] == f"/stories/{ostrogan}"
    page = writable_client.get(f"/stories/{ostrogan}").text
    assert "correct</summary>" in page
    assert writable_client.post("/corrections", data=form, follow_redirects=False).status_code == 403  # no csrf
    assert writable_client.post("/corrections", data={**form, "csrf": _csrf(page)}, follow_redirects=False,
                                headers={"Origin": "http://evil.example"}).status_code == 403
    assert api.list_corrections(str(store_copy)) == []
    done = writable_client.post("/corrections", data={**form, "csrf": _csrf(page)}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/stories/{ostrogan}"
    page = writable_client.get(f"/stories/{ostrogan}").text
    assert "Ministry of Truth" in page and ">bo<" in page  # who corrected what, and when
    [c] = api.list_corrections(str(store_copy))
    retracted = writable_client.post(f"/corrections/{c.id}/retract", data={"csrf": _csrf(page), "back": "//evil.example"},
                                     follow_redirects=False)
    assert retracted.status_code == 303 and retracted.headers["location"] == "/"  # never an open redirect
    assert api.list_corrections(str(store_copy)) == []
    assert "retracted" in writable_client.get("/corrections").text


def test_a_correction_rebuilds_only_the_stories_it_touches(writable_client, ostrogan):
    desk = writable_client.app.state.desk
    figure, report = _first_report(writable_client, ostrogan)
    new = "injured" if figure["category"] != "injured" else "dead"
    writable_client.post("/api/v1/corrections", headers=AUTH, json={
        "kind": "figure_category", "target": f"{report['id']}:{report['start']}", "payload": {"category": new}})
    state = desk.reader.store().corrections_state()
    assert desk.briefs.stale(state) == {ostrogan}
    rows = writable_client.get("/api/v1/figures", params={"story": ostrogan, "per_page": 500}).json()["items"]
    assert new in {r["category"] for r in rows}  # the figures table sees it too
    writable_client.post("/api/v1/corrections", headers=AUTH, json={
        "kind": "merge_entities", "target": "Kestria", "payload": {"into": "Republic of Kestria"}})
    kestria = {s["id"] for s in writable_client.get("/api/v1/stories", params={"entity": "Kestria"}).json()["items"]}
    assert desk.briefs.stale(desk.reader.store().corrections_state()) == kestria | {ostrogan}
