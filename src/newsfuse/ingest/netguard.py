"""Where a fetch may connect, and for how long: the network side of :class:`~newsfuse.ingest.fetch.PoliteFetcher`.

Feeds are untrusted input: an item link to ``http://127.0.0.1:8080/admin`` or ``http://10.0.0.5/``
would make newsfuse reach into the network it runs in (server-side request forgery) and store what
it got. So, unless the ``NEWSFUSE_FETCH_ALLOW_PRIVATE`` setting allows it, a fetch refuses every
host that resolves to an address that is not globally routable (loopback, private, link-local,
carrier-grade NAT, reserved, multicast). The check is made twice: on the URL's host name before each
request (redirects included), and on the address the socket really connects to, looked up again at
connect time (so a name that resolves to a public address first and to 127.0.0.1 next gets nowhere:
DNS rebinding). Proxies named in the environment (``HTTP_PROXY`` and the like) are not used: a proxy
resolves names itself, where no check of ours could see the address it reaches.

A fetch also has an overall deadline: every read, write and connect waits at most what is left of
it, so a server that sends one byte every few seconds is cut off when the deadline passes rather
than holding the run for as long as it likes.

>>> refusal("127.0.0.1", ["127.0.0.1"])
'127.0.0.1 is a loopback, private or reserved address (127.0.0.1)'
>>> refusal("example.org", ["93.184.215.14"]) is None
True
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import typing

import httpcore

PRIVATE_HINT = "set NEWSFUSE_FETCH_ALLOW_PRIVATE=1 to fetch from your own network"


class RefusedAddress(Exception):
    """A host that resolves to a non-public address while those are not allowed."""


class DeadlinePassed(Exception):
    """The fetch took longer than its overall deadline."""


def _not_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def refusal(host: str, addresses: typing.Sequence[str]) -> str | None:
    """Why ``host`` (resolved to ``addresses``) may not be fetched, or None when it may."""
    bad = [a for a in addresses if _not_public(a)]
    if not bad:
        return None
    return f"{host} is a loopback, private or reserved address ({', '.join(dict.fromkeys(bad))})"


def resolve(host: str, port: int | None) -> list[str]:
    host = host.strip("[]")
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        return [host]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port or 0, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class Guard:
    """The fetcher's rules for one thread's current fetch: public addresses only (unless allowed) and
    a deadline (``start(seconds)`` before each fetch)."""

    def __init__(self, *, allow_private: bool) -> None:
        self.allow_private = allow_private
        self._local = threading.local()

    def start(self, seconds: float | None) -> None:
        self._local.deadline = None if seconds is None else time.monotonic() + seconds

    def passed(self) -> bool:
        deadline = getattr(self._local, "deadline", None)
        return deadline is not None and time.monotonic() >= deadline

    def bounded(self, timeout: float | None) -> float | None:
        """``timeout`` cut to what is left of the deadline; raises once nothing is left."""
        deadline = getattr(self._local, "deadline", None)
        if deadline is None:
            return timeout
        left = deadline - time.monotonic()
        if left <= 0:
            raise DeadlinePassed()
        return left if timeout is None else min(timeout, left)

    def check_host(self, host: str, port: int | None) -> list[str]:
        """The addresses of ``host``; raises RefusedAddress when they may not be fetched."""
        try:
            addresses = resolve(host, port)
        except (OSError, UnicodeError):
            return []  # let the connection report the name error as it always has
        if not self.allow_private:
            why = refusal(host, addresses)
            if why:
                raise RefusedAddress(why)
        return addresses


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, guard: Guard) -> None:
        self._inner, self._guard = inner, guard

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._guard.bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._guard.bounded(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: typing.Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, self._guard.bounded(timeout)), self._guard)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses the guard allows (the very address
    checked, not a second lookup) and bounding every wait by the deadline."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: typing.Any = None) -> httpcore.NetworkStream:
        addresses = self.guard.check_host(host, port) or [host]
        error: Exception | None = None
        for address in addresses:
            try:
                stream = super().connect_tcp(address, port, self.guard.bounded(timeout), local_address, socket_options)
                return _Stream(stream, self.guard)
            except httpcore.ConnectError as err:  # try the next address, as socket.create_connection does
                error = err
        assert error is not None
        raise error


def install(client: typing.Any, transport: typing.Any, guard: Guard) -> None:
    """Make ``transport`` (an ``httpx.HTTPTransport``) connect through the guard, and check each
    request's host (redirects too) before it is sent. A client given its own transport, as here, does
    not take proxies from the environment (tests/ingest/test_fetch_guard.py holds it to that)."""
    pool = getattr(transport, "_pool", None)
    if not hasattr(pool, "_network_backend"):  # an httpx/httpcore that moved it: fail loudly in tests
        raise RuntimeError("cannot guard this httpx transport (httpcore's connection pool has changed)")
    pool._network_backend = GuardedBackend(guard)

    def check(request: typing.Any) -> None:
        guard.check_host(request.url.host, request.url.port)

    client.event_hooks = {**client.event_hooks, "request": [*client.event_hooks.get("request", []), check]}
