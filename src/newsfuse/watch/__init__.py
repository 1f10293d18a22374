"""Watching feeds: poll RSS/Atom feeds and sitemaps politely, fold new articles into their stories,
record each figure's verdict as it changes, and send an alert once per change.

Floor: above ``output`` (it builds briefings) and below ``api`` (``api.watch`` runs it; storing and
annotating articles is the API's, handed in as a function so both paths stay one).

    config.py   FEEDS.toml: the feeds, the polling settings, the alert rules and where alerts go
    sitemap.py  the page URLs a sitemap lists
    sources.py  one poll of one feed: conditional GET, back-off, the items not read before
    folding.py  new articles into stories (stable ids), the briefings of the stories they touched
    alerts.py   which changes become alerts, under the rules, each sent once
    sinks.py    where alerts go: JSONL, a webhook, email
    loop.py     the rounds
"""
