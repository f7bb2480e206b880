"""Handlers of `newsdiff story show|merge|split|move|unpin|undo`: the user's corrections of the stories."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsdiff.cli.output import EXIT_BAD_INPUT, EXIT_OK, article_row, emit, story_line, story_row, usage, warn

if TYPE_CHECKING:
    from newsdiff.core.library import Library
    from newsdiff.core.story_edits import StoryEdit


def _report(ns: argparse.Namespace, library: Library, edit: StoryEdit) -> int:
    """Print what an edit did: its summary and the stories it left, or the JSON of both."""
    stories = [s for s in (library.story(sid) for sid in edit.stories) if s is not None]
    if ns.json:
        emit({"edit": edit.id, "action": edit.action, "summary": edit.summary,
               "stories": [story_row(s) for s in stories], "articles": list(edit.articles)})
        return EXIT_OK
    print(edit.summary)
    for s in stories:
        print(f"  {story_line(s)}")
    if edit.id is not None and edit.action == "unpin":
        print("Stories rebuilt; `newsdiff story undo` pins them again.")
    elif edit.id is not None and edit.action != "undo":
        print("Kept when stories are rebuilt; `newsdiff story undo` puts things back.")
    return EXIT_OK


def cmd_story_show(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import find_story, open_library

    with open_library() as library:
        story_id = find_story(library, ns.story)
        summary = library.story(story_id)
        articles = list(library.articles(story_id))
        why = library.evidence(story_id)
        pinned = {a for a, s in library.pinned().items() if s == story_id}
    rows = [{**article_row(a), "pinned": a.id in pinned, "why": why.get(a.id, "")} for a in articles]
    if ns.json:
        emit({"story": story_row(summary), "articles": rows})
        return EXIT_OK
    print(story_line(summary))
    for r in rows:
        mark = "*" if r["pinned"] else " "
        print(f"  {mark} {r['id']}  {(r['published'] or '')[:10]:10}  {(r['outlet'] or '-')[:20]:20}  {r['title']}")
        if r["why"]:
            print(f"      why: {r['why']}")
    if pinned:
        print("* pinned by you: re-clustering keeps it here (`newsdiff story unpin ARTICLE` gives it back)")
    return EXIT_OK


def cmd_story_merge(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import merge_stories, open_library

    with open_library() as library:
        return _report(ns, library, merge_stories(library, [ns.story, *ns.stories], ns.into))


def cmd_story_split(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library, split_story

    with open_library() as library:
        return _report(ns, library, split_story(library, ns.story, ns.articles))


def cmd_story_move(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import move_articles, open_library

    with open_library() as library:
        return _report(ns, library, move_articles(library, ns.articles, ns.story))


def cmd_story_unpin(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library, unpin_articles

    if not ns.articles and not ns.story:
        return usage("story unpin needs ARTICLE... or --story STORY")
    with open_library() as library:
        return _report(ns, library, unpin_articles(library, ns.articles, ns.story or ()))


def cmd_story_undo(ns: argparse.Namespace) -> int:
    from newsdiff.core.pipeline import open_library, undo_story_edit

    with open_library() as library:
        edit = undo_story_edit(library)
        if edit is None:
            warn("nothing to undo: no merge, split, move or unpin is recorded")
            return EXIT_BAD_INPUT
        return _report(ns, library, edit)
