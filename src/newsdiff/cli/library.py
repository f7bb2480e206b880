"""Handlers of the library commands: add, list, search, stories, recluster.

Each takes the parsed arguments and returns an exit status; errors for the user are raised
as NewsdiffError and turned into one line on stderr by ``main``.
"""

from __future__ import annotations

import argparse
import sys

from newsdiff.cli.output import EXIT_BAD_INPUT, EXIT_OK, article_row, emit, progress_bar, story_line, story_row, warn


def cmd_add(ns: argparse.Namespace) -> int:
    from newsdiff.cli.feeds import add_urls
    from newsdiff.core.ingest import is_url
    from newsdiff.core.pipeline import NotPlaced, add_sources, open_library

    urls = [s for s in ns.sources if is_url(s)]
    outcomes = add_urls(urls) if urls else []
    files = [s for s in ns.sources if not is_url(s)]
    failed: NotPlaced | None = None
    if files:
        with open_library() as library:
            try:
                outcomes += add_sources(library, files)
            except NotPlaced as err:  # say what was stored, then why the stories were not updated
                outcomes += err.outcomes
                failed = err
    for o in outcomes:
        if o.error:
            warn(o.error)
    if ns.json:
        emit({"added": [{"source": o.source, "id": o.result.id, "status": o.result.status}
                         for o in outcomes if o.result]})
    else:
        for o in outcomes:
            if o.result:
                print(f"{o.result.status:9} {o.result.id}  {o.source}")
    if failed is not None:
        warn(str(failed))
    return EXIT_BAD_INPUT if failed is not None or any(o.error for o in outcomes) else EXIT_OK


def cmd_list(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library

    with open_library() as library:
        rows = [article_row(s) for s in library.articles()]
    if ns.json:
        emit({"articles": rows})
    else:
        for r in rows:
            print(f"{r['id']}  {(r['published'] or '')[:10]:10}  {(r['outlet'] or '-')[:20]:20}  {r['title']}")
    return EXIT_OK


def cmd_search(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library

    with open_library() as library:
        hits = library.search(" ".join(ns.query))
    if ns.json:
        emit({"query": " ".join(ns.query),
               "articles": [{**article_row(s), "snippet": snip} for s, snip in hits]})
    else:
        for stored, snip in hits:
            print(f"{stored.id}  {stored.article.title}\n    {snip}")
    return EXIT_OK


def cmd_stories(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library

    with open_library() as library:
        stories = library.stories()
    if ns.json:
        emit({"stories": [story_row(s) for s in stories]})
    else:
        for s in stories:
            print(story_line(s))
    return EXIT_OK


def cmd_recluster(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library, recluster

    with open_library() as library:
        stories = recluster(library, progress_bar("clustering", sys.stderr.isatty() and not ns.json))
        articles = library.count()
    if ns.json:
        emit({"articles": articles, "stories": stories})
    else:
        print(f"{articles} article(s) in {stories} stories; your moves were kept")
    return EXIT_OK
