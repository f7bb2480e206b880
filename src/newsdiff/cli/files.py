"""Handlers of the commands on article files, which need no library: clean, align, cluster."""

from __future__ import annotations

import argparse
import shutil
import sys

from newsdiff.cli.output import EXIT_BAD_INPUT, EXIT_OK, emit, progress_bar, sentences_json, warn
from newsdiff.errors import NewsdiffError


def cmd_clean(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import clean_source

    art = clean_source(ns.file)
    if ns.json:
        emit({
            "title": art.title, "outlet": art.outlet, "byline": art.byline, "published": art.published,
            "lang": art.lang, "dateline": art.dateline, "source_format": art.source_format,
            "warnings": list(art.warnings), "body": art.body, "sentences": sentences_json(art),
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
        warn(f"{ns.file}: {warning}")
    return EXIT_OK


def cmd_align(ns: argparse.Namespace) -> int:
    from newsdiff.core.align import render_text, to_json
    from newsdiff.core.pipeline import align_articles, load_article

    a, b = load_article(ns.a), load_article(ns.b)
    alignment = align_articles(a, b)
    if ns.json:
        out = {
            "a": {"title": a.title, "outlet": a.outlet, "sentences": sentences_json(a)},
            "b": {"title": b.title, "outlet": b.outlet, "sentences": sentences_json(b)},
            **to_json(alignment),
        }
        emit(out)
        return EXIT_OK
    width = ns.width or shutil.get_terminal_size((120, 40)).columns
    print(f"A: {a.title} ({a.outlet or 'unknown outlet'})")
    print(f"B: {b.title} ({b.outlet or 'unknown outlet'})")
    print(render_text(alignment, width))
    return EXIT_OK


def cmd_facts(ns: argparse.Namespace) -> int:
    from newsdiff.core.facts import to_json, to_text
    from newsdiff.core.pipeline import facts_input, facts_of

    reports = facts_input(ns.refs)
    if len(reports.articles) < 2:
        warn(f"{' '.join(ns.refs)}: one report only, so nothing to compare (each sentence is its own fact)")
    story = facts_of(reports, progress_bar("aligning reports", sys.stderr.isatty()))
    if story.apart:
        names = ", ".join(reports.ids[k] for k in story.apart)
        warn(f"not aligned (not in the story's language, {story.language}): {names}")
    if ns.json:
        emit(to_json(story, reports.ids, reports.paths))
        return EXIT_OK
    width = ns.width or shutil.get_terminal_size((100, 40)).columns
    print(to_text(story, max(40, width - 2)), end="")
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
            warn(str(err))
            failed += 1
    clusters = cluster_articles(items)
    if ns.json:
        emit({"clusters": [
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
