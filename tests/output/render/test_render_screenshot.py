"""The HTML briefing renders in headless Chromium (skipped where /usr/bin/chromium is not installed)."""

from __future__ import annotations

import html
import re
import struct
import subprocess
import zlib
from pathlib import Path

import brief_fixture as fx
import pytest

from newsfuse.output.render.html import render_html

CHROMIUM = Path("/usr/bin/chromium")


def _png_pixels(data: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, bytes per pixel, raw scanlines with filter bytes) of a non-interlaced 8-bit PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8
            bpp = {2: 3, 6: 4, 0: 1, 4: 2}[color]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    return width, height, bpp, zlib.decompress(idat)


def _distinct_rows(data: bytes) -> int:
    """How many different scanlines the image has (a blank page has one or two)."""
    width, height, bpp, raw = _png_pixels(data)
    stride = width * bpp + 1
    return len({raw[i * stride + 1:(i + 1) * stride] for i in range(height)})


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not installed (apt-get install chromium)")
def test_page_renders_in_headless_chromium(tmp_path):
    page = tmp_path / "brief.html"
    page.write_text(render_html(fx.brief(), fx.articles()), encoding="utf-8")
    shot = tmp_path / "brief.png"
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
           "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri()]
    subprocess.run(cmd, check=True, timeout=90, capture_output=True)
    assert shot.exists() and shot.stat().st_size > 10_000
    assert _distinct_rows(shot.read_bytes()) > 100  # text, table rows, map: far from blank


@pytest.mark.skipif(not CHROMIUM.exists(), reason="headless Chromium not installed (apt-get install chromium)")
def test_citation_link_highlights_its_span(tmp_path):
    brief = fx.brief()
    cited = brief["summary"][0]["citations"][0]
    page = tmp_path / "brief.html"
    page.write_text(render_html(brief, fx.articles()), encoding="utf-8")
    url = f"{page.as_uri()}#c0-{cited['start']}-{cited['end']}"  # the script lights up the span named in the URL
    cmd = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url]
    dom = subprocess.run(cmd, check=True, timeout=90, capture_output=True, text=True).stdout
    lit = "".join(html.unescape(t) for t in re.findall(r'<span class="seg hl"[^>]*>([^<]*)</span>', dom))
    assert cited["id"] == "wire-1"
    assert lit == fx.WIRE[cited["start"]:cited["end"]]
