"""Handlers of `newsdiff note add|list|rm|export`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from newsdiff.cli.output import EXIT_OK

if TYPE_CHECKING:
    from newsdiff.core.library import Library
    from newsdiff.core.notes import AnnotationStore


def _store_and_library() -> tuple[AnnotationStore, Library]:
    from newsdiff.core.notes import AnnotationStore
    from newsdiff.core.pipeline import open_library

    return AnnotationStore(), open_library()


def cmd_note_add(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import article_ref, resolve_article

    store, library = _store_and_library()
    with library:
        stored = resolve_article(library, ns.article)
        note = store.add(article_ref(stored.article), stored.article.body, ns.quote, ns.note,
                         tuple(ns.tag), ns.colour)
    if ns.json:
        print(json.dumps({"id": note.id, "article": stored.id, "quote": note.selector.quote}, ensure_ascii=False))
    else:
        print(f"added note {note.id} on “{note.selector.quote[:60]}” ({stored.article.title})")
    return EXIT_OK


def cmd_note_list(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import notes_with_places, resolve_article

    store, library = _store_and_library()
    with library:
        wanted = resolve_article(library, ns.article).id if ns.article else None
        notes = [(n, aid) for n, aid in notes_with_places(library, store) if wanted is None or aid == wanted]
    for problem in store.problems:
        sys.stderr.write(f"newsdiff: skipped {problem}\n")
    rows: list[dict[str, Any]] = [
        {"id": n.id, "article": aid or n.article.key, "quote": n.selector.quote, "note": n.note,
         "tags": list(n.tags), "orphaned": n.orphaned, "colour": n.colour, "title": n.article.title,
         "created": n.created, "updated": n.updated}
        for n, aid in notes
    ]
    if ns.json:
        print(json.dumps({"notes": rows}, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            flag = " [orphaned]" if r["orphaned"] else ""
            tags = " ".join(f"#{t}" for t in r["tags"])
            print(f"{r['id']}  {r['title'][:40]}{flag}\n    “{r['quote'][:70]}”\n    {r['note']} {tags}")
    return EXIT_OK


def cmd_note_rm(ns: argparse.Namespace) -> int:
    from newsdiff.core.notes import AnnotationStore

    AnnotationStore().remove(ns.id)
    print(f"removed note {ns.id}")
    return EXIT_OK


def cmd_note_export(ns: argparse.Namespace) -> int:
    from newsdiff.core.notes import export_json, export_markdown
    from newsdiff.core.pipeline import notes_with_places

    store, library = _store_and_library()
    with library:
        placed = notes_with_places(library, store)
        titles = {s.id: s.title for s in library.stories()}
        story_of = {}
        for note, aid in placed:
            stored = library.get(aid) if aid else None
            story_of[note.id] = titles.get(stored.story) if stored and stored.story else None
    notes = [n for n, _ in placed]
    if ns.format == "json":
        print(json.dumps(export_json(notes), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(export_markdown(notes, lambda n: story_of.get(n.id)))
    return EXIT_OK
