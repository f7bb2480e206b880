"""HTML pages: main text with trafilatura, metadata from <title>, Open Graph and JSON-LD.

trafilatura is imported only here and only when an HTML page is seen, so start-up stays fast.
Its output still gets our line filter (links, credits and promotion it sometimes keeps), and a
page it cannot read falls back to the text-dump cleaner on the page's visible text.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass

from newsdiff.core.clean.dump import Cleaned, clean_text
from newsdiff.core.clean.features import Kind, describe, normalise
from newsdiff.core.clean.html_meta import page_meta
from newsdiff.core.clean.metadata import byline_name, date_in, find_dateline

_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>", re.I | re.S)
_BLOCK = re.compile(r"<(?:/?(?:p|div|h[1-6]|li|ul|ol|br|tr|article|section|header|footer|nav|aside|"
                    r"figure|figcaption|blockquote|main|time)\b)[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """How HTML pages are read."""

    # trafilatura's fallback extractors (readability, jusText) cost two thirds of its time and
    # matter when its own pass finds little: "auto" runs them only then.
    fallback: str = "auto"  # "auto" | "always" | "never"
    retry_below: int = 600  # characters of main text under which "auto" retries with fallbacks
    min_body_chars: int = 200  # less than this from trafilatura: try the text-dump cleaner too


DEFAULT_HTML = HtmlOptions()


def visible_text(page: str) -> str:
    """The page's visible text, one block per line (a crude reader for when extraction fails)."""
    page = _COMMENT.sub(" ", page)
    page = _INVISIBLE.sub(" ", page)
    page = _BLOCK.sub("\n", page)
    return htmllib.unescape(_TAG.sub(" ", page))


def _extract(page: str, options: HtmlOptions) -> str:
    import trafilatura  # heavy: only for HTML input

    def run(fast: bool) -> str:
        # deduplicate=False: trafilatura's dedup cache is process-wide, and wire copy shared by
        # two outlets would lose its paragraphs in the second one.
        return trafilatura.extract(page, include_comments=False, include_tables=False, favor_precision=True,
                                   deduplicate=False, fast=fast) or ""

    text = run(fast=options.fallback != "always")
    if options.fallback == "auto" and len(text) < options.retry_below:
        text = max(text, run(fast=False), key=len)
    return text


def _article_lines(text: str, title: str) -> tuple[list[str], str | None, str | None]:
    """Extracted lines minus chrome and the headline/byline/date lines extractors keep on top;
    also the byline and date read from those top lines."""
    lines = [normalise(line) for line in text.splitlines()]
    info = [li for li in describe([line for line in lines if line]) if li.kind is not Kind.BLANK]
    byline = date = None
    while info and info[0].words <= 14:
        first = info[0].text
        name, when = byline_name(first), date_in(first)
        if first.casefold() != title.casefold() and not name and not when:
            break
        byline, date = byline or name, date or when
        info.pop(0)
    kept = [li.text for li in info if li.kind not in (Kind.CHROME, Kind.HEADER)]
    return kept, byline, date


def clean_html(page: str, options: HtmlOptions = DEFAULT_HTML) -> Cleaned:
    """Body and metadata of an HTML page."""
    meta = page_meta(page)
    lines, byline, date = _article_lines(_extract(page, options), meta.title)
    fallback = None
    if sum(len(line) for line in lines) < options.min_body_chars:
        fallback = clean_text(visible_text(page))
        if len(fallback.body) > sum(len(line) for line in lines):
            lines = fallback.body.split("\n\n")
    author = meta.byline or byline or (fallback.byline if fallback else None)
    return Cleaned(
        title=meta.title or (fallback.title if fallback else ""),
        body="\n\n".join(lines),
        outlet=meta.outlet or (fallback.outlet if fallback else None),
        byline=(byline_name(author) or author) if author else None,
        published=meta.published or date or (fallback.published if fallback else None),
        dateline=find_dateline(lines[0]) if lines else None,
        lang=meta.lang,
    )
