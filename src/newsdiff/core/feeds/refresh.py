"""Keep the library fresh: fetch every feed, then the articles they link, clean and store them.

Each article is stored in its own transaction as soon as it is cleaned, so a server that dies
half-way loses nothing already fetched; one dead feed or article never stops the rest. Putting
the new articles in stories is the pipeline's next step (``pipeline.refresh``, ``pipeline.add_url``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from newsdiff.core.feeds.parse import Entry, parse_feed
from newsdiff.core.ingest import FetchOptions, FetchResult, fetch_many, fetch_one, normalise_url
from newsdiff.core.library import AddResult, Library, list_feeds, record_fetch
from newsdiff.errors import NewsdiffError

Progress = Callable[[int, int], None]


@dataclass
class RefreshReport:
    """What a refresh did, and what went wrong (URL, reason)."""

    feeds: int = 0
    feeds_unchanged: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    stories: int | None = None
    changed: list[str] = field(default_factory=list)  # library ids of the new and updated articles

    def as_json(self) -> dict[str, object]:
        return {"feeds": self.feeds, "feeds_unchanged": self.feeds_unchanged, "new": self.new,
                "updated": self.updated, "unchanged": self.unchanged, "failed": self.failed,
                "problems": [{"url": u, "reason": r} for u, r in self.problems], "stories": self.stories}


def store_page(library: Library, result: FetchResult, url: str) -> AddResult:
    """Clean a fetched page and put it in the library under its normalised URL."""
    from newsdiff.core.clean import article_from_bytes
    from newsdiff.core.ingest import decode

    if result.error or result.body is None:
        raise NewsdiffError(f"{url}: {result.error or 'empty response'}")
    article = article_from_bytes(result.body, url=url)
    return library.add(article, decode(result.body))


def fetch_article(library: Library, url: str, options: FetchOptions | None = None) -> AddResult:
    """Fetch one article page and store it (`newsdiff add URL`)."""
    clean_url = normalise_url(url)
    return store_page(library, fetch_one(clean_url, options), clean_url)


def _feed_entries(library: Library, report: RefreshReport, options: FetchOptions) -> list[Entry]:
    feeds = list_feeds(library)
    report.feeds = len(feeds)
    results = fetch_many([(f.url, (f.etag, f.last_modified)) for f in feeds], options)
    entries: list[Entry] = []
    for feed, result in zip(feeds, results, strict=True):
        if result.error:
            report.problems.append((feed.url, result.error))
            record_fetch(library, feed.url, status=result.error)
            continue
        if result.not_modified:
            report.feeds_unchanged += 1
            record_fetch(library, feed.url, status="not modified")
            continue
        try:
            parsed = parse_feed(result.body or b"", result.final_url)
        except NewsdiffError as err:
            report.problems.append((feed.url, str(err).split(": ", 1)[-1]))
            record_fetch(library, feed.url, status="not a feed")
            continue
        record_fetch(library, feed.url, status="ok", title=parsed.title, etag=result.etag,
                     last_modified=result.last_modified)
        entries += parsed.entries
    return entries


def fetch_feeds(library: Library, options: FetchOptions | None = None,
                on_progress: Progress | None = None) -> RefreshReport:
    """Fetch every subscribed feed and the new articles they list (``report.changed`` names them)."""
    options = options or FetchOptions()
    report = RefreshReport()
    entries = _feed_entries(library, report, options)
    wanted = list(dict.fromkeys(e.link for e in entries if library.find(e.link) is None))
    done = 0
    changed = report.changed

    def stored(result: FetchResult) -> None:
        nonlocal done
        done += 1
        try:
            outcome = store_page(library, result, result.url)
            setattr(report, outcome.status, getattr(report, outcome.status) + 1)
            if outcome.status != "unchanged":
                changed.append(outcome.id)
        except NewsdiffError as err:
            report.failed += 1
            report.problems.append((result.url, str(err).split(": ", 1)[-1]))
        if on_progress:
            on_progress(done, len(wanted))

    fetch_many([(url, (None, None)) for url in wanted], options, on_done=stored)
    return report
