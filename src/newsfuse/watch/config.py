"""``FEEDS.toml``: what to watch, how politely, and which alerts to send where.

>>> config = parse_config('''
... [watch]
... interval = 60
... [[feeds]]
... url = "http://127.0.0.1:8000/feed.xml"
... [alerts]
... kinds = ["new_story", "figure_conflicting"]
... places = ["Ostrogan"]
... ''')
>>> config.interval, [f.url for f in config.feeds], config.rules.places
(60.0, ['http://127.0.0.1:8000/feed.xml'], ('ostrogan',))
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ALERT_KINDS = ("new_story", "figure_conflicting", "toll_updated", "figure_corroborated", "outlet_copying")
FEED_KINDS = ("auto", "feed", "sitemap")


class ConfigError(ValueError):
    """A FEEDS.toml that cannot be used as written (the message says where)."""


@dataclass(frozen=True)
class FeedSpec:
    url: str
    kind: str = "auto"  # "feed" (RSS/Atom), "sitemap", or "auto": told apart by the content
    name: str | None = None


@dataclass(frozen=True)
class AlertRules:
    """Which alerts are sent. An empty filter lets everything through; filters are case-insensitive.
    ``places`` match the figure's place or, for a story alert, any place of the story; ``categories``
    apply to figure alerts; ``outlets`` match the outlets cited."""

    kinds: tuple[str, ...] = ALERT_KINDS
    places: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Webhook:
    url: str
    timeout: float = 10.0


@dataclass(frozen=True)
class Email:
    host: str
    to: tuple[str, ...]
    sender: str
    port: int = 25
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None  # the name of an environment variable, never the password itself
    timeout: float = 10.0


@dataclass(frozen=True)
class WatchConfig:
    feeds: tuple[FeedSpec, ...]
    interval: float = 300.0  # seconds between two polls of a feed
    host_delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_backoff: float = 3600.0  # the longest wait after failures in a row
    outlets: str | None = None  # an outlet registry file for the briefings
    rules: AlertRules = field(default_factory=AlertRules)
    webhook: Webhook | None = None
    email: Email | None = None


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"[{key}] must be a table")
    return value


def _number(table: dict[str, Any], key: str, default: float, where: str, *, minimum: float = 0.0) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ConfigError(f"{where}.{key} must be a number of at least {minimum:g}, not {value!r}")
    return float(value)


def _words(table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}.{key} must be a list of strings")
    return tuple(v.strip().casefold() for v in value if v.strip())


def _feeds(data: dict[str, Any]) -> tuple[FeedSpec, ...]:
    entries = data.get("feeds", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError("list the feeds to watch as [[feeds]] tables with a url")
    feeds = []
    for number, entry in enumerate(entries, 1):
        if isinstance(entry, str):
            entry = {"url": entry}
        url = entry.get("url") if isinstance(entry, dict) else None
        if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
            raise ConfigError(f"feeds[{number}].url must be an http(s) URL, not {url!r}")
        kind = entry.get("kind", "auto")
        if kind not in FEED_KINDS:
            raise ConfigError(f"feeds[{number}].kind must be one of {', '.join(FEED_KINDS)}, not {kind!r}")
        feeds.append(FeedSpec(url=url, kind=kind, name=entry.get("name")))
    return tuple(feeds)


def _rules(alerts: dict[str, Any]) -> AlertRules:
    kinds = alerts.get("kinds", list(ALERT_KINDS))
    unknown = [k for k in kinds if k not in ALERT_KINDS] if isinstance(kinds, list) else [kinds]
    if unknown:
        raise ConfigError(f"alerts.kinds: unknown {unknown}; known: {', '.join(ALERT_KINDS)}")
    return AlertRules(tuple(kinds), _words(alerts, "places", "alerts"), _words(alerts, "categories", "alerts"),
                      _words(alerts, "outlets", "alerts"))


def _webhook(alerts: dict[str, Any]) -> Webhook | None:
    table = _table(alerts, "webhook")
    if not table:
        return None
    url = table.get("url")
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        raise ConfigError(f"alerts.webhook.url must be an http(s) URL, not {url!r}")
    return Webhook(url, _number(table, "timeout", 10.0, "alerts.webhook", minimum=0.1))


def _email(alerts: dict[str, Any]) -> Email | None:
    table = _table(alerts, "email")
    if not table:
        return None
    to = table.get("to")
    to = [to] if isinstance(to, str) else to
    if not isinstance(table.get("host"), str) or not to or not isinstance(table.get("from"), str):
        raise ConfigError("alerts.email needs host, from and to")
    if "password" in table:
        raise ConfigError("alerts.email: give password_env (the name of an environment variable), not the password")
    return Email(host=table["host"], to=tuple(to), sender=table["from"], port=int(table.get("port", 25)),
                 starttls=bool(table.get("starttls", False)), username=table.get("username") or None,
                 password_env=table.get("password_env") or None,
                 timeout=_number(table, "timeout", 10.0, "alerts.email", minimum=0.1))


def parse_config(text: str, *, base: Path | None = None) -> WatchConfig:
    """Read a FEEDS.toml text; ``base`` is the folder relative file names in it are read from."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"not valid TOML: {err}") from None
    watch = _table(data, "watch")
    alerts = _table(data, "alerts")
    outlets = watch.get("outlets")
    if outlets is not None and base is not None:
        outlets = str(base / outlets)
    return WatchConfig(
        feeds=_feeds(data),
        interval=_number(watch, "interval", 300.0, "watch", minimum=0.05),
        host_delay=_number(watch, "host_delay", 1.0, "watch"),
        timeout=_number(watch, "timeout", 15.0, "watch", minimum=0.1),
        max_bytes=int(_number(watch, "max_bytes", 5_000_000, "watch", minimum=1024)),
        max_backoff=_number(watch, "max_backoff", 3600.0, "watch", minimum=0.05),
        outlets=outlets,
        rules=_rules(alerts),
        webhook=_webhook(alerts),
        email=_email(alerts),
    )


def load_config(path: str | Path) -> WatchConfig:
    path = Path(path)
    return parse_config(path.read_text(encoding="utf-8"), base=path.parent)
