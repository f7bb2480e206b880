"""Notes, tags and highlights on sentences, kept as one TOML file per article.

Why one file per article: files stay small and readable, two articles never contend for one
file, and a user can grep, sync or put the folder in git. A file is named after the article's
stable identity (its URL, else its source path, else its content hash), so re-ingesting or
editing the article finds the same notes; each note keeps its quote with context and position
and is re-anchored against the current text (see ``anchor``), or shown as orphaned.

Safety: writes go to a temporary file in the same folder, are fsynced and renamed over the old
file; an exclusive lock on a sidecar ``.lock`` file covers each read-modify-write, so two
processes cannot interleave. A file that does not parse is never written to: the error names
the file and line, and other articles keep working.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w

from newsdiff import paths
from newsdiff.core.notes.anchor import Anchored, Selector, anchor, select
from newsdiff.errors import NewsdiffError

SCHEMA_VERSION = 1
COLOURS = ("yellow", "green", "blue", "red", "purple")
# MIGRATIONS[n] turns a version n-1 document into version n (none yet: version 1 is the first).
MIGRATIONS: dict[int, Any] = {}


class AnnotationFileError(NewsdiffError):
    """An annotation file that cannot be used as it is (it is left untouched)."""


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Which article notes belong to, and what to tell a human reading the file."""

    key: str  # URL, else source path, else "sha256:<content hash>"
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    content_hash: str | None = None

    @property
    def file_stem(self) -> str:
        return hashlib.sha256(self.key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Annotation:
    """One note on a passage of an article."""

    id: str
    article: ArticleRef
    selector: Selector
    note: str
    tags: tuple[str, ...] = ()
    colour: str = "yellow"
    created: str = ""
    updated: str = ""
    anchored: Anchored | None = field(default=None, compare=False)
    orphaned: bool = False


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def find_quote(body: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``body``: exactly, else ignoring case, spacing and quote styles."""
    at = body.find(quote)
    if at >= 0:
        return at, at + len(quote)
    folded = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
    text, needle = body.translate(folded).casefold(), " ".join(quote.translate(folded).casefold().split())
    at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else None


class AnnotationStore:
    """The annotation folder (under NEWSDIFF_HOME when set)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or paths.annotations_dir()
        self.problems: list[str] = []  # files skipped by the last listing, with the reason

    def file_for(self, ref: ArticleRef) -> Path:
        return self.root / f"{ref.file_stem}.toml"

    # -- reading --------------------------------------------------------------------

    def _read(self, path: Path) -> dict[str, Any]:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as err:
            raise AnnotationFileError(f"{path}: cannot read ({err.strerror})") from err
        try:
            data = tomllib.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as err:
            raise AnnotationFileError(f"{path}: not UTF-8 text; newsdiff left it as it is") from err
        except tomllib.TOMLDecodeError as err:
            raise AnnotationFileError(
                f"{path}: not valid TOML ({err}); fix or move the file, newsdiff will not overwrite it"
            ) from err
        version = data.get("schema_version", 1)
        if not isinstance(version, int) or version > SCHEMA_VERSION:
            raise AnnotationFileError(f"{path}: schema_version {version} is newer than this newsdiff; upgrade")
        while version < SCHEMA_VERSION:
            version += 1
            data = MIGRATIONS[version](data)
        return data

    def _parse(self, data: dict[str, Any], body: str | None) -> list[Annotation]:
        art = data.get("article", {})
        ref = ArticleRef(art.get("key", ""), art.get("title", ""), art.get("outlet"), art.get("url"),
                         art.get("path"), art.get("content_hash"))
        out = []
        for item in data.get("annotations", []):
            sel = Selector(item["quote"], item.get("prefix", ""), item.get("suffix", ""),
                           int(item.get("start", 0)), int(item.get("end", 0)))
            note = Annotation(item["id"], ref, sel, item.get("note", ""), tuple(item.get("tags", ())),
                              item.get("colour", "yellow"), item.get("created", ""), item.get("updated", ""))
            if body is not None:
                placed = anchor(sel, body)
                note = replace(note, anchored=placed, orphaned=placed is None)
            out.append(note)
        return out

    def list(self, ref: ArticleRef | None = None, body: str | None = None) -> list[Annotation]:
        """Notes of one article (re-anchored against ``body`` when given), or of every article."""
        if ref is not None:
            return self._parse(self._read(self.file_for(ref)), body)
        self.problems = []
        notes: list[Annotation] = []
        cache = self._load_index()
        fresh: dict[str, Any] = {}
        for path in sorted(self.root.glob("*.toml")) if self.root.exists() else []:
            try:
                stat = path.stat()
                stamp = [stat.st_mtime_ns, stat.st_size]
                entry = cache.get(path.name)
                data = entry["data"] if entry and entry.get("stamp") == stamp else self._read(path)
                notes += self._parse(data, None)
                fresh[path.name] = {"stamp": stamp, "data": data}
            except (AnnotationFileError, KeyError, TypeError, ValueError, OSError) as err:
                self.problems.append(str(err) if isinstance(err, AnnotationFileError) else f"{path}: {err!r}")
        if fresh != cache:
            self._save_index(fresh)
        return notes

    # Parsed files are kept in a JSON index beside them (derived data: rebuilt when stale or broken),
    # because parsing a thousand TOML files on every start would cost about a second.
    def _index_path(self) -> Path:
        return self.root / ".index.json"

    def _load_index(self) -> dict[str, Any]:
        try:
            data = json.loads(self._index_path().read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.pop("version", None) != SCHEMA_VERSION:
                return {}
            return data
        except (OSError, ValueError):
            return {}

    def _save_index(self, entries: dict[str, Any]) -> None:
        entries = {"version": SCHEMA_VERSION, **entries}
        try:
            fd, tmp = tempfile.mkstemp(prefix=".index.", dir=self.root)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(entries, handle, ensure_ascii=False)
            os.replace(tmp, self._index_path())
        except OSError:
            pass  # a cache that cannot be written only costs time

    def get(self, note_id: str) -> Annotation | None:
        return next((n for n in self.list() if n.id == note_id), None)

    # -- writing --------------------------------------------------------------------

    @contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        try:
            paths.ensure(self.root)
            handle = open(path.with_suffix(".lock"), "a")  # noqa: SIM115 (held for the block)
        except OSError as err:
            raise NewsdiffError(f"{self.root}: cannot write notes here ({err.strerror})") from err
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        try:
            text = tomli_w.dumps(data)
            text.encode("utf-8")
        except (TypeError, ValueError) as err:
            raise NewsdiffError(f"{path}: the note cannot be stored as TOML ({err}); nothing was changed") from err
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=self.root)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
            dir_fd = os.open(self.root, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError as err:
            Path(tmp).unlink(missing_ok=True)
            raise NewsdiffError(f"{path}: could not save the note ({err.strerror}); earlier notes are intact") from err

    def _modify(self, path: Path, change: Any) -> Any:
        with self._locked(path):
            data = self._read(path)  # raises for a broken file, so it is never overwritten
            result = change(data)
            self._write(path, data)
            return result

    def add(self, ref: ArticleRef, body: str, quote: str, note: str, tags: tuple[str, ...] = (),
            colour: str = "yellow") -> Annotation:
        """Add a note on ``quote`` (which must occur in ``body``)."""
        if colour not in COLOURS:
            raise NewsdiffError(f"unknown colour {colour!r} (use one of {', '.join(COLOURS)})")
        span = find_quote(body, quote)
        if span is None:
            raise NewsdiffError(f"the quote {quote[:60]!r} is not in {ref.title or ref.key}")
        sel = select(body, *span)
        now = _now()
        item = {"id": secrets.token_hex(5), "quote": sel.quote, "prefix": sel.prefix, "suffix": sel.suffix,
                "start": sel.start, "end": sel.end, "note": note, "tags": list(tags), "colour": colour,
                "created": now, "updated": now}

        def change(data: dict[str, Any]) -> None:
            data["schema_version"] = SCHEMA_VERSION
            data["article"] = {k: v for k, v in (("key", ref.key), ("title", ref.title), ("outlet", ref.outlet),
                               ("url", ref.url), ("path", ref.path), ("content_hash", ref.content_hash)) if v}
            data.setdefault("annotations", []).append(item)

        self._modify(self.file_for(ref), change)
        return Annotation(item["id"], ref, sel, note, tuple(tags), colour, now, now)  # type: ignore[arg-type]

    def _file_of(self, note_id: str) -> Path:
        for path in sorted(self.root.glob("*.toml")) if self.root.exists() else []:
            try:
                if any(a.get("id") == note_id for a in self._read(path).get("annotations", [])):
                    return path
            except AnnotationFileError:
                continue
        raise NewsdiffError(f"no note with id {note_id!r}")

    def update(self, note_id: str, note: str | None = None, tags: tuple[str, ...] | None = None,
               colour: str | None = None) -> None:
        """Change a note's text, tags or colour."""
        def change(data: dict[str, Any]) -> None:
            for item in data.get("annotations", []):
                if item.get("id") == note_id:
                    item.update({k: v for k, v in (("note", note), ("tags", list(tags) if tags is not None else None),
                                 ("colour", colour)) if v is not None})
                    item["updated"] = _now()

        self._modify(self._file_of(note_id), change)

    def remove(self, note_id: str) -> None:
        """Delete one note."""
        def change(data: dict[str, Any]) -> None:
            data["annotations"] = [a for a in data.get("annotations", []) if a.get("id") != note_id]

        self._modify(self._file_of(note_id), change)
