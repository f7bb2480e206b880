"""Library: cleaned articles in, kept: the SQLite store of articles, their versions, stories and feeds.

``Library`` owns one connection (WAL, a busy timeout, every write in one immediate transaction)
to ``library.sqlite3`` under the data folder; ``schema`` migrates any older file up to the current
``SCHEMA_VERSION`` step by step; ``subscriptions`` is the feeds table; ``AlignmentCache`` keeps
the alignments of two stored articles (by content hashes and aligner version) for a story's facts.
Other stages keep their derived state in this database through the connection it hands them
(clustering's index), but only the library creates and migrates it.
"""

from __future__ import annotations

from newsdiff.core.library.alignments import AlignmentCache
from newsdiff.core.library.schema import SCHEMA_VERSION
from newsdiff.core.library.store import AddResult, Library, StoredArticle, StorySummary
from newsdiff.core.library.subscriptions import FeedRow, add_feed, list_feeds, record_fetch, remove_feed

__all__ = [
    "SCHEMA_VERSION", "AddResult", "AlignmentCache", "FeedRow", "Library", "StoredArticle", "StorySummary", "add_feed",
    "list_feeds", "record_fetch", "remove_feed",
]
