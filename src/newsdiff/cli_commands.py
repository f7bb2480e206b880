"""Handlers of the library and text subcommands (clean, align, cluster, add, list, search, ...).

Each takes the parsed arguments and returns an exit status; errors for the user are raised
as NewsdiffError and turned into one line on stderr by ``cli.main``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from typing import Any

from newsdiff.errors import NewsdiffError

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


def _emit(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _warn(message: str) -> None:
    sys.stderr.write(f"newsdiff: {message}\n")


def progress_bar(label: str, show: bool) -> Callable[[int, int], None]:
    """An on_progress callback drawing one self-overwriting line on stderr (when ``show``)."""

    def progress(done: int, total: int) -> None:
        if show and total:
            width = 30
            filled = int(width * done / total)
            sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done >= total:
                sys.stderr.write("\n")
            sys.stderr.flush()

    return progress


def _sentences_json(article: Any) -> list[dict[str, Any]]:
    return [{"text": s.text, "start": s.start, "end": s.end} for s in article.sentences]


def cmd_clean(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import clean_source

    art = clean_source(ns.file)
    if ns.json:
        _emit({
            "title": art.title, "outlet": art.outlet, "byline": art.byline, "published": art.published,
            "lang": art.lang, "dateline": art.dateline, "source_format": art.source_format,
            "warnings": list(art.warnings), "body": art.body, "sentences": _sentences_json(art),
        })
        return EXIT_OK
    meta = [f"{k}: {v}" for k, v in (("outlet", art.outlet), ("byline", art.byline),
            ("published", art.published), ("dateline", art.dateline), ("lang", art.lang)) if v]
    print(art.title or "(untitled)")
    print("=" * min(len(art.title) or 10, 80))
    if meta:
        print("\n".join(meta))
    print()
    print(art.body)
    for warning in art.warnings:
        _warn(f"{ns.file}: {warning}")
    return EXIT_OK


def cmd_align(ns: argparse.Namespace) -> int:
    from newsdiff.core.align import render_text, to_json
    from newsdiff.core.pipeline import align_articles, load_article

    a, b = load_article(ns.a), load_article(ns.b)
    alignment = align_articles(a, b)
    if ns.json:
        out = {
            "a": {"title": a.title, "outlet": a.outlet, "sentences": _sentences_json(a)},
            "b": {"title": b.title, "outlet": b.outlet, "sentences": _sentences_json(b)},
            **to_json(alignment),
        }
        _emit(out)
        return EXIT_OK
    width = ns.width or shutil.get_terminal_size((120, 40)).columns
    print(f"A: {a.title} ({a.outlet or 'unknown outlet'})")
    print(f"B: {b.title} ({b.outlet or 'unknown outlet'})")
    print(render_text(alignment, width))
    return EXIT_OK


def cmd_cluster(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import clean_source, cluster_articles

    items, failed, seen = [], 0, set()
    for path in ns.files:
        if path in seen:
            continue  # a path given twice is one input
        seen.add(path)
        try:
            items.append((path, clean_source(path)))
        except NewsdiffError as err:
            _warn(str(err))
            failed += 1
    clusters = cluster_articles(items)
    if ns.json:
        _emit({"clusters": [
            {"id": c.id, "title": c.title, "articles": list(c.members),
             "copies": [list(pair) for pair in c.copies], "flags": list(c.flags),
             "evidence": list(c.evidence)} for c in clusters
        ]})
    else:
        for c in clusters:
            print(f"{c.title}  [{c.id}, {len(c.members)} article(s)]")
            for member in c.members:
                print(f"  {member}")
    return EXIT_BAD_INPUT if failed else EXIT_OK


def cmd_add(ns: argparse.Namespace) -> int:
    from newsdiff.cli_feeds import add_urls
    from newsdiff.core.ingest import is_url
    from newsdiff.core.pipeline import add_sources, open_library

    urls = [s for s in ns.sources if is_url(s)]
    outcomes = add_urls(urls) if urls else []
    files = [s for s in ns.sources if not is_url(s)]
    if files:
        with open_library() as library:
            outcomes += add_sources(library, files)
    for o in outcomes:
        if o.error:
            _warn(o.error)
    if ns.json:
        _emit({"added": [{"source": o.source, "id": o.result.id, "status": o.result.status}
                         for o in outcomes if o.result]})
    else:
        for o in outcomes:
            if o.result:
                print(f"{o.result.status:9} {o.result.id}  {o.source}")
    return EXIT_BAD_INPUT if any(o.error for o in outcomes) else EXIT_OK


def _article_row(stored: Any) -> dict[str, Any]:
    art = stored.article
    return {"id": stored.id, "title": art.title, "outlet": art.outlet, "url": art.url, "path": art.path,
            "published": art.published, "story": stored.story, "copy_of": stored.copy_of}


def cmd_list(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library

    with open_library() as library:
        rows = [_article_row(s) for s in library.articles()]
    if ns.json:
        _emit({"articles": rows})
    else:
        for r in rows:
            print(f"{r['id']}  {(r['published'] or '')[:10]:10}  {(r['outlet'] or '-')[:20]:20}  {r['title']}")
    return EXIT_OK


def cmd_search(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library

    with open_library() as library:
        hits = library.search(" ".join(ns.query))
    if ns.json:
        _emit({"query": " ".join(ns.query),
               "articles": [{**_article_row(s), "snippet": snip} for s, snip in hits]})
    else:
        for stored, snip in hits:
            print(f"{stored.id}  {stored.article.title}\n    {snip}")
    return EXIT_OK


def story_row(s: Any) -> dict[str, Any]:
    """A story as `newsdiff stories --json` shows it."""
    return {"id": s.id, "title": s.title, "articles": s.articles, "outlets": s.outlets,
            "first": s.first, "last": s.last, "pinned": s.pinned}


def story_line(s: Any) -> str:
    pinned = f"  ({s.pinned} pinned by you)" if s.pinned else ""
    return f"{s.id}  {s.articles:3} art.  {s.outlets:2} outlets  {s.title}{pinned}"


def cmd_stories(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library

    with open_library() as library:
        stories = library.stories()
    if ns.json:
        _emit({"stories": [story_row(s) for s in stories]})
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
        _emit({"articles": articles, "stories": stories})
    else:
        print(f"{articles} article(s) in {stories} stories; your moves were kept")
    return EXIT_OK


def _usage(message: str) -> int:
    sys.stderr.write(f"newsdiff: {message}\n")
    return EXIT_USAGE


def cmd_tui(ns: argparse.Namespace) -> int:
    command = getattr(ns, "command", None) or "library"
    if command == "compare" and not ns.previous and ns.b is not None and "-" not in (ns.a, ns.b):
        return _compare_now(ns.a, ns.b)
    from newsdiff.tui.app import run_app

    if command != "compare":
        return run_app(command)
    if ns.previous:
        if ns.b is not None:
            return _usage("compare --previous takes one article (its id, URL or path)")
        return run_app("previous", files=(ns.a,))
    if ns.b is None:
        return _usage("compare needs two articles (or one with --previous)")
    return run_app("compare", files=(ns.a, ns.b))


def _compare(a: str, b: str) -> Any:
    from newsdiff.core.pipeline import compare_sources

    return compare_sources(a, b)


def _save_word_table() -> None:
    from newsdiff.core.text import write_pending

    write_pending()


def _compare_now(a: str, b: str) -> int:
    """Open the compare view, aligning in a child process while this one loads the UI."""
    from pathlib import Path

    if not (Path(a).is_file() and Path(b).is_file()):  # library ids or URLs: say now if one is unknown
        from newsdiff.core.pipeline import check_ref

        check_ref(a)
        check_ref(b)
    from newsdiff.core.prefork import Prefork

    # Before Textual is imported (so the fork copies no threads); a first run's word table is
    # saved by the child after the comparison is on its way.
    job = Prefork(_compare, a, b, after=_save_word_table)
    try:
        from newsdiff.tui.app import run_app

        return run_app("compare", files=(a, b), prepared=job.result)
    finally:
        job.cancel()

