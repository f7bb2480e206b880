"""wordfreq's English word list as a compact table file in the cache folder, built once and reused.

Importing wordfreq and unpacking its list costs about half a second a run; this file holds the
same words and frequency buckets and loads in milliseconds. Lookups are a binary search over the
sorted UTF-8 words, so nothing is unpacked word by word.

File: MAGIC, then ``<III`` (words, bytes of words, CRC-32 of the rest), then the rest: word end
offsets (uint32 each, starting with 0), bucket indexes (uint16 each), the words concatenated.
The name carries wordfreq's version and the data file's name and size, so an upgrade rebuilds it.
"""

from __future__ import annotations

import atexit
import bisect
import importlib.util
import itertools
import logging
import os
import struct
import sys
import zlib
from array import array
from pathlib import Path

from newsdiff import paths

log = logging.getLogger(__name__)

MAGIC = b"newsdiff wordfreq table 1\n"
_HEADER = struct.Struct("<III")
_U32 = next(code for code in "IL" if array(code).itemsize == 4)  # "I" on every common platform
_U16 = "H"


class TableError(ValueError):
    """A table file that is not a complete table (truncated, corrupt, another format)."""


class FrequencyTable:
    """Word -> wordfreq bucket index (the frequency is ``10 ** (-index / 100)``)."""

    def __init__(self, data: bytes) -> None:
        if not data.startswith(MAGIC) or len(data) < len(MAGIC) + _HEADER.size:
            raise TableError("not a newsdiff word table")
        count, blob_size, crc = _HEADER.unpack_from(data, len(MAGIC))
        start = len(MAGIC) + _HEADER.size
        if len(data) != start + 4 * (count + 1) + 2 * count + blob_size:
            raise TableError("truncated or padded word table")
        if zlib.crc32(memoryview(data)[start:]) != crc:
            raise TableError("word table fails its checksum")
        self._ends = _array(_U32, data[start:start + 4 * (count + 1)])
        start += 4 * (count + 1)
        self._buckets = _array(_U16, data[start:start + 2 * count])
        self._words = data[start + 2 * count:]
        self._count: int = count

    def __len__(self) -> int:
        return self._count

    def _word(self, i: int) -> bytes:
        return self._words[self._ends[i]:self._ends[i + 1]]

    def bucket(self, token: str) -> int | None:
        """The bucket index of ``token`` (exactly as wordfreq spells its list), or None if absent."""
        key = token.encode("utf-8")
        i = bisect.bisect_left(range(self._count), key, key=self._word)
        if i < self._count and self._word(i) == key:
            return self._buckets[i]
        return None


def _array(code: str, raw: bytes) -> array[int]:
    values = array(code)
    values.frombytes(raw)
    if sys.byteorder != "little":
        values.byteswap()
    return values


def _little(values: array[int]) -> bytes:
    if sys.byteorder != "little":
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


