"""Feed subscriptions kept in the library database (the feeds table, schema v3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from newsdiff.core.library.store import Library


@dataclass(frozen=True, slots=True)
class FeedRow:
    """A subscribed feed and what the last fetch learned about it."""

    url: str
    title: str | None
    etag: str | None
    last_modified: str | None
    added: str
    checked: str | None
    status: str | None


def add_feed(library: Library, url: str, title: str | None = None) -> bool:
    """Subscribe; False when already subscribed."""
    with library.transaction():
        cur = library.conn.execute(
            "INSERT OR IGNORE INTO feeds(url, title, added) VALUES (?,?,?)",
            (url, title, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        return cur.rowcount == 1


def remove_feed(library: Library, url: str) -> bool:
    """Unsubscribe; False when it was not subscribed. Articles already fetched stay."""
    with library.transaction():
        return library.conn.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount == 1


def list_feeds(library: Library) -> list[FeedRow]:
    rows = library.conn.execute(
        "SELECT url, title, etag, last_modified, added, checked, status FROM feeds ORDER BY added, url"
    ).fetchall()
    return [FeedRow(*tuple(r)) for r in rows]


def record_fetch(library: Library, url: str, *, status: str, title: str | None = None,
                 etag: str | None = None, last_modified: str | None = None) -> None:
    """Remember the outcome and validators of one feed fetch (validators only replace when given)."""
    with library.transaction():
        library.conn.execute(
            "UPDATE feeds SET status = ?, checked = ?, title = coalesce(?, title),"
            " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
            (status, datetime.now(UTC).isoformat(timespec="seconds"), title, etag, last_modified, url),
        )
