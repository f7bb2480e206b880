"""Clean: a page (a text dump or HTML, as ingest reads it) in, an Article out.

The article is what a reader would call it: the body without menus, teasers, captions and
promotion, its title, outlet, byline, date and dateline, its language, and its sentences with
character offsets. A text dump is read by a line classifier (``dump``); an HTML page by
trafilatura plus the page's own metadata (``html``, imported only when an HTML page is seen).
"""

from __future__ import annotations

from newsdiff.core.clean.article import article_from_bytes, article_from_path
from newsdiff.core.clean.dump import Cleaned, CleanOptions, clean_text

__all__ = ["CleanOptions", "Cleaned", "article_from_bytes", "article_from_path", "clean_text"]
