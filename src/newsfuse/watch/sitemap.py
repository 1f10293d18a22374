"""The pages a sitemap lists (``<urlset><url><loc>…</loc><lastmod>…</lastmod>``), for news sites that
publish a sitemap rather than a feed. A sitemap index (``<sitemapindex>``) lists further sitemaps.

Sitemaps are untrusted XML: one with a DOCTYPE (where entity tricks live) is refused outright.

>>> read_sitemap(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> http://x.test/a </loc>'
...              b'<lastmod>2023-03-14</lastmod></url></urlset>')
Sitemap(pages=[('http://x.test/a', '2023-03-14')], sitemaps=[])
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field


class NotASitemap(ValueError):
    pass


@dataclass
class Sitemap:
    pages: list[tuple[str, str | None]] = field(default_factory=list)  # (url, lastmod)
    sitemaps: list[str] = field(default_factory=list)  # of a sitemap index


def looks_like_sitemap(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_sitemap(data: bytes) -> Sitemap:
    if b"<!doctype" in data[:4096].lower():
        raise NotASitemap("a sitemap with a DOCTYPE is refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise NotASitemap(f"not a readable sitemap ({err})") from None
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise NotASitemap(f"not a sitemap (its root is <{kind}>)")
    out = Sitemap()
    for entry in root:
        fields = {_local(child.tag): (child.text or "").strip() for child in entry}
        loc = fields.get("loc")
        if not loc or not loc.lower().startswith(("http://", "https://")):
            continue
        if kind == "urlset":
            out.pages.append((loc, fields.get("lastmod") or None))
        else:
            out.sitemaps.append(loc)
    return out
