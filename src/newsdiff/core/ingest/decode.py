"""Bytes -> text: BOMs, UTF-8, a declared HTML charset, then cp1252; binary input refused."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB (UTF-16 with a BOM is text)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if head.count(b"\0") > max(2, len(head) // 200):  # a stray NUL in a text page is removed, not fatal
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(head) // 50)


def declared_charset(data: bytes) -> str | None:
    """A charset the page declares in <meta> or an XML declaration, if Python knows it."""
    m = _META_CHARSET.search(data[:4096]) or _XML_ENCODING.search(data[:1024])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii", "replace")).name
    except LookupError:
        return None


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as cp1252 (pages that mix encodings)."""
    assert isinstance(err, UnicodeDecodeError)
    chunk = err.object[err.start:err.end]
    return chunk.decode("cp1252", errors="replace"), err.end


codecs.register_error("newsdiff-cp1252", _cp1252_fallback)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding used). Never fails: the last resort is cp1252 with latin-1 for its holes."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if err.start > len(data) - 4:  # a multi-byte character cut by truncation at the very end
            return data[:err.start].decode("utf-8"), "utf-8"
    if len(_UTF8_MULTIBYTE.findall(data[:65536])) >= 3:  # mostly UTF-8 with stray legacy bytes
        return data.decode("utf-8", errors="newsdiff-cp1252"), "utf-8+cp1252"
    declared = declared_charset(data)
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
