"""Metadata of an HTML page: <title>, <meta> (Open Graph, Twitter, Dublin Core) and JSON-LD."""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass
from typing import Any

from newsdiff.core.clean.metadata import byline_name, is_name

_JSONLD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)
_META = re.compile(r"<meta\s+([^>]+?)/?>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TIME = re.compile(r"<time[^>]+datetime\s*=\s*[\"']([^\"']+)", re.I)
_TAGS = re.compile(r"<[^>]+>")
# Author markup by convention: class="byline"/"author", rel="author", itemprop="author".
_AUTHOR_MARKUP = re.compile(
    r"<(\w+)[^>]*(?:class\s*=\s*[\"'][^\"']*\b(?:byline|author|by-line)\b[^\"']*[\"']|rel\s*=\s*[\"']author[\"']|"
    r"itemprop\s*=\s*[\"']author[\"'])[^>]*>(.*?)</\1\s*>", re.I | re.S)
_SCAN = 400_000  # characters of the page searched for metadata (the head and the article top)


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a page says about itself."""

    title: str = ""
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None
    lang: str | None = None


def _text(fragment: str) -> str:
    return " ".join(htmllib.unescape(_TAGS.sub(" ", fragment)).split())


def meta_tags(page: str) -> dict[str, str]:
    """<meta> name/property/itemprop -> content (first occurrence wins)."""
    found: dict[str, str] = {}
    for m in _META.finditer(page[:_SCAN]):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(m.group(1))}
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and attrs.get("content", "").strip():
            found.setdefault(key.lower(), " ".join(htmllib.unescape(attrs["content"]).split()))
    return found


def _items(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [x for item in data for x in _items(item)]
    if isinstance(data, dict):
        return [data, *_items(data.get("@graph", []))]
    return []


def news_article(page: str) -> dict[str, Any]:
    """The first JSON-LD object whose @type is an article kind (NewsArticle, ReportageNewsArticle...)."""
    for m in _JSONLD.finditer(page[:_SCAN * 2]):
        try:
            data = json.loads(m.group(1).strip())
        except (json.JSONDecodeError, RecursionError):
            continue
        for item in _items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and (k.endswith("Article") or k == "BlogPosting") for k in kinds):
                return item
    return {}


def name_of(value: Any) -> str | None:
    """A person's or organisation's name from JSON-LD (string, object or list of them)."""
    if isinstance(value, list):
        names = [n for n in (name_of(v) for v in value[:5]) if n]
        return " and ".join(names) if names else None
    if isinstance(value, dict):
        return name_of(value.get("name"))
    if isinstance(value, str) and value.strip() and not value.strip().startswith("http"):
        return " ".join(value.split())
    return None


def iso_date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4}-\d\d-\d\d)", value)
    return m.group(1) if m else None


def strip_site(title: str, site: str | None) -> str:
    """'Headline | Site' gives 'Headline' (the last part must name the site, or be short when the
    site is unknown)."""
    cuts = list(re.finditer(r"\s+[|–—-]\s+|\s+[|]", title))
    if not cuts:
        return title
    last = title[cuts[-1].end():].strip()
    named = site is not None and (site.lower() in last.lower() or last.lower() in site.lower())
    if named or (site is None and len(last.split()) <= 3 and len(last) * 3 < len(title)):
        return title[: cuts[-1].start()].strip()
    return title


def _marked_author(page: str) -> str | None:
    """The author named by byline markup in the page body ("By <b>Jo Bloggs</b> in Calvera")."""
    for m in _AUTHOR_MARKUP.finditer(page[:_SCAN * 2]):
        text = _text(m.group(2))
        name = byline_name(text) or (text if is_name(text) else None)
        if name:
            return name
    return None


def page_meta(page: str) -> PageMeta:
    """Title, outlet, byline, date and language a page declares."""
    meta, ld = meta_tags(page), news_article(page)
    outlet = name_of(ld.get("publisher")) or meta.get("og:site_name") or meta.get("application-name")
    title_tag = _TITLE.search(page[:_SCAN])
    h1 = _H1.search(page[:_SCAN * 2])
    title = (name_of(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title")
             or (_text(h1.group(1)) if h1 else "") or "")
    title = strip_site(title, outlet) if title else ""
    if not title and title_tag:
        title = strip_site(_text(title_tag.group(1)), outlet)
    author = meta.get("author") or meta.get("article:author") or meta.get("parsely-author") \
        or meta.get("sailthru.author") or meta.get("dc.creator")
    if not author and not ld.get("author"):
        author = _marked_author(page)
    time_tag = _TIME.search(page[:_SCAN * 2])
    published = (iso_date(ld.get("datePublished")) or iso_date(meta.get("article:published_time"))
                 or iso_date(meta.get("og:article:published_time")) or iso_date(meta.get("pubdate"))
                 or iso_date(meta.get("publishdate")) or iso_date(meta.get("date"))
                 or iso_date(meta.get("dc.date")) or iso_date(meta.get("parsely-pub-date"))
                 or (iso_date(time_tag.group(1)) if time_tag else None))
    lang = re.search(r"<html[^>]+lang\s*=\s*[\"']?([a-zA-Z]{2})", page[:4096])
    return PageMeta(
        title=title,
        outlet=outlet,
        byline=name_of(ld.get("author")) or (author if author and not author.startswith("http") else None),
        published=published,
        lang=lang.group(1).lower() if lang else None,
    )
