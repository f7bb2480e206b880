"""Test helpers for the HTML report: what it may load, and a real headless Chromium (Debian's package)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import unicodedata
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Elements and attributes through which a page runs code or fetches something.
LOADING_TAGS = {"script", "link", "img", "iframe", "frame", "object", "embed", "video", "audio", "source", "track",
                "base", "form", "input", "svg", "picture", "portal", "meta"}
LOADING_ATTRS = {"src", "srcset", "data", "poster", "action", "formaction", "background", "xlink:href", "ping"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)


def visible_text(html: str) -> str:
    """The page's text as a reader sees it (entities decoded), whitespace folded."""
    page = _Page()
    page.feed(html)
    return fold(" ".join(page.text))


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def assert_self_contained(html: str) -> None:
    """No script, nothing fetched: no loading element or attribute, links only to the page itself,
    no url() or @import in the CSS, and a Content-Security-Policy that forbids everything else."""
    page = _Page()
    page.feed(html)
    metas = [a for t, a in page.tags if t == "meta"]
    assert any(a.get("http-equiv") == "Content-Security-Policy" and "default-src 'none'" in (a.get("content") or "")
               for a in metas)
    for tag, attrs in page.tags:
        assert tag not in LOADING_TAGS - {"meta"}, tag
        assert (attrs.get("http-equiv") or "").lower() != "refresh", attrs
        assert not LOADING_ATTRS & attrs.keys(), (tag, attrs)
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert (attrs.get("href") or "#").startswith("#"), (tag, attrs)
        assert "url(" not in (attrs.get("style") or "")
    css = " ".join(page.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("headless Chromium not installed (apt-get install chromium)")
    return found


def headless(page: Path, out: Path, *, screenshot: bool = True) -> tuple[Path | None, Path]:
    """Print ``page`` to PDF (and screenshot it at 1200x2000) with Chromium, offline; returns (png, pdf)."""
    browser = chromium()
    common = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={out / 'profile'}"]
    png, pdf = out / "page.png", out / "page.pdf"
    runs = [[f"--print-to-pdf={pdf}", "--no-pdf-header-footer"]]
    if screenshot:
        runs.append([f"--screenshot={png}", "--window-size=1200,2000"])
    for extra in runs:
        subprocess.run([*common, *extra, page.resolve().as_uri()], capture_output=True, timeout=90, check=True)
    return (png if screenshot else None), pdf


def pdf_text(pdf: Path) -> str:
    """The PDF's text (poppler's pdftotext), folded; skips when pdftotext is absent, because Chromium's
    PDFs keep text as glyph ids that only the fonts' maps turn back into letters."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) not installed: cannot read the PDF's text")
    done = subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=60, check=True)
    return fold(done.stdout.decode("utf-8"))


def png_rows(png: Path) -> tuple[int, int, float, int]:
    """(width, height, share of non-zero filtered bytes, distinct filtered rows) of an 8-bit RGB(A) PNG.

    A blank page filters to rows of zeros that are all alike; text and rules do not."""
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", (0, 0, 0, 0)
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + size]
        pos += 12 + size
        if kind == b"IHDR":
            header = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour = header
    assert depth == 8 and colour in (2, 6), header
    stride = width * (3 if colour == 2 else 4) + 1
    raw = zlib.decompress(idat)
    rows = [raw[k * stride + 1:(k + 1) * stride] for k in range(height)]
    nonzero = sum(len(row) - row.count(0) for row in rows) / max(1, len(raw) - height)
    return width, height, nonzero, len(set(rows))


def unescape_markdown(text: str) -> str:
    """Markdown as a reader of the rendered page reads it: backslash escapes removed, folded."""
    return fold(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text))
