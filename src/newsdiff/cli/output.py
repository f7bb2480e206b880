"""What every command shares: exit statuses, JSON on stdout, one-line warnings, progress, table rows."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE = 0, 1, 2


def emit(data: Any) -> None:
    import json  # here, not at the top: the parser imports this module, and --help needs no JSON

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def warn(message: str) -> None:
    sys.stderr.write(f"newsdiff: {message}\n")


def usage(message: str) -> int:
    sys.stderr.write(f"newsdiff: {message}\n")
    return EXIT_USAGE


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


def sentences_json(article: Any) -> list[dict[str, Any]]:
    return [{"text": s.text, "start": s.start, "end": s.end} for s in article.sentences]


def article_row(stored: Any) -> dict[str, Any]:
    art = stored.article
    return {"id": stored.id, "title": art.title, "outlet": art.outlet, "url": art.url, "path": art.path,
            "published": art.published, "story": stored.story, "copy_of": stored.copy_of}


def story_row(s: Any) -> dict[str, Any]:
    """A story as `newsdiff stories --json` shows it."""
    return {"id": s.id, "title": s.title, "articles": s.articles, "outlets": s.outlets,
            "first": s.first, "last": s.last, "pinned": s.pinned}


def story_line(s: Any) -> str:
    pinned = f"  ({s.pinned} pinned by you)" if s.pinned else ""
    return f"{s.id}  {s.articles:3} art.  {s.outlets:2} outlets  {s.title}{pinned}"
