"""Handler of `newsdiff report`: a story's facts, disagreements and notes as Markdown or one HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsdiff.cli.output import EXIT_OK, progress_bar, warn, write_atomic
from newsdiff.errors import NewsdiffError


def cmd_report(ns: argparse.Namespace) -> int:
    from newsdiff import paths
    from newsdiff.core.facts import to_html, to_markdown
    from newsdiff.core.notes import AnnotationStore
    from newsdiff.core.pipeline import open_library, story_report

    if not paths.library_file().exists():
        raise NewsdiffError(f"{ns.story}: there is no library to find a story in (`newsdiff add` articles first)")
    notes = AnnotationStore()
    with open_library() as library:
        report = story_report(library, ns.story, progress_bar("aligning reports", sys.stderr.isatty()), notes)
    for problem in notes.problems:
        warn(f"skipped {problem}")
    text = to_html(report) if ns.format == "html" else to_markdown(report)
    if ns.output in (None, "-"):
        sys.stdout.write(text)
    else:
        write_atomic(Path(ns.output), text)
    return EXIT_OK
