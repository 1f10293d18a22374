"""The outlet name of a page when its metadata gives none: its web domain.

Rule: the URL's host name, lower-cased, without port, and without a leading ``www``/``www2``/``m``/
``mobile``/``amp`` label (the same outlet serves those). Other sub-domains are kept
("edition.example.com" stays): telling a registered domain from a sub-domain needs the public-suffix
list, and a sub-domain is often a separate desk anyway.

>>> outlet_from_url("https://www.example-news.com/world/story.html")
'example-news.com'
>>> outlet_from_url("www.example-news.com")
'example-news.com'
>>> outlet_from_url("http://m.Daily-Herald.example:8080/a")
'daily-herald.example'
>>> outlet_from_url("not a url") is None
True
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SERVING_PREFIX = re.compile(r"^(?:www\d*|m|mobile|amp)\.(?=[^.]+\.[^.]+)")
_OTHER_SCHEME = re.compile(r"^[a-z][a-z0-9+-]*:(?!\d)", re.IGNORECASE)  # "host:8080" is a port, not a scheme
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    text = url.strip()
    if "://" not in text:
        if _OTHER_SCHEME.match(text):  # mailto:, urn:, tel: ... name no web site
            return None
        text = "//" + text  # a bare host name
    try:
        host = (urlsplit(text).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    if not _HOST.match(host) or host.replace(".", "").isdigit():
        return None
    return _SERVING_PREFIX.sub("", host)


def clean_outlet_name(name: str | None) -> str | None:
    """Metadata site names, tidied: whitespace collapsed, a leading '@' (social handle) dropped."""
    if not name:
        return None
    tidy = " ".join(name.split()).lstrip("@").strip()
    return tidy or None
