"""What keeps the desk safe to open on untrusted articles: security headers on every response (a
Content-Security-Policy that allows no inline script or style and nothing from elsewhere), a limit on
request bodies, links only for http(s) URLs, and the token that corrections need (with a CSRF token for
forms, so another site cannot post them through the analyst's browser).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # no referrer leaves the desk; forms still send their Origin
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
MAX_BODY = 64 * 1024  # a correction is a few hundred bytes
TOKEN_COOKIE = "newsfuse_token"


def link_url(url: object) -> str | None:
    """``url`` when it may become a link (http or https with a host), else None: ``javascript:``,
    ``data:`` and the rest stay text.

    >>> [link_url(u) for u in ("https://a.example/x", "javascript:alert(1)", "//evil.example", " http://b.example")]
    ['https://a.example/x', None, None, None]
    """
    if not isinstance(url, str) or url != url.strip() or any(ord(c) < 32 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def new_token() -> str:
    return secrets.token_urlsafe(24)


def same_token(given: str | None, token: str) -> bool:
    return bool(given) and hmac.compare_digest(str(given).encode(), token.encode())


def csrf_for(token: str) -> str:
    """The CSRF value forms carry: derived from the token, so only a page served to a signed-in
    analyst has it, and another site cannot read it (same-origin policy)."""
    return hmac.new(token.encode(), b"newsfuse-desk-csrf", hashlib.sha256).hexdigest()


class SecurityMiddleware:
    """ASGI middleware: security headers on every response; request bodies over ``max_body`` get 413."""

    def __init__(self, app, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            return await _too_large(send_with_headers)
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge()
            return message

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except _TooLarge:
            if not started:
                await _too_large(send_with_headers)


class _TooLarge(Exception):
    pass


async def _too_large(send) -> None:
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": b"request body too large\n"})
