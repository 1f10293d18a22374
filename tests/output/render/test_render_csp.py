"""Issue 18 item 11: the briefing's Content-Security-Policy allows no inline code but the page's own
script and style, named by their SHA-256; and Chromium, opening the page from disk, runs them under it.

The Chromium checks read its console (``--enable-logging=stderr``), where every CSP refusal is logged;
a page whose script or style was changed by one character is the control that shows they are.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import brief_fixture as fx
import pytest

from newsfuse.output.render.html import render_html

CHROMIUM = Path("/usr/bin/chromium")
needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not installed (apt-get install chromium)")


class _Inline(HTMLParser):
    """The CSP of a page, the text of its ``<script>`` and ``<style>`` elements, and every attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.csp: list[str] = []
        self.code: dict[str, list[str]] = {"script": [], "style": []}
        self.attributes: list[tuple[str, str, str | None]] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.attributes += [(tag, k, v) for k, v in attrs]
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")
        if tag in self.code:
            self._open = tag
            self.code[tag].append("")

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.code[self._open][-1] += data


def parse(page: str) -> _Inline:
    found = _Inline()
    found.feed(page)
    return found


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0].lower()] = words[1:]
    return out


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy_problems(page: str) -> list[str]:
    """What lets code into ``page`` that is not the page's own, hashed script and style."""
    found = parse(page)
    if len(found.csp) != 1:
        return [f"{len(found.csp)} Content-Security-Policy metas"]
    rules = directives(found.csp[0])
    problems = []
    if rules.get("default-src") != ["'none'"]:
        problems.append(f"default-src {rules.get('default-src')}")
    for kind, directive in (("script", "script-src"), ("style", "style-src")):
        allowed = rules.get(directive, rules.get("default-src", []))
        wanted = sorted({sha256_source(text) for text in found.code[kind]})
        if sorted(allowed) != wanted:
            problems.append(f"{directive} {allowed}, the page's {kind}s hash to {wanted}")
    for tag, name, value in found.attributes:
        if name.startswith("on") or name == "style":
            problems.append(f"<{tag} {name}=...> (inline code a hash cannot allow)")
        if name in ("href", "src", "action") and re.match(r"\s*javascript:", value or "", re.I):
            problems.append(f"<{tag} {name}=javascript:...>")
    return problems


def test_the_policy_allows_exactly_the_pages_own_script_and_style():
    page = render_html(fx.brief(), fx.articles())
    [policy] = parse(page).csp
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "unsafe-hashes" not in policy
    assert policy_problems(page) == []
    assert len(parse(page).code["script"]) == 1 and len(parse(page).code["style"]) == 1
    assert "&lt;script&gt;alert(&quot;owned&quot;)" in page  # the hostile text of the fixture, inert


def test_the_policy_check_rejects_what_it_should():
    page = render_html(fx.brief(), fx.articles())
    policy = parse(page).csp[0]
    assert policy_problems(page.replace(policy, "default-src 'none'; script-src 'unsafe-inline'; "
                                                "style-src 'unsafe-inline'"))
    assert policy_problems(page.replace("<main>", "<main><script>alert(1)</script>"))  # a second, unhashed one
    assert policy_problems(page.replace('"use strict";', '"use strict"; ', 1))  # our script, changed
    assert policy_problems(page.replace("<main>", '<main><p style="color:red" onclick="x()">'))


def chromium(page: Path, profile: Path, fragment: str = "") -> tuple[str, str]:
    """(the DOM after the page's script ran, Chromium's console log) for ``page`` opened from disk."""
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
           "--enable-logging=stderr", "--v=0", "--dump-dom", page.as_uri() + fragment]
    done = subprocess.run(cmd, check=True, timeout=90, capture_output=True, text=True)
    return done.stdout, done.stderr


def lit(dom: str) -> str:
    """The words the page's script has highlighted."""
    return "".join(html.unescape(t) for t in re.findall(r'<span class="seg hl"[^>]*>([^<]*)</span>', dom))


@needs_chromium
def test_chromium_runs_the_pages_script_and_style_under_the_policy(tmp_path):
    brief = fx.brief()
    cited = brief["summary"][0]["citations"][0]
    fragment = f"#c0-{cited['start']}-{cited['end']}"  # the script lights up the span named here
    page = render_html(brief, fx.articles())
    good = tmp_path / "brief.html"
    good.write_text(page, encoding="utf-8")
    dom, console = chromium(good, tmp_path / "p1", fragment)
    assert lit(dom) == fx.WIRE[cited["start"]:cited["end"]]  # the script ran
    assert "Content Security Policy" not in console, console[-2000:]  # nothing (style included) refused

    # The control: one character more in the script and in the style, and Chromium refuses both.
    changed = tmp_path / "changed.html"
    changed.write_text(page.replace('"use strict";', '"use strict"; ', 1).replace("<style>", "<style> ", 1),
                       encoding="utf-8")
    dom, console = chromium(changed, tmp_path / "p2", fragment)
    assert lit(dom) == ""
    refusals = [line for line in console.splitlines() if "Content Security Policy" in line]
    assert any("script" in line for line in refusals) and any("style" in line for line in refusals), console[-2000:]
