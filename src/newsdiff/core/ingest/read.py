"""Read one input (a file, stdin or fetched bytes) into a Page: decoded, terminal-safe text and its format."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from newsdiff.core.ingest.detect import Format, looks_binary, not_a_page, sniff
from newsdiff.core.ingest.encoding import decode as decode_bytes
from newsdiff.core.ingest.terminal import sanitize
from newsdiff.errors import InputError

MAX_BYTES = 8 * 1024 * 1024  # bigger inputs are cut here (and the user told)
MAX_BODY = 400_000  # characters of body kept for sentence work; longer bodies are cut with a warning


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Limits of ingestion."""

    max_bytes: int = MAX_BYTES
    max_body: int = MAX_BODY


DEFAULT_INGEST = IngestOptions()


@dataclass(frozen=True, slots=True)
class Page:
    """One input read: its decoded, terminal-safe text, its format and what reading it noticed."""

    text: str
    format: Format
    warnings: tuple[str, ...] = ()


def read_source(source: str | Path, max_bytes: int = MAX_BYTES) -> bytes:
    """Bytes of a file path, or of stdin for ``-`` (at most max_bytes + 1). InputError names the path."""
    if str(source) == "-":
        return sys.stdin.buffer.read(max_bytes + 1)
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
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
    """Text of ``data`` (see ``encoding``), terminal-safe."""
    return sanitize(decode_bytes(data)[0])


def read_page(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> Page:
    """The Page of ``data`` (cut at ``max_bytes``); InputError, naming ``name``, for what cannot be a page."""
    warnings: list[str] = []
    if len(data) > max_bytes:
        data = data[:max_bytes]
        warnings.append(f"input truncated at {max_bytes // (1024 * 1024)} MB")
    if not data.strip():
        raise InputError(f"{name}: empty file, nothing to read")
    if looks_binary(data):
        raise InputError(f"{name}: binary file, not an article page")
    text = decode(data)
    if (why := not_a_page(text)) is not None:
        raise InputError(f"{name}: {why}")
    return Page(text, sniff(text), tuple(warnings))
