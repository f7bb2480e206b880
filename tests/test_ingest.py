"""Reading sources: encodings, formats, bad input, size caps, HTML metadata."""

from __future__ import annotations

import codecs
import io
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff.core.clean import article_from_bytes, article_from_path
from newsdiff.core.ingest import IngestOptions, decode, read_source
from newsdiff.core.ingest.detect import looks_binary, looks_like_html
from newsdiff.core.ingest.encoding import decode as decode_bytes
from newsdiff.errors import InputError

ARTICLE = (
    "Grève au port : les dockers de Velmora cessent le travail\n\n"
    "By Ana Ribeiro\n\n"
    "Dock workers at the port of Velmora walked off the job on Monday after talks over the “new” night "
    "shifts collapsed, leaving cranes idle and café owners near the quay without customers.\n\n"
    "The union said about 2,300 members joined the stoppage, which is due to last three days — the "
    "first at the port since 2019.\n\n"
    "The port authority said the rotas were needed to keep up with rising traffic and that nobody "
    "would lose pay.\n"
)


@pytest.mark.parametrize(
    "encoded",
    [
        ARTICLE.encode("utf-8"),
        codecs.BOM_UTF8 + ARTICLE.encode("utf-8"),
        ARTICLE.encode("utf-16"),  # with a BOM
        codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"),
        ARTICLE.encode("utf-16-le"),  # no BOM at all
        ARTICLE.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-no-bom", "cp1252"],
)
def test_encodings_decode_without_replacement_characters(encoded: bytes) -> None:
    art = article_from_bytes(encoded)
    assert "\ufffd" not in art.body + art.title
    assert "“new”" in art.body and "café" in art.body and "—" in art.body
    assert art.title.startswith("Grève au port")


def test_latin1_page_is_read_as_windows_1252_like_browsers_do() -> None:
    page = ('<html><head><meta charset="iso-8859-1"><title>Caf\xe9 row</title></head><body>'
            "<p>Owners said \u201cno\u201d to the plan.</p></body></html>").encode("cp1252")
    text, encoding = decode_bytes(page)
    assert "\u201cno\u201d" in text and "Café" in text
    assert encoding == "cp1252"


def test_declared_meta_charset_is_honoured() -> None:
    page = ('<html><head><meta charset="windows-1251"><title>Порт</title></head>'
            "<body><p>Докеры начали забастовку.</p></body></html>").encode("cp1251")
    text, encoding = decode_bytes(page)
    assert "Докеры начали забастовку" in text
    assert encoding == "cp1251"


def test_mixed_encodings_keep_both_halves_readable() -> None:
    data = "Café “one” is UTF-8.\n".encode() + "Naïve crème is cp1252 — here.\n".encode("cp1252")
    text, _ = decode_bytes(data)
    assert "Café “one”" in text and "Naïve crème" in text and "—" in text


def test_utf8_cut_mid_character_at_the_end() -> None:
    data = "Il était une fois à Paris é".encode()[:-1]
    text, encoding = decode_bytes(data)
    assert text.startswith("Il était une fois à Paris") and encoding == "utf-8"


def test_decode_is_terminal_safe() -> None:
    assert decode(b"a\x1b[31mb\r\nc") == "ab\nc"


def test_empty_and_blank_input_are_refused_clearly() -> None:
    for data in (b"", b"  \n\t\n"):
        with pytest.raises(InputError, match="empty"):
            article_from_bytes(data, path="x.txt")


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + bytes(200), bytes(range(256)) * 20, b"%PDF-1.7\n%\xe2\xe3"])
def test_binary_input_is_refused_clearly(data: bytes) -> None:
    assert looks_binary(data)
    with pytest.raises(InputError, match="binary"):
        article_from_bytes(data, path="photo.png")


RSS = (b"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Port news</title>"
       b"<item><title>Dockers strike</title><link>http://example.invalid/1</link>"
       b"<description>Dock workers walked out on Monday after talks collapsed.</description></item></channel></rss>")


@pytest.mark.parametrize(("data", "says"), [
    (RSS, "an RSS or Atom feed, not an article page: `newsdiff feed add URL`"),
    (RSS[:150], "an RSS or Atom feed"),  # cut off, as a failed download leaves it
    (b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- made by a CMS -->\n<?xml-stylesheet href='feed.xsl'?>\n"
     b"<feed xmlns='http://www.w3.org/2005/Atom'><title>Port news</title></feed>", "an RSS or Atom feed"),
    (b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><channel/></rdf:RDF>", "an RSS or Atom feed"),
    (b'{"version": "https://jsonfeed.org/version/1.1", "title": "Port news", "items": []}', "a JSON feed"),
    (b"<?xml version='1.0'?><opml version='2.0'><body><outline xmlUrl='http://x/feed'/></body></opml>",
     "an OPML list of feeds, not an article page: `newsdiff feed import FILE`"),
    (b"<?xml version='1.0'?><nitf><body>Dock workers walked out on Monday.</body></nitf>",
     r"an XML document \(<nitf>\), not an article page"),
])
def test_feeds_and_other_documents_are_refused_with_what_to_do_instead(data: bytes, says: str) -> None:
    """A feed given as a page used to be stored as an article whose text was the feed's markup."""
    with pytest.raises(InputError, match=r"^port\.xml: " + says):
        article_from_bytes(data, path="port.xml")


def test_xhtml_and_text_that_opens_with_a_tag_are_still_pages() -> None:
    xhtml = (b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Strict//EN' "
             b"'http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd'>\n<html><head><title>Dockers strike</title>"
             b"</head><body><p>" + ARTICLE.split("\n\n")[2].encode() + b"</p></body></html>")
    assert "walked off the job" in article_from_bytes(xhtml, path="page.xhtml").body
    assert "walked off the job" in article_from_bytes(b"<b>Breaking</b>\n\n" + ARTICLE.encode(), path="x.txt").body


def test_utf16_text_is_not_mistaken_for_binary() -> None:
    assert not looks_binary(ARTICLE.encode("utf-16-le"))


def test_page_without_article_text_is_refused() -> None:
    with pytest.raises(InputError, match="no article text"):
        article_from_bytes(b"Home\nNews\nSport\n", path="menu.txt")


def test_missing_file_directory_and_error_messages_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


def test_stdin_is_read_for_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode())))
    art = article_from_path("-")
    assert art.path is None and "Dock workers" in art.body


