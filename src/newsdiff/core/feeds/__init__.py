"""Feeds: the library's subscriptions in, new articles stored in the library out.

``parse`` reads RSS, Atom and JSON Feed documents into entries and OPML subscription lists in and
out; ``refresh`` fetches every subscribed feed through ingest's fetch seam (conditional requests,
per-host politeness), then the articles they list, and cleans and stores each one as it arrives.
Placing the new articles in stories is the pipeline's next step, not this stage's.
"""

from __future__ import annotations

from newsdiff.core.feeds.parse import Entry, ParsedFeed, export_opml, import_opml, parse_feed
from newsdiff.core.feeds.refresh import RefreshReport, fetch_article, fetch_feeds

__all__ = [
    "Entry", "ParsedFeed", "RefreshReport", "export_opml", "fetch_article", "fetch_feeds", "import_opml",
    "parse_feed",
]
