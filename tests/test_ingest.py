"""Ingest: encodings, format detection, bad input, terminal safety, the seed pages' gold checks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.core.clean import clean_text
from newsdiff.core.ingest import article_from_bytes, article_from_path
from newsdiff.core.lang import detect
from newsdiff.core.sanitize import has_controls, sanitize
from newsdiff.core.segment import segment
from newsdiff.errors import InputError
from tests.conftest import EVAL

PAGE = """Menu
News
Café owners protest over rents — “we cannot go on”

By Zoë Brandt
14 April 2026

Café owners in the old town marched to the city hall on Tuesday to protest against rent rises of up to 40 per cent.

“We cannot go on like this,” said Zoë Brandt’s neighbour, who runs a bakery on the square.

The council said it would review the leases of its own properties before the summer.

Read more: Council budget explained
Sign up for our newsletter
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings_decode_without_replacement_garbage(encoding: str) -> None:
    data = PAGE.replace("“", '"').replace("”", '"').replace("’", "'").encode(encoding) \
        if encoding == "latin-1" else PAGE.encode(encoding)
    article = article_from_bytes(data, path="page.txt")
    assert "Café owners in the old town" in article.body
    assert "\ufffd" not in article.body + article.title


def test_latin1_page_decodes() -> None:
    text = PAGE.replace("“", '"').replace("”", '"').replace("’", "'").replace("—", "-")
    article = article_from_bytes(text.encode("latin-1"), path="page.txt")
    assert "Café owners" in article.body


def test_html_meta_charset_is_honoured() -> None:
    page = ("<html><head><meta charset='iso-8859-1'><title>Caf\xe9 rents</title></head><body><article>"
            "<p>Caf\xe9 owners in the old town marched to the city hall on Tuesday to protest against rents.</p>"
            "<p>The council said it would review the leases of its own properties before the summer ends.</p>"
            "</article></body></html>")
    article = article_from_bytes(page.encode("latin-1"), path="p.html")
    assert article.source_format == "html" and "Café owners" in article.body


def test_metadata_of_a_text_dump() -> None:
    article = article_from_bytes(PAGE.encode(), path="p.txt")
    assert article.title == "Café owners protest over rents — “we cannot go on”"
    assert article.byline == "Zoë Brandt" and article.published == "2026-04-14"
    assert "Read more" not in article.body and "newsletter" not in article.body
    assert article.lang == "en"


@pytest.mark.parametrize(("data", "message"), [(b"", "empty"), (b"   \n\n", "empty"),
                                                (bytes(range(256)) * 20, "binary")])
def test_what_cannot_be_an_article_is_refused_clearly(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        article_from_bytes(data, path="x.txt")


def test_truncated_html_does_not_crash() -> None:
    page = ("<html><head><title>Rents</title></head><body><article><p>Café owners in the old town marched "
            "to the city hall on Tuesday to protest against rent rises of up to forty per cent.</p><p>The coun")
    article = article_from_bytes(page.encode(), path="cut.html")
    assert "Café owners" in article.body


def test_a_huge_single_line_is_capped_and_said_so(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("The port reopened on Monday after the strike ended, officials said. " * 200_000)
    article = article_from_path(path)
    assert article.warnings and len(article.body) <= 400_000


def test_terminal_escape_sequences_never_survive() -> None:
    evil = ("Menu\nEvil \x1b]52;c;cm0gLXJmIH4=\x07headline with a \x1b[31mred\x1b[0m word here\n\n"
            "A paragraph \u202eesrever\u202c with NUL \x00 and bell \x07 and enough words to be prose here.\n\n"
            "Second paragraph of the article with \x9b31m C1 controls and more words to read as prose.\n")
    article = article_from_bytes(evil.encode("utf-8", "surrogatepass"), path="evil.txt")
    for field in (article.title, article.body, *(s.text for s in article.sentences)):
        assert not has_controls(field), repr(field)
    assert "cm0gLXJmIH4" not in article.title


@settings(max_examples=60, deadline=None)
@given(st.text())
def test_sanitize_leaves_nothing_a_terminal_acts_on(text: str) -> None:
    assert not has_controls(sanitize(text))


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_cleaning_never_crashes_and_offsets_always_slice(text: str) -> None:
    cleaned = clean_text(sanitize(text))
    for s in segment(cleaned.body):
        assert cleaned.body[s.start:s.end] == s.text


def test_quotes_spanning_sentences_stay_one_sentence() -> None:
    body = ("“Let me be clear, this is not the time to go it alone. Not for Europe or North America,” "
            "Rutte said. The U.S. Gen. Smith said 5.5 per cent, or $1.2bn, was spent.")
    texts = [s.text for s in segment(body)]
    assert texts[0].endswith("Rutte said.") and len(texts) == 2


def test_language_identification() -> None:
    assert detect("The council said it would review the leases of its own properties before the summer.") == "en"
    assert detect("Il consiglio ha detto che rivedrà i contratti delle proprie proprietà prima dell'estate.") == "it"
    assert detect("Совет заявил, что пересмотрит договоры аренды своих помещений до лета этого года.") == "ru"


def test_seed_pages_meet_the_clean_gold(seeds: tuple) -> None:  # type: ignore[type-arg]
    gold = json.loads((EVAL / "gold" / "seedpair.json").read_text())
    for side, path in zip("ab", seeds, strict=True):
        article = article_from_path(path)
        for keep in gold[f"body_must_keep_{side}"]:
            assert keep.replace("’", "'") in article.body.replace("’", "'")
        for drop in gold[f"body_must_drop_{side}"]:
            assert drop not in article.body.split("\n\n")
        assert article.title == gold[f"title_{side}"]
    b = article_from_path(seeds[1])
    assert b.outlet == gold["outlet_b"] and b.byline == gold["byline_b"]
    assert article_from_path(seeds[0]).dateline == "WARSAW/BRUSSELS"


def test_clean_cli_exits_1_with_one_line_for_binary(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    out = subprocess.run([sys.executable, "-m", "newsdiff", "clean", str(path)], capture_output=True, text=True)
    assert out.returncode == 1 and "binary" in out.stderr and len(out.stderr.strip().splitlines()) == 1