def test_oversized_input_is_cut_and_the_user_told() -> None:
    paragraph = "The union said the strike at the port would go on for three more days at least. "
    art = article_from_bytes((paragraph * 400).encode(), options=IngestOptions(max_bytes=10_000, max_body=5_000))
    assert any("truncated" in w for w in art.warnings)
    assert any("left out" in w for w in art.warnings)
    assert len(art.body) <= 5_000


def test_one_huge_line_is_handled_with_bounded_output() -> None:
    data = ("word " * 400_000).encode()  # 2 MB, one line, no punctuation
    art = article_from_bytes(data, options=IngestOptions(max_bytes=1_000_000, max_body=20_000))
    assert len(art.body) <= 20_000 and art.sentences
    assert art.warnings


def test_text_and_html_are_told_apart() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html("\ufeff  <html lang='en'><head></head></html>")
    assert not looks_like_html(ARTICLE)
    assert article_from_bytes(ARTICLE.encode()).source_format == "text"


HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Dock strike halts Velmora port | Harbor Daily</title>
<meta property="og:title" content="Dock strike halts Velmora port">
<meta property="og:site_name" content="Harbor Daily">
<meta property="article:published_time" content="2026-03-09T10:05:00+01:00">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Harbor Daily"},
 {"@type": ["NewsArticle"], "headline": "Dock strike halts Velmora port",
  "author": [{"@type": "Person", "name": "Ana Ribeiro"}, {"@type": "Person", "name": "Tomas Eld"}],
  "datePublished": "2026-03-09T10:05:00+01:00", "publisher": {"@type": "Organization", "name": "Harbor Daily"}}
]}</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Dock strike halts Velmora port</h1><p class="byline">By Ana Ribeiro and Tomas Eld</p>
<p>VELMORA - Dock workers at the port of Velmora walked off the job on Monday after talks over new
night-shift rotas collapsed, leaving at least 14 cargo ships waiting offshore.</p>
<p>Read more: Port volumes hit a record in 2025</p>
<p>The union said about 2,300 members joined the stoppage, which is due to last 72 hours, and warned
of further action if the port authority did not return to talks.</p>
<p>"We will not accept rotas that put tired people under moving containers," union secretary Marta Ivo
told reporters outside the main gate.</p>
<p>The port authority said the new rotas were needed to keep up with rising traffic.</p>
</article><aside><h2>Most read</h2><ul><li><a href="/a">Rates held for a third month</a></li></ul></aside>
<footer>&copy; 2026 Harbor Daily. All rights reserved.</footer></body></html>"""


def test_html_article_and_metadata() -> None:
    art = article_from_bytes(HTML.encode(), path="page.html")
    assert art.source_format == "html"
    assert art.title == "Dock strike halts Velmora port"
    assert art.outlet == "Harbor Daily"
    assert art.byline == "Ana Ribeiro and Tomas Eld"
    assert art.published == "2026-03-09"
    assert art.lang == "en"
    assert "at least 14 cargo ships waiting offshore" in art.body
    assert "keep up with rising traffic" in art.body
    assert "Read more" not in art.body and "Rates held" not in art.body and "Home" not in art.body
    for s in art.sentences:
        assert art.body[s.start:s.end] == s.text


def test_truncated_html_does_not_crash() -> None:
    art = article_from_bytes(HTML[: HTML.index("The port authority")].encode())
    assert "Dock workers" in art.body


def test_title_tag_suffix_is_dropped_when_no_better_title() -> None:
    page = HTML.replace('<meta property="og:title" content="Dock strike halts Velmora port">', "")
    page = page.replace('"headline": "Dock strike halts Velmora port",', "").replace("<h1>Dock strike halts Velmora port</h1>", "")
    assert article_from_bytes(page.encode()).title == "Dock strike halts Velmora port"


def test_trafilatura_is_imported_only_for_html() -> None:
    code = (
        "import sys\n"
        "from newsdiff.core.clean import article_from_bytes\n"
        f"article_from_bytes({ARTICLE.encode()!r})\n"
        "assert 'trafilatura' not in sys.modules, 'trafilatura loaded for a text dump'\n"
        f"article_from_bytes({HTML.encode()!r})\n"
        "assert 'trafilatura' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_clean_cli_exits_1_with_one_line_for_binary_and_empty(tmp_path: Path) -> None:
    image, empty = tmp_path / "image.png", tmp_path / "empty.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    empty.write_bytes(b"")
    for path, word in ((image, "binary"), (empty, "empty")):
        out = subprocess.run([sys.executable, "-m", "newsdiff", "clean", str(path)], capture_output=True,
                             text=True, timeout=60)
        assert out.returncode == 1 and word in out.stderr and str(path) in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
