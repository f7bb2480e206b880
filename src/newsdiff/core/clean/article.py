"""Bytes or a file in, an Article out: read through ingest, cleaned as a text dump or HTML, segmented."""

from __future__ import annotations

import re
from pathlib import Path

from newsdiff.core.clean.dump import Cleaned, clean_text
from newsdiff.core.ingest import DEFAULT_INGEST, IngestOptions, Page, read_page, read_source, sanitize
from newsdiff.core.models import Article
from newsdiff.core.text import detect, segment
from newsdiff.errors import InputError


def _one_line(text: str | None) -> str | None:
    """A metadata field on one line, terminal-safe (HTML entities may have smuggled controls in)."""
    if not text:
        return None
    return " ".join(sanitize(text).split()) or None


# Numbered references after a word ("... for the country [1][2][3]."), as answer engines and
# aggregators print them: they point at sources the page does not carry, and read as numbers.
_REFERENCE_MARKS = re.compile(r"(?<=\S)[ \u00a0]?(?:\[\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\])+")


def without_reference_marks(text: str) -> str:
    """``text`` without bracketed reference numbers that follow a word; a "[1]" opening a line stays."""
    return _REFERENCE_MARKS.sub("", text)


def _cleaned(page: Page) -> Cleaned:
    if page.format == "html":
        from newsdiff.core.clean.html import clean_html

        return clean_html(page.text)
    return clean_text(page.text)


def article_from_bytes(data: bytes, *, path: str | None = None, url: str | None = None,
                       options: IngestOptions = DEFAULT_INGEST) -> Article:
    """Clean one page (text dump or HTML) into an Article; InputError for what cannot be an article."""
    name = path or url or "<stdin>"
    page = read_page(data, name, options.max_bytes)
    warnings = list(page.warnings)
    cleaned = _cleaned(page)
    body = without_reference_marks(sanitize(cleaned.body)).strip()
    if not body:
        raise InputError(f"{name}: no article text found (is this a news page?)")
    if len(body) > options.max_body:
        body = body[: options.max_body].rsplit("\n", 1)[0]
        warnings.append(f"article body longer than {options.max_body:,} characters: the rest was left out")
    return Article(
        title=_one_line(cleaned.title) or "", body=body, sentences=segment(body),
        outlet=_one_line(cleaned.outlet), byline=_one_line(cleaned.byline), published=cleaned.published,
        lang=detect(body) or cleaned.lang, dateline=_one_line(cleaned.dateline), path=path, url=url,
        source_format=page.format, warnings=tuple(warnings),
    )


def article_from_path(source: str | Path, options: IngestOptions = DEFAULT_INGEST) -> Article:
    """Read and clean one file path (or ``-`` for stdin)."""
    data = read_source(source, options.max_bytes)
    return article_from_bytes(data, path=None if str(source) == "-" else str(source), options=options)
