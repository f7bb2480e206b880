"""Ingest: bytes (a file, stdin) in, a Page out: the decoded, terminal-safe text and its format.

Reading never guesses at content: it cuts oversized input (saying so), refuses empty and binary
files, decodes whatever encoding the bytes are in without replacement garbage, strips what could
drive the user's terminal, and tells HTML from a page text dump. Turning a page into an article
is the ``clean`` stage's work.
"""

from __future__ import annotations

from newsdiff.core.ingest.detect import Format
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

__all__ = [
    "DEFAULT_INGEST", "MAX_BODY", "MAX_BYTES", "Format", "IngestOptions", "Page", "decode", "read_page",
    "read_source", "sanitize",
]
