"""Feeds: RSS 0.9x/1.0/2.0 and Atom (feedparser), JSON Feed, and OPML subscription lists."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from newsdiff.core.ingest import MAX_BYTES, looks_binary, normalise_url
from newsdiff.errors import NewsdiffError

_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)


@dataclass(frozen=True, slots=True)
class Entry:
    """One item of a feed: where the article is, and what the feed says of it."""

    link: str
    title: str
    published: str | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    entries: tuple[Entry, ...]


def _json_feed(data: bytes, base: str) -> ParsedFeed | None:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(doc, dict) or "jsonfeed.org" not in str(doc.get("version", "")):
        return None
    entries = []
    for item in doc.get("items", []):
        link = item.get("url") or item.get("external_url")
        if isinstance(link, str) and link:
            published = item.get("date_published")
            entries.append(Entry(normalise_url(link, base), str(item.get("title") or ""),
                                 published[:10] if isinstance(published, str) else None))
    return ParsedFeed(str(doc.get("title") or base), tuple(entries))


def parse_feed(data: bytes, base_url: str) -> ParsedFeed:
    """Entries of a feed with absolute, normalised links; NewsdiffError when it is not a feed."""
    parsed = _json_feed(data, base_url) if data.lstrip()[:1] == b"{" else None
    if parsed is not None:
        return parsed
    import feedparser

    feed = feedparser.parse(data, response_headers={"content-location": base_url})
    entries = []
    for item in feed.entries:
        link = item.get("link") or next((ln.get("href") for ln in item.get("links", []) if ln.get("href")), None)
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        published = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}" if stamp else None
        entries.append(Entry(normalise_url(link, base_url), item.get("title", ""), published))
    if not entries and (feed.get("bozo") or not feed.get("feed")):
        reason = feed.get("bozo_exception")
        raise NewsdiffError(f"{base_url}: not a feed ({reason or 'no RSS, Atom or JSON Feed items found'})")
    return ParsedFeed(feed.feed.get("title", base_url), tuple(entries))


def import_opml(data: bytes) -> list[tuple[str, str | None]]:
    """(feed URL, title) of every outline with an xmlUrl; DTDs and entities are refused, and so are
    binary data and anything larger than a page may be (read with ``ingest.read_source``: capped)."""
    from xml.etree import ElementTree

    if looks_binary(data):
        raise NewsdiffError("binary file, not an OPML list of feeds")
    if len(data) > MAX_BYTES:
        raise NewsdiffError(f"larger than {MAX_BYTES // 2**20} MB, not an OPML list of feeds")
    if _DTD.search(data[:4096]):
        raise NewsdiffError("OPML file declares a DTD or entities; refused for safety")
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        raise NewsdiffError(f"not valid OPML ({err})") from err
    out = []
    for node in root.iter("outline"):
        url = node.get("xmlUrl") or node.get("xmlurl")
        if url:
            out.append((url.strip(), node.get("title") or node.get("text")))
    return out


def export_opml(feeds: list[tuple[str, str | None]]) -> str:
    """An OPML 2.0 document listing ``feeds`` (as newsboat and other readers import)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">',
             "  <head><title>newsdiff subscriptions</title></head>", "  <body>"]
    for url, title in feeds:
        text = quoteattr(title or url)
        lines.append(f'    <outline type="rss" text={text} title={text} xmlUrl={quoteattr(url)}/>')
    lines += ["  </body>", "</opml>"]
    return "\n".join(lines) + "\n"