def wordfreq_source(lang: str = "en") -> tuple[Path, str] | None:
    """wordfreq's data file for ``lang`` (its "best" list: large, else small) and its version,
    found without importing wordfreq; None when wordfreq is not installed as files."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    package = Path(next(iter(spec.submodule_search_locations)))
    for size in ("large", "small"):
        source = package / "data" / f"{size}_{lang}.msgpack.gz"
        if source.is_file():
            return source, _version(package)
    return None


def _version(package: Path) -> str:
    # importlib.metadata costs ~60 ms here; the dist-info folder beside the package says the same.
    for info in sorted(package.parent.glob("wordfreq-*.dist-info")):
        return info.name[len("wordfreq-"):-len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wordfreq")
    except PackageNotFoundError:
        return "unknown"


def table_path(source: Path, version: str, lang: str = "en") -> Path:
    # Version, list and size, not the file's path or date: two environments with the same
    # wordfreq share one table instead of each deleting the other's.
    stamp = zlib.crc32(f"{source.name}|{source.stat().st_size}".encode())
    return paths.cache_dir() / f"wordfreq-{version}-{lang}-{stamp:08x}.table"


class DictTable:
    """The list unpacked into a dict: ready in a quarter of the time the file takes to build, so a
    first run uses this and writes the file when it has done what the user is waiting for."""

    def __init__(self, buckets: dict[bytes, int]) -> None:
        self._buckets = buckets

    def __len__(self) -> int:
        return len(self._buckets)

    def bucket(self, token: str) -> int | None:
        return self._buckets.get(token.encode("utf-8"))


def unpack_buckets(source: Path) -> dict[bytes, int]:
    """Word (UTF-8) -> bucket index, read from wordfreq's packed list as its read_cBpack does."""
    import gzip

    import msgpack  # wordfreq's own dependency; cheap to import

    with gzip.open(source, "rb") as packed:
        data = msgpack.load(packed, raw=True)  # UTF-8 bytes as stored: the table keeps bytes anyway
    header = data[0]
    if not isinstance(header, dict) or header.get(b"format") != b"cB" or header.get(b"version") != 1:
        raise TableError(f"{source}: unexpected wordfreq header {header!r}")
    lists = data[1:]
    if len(lists) > 0x10000:
        raise TableError(f"{source}: more buckets than the table format holds")
    # As in wordfreq's get_frequency_dict, a word listed twice keeps its later (rarer) bucket.
    # (zip/chain/map keep the loops in C: this runs on a first start, so it should be quick.)
    indexes = itertools.chain.from_iterable(itertools.repeat(i, len(words)) for i, words in enumerate(lists))
    return dict(zip(itertools.chain.from_iterable(lists), indexes, strict=True))


def table_bytes(buckets: dict[bytes, int]) -> bytes:
    """The table file's bytes for these words and buckets."""
    encoded = sorted(buckets)  # byte order, the order lookups search
    blob = b"".join(encoded)
    payload = (_little(array(_U32, itertools.accumulate(map(len, encoded), initial=0)))
               + _little(array(_U16, map(buckets.__getitem__, encoded))) + blob)
    head = _HEADER.pack(len(encoded), len(blob), zlib.crc32(payload))
    return MAGIC + head + payload


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile

    paths.ensure(path.parent)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_PENDING: list[tuple[Path, str, dict[bytes, int]]] = []  # tables to write once the user has been served


def load_table(lang: str = "en", defer: bool = True) -> FrequencyTable | DictTable | None:
    """The cached table; when it is missing, stale or broken, the list unpacked into memory, and
    the file written later (``write_pending``, run at exit too) or now (``defer=False``). None
    when wordfreq's data cannot be found or read, so callers use wordfreq itself."""
    found = wordfreq_source(lang)
    if found is None:
        return None
    source, version = found
    try:
        path = table_path(source, version, lang)
    except OSError:
        return None
    try:
        return FrequencyTable(path.read_bytes())
    except (OSError, TableError):
        pass  # missing, unreadable or broken: built afresh below
    try:
        buckets = unpack_buckets(source)
    except Exception as err:  # any surprise in wordfreq's data: wordfreq itself will say more
        log.warning("cannot read wordfreq's list %s: %s", source, err)
        return None
    if not _PENDING:
        atexit.register(write_pending)
    _PENDING.append((path, lang, buckets))
    if not defer:
        write_pending()
    return DictTable(buckets)


def discard_pending() -> None:
    """Forget tables waiting to be written (their folder is no longer the cache: tests)."""
    _PENDING.clear()


def write_pending() -> None:
    """Write the tables a first run unpacked into memory (atomically; a disk that refuses is told
    in the log and the next run tries again)."""
    while _PENDING:
        path, lang, buckets = _PENDING.pop()
        try:
            _write_atomic(path, table_bytes(buckets))
        except OSError as err:  # read-only or full disk: this run was served from memory anyway
            log.info("word table not saved (%s): %s", path, err)
            continue
        for stale in path.parent.glob(f"wordfreq-*-{lang}-*.table"):
            if stale != path:
                stale.unlink(missing_ok=True)
