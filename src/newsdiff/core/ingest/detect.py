"""What kind of input this is: binary (refused), HTML, or a page text dump."""

from __future__ import annotations

import codecs
import re
from typing import Literal

from newsdiff.core.ingest.encoding import utf16_without_bom

Format = Literal["html", "text"]

# Signatures of common binary files people pass by mistake (images, archives, PDF, executables).
_MAGIC = (
    b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"\x1f\x8b", b"\x7fELF",
    b"\xfd7zXZ", b"Rar!", b"7z\xbc\xaf", b"OggS", b"SQLite format 3", b"\xd0\xcf\x11\xe0", b"MZ\x90\x00",
)
_STRUCTURE = re.compile(r"<(?:html|head|body|p|div|article|meta|title|span|a|script|section|main)\b", re.I)
# Every byte but the control bytes that plain text never holds (deleting these leaves the suspects).
_NOT_SUSPECT = bytes(range(32, 256)) + b"\t\n\x0b\x0c\r\x1b"


def looks_binary(data: bytes) -> bool:
    """A known binary signature, or NUL and control bytes at the start (UTF-16 is text)."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)):
        return False
    if head.startswith(_MAGIC):
        return True
    if utf16_without_bom(data):
        return False
    if head.count(0) > max(2, len(head) // 200):  # a stray NUL in a scraped page is no reason to refuse it
        return True
    controls = len(head.translate(None, _NOT_SUSPECT))
    return controls > max(8, len(head) // 50)


# The first element of an XML document, past its declaration, comments, processing instructions
# and doctype.
_XML_ROOT = re.compile(r"(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>[]*(?:\[.*?\])?\s*>|\s)*<([A-Za-z_][\w:.-]*)", re.S)
_FEED = ("{} feed, not an article page: `newsdiff feed add URL` subscribes to its address, and "
         "`newsdiff refresh` then adds the articles it lists")


def not_a_page(text: str) -> str | None:
    """Why decoded input is no article page when it is a document of another kind (a feed, a list of
    feeds, another XML document), else None: what to say instead of storing its markup as text."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return _FEED.format("a JSON") if "jsonfeed.org/version" in head[:1000] else None
    if not head.startswith("<") or not (match := _XML_ROOT.match(head)):
        return None
    root = match.group(1).lower()
    if root in ("rss", "feed", "rdf:rdf"):
        return _FEED.format("an RSS or Atom")
    if root == "opml":
        return "an OPML list of feeds, not an article page: `newsdiff feed import FILE` subscribes to them"
    if head.startswith("<?xml") and root not in ("html", "xhtml"):
        return f"an XML document (<{match.group(1)}>), not an article page"
    return None


def looks_like_html(text: str) -> bool:
    """Markup at the start: a doctype or <html>, or several structural tags in the first 8 KB."""
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) and "<html" in text[:8192].lower():
        return True
    return head.startswith(("<!doctype html", "<html")) or len(_STRUCTURE.findall(text[:8192])) >= 4


def sniff(text: str) -> Format:
    """The format of decoded input."""
    return "html" if looks_like_html(text) else "text"
