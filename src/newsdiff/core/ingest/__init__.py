"""Turn a source (file, bytes, stdin) into an Article: read, decode, detect format, clean, segment.

Initial version: plain reading and a line filter. The cleaning issue replaces the internals;
the functions named here are the interface the pipeline relies on.
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsdiff.core.clean import clean_text
from newsdiff.core.models import Article
from newsdiff.core.segment import segment
from newsdiff.errors import InputError

MAX_BYTES = 8 * 1024 * 1024


def read_source(source: str | Path) -> bytes:
    """Bytes of a file path, or of stdin for ``-``. Raises InputError with the path and the reason."""
    if str(source) == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not an article file")
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file") from err
    except PermissionError as err:
        raise InputError(f"{path}: permission denied") from err
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from err


def decode(data: bytes) -> str:
    """Text of ``data`` (UTF-8, else cp1252)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def article_from_bytes(data: bytes, *, path: str | None = None, url: str | None = None) -> Article:
    """Clean one page (text dump or HTML) into an Article."""
    name = path or url or "<stdin>"
    if not data.strip():
        raise InputError(f"{name}: empty file, nothing to read")
    if b"\0" in data[:4096]:
        raise InputError(f"{name}: binary file, not an article")
    text = decode(data[:MAX_BYTES])
    cleaned = clean_text(text)
    if not cleaned.body.strip():
        raise InputError(f"{name}: no article text found")
    return Article(
        title=cleaned.title,
        body=cleaned.body,
        sentences=segment(cleaned.body),
        outlet=cleaned.outlet,
        byline=cleaned.byline,
        published=cleaned.published,
        dateline=cleaned.dateline,
        path=path,
        url=url,
    )


def article_from_path(source: str | Path) -> Article:
    """Read and clean one file path (or ``-`` for stdin)."""
    data = read_source(source)
    return article_from_bytes(data, path=None if str(source) == "-" else str(source))
