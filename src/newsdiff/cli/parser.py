"""The argument parser of every command, and ``main``, which runs the one asked for.

Handlers are named as strings (``module:function``) and imported only when their command runs,
so that ``newsdiff --help`` and ``--version`` stay instant.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from newsdiff.cli.output import EXIT_BAD_INPUT, EXIT_USAGE
from newsdiff.errors import NewsdiffError
from newsdiff.version import __version__

Handler = Callable[[argparse.Namespace], int]
_READER = "newsdiff.cli.reader:cmd_tui"  # no command: the reader on the library
_FILES, _LIBRARY = "newsdiff.cli.files:", "newsdiff.cli.library:"


def _sub(subs: argparse._SubParsersAction[argparse.ArgumentParser], name: str, handler: str,
         help_text: str, json_flag: bool = False) -> argparse.ArgumentParser:
    parser = subs.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler, command=name, command_path=name)
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print JSON (see CLI contract)")
    return parser


def _feed_parser(subs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    feed = subs.add_parser("feed", help="manage feed subscriptions", description="Manage feeds.")
    feed.set_defaults(handler=None, command="feed", parser=feed)
    fsubs = feed.add_subparsers(title="feed commands", metavar="COMMAND")
    for name, helptext, arg in (
        ("add", "subscribe to an RSS/Atom/JSON feed", "url"),
        ("list", "list subscribed feeds", None),
        ("rm", "unsubscribe from a feed", "url"),
        ("import", "import subscriptions from an OPML file", "file"),
        ("export", "print subscriptions as OPML", None),
    ):
        p = _sub(fsubs, name, f"newsdiff.cli.feeds:cmd_feed_{name}", helptext, json_flag=name == "list")
        p.set_defaults(command_path=f"feed {name}")
        if arg:
            p.add_argument(arg)


def _note_parser(subs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    note = subs.add_parser("note", help="notes, tags and highlights on sentences", description="Notes.")
    note.set_defaults(handler=None, command="note", parser=note)
    nsubs = note.add_subparsers(title="note commands", metavar="COMMAND")
    add = _sub(nsubs, "add", "newsdiff.cli.notes:cmd_note_add", "add a note on a quoted passage of an article", True)
    add.add_argument("article", help="a file path, URL or library id")
    add.add_argument("--quote", required=True, help="the exact text the note is about")
    add.add_argument("--note", required=True, help="the note text")
    add.add_argument("--tag", action="append", default=[], help="a tag (repeat for several)")
    add.add_argument("--colour", "--color", default="yellow", help="highlight colour")
    lst = _sub(nsubs, "list", "newsdiff.cli.notes:cmd_note_list", "list notes (of one article when given)", True)
    lst.add_argument("article", nargs="?", help="a file path, URL or library id")
    rm = _sub(nsubs, "rm", "newsdiff.cli.notes:cmd_note_rm", "delete a note by id")
    rm.add_argument("id")
    export = _sub(nsubs, "export", "newsdiff.cli.notes:cmd_note_export", "print all notes as Markdown or JSON")
    export.add_argument("--format", choices=("md", "json"), default="md")
    for p in (add, lst, rm, export):
        p.set_defaults(command_path=f"note {p.prog.split()[-1]}")


def _story_parser(subs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    story = subs.add_parser("story", help="correct the stories: merge, split, move, unpin, undo",
                            description="Correct the stories; every change is kept when stories are rebuilt.")
    story.set_defaults(handler=None, command="story", parser=story)
    ssubs = story.add_subparsers(title="story commands", metavar="COMMAND")
    story_help = "a story id (or a unique start of one), as `newsdiff stories` prints it"
    article_help = "an article id (or a unique start of one), URL or path, as `newsdiff list` prints it"

    def sub(name: str, help_text: str) -> argparse.ArgumentParser:
        p = _sub(ssubs, name, f"newsdiff.cli.stories:cmd_story_{name}", help_text, json_flag=True)
        p.set_defaults(command_path=f"story {name}")
        return p

    sub("show", "list a story's articles and why each is in it").add_argument("story", help=story_help)
    p = sub("merge", "merge stories into one (the one with most articles keeps its id, unless --into)")
    p.add_argument("story", metavar="STORY", help=story_help)
    p.add_argument("stories", nargs="+", metavar="STORY", help="the stories to merge with it")
    p.add_argument("--into", metavar="STORY", help="the story that stays (default: the one with most articles)")
    p = sub("split", "split articles off a story into a new story")
    p.add_argument("story", help=story_help)
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help=article_help)
    p = sub("move", "move articles to another story")
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help=article_help)
    p.add_argument("story", metavar="STORY", help=story_help)
    p = sub("unpin", "give articles back to automatic clustering, then rebuild the stories")
    p.add_argument("articles", nargs="*", metavar="ARTICLE", help=article_help)
    p.add_argument("--story", action="append", metavar="STORY",
                   help="every article pinned to this story (repeat for several)")
    sub("undo", "undo the latest merge, split, move or unpin")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="newsdiff",
        description="Compare how different outlets tell the same story. "
        "With no command, open the reader on your library.",
    )
    parser.add_argument("--version", action="version", version=f"newsdiff {__version__}")
    subs = parser.add_subparsers(title="commands", metavar="COMMAND")
    p = _sub(subs, "clean", _FILES + "cmd_clean", "extract one article from a page text dump or HTML file", True)
    p.add_argument("file", help="a file path, or - for stdin")
    p = _sub(subs, "align", _FILES + "cmd_align", "align the sentences of two articles", True)
    p.add_argument("a")
    p.add_argument("b")
    p.add_argument("--width", type=int, help="width of the text rendering (default: terminal width)")
    p = _sub(subs, "cluster", _FILES + "cmd_cluster", "group articles into stories", True)
    p.add_argument("files", nargs="+", metavar="FILE")
    p = _sub(subs, "facts", _FILES + "cmd_facts", "who reported what: a story's facts across its reports", True)
    p.add_argument("refs", nargs="+", metavar="STORY|ARTICLE",
                   help="a story id, or two or more files or library article ids")
    p.add_argument("--width", type=int, help="width of the text rendering (default: terminal width)")
    p = _sub(subs, "report", "newsdiff.cli.report:cmd_report",
             "a story's facts, disagreements and your notes, as Markdown or one self-contained HTML file")
    p.add_argument("story", metavar="STORY", help="a story id (or a unique start of one), as `newsdiff stories` shows")
    p.add_argument("--format", choices=("md", "html"), default="md", help="Markdown (default) or HTML")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (replaced whole, never half-written)")
    p = _sub(subs, "compare", _READER, "open the compare view on two articles (files, library ids or URLs)")
    p.add_argument("a", help="a file, or an article of the library by id (or unique id prefix) or URL")
    p.add_argument("b", nargs="?", help="the same (leave out with --previous)")
    p.add_argument("--previous", action="store_true",
                   help="compare article A's earlier version (before its last update) with its current text")
    _sub(subs, "demo", _READER, "open the reader on the bundled demo corpus")
    p = _sub(subs, "add", _LIBRARY + "cmd_add", "add files (or URLs) to the library", True)
    p.add_argument("sources", nargs="+", metavar="PATH|URL")
    _sub(subs, "list", _LIBRARY + "cmd_list", "list the articles in the library", True)
    p = _sub(subs, "search", _LIBRARY + "cmd_search", "full-text search over the library", True)
    p.add_argument("query", nargs="+")
    _sub(subs, "stories", _LIBRARY + "cmd_stories", "list the stories in the library", True)
    _sub(subs, "recluster", _LIBRARY + "cmd_recluster",
         "rebuild every story from scratch (stories are otherwise kept up to date as articles arrive)", True)
    _sub(subs, "refresh", "newsdiff.cli.feeds:cmd_refresh", "fetch every feed and store new articles", True)
    _feed_parser(subs)
    _note_parser(subs)
    _story_parser(subs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    ns = parser.parse_args(argv)
    if getattr(ns, "handler", "") is None:  # `newsdiff feed`, `note` or `story` alone
        ns.parser.print_help(sys.stderr)
        return EXIT_USAGE
    module, _, name = getattr(ns, "handler", _READER).rpartition(":")
    handler: Handler = getattr(import_module(module), name)
    try:
        return handler(ns)
    except NewsdiffError as err:
        sys.stderr.write(f"newsdiff: {err}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
