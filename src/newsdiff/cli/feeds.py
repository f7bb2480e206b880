"""Handlers of `newsdiff feed ...`, `newsdiff refresh` and `newsdiff add URL`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from newsdiff.cli.output import EXIT_BAD_INPUT, EXIT_OK, emit, progress_bar
from newsdiff.errors import NewsdiffError

if TYPE_CHECKING:
    from newsdiff.core.pipeline import Outcome


def cmd_feed_add(ns: argparse.Namespace) -> int:
    from newsdiff.core.ingest import is_url
    from newsdiff.core.library import add_feed
    from newsdiff.core.pipeline import open_library

    if not is_url(ns.url):
        raise NewsdiffError(f"{ns.url}: a feed address starts with http:// or https://")
    with open_library() as library:
        added = add_feed(library, ns.url)
    print(f"{'subscribed to' if added else 'already subscribed to'} {ns.url} (newsdiff refresh fetches it)")
    return EXIT_OK


def cmd_feed_list(ns: argparse.Namespace) -> int:
    from newsdiff.core.library import list_feeds
    from newsdiff.core.pipeline import open_library

    with open_library() as library:
        feeds = list_feeds(library)
    if getattr(ns, "json", False):
        emit({"feeds": [{"url": f.url, "title": f.title, "checked": f.checked, "status": f.status}
                         for f in feeds]})
    else:
        for f in feeds:
            print(f"{f.url}  {f.title or ''}  [{f.status or 'not fetched yet'}]")
    return EXIT_OK


def cmd_feed_rm(ns: argparse.Namespace) -> int:
    from newsdiff.core.library import remove_feed
    from newsdiff.core.pipeline import open_library

    with open_library() as library:
        if not remove_feed(library, ns.url):
            raise NewsdiffError(f"{ns.url}: not subscribed")
    print(f"unsubscribed from {ns.url} (its articles stay in the library)")
    return EXIT_OK


def cmd_feed_import(ns: argparse.Namespace) -> int:
    from newsdiff.core.feeds import import_opml
    from newsdiff.core.ingest import read_source
    from newsdiff.core.library import add_feed
    from newsdiff.core.pipeline import open_library

    data = read_source(ns.file)  # "-" is stdin; read up to the cap (a device or a huge file is not read whole)
    try:
        feeds = import_opml(data)
    except NewsdiffError as err:
        raise NewsdiffError(f"{ns.file}: {err}") from err
    with open_library() as library:
        added = sum(add_feed(library, url, title) for url, title in feeds)
    print(f"imported {added} new feed(s) of {len(feeds)} in {ns.file}")
    return EXIT_OK


def cmd_feed_export(ns: argparse.Namespace) -> int:
    from newsdiff.core.feeds import export_opml
    from newsdiff.core.library import list_feeds
    from newsdiff.core.pipeline import open_library

    with open_library() as library:
        sys.stdout.write(export_opml([(f.url, f.title) for f in list_feeds(library)]))
    return EXIT_OK


def cmd_refresh(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library, refresh

    show = sys.stderr.isatty() and not ns.json
    with open_library() as library:
        report = refresh(library, on_progress=progress_bar("fetching articles", show))
    for url, reason in report.problems:
        sys.stderr.write(f"newsdiff: {url}: {reason}\n")
    if ns.json:
        emit(report.as_json())
    else:
        print(f"{report.feeds} feed(s), {report.feeds_unchanged} unchanged; articles: {report.new} new, "
              f"{report.updated} updated, {report.unchanged} unchanged, {report.failed} failed")
    return EXIT_BAD_INPUT if report.problems else EXIT_OK


def add_urls(urls: list[str]) -> list[Outcome]:
    """Fetch and store each URL given to `newsdiff add`; one failure does not stop the rest."""
    from newsdiff.core.pipeline import Outcome, add_url, open_library

    out = []
    with open_library() as library:
        for url in urls:
            try:
                out.append(Outcome(url, result=add_url(library, url)))
            except NewsdiffError as err:
                out.append(Outcome(url, error=str(err)))
    return out
