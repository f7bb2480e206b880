"""The demo library: the bundled corpus cleaned, clustered and stored on first use, reused after."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from newsdiff import paths
from newsdiff.core.library import Library


def corpus_fingerprint(files: list[Path]) -> str:
    """Changes whenever the bundled corpus (or newsdiff's version) changes."""
    from newsdiff.version import __version__

    digest = hashlib.sha256(__version__.encode())
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def demo_library_path() -> Path:
    """Path of a ready demo library under the cache folder, built if missing or stale."""
    from newsdiff.core.pipeline import add_sources
    from newsdiff.demo import corpus_files

    files = corpus_files()
    target = paths.ensure(paths.cache_dir()) / f"demo-{corpus_fingerprint(files)}.sqlite3"
    if target.exists():
        return target
    # Build beside the target and rename, so an interrupted build never leaves a half library.
    partial = target.with_suffix(f".{os.getpid()}.partial")
    with Library(partial) as library:
        add_sources(library, [str(f) for f in files])
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        library.conn.execute("PRAGMA journal_mode = DELETE")
    os.replace(partial, target)
    for stale in target.parent.glob("demo-*.sqlite3*"):
        if stale.name != target.name and not stale.name.endswith(".partial"):
            stale.unlink(missing_ok=True)
    return target
