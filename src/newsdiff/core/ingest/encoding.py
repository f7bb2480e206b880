"""Bytes -> text: BOMs, UTF-8, a declared HTML charset, then cp1252, never replacement garbage."""

from __future__ import annotations

import codecs
import re
from functools import cache

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ESCAPED = re.compile("[\udc80-\udcff]+")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: same prefix
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read these labels as windows-1252 (WHATWG Encoding); so must we, or the curly
# quotes of a "latin-1" page turn into C1 controls and vanish.
_AS_CP1252 = frozenset({"latin_1", "iso8859_1", "ascii", "cp1252"})


@cache
def _cp1252_table() -> dict[int, str]:
    """latin-1 code point -> cp1252 character (bytes cp1252 leaves undefined map to themselves)."""
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


def single_byte(data: bytes) -> str:
    """``data`` as windows-1252, total: the five bytes it leaves undefined stay as latin-1."""
    return data.decode("latin-1").translate(_cp1252_table())


def utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text that lacks a BOM (NUL in every other byte), else None."""
    head = data[:4096]
    if len(head) < 8 or head.count(0) < len(head) // 3:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.9 * (len(head) // 2) and even < 0.1 * odd:
        return "utf-16-le"
    if even > 0.9 * (len(head) // 2) and odd < 0.1 * even:
        return "utf-16-be"
    return None


def declared_charset(data: bytes) -> str | None:
    """A charset the page declares in <meta> or an XML declaration, if Python knows it."""
    m = _META_CHARSET.search(data[:4096]) or _XML_ENCODING.search(data[:1024])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii", "replace")).name.replace("-", "_")
    except LookupError:
        return None


def _mixed(data: bytes) -> str:
    """UTF-8 with stray legacy bytes (pages pasted together): each stray run read as cp1252."""
    text = data.decode("utf-8", errors="surrogateescape")
    return _ESCAPED.sub(lambda m: single_byte(bytes(ord(c) - 0xDC00 for c in m.group())), text)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding used). Never fails and never emits U+FFFD for a byte it could read."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if err.start > len(data) - 4 and err.reason == "unexpected end of data":
            return data[:err.start].decode("utf-8", errors="replace"), "utf-8"  # cut mid-character
    declared = declared_charset(data)
    if declared and declared not in _AS_CP1252 and not declared.startswith("utf"):
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    # Mostly valid UTF-8 with a few stray bytes: a page that mixes encodings.
    head = data[:65536]
    high = len(re.findall(rb"[\x80-\xff]", head))
    in_utf8 = sum(len(m) for m in _UTF8_SEQUENCE.findall(head))
    if in_utf8 >= 4 and in_utf8 >= high - in_utf8:
        return _mixed(data), "utf-8+cp1252"
    return single_byte(data), "cp1252"
