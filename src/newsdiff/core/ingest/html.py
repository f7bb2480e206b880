"""HTML pages: main text with trafilatura, metadata from <title>, Open Graph and JSON-LD NewsArticle."""

from __future__ import annotations

import html as htmllib
import json
import re
from typing import Any

from newsdiff.core.clean import Cleaned

_TAG = re.compile(r"<(html|head|body|p|div|article|meta|title)\b", re.I)
_JSONLD = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)
_META = re.compile(r"<meta\s+([^>]+)>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def looks_like_html(text: str) -> bool:
    """Markup in the first few KB: a doctype or several structural tags."""
    head = text[:4096].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or len(_TAG.findall(text[:8192])) >= 3


def _metas(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in _META.finditer(text[:200_000]):
        attrs = {k.lower(): v.strip("\"'") for k, v in _ATTR.findall(m.group(1))}
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key and "content" in attrs:
            found.setdefault(key.lower(), htmllib.unescape(attrs["content"]).strip())
    return found


def _news_article(text: str) -> dict[str, Any]:
    """The first JSON-LD object whose @type is an article kind."""
    for m in _JSONLD.finditer(text):
        try:
            data = json.loads(m.group(1).strip())
        except json.JSONDecodeError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            kind = item.get("@type") if isinstance(item, dict) else None
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                return item  # type: ignore[no-any-return]
    return {}


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        return _name(value.get("name"))
    return value.strip() if isinstance(value, str) and value.strip() else None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"\d{4}-\d\d-\d\d", value.strip())
    return m.group() if m else None


def _article_lines(body: str, title: str) -> list[str]:
    """Extracted lines minus the headline, byline and date lines extractors keep at the top."""
    from newsdiff.core.metadata import byline_name, find_date

    lines = [line.strip() for line in body.splitlines() if line.strip()]
    while lines:
        first = lines[0]
        short = len(first.split()) <= 12
        if first == title or (short and (byline_name(first) or find_date([first]))):
            lines.pop(0)
            continue
        break
    return lines


def clean_html(text: str) -> Cleaned:
    """Body and metadata of an HTML page."""
    import trafilatura

    body = trafilatura.extract(text, include_comments=False, include_tables=False, favor_precision=True,
                               deduplicate=False) or ""
    meta, ld = _metas(text), _news_article(text)
    title_tag = _TITLE.search(text)
    title = (_name(ld.get("headline")) or meta.get("og:title") or meta.get("twitter:title")
             or (htmllib.unescape(re.sub(r"\s+", " ", title_tag.group(1))).strip() if title_tag else ""))
    body = "\n\n".join(_article_lines(body, title))
    return Cleaned(
        title=title or "",
        body=body,
        outlet=_name(ld.get("publisher")) or meta.get("og:site_name"),
        byline=_name(ld.get("author")) or meta.get("author") or meta.get("article:author"),
        published=_date(ld.get("datePublished")) or _date(meta.get("article:published_time"))
        or _date(meta.get("date")),
        lang=None,
    )
