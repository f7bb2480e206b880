"""Turn a source (file, bytes, stdin) into an Article: read, decode, sanitise, detect, clean, segment."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from newsdiff.core.clean import Cleaned, clean_text
from newsdiff.core.ingest.decode import decode as decode_bytes
from newsdiff.core.ingest.detect import looks_binary, sniff
from newsdiff.core.models import Article
from newsdiff.core.sanitize import sanitize
from newsdiff.core.text import detect, segment
from newsdiff.errors import InputError

MAX_BYTES = 8 * 1024 * 1024  # bigger inputs are cut here (and the user told)
MAX_BODY = 400_000  # characters of body kept for sentence work; longer bodies are cut with a warning

__all__ = [
    "MAX_BODY", "MAX_BYTES", "IngestOptions", "article_from_bytes", "article_from_path", "decode",
    "read_source",
]


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Limits of ingestion."""

    max_bytes: int = MAX_BYTES
    max_body: int = MAX_BODY


DEFAULT_INGEST = IngestOptions()


def read_source(source: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Bytes of a file path, or of stdin for ``-`` (at most max_bytes + 1). InputError names the path."""
    if str(source) == "-":
        return sys.stdin.buffer.read(max_bytes + 1)
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not an article file")
    try:
        with path.open("rb") as handle:
            return handle.read(max_bytes + 1)
    except FileNotFoundError as err:
        raise InputError(f"{path}: no such file") from err
    except PermissionError as err:
        raise InputError(f"{path}: permission denied") from err
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from err


def decode(data: bytes) -> str:
    """Text of ``data`` (see ingest.decode), terminal-safe."""
    return sanitize(decode_bytes(data)[0])


def _one_line(text: str | None) -> str | None:
    """A metadata field on one line, terminal-safe (HTML entities may have smuggled controls in)."""
    if not text:
        return None
    return " ".join(sanitize(text).split()) or None


def _cleaned(text: str) -> tuple[Cleaned, str]:
    if sniff(text) == "html":
        from newsdiff.core.ingest.html import clean_html

        return clean_html(text), "html"
    return clean_text(text), "text"


def article_from_bytes(data: bytes, *, path: str | None = None, url: str | None = None,
                       options: IngestOptions = DEFAULT_INGEST) -> Article:
    """Clean one page (text dump or HTML) into an Article; InputError for what cannot be an article."""
    name = path or url or "<stdin>"
    warnings: list[str] = []
    if len(data) > options.max_bytes:
        data = data[: options.max_bytes]
        warnings.append(f"input truncated at {options.max_bytes // (1024 * 1024)} MB")
    if not data.strip():
        raise InputError(f"{name}: empty file, nothing to read")
    if looks_binary(data):
        raise InputError(f"{name}: binary file, not an article page")
    cleaned, source_format = _cleaned(decode(data))
    body = sanitize(cleaned.body).strip()
    if not body:
        raise InputError(f"{name}: no article text found (is this a news page?)")
    if len(body) > options.max_body:
        body = body[: options.max_body].rsplit("\n", 1)[0]
        warnings.append(f"article body longer than {options.max_body:,} characters: the rest was left out")
    return Article(
        title=_one_line(cleaned.title) or "", body=body, sentences=segment(body),
        outlet=_one_line(cleaned.outlet), byline=_one_line(cleaned.byline), published=cleaned.published,
        lang=detect(body) or cleaned.lang, dateline=_one_line(cleaned.dateline), path=path, url=url,
        source_format=source_format, warnings=tuple(warnings),
    )


def article_from_path(source: str | Path, options: IngestOptions = DEFAULT_INGEST) -> Article:
    """Read and clean one file path (or ``-`` for stdin)."""
    data = read_source(source, options.max_bytes)
    return article_from_bytes(data, path=None if str(source) == "-" else str(source), options=options)
