"""The desk in a real browser (Playwright driving Debian's chromium; skipped where it is not installed):
search, open the story, follow a figure's citation to its highlighted span, sign in, add and retract a
correction and see the story change, open the map; hostile strings stay text in the DOM; no request
leaves the desk. Screenshots are kept in the test's tmp folder (and in $NEWSFUSE_ARTEFACTS if set)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from desk_store import EXAMPLES, TOKEN, analyze_into

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium not installed (apt-get install chromium)")


class DeskServer:
    """uvicorn serving the desk over ``db`` in a thread, on a free loopback port."""

    def __init__(self, db: Path, outlets: Path | None = None) -> None:
        import uvicorn

        from newsfuse.desk.app import create_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        app = create_app(str(db), token=TOKEN, outlets=str(outlets) if outlets else None)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "DeskServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the desk did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture()
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        yield page
        browser.close()


def shot(page, tmp_path: Path, name: str) -> None:
    target = tmp_path / f"{name}.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 5_000
    keep = os.environ.get("NEWSFUSE_ARTEFACTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(target, Path(keep) / target.name)


def test_an_analyst_session(store_copy, browser_page, tmp_path):
    page = browser_page
    with DeskServer(store_copy, EXAMPLES / "outlets.tsv") as desk:
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(desk.url + "/")
        page.fill("main form.filters input[name=q]", "Ostrogan")
        page.click("main form.filters button")
        page.wait_for_selector("a.story-link")
        links = page.locator("a.story-link")
        titles = [links.nth(i).inner_text() for i in range(links.count())]
        assert any("Ostrohan" in t or "Brelo" in t for t in titles)
        shot(page, tmp_path, "1-search")
        page.locator("a.story-link", has_text="Brelo").click()
        page.wait_for_selector("table.figures")
        story_url = page.url
        shot(page, tmp_path, "2-story")

        # a figure's citation lands on its span, highlighted and scrolled into view
        link = page.locator("table.figures a.span-link").first
        cited_text = link.inner_text()
        link.click()
        page.wait_for_selector("mark#cite")
        mark = page.locator("mark#cite")
        assert mark.inner_text() == cited_text
        assert mark.evaluate("m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
        assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
        # a layer's toggle switches its highlight off
        entity = page.locator(".text .l-entities").first
        before = entity.evaluate("e => getComputedStyle(e).backgroundColor")
        page.click("label[for=t-entities]")
        assert entity.evaluate("e => getComputedStyle(e).backgroundColor") != before
        shot(page, tmp_path, "3-cited-span")

        # sign in, correct a figure's category, see the story change, retract, see it change back
        page.goto(desk.url + "/login?next=" + story_url.removeprefix(desk.url))
        page.fill("input[name=token]", TOKEN)
        page.click("main form button")
        page.wait_for_url(story_url)
        first_row = page.locator("tr.figure").first
        category_before = first_row.locator("td").first.inner_text()
        first_row.locator("details.fix summary").first.click()
        form = first_row.locator("form.correct").first
        current = category_before.split()[0]
        choice = "injured" if current != "injured" else "dead"
        form.locator("select[name=value]").select_option(choice)
        form.locator("input[name=author]").fill("playwright")
        with page.expect_navigation():
            form.locator("button").click()
        assert page.url == story_url
        assert page.locator("ul.corrections li.note").count() >= 1
        assert "playwright" in page.locator("#corrections").inner_text()
        shot(page, tmp_path, "4-corrected")
        with page.expect_navigation():
            page.locator("button.retract").first.click()
        assert page.url == story_url
        assert page.locator("tr.figure").first.locator("td").first.inner_text() == category_before
        assert "retracted" in page.locator("#corrections").inner_text()

        page.goto(desk.url + "/map")
        page.wait_for_selector("svg.map")
        assert page.locator("svg.map path.land").count() > 0 and page.locator("svg.map circle.pin").count() > 0
        shot(page, tmp_path, "5-map")
        outside = [u for u in requests if not u.startswith(desk.url)]
        assert not outside, outside


def test_hostile_strings_stay_text_in_the_dom(tmp_path, browser_page):
    from test_xss import SCRIPT, hostile_inputs

    feed, outlets = hostile_inputs(tmp_path)
    db = tmp_path / "hostile.db"
    analyze_into(db, tmp_path / "out", str(feed), outlets=outlets)
    page = browser_page
    with DeskServer(db, outlets) as desk:
        page.goto(desk.url + "/")
        page.locator("a.story-link").first.click()
        page.wait_for_selector("table.figures")
        pages = [page.url] + [desk.url + h for h in page.locator("#coverage a[href^='/articles/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))")]
        pages += [desk.url + page.locator("#coverage a[href^='/outlets/']").first.get_attribute("href")]
        for url in pages:
            page.goto(url)
            assert page.evaluate("window.__xss") is None, url
            assert page.locator("img, iframe, object, embed").count() == 0, url
            assert page.locator("script:not([src='/static/desk.js'])").count() == 0, url
        assert SCRIPT in page.locator("main").inner_text()  # shown as text
        shot(page, tmp_path, "6-hostile")
