"""Turn a source (file, bytes, stdin) into an Article: read, decode, sanitise, detect format, clean, segment."""

from __future__ import annotations

import sys
from pathlib import Path

from newsdiff.core.clean import Cleaned, clean_text
from newsdiff.core.ingest.decode import decode as decode_bytes
from newsdiff.core.ingest.decode import looks_binary
from newsdiff.core.ingest.html import clean_html, looks_like_html
from newsdiff.core.lang import detect
from newsdiff.core.metadata import byline_name
from newsdiff.core.models import Article
from newsdiff.core.sanitize import sanitize
from newsdiff.core.segment import segment
from newsdiff.errors import InputError

MAX_BYTES = 8 * 1024 * 1024  # bigger pages are cut here (and the user told)
MAX_BODY = 400_000  # characters of body kept for sentence work; longer bodies are cut with a warning


def read_source(source: str | Path) -> bytes:
    """Bytes of a file path, or of stdin for ``-`` (at most MAX_BYTES + 1). InputError names the path."""
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
    """Text of ``data`` (see ingest.decode), terminal-safe."""
    return sanitize(decode_bytes(data)[0])


def _single(text: str | None) -> str | None:
    return " ".join(text.split()) if text else text


def article_from_bytes(data: bytes, *, path: str | None = None, url: str | None = None) -> Article:
    """Clean one page (text dump or HTML) into an Article; InputError for what cannot be an article."""
    name = path or url or "<stdin>"
    warnings: list[str] = []
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        warnings.append(f"input larger than {MAX_BYTES // (1024 * 1024)} MB: only the first part was read")
    if not data.strip():
        raise InputError(f"{name}: empty file, nothing to read")
    if looks_binary(data):
        raise InputError(f"{name}: binary file, not an article page")
    text = decode(data)
    is_html = looks_like_html(text)
    cleaned: Cleaned = clean_html(text) if is_html else clean_text(text)
    if not cleaned.body.strip():
        raise InputError(f"{name}: no article text found (is this a news page?)")
    body = cleaned.body
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY].rsplit("\n", 1)[0]
        warnings.append(f"article body longer than {MAX_BODY:,} characters: the rest was left out")
    byline = cleaned.byline
    if is_html and byline:
        byline = byline_name(byline) or byline
    return Article(
        title=_single(cleaned.title) or "", body=body, sentences=segment(body), outlet=_single(cleaned.outlet),
        byline=_single(byline), published=cleaned.published, lang=detect(body), dateline=cleaned.dateline,
        path=path, url=url, source_format="html" if is_html else "text", warnings=tuple(warnings),
    )


def article_from_path(source: str | Path) -> Article:
    """Read and clean one file path (or ``-`` for stdin)."""
    data = read_source(source)
    return article_from_bytes(data, path=None if str(source) == "-" else str(source))
