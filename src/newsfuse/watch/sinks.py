"""Where alerts go: one JSON object a line on stdout (always), and when FEEDS.toml says so a webhook
POST of the same JSON and an email through an SMTP server.

A sink that fails (webhook down, SMTP refused) is reported through ``on_error`` and does not stop
the watch; the alert is already recorded as sent (at most once: a restart does not resend it).
The webhook and SMTP server are the user's own settings, not feed content, so they are reached
directly (a desk's webhook on the local network is the usual case).
"""

from __future__ import annotations

import json
import os
import smtplib
from email.message import EmailMessage
from typing import Any, Callable, Mapping, TextIO

from .config import Email, Webhook


def alert_line(alert: Mapping[str, Any]) -> str:
    return json.dumps(alert, ensure_ascii=False, sort_keys=False)


def post_webhook(hook: Webhook, alert: Mapping[str, Any]) -> None:
    import httpx

    response = httpx.post(hook.url, content=alert_line(alert).encode("utf-8"), timeout=hook.timeout,
                          headers={"Content-Type": "application/json"})
    if response.status_code >= 300:
        raise RuntimeError(f"webhook answered HTTP {response.status_code}")


def email_message(settings: Email, alert: Mapping[str, Any]) -> EmailMessage:
    message = EmailMessage()
    what = alert.get("title") or alert.get("story") or ""
    message["Subject"] = " ".join(f"newsfuse {alert['kind'].replace('_', ' ')}: {what}".split())[:200]
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message.set_content(json.dumps(alert, ensure_ascii=False, indent=2) + "\n")
    return message


def send_email(settings: Email, alert: Mapping[str, Any]) -> None:
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, os.environ.get(settings.password_env or "", ""))
        smtp.send_message(email_message(settings, alert))


class Sinks:
    def __init__(self, out: TextIO, *, webhook: Webhook | None = None, email: Email | None = None,
                 on_error: Callable[[str], None] | None = None) -> None:
        self.out, self.webhook, self.email = out, webhook, email
        self.on_error = on_error or (lambda message: None)

    def send(self, alert: Mapping[str, Any]) -> None:
        self.out.write(alert_line(alert) + "\n")
        self.out.flush()
        for name, target, deliver in (("webhook", self.webhook, post_webhook), ("email", self.email, send_email)):
            if target is None:
                continue
            try:
                deliver(target, alert)
            except Exception as err:  # a sink's failure is reported, never the end of the watch
                self.on_error(f"{name} could not take the {alert['kind']} alert: {type(err).__name__}: {err}")
