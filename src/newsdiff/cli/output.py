"""What every command shares: exit statuses, JSON on stdout, one-line warnings, progress, table rows."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
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
    outlets = f"{s.outlets:2}" if s.outlets else " ?"  # pages that name no outlet (text dumps)
    return f"{s.id}  {s.articles:3} art.  {outlets} outlets  {s.title}{pinned}"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, fsynced, then renamed over it:
    a reader sees the old file or the new one, never half of one. On any error the old file stays,
    the temporary one is removed and a ``NewsdiffError`` says what happened."""
    import os
    import tempfile

    from newsdiff.errors import NewsdiffError

    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise NewsdiffError(f"{path}: cannot write there ({err.strerror or err})") from err
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise NewsdiffError(f"{path}: cannot write it ({err.strerror or err}); nothing was changed") from err


def _umask() -> int:
    import os

    mask = os.umask(0o022)
    os.umask(mask)
    return mask
