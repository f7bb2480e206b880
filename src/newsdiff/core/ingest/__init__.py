"""Ingest: bytes (a file, stdin) or a URL in, a Page out: the decoded, terminal-safe text and its format.

Reading never guesses at content: it cuts oversized input (saying so), refuses empty and binary
files, decodes whatever encoding the bytes are in without replacement garbage, strips what could
drive the user's terminal, and tells HTML from a page text dump. URLs are normalised here and
fetched here, politely, by ``fetch_one``/``fetch_many``: the one seam to the network, loaded only
when something is fetched. Turning a page into an article is the ``clean`` stage's work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdiff.core.ingest.detect import Format, looks_binary
from newsdiff.core.ingest.read import (
    DEFAULT_INGEST,
    MAX_BODY,
    MAX_BYTES,
    IngestOptions,
    Page,
    decode,
    read_page,
    read_source,
)
from newsdiff.core.ingest.terminal import sanitize
from newsdiff.core.ingest.urls import is_url, normalise_url
from newsdiff.lazy import lazy_exports

if TYPE_CHECKING:
    from newsdiff.core.ingest.fetch import FetchOptions, FetchResult, fetch_many, fetch_one

__all__ = [
    "DEFAULT_INGEST", "MAX_BODY", "MAX_BYTES", "FetchOptions", "FetchResult", "Format", "IngestOptions", "Page",
    "decode", "fetch_many", "fetch_one", "is_url", "looks_binary", "normalise_url", "read_page", "read_source",
    "sanitize",
]

# Comparing two files never fetches: the HTTP machinery loads when first asked for.
_FETCH = ("FetchOptions", "FetchResult", "fetch_many", "fetch_one")
__getattr__ = lazy_exports(__name__, dict.fromkeys(_FETCH, ".fetch"))
