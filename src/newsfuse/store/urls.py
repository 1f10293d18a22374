"""URL normalisation for document keys.

The same article reaches us under many spellings of its address: with campaign parameters from a
feed or a newsletter, a ``#comments`` fragment, an explicit default port, an upper-case host, a
trailing slash. :func:`normalize_url` maps those spellings to one key so that ingesting the page
again is recognised as the same document. It is deliberately conservative: it never drops ``www.``
nor changes ``http`` into ``https``, because those can name different sites.

>>> normalize_url("HTTPS://News.Example.COM:443/world/story-1/?utm_source=rss&b=2&a=1#top")
'https://news.example.com/world/story-1?a=1&b=2'
>>> normalize_url("http://example.org")
'http://example.org/'
>>> document_key(url=None, doc_id="004_414db1a5")
'id:004_414db1a5'
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, unquote, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21}

# Query parameters that say how a reader arrived, never which page it is.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
        "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id",
        "oly_enc_id", "vero_id", "wickedid", "s_cid", "cmpid", "ncid", "ocid", "sr_share",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "at_")

_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# Characters left as they are when percent-encoding the rest (RFC 3986 reserved + "%").
_SAFE = "!#$&'()*+,/:;=?@[]~%"


def _normalise_escapes(part: str) -> str:
    """Percent-encode what must be, decode escapes of unreserved characters, upper-case the rest."""
    encoded = quote(part, safe=_SAFE, errors="surrogatepass")

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _PERCENT.sub(fix, encoded)


def _is_tracking(name: str) -> bool:
    key = unquote(name).lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _normalise_query(query: str) -> str:
    """Drop tracking parameters and sort the rest by name (stable, so repeated names keep their order)."""
    pairs = [p for p in query.split("&") if p]
    kept = [_normalise_escapes(p) for p in pairs if not _is_tracking(p.split("=", 1)[0])]
    kept.sort(key=lambda p: p.split("=", 1)[0])
    return "&".join(kept)


def _normalise_path(path: str) -> str:
    """Resolve dot segments; an empty path is ``/``; a trailing slash is dropped except at the root."""
    if not path:
        return "/"
    # Escapes first, so that "%2E%2E" is seen as the dot segment it is (RFC 3986, 6.2.2).
    resolved = posixpath.normpath(_normalise_escapes(path))
    if resolved.startswith("//"):  # normpath keeps a leading "//" (a POSIX rule URLs do not have)
        resolved = "/" + resolved.lstrip("/")
    if not resolved.startswith("/"):
        resolved = "/" + resolved
    return resolved


def _normalise_host(host: str) -> str:
    host = host.lower().rstrip(".")
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:  # not a valid IDNA name: keep it lower-cased as it came
        return host


def normalize_url(url: str | None) -> str | None:
    """One spelling for every spelling of the same web address; None for an empty one.

    Lower-cases the scheme and host, removes the default port, the fragment, tracking parameters
    (``utm_*``, ``fbclid``, ``gclid``...), dot segments and a trailing slash (``/a/b/`` → ``/a/b``;
    the root stays ``/``), sorts the query parameters and normalises percent-escapes. Addresses
    that are not hierarchical URLs (``urn:…``, a bare name) come back stripped and otherwise as given.

    >>> normalize_url("https://a.example/x/./y/../z/")
    'https://a.example/x/z'
    >>> normalize_url("https://a.example/caf%c3%a9?id=%7e7")
    'https://a.example/caf%C3%A9?id=~7'
    """
    if url is None:
        return None
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    scheme = parts.scheme.lower()
    host = _normalise_host(parts.hostname or "")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the address whole rather than guess
        return urlunsplit((scheme, parts.netloc.lower(), parts.path, parts.query, ""))
    netloc = host
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    if parts.username is not None:
        credentials = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{credentials}@{netloc}"
    return urlunsplit((scheme, netloc, _normalise_path(parts.path), _normalise_query(parts.query), ""))


def document_key(*, url: str | None, doc_id: str) -> str:
    """The identity of a document across re-ingests: its normalised URL when it has one, else its id.

    >>> document_key(url="http://Example.com/a/?utm_medium=email", doc_id="a")
    'url:http://example.com/a'
    """
    normalised = normalize_url(url)
    return f"url:{normalised}" if normalised else f"id:{doc_id}"
