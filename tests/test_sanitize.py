"""Terminal safety: no page can drive the user's terminal through what newsdiff prints."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.core.clean import article_from_bytes
from newsdiff.core.ingest.terminal import has_controls, sanitize

OSC52 = "\x1b]52;c;ZWNobyBwd25lZAo=\x07"  # would set the clipboard to "echo pwned"
CSI = "\x1b[31;1m"
DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_osc52_clipboard_write_is_removed_with_its_payload() -> None:
    out = sanitize(f"Before{OSC52}after")
    assert out == "Beforeafter"
    assert "ZWNobyBwd25lZAo" not in out


def test_osc_terminated_by_string_terminator_is_removed() -> None:
    assert sanitize("a\x1b]0;new window title\x1b\\b") == "ab"


def test_csi_colour_and_cursor_sequences_are_removed() -> None:
    assert sanitize(f"{CSI}red\x1b[0m and \x1b[2J\x1b[Hcleared") == "red and cleared"


def test_eight_bit_csi_and_c1_controls_are_removed() -> None:
    assert sanitize("x\x9b31my\x85z") == "xy\nz"  # NEL is a line break; CSI goes whole


def test_unterminated_osc_loses_only_its_introducer() -> None:
    out = sanitize("Title\x1b]52;c;AAAA\nThe article goes on here.")
    assert "The article goes on here." in out
    assert "\x1b" not in out


def test_bidi_overrides_and_isolates_are_removed() -> None:
    out = sanitize("safe \u202eexe.txt\u202c and \u2066isolated\u2069")
    assert out == "safe exe.txt and isolated"


def test_nul_and_other_c0_controls_are_removed_but_tab_and_newline_kept() -> None:
    assert sanitize("a\x00b\x07c\td\ne") == "abc\td\ne"


def test_carriage_returns_become_newlines() -> None:
    assert sanitize("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_visible_mode_shows_controls_as_pictures() -> None:
    out = sanitize(f"a{CSI}b\x00c\u202ed", visible=True)
    assert "\x1b" not in out and "\x00" not in out and "\u202e" not in out
    assert "\u241b[31;1m" in out  # ␛ followed by the harmless rest
    assert "\u2400" in out  # ␀
    assert "<U+202E>" in out


def test_has_controls() -> None:
    assert has_controls("x\x1by")
    assert not has_controls(sanitize("x\x1b[1my"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_sanitized_text_never_holds_anything_a_terminal_acts_on(text: str) -> None:
    out = sanitize(text)
    assert not DANGEROUS.search(out)
    assert sanitize(out) == out  # idempotent


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_visible_mode_never_holds_controls_either(text: str) -> None:
    assert not DANGEROUS.search(sanitize(text, visible=True))


PAGE = (
    "Daily Example\n\nNews\n\n"
    f"Port strike {OSC52}halts ships as talks{CSI} collapse\n\n"
    f"By Ana \u202eRibeiro\x00\n\n"
    f"Dock workers at the port walked out on Monday after talks over new night{OSC52} shifts collapsed, "
    f"leaving ships waiting offshore.\x1b[2J\n\n"
    "The union said about 2,300 members joined the stoppage, which is due to last three days.\n\n"
    "The port authority said the new rotas were needed to keep up with rising traffic.\n"
)


def _assert_clean(*fields: str | None) -> None:
    for value in fields:
        assert value is None or not DANGEROUS.search(value), repr(value)


def test_text_dump_fields_are_terminal_safe() -> None:
    art = article_from_bytes(PAGE.encode())
    _assert_clean(art.title, art.body, art.byline, art.outlet, art.dateline, *art.sentence_texts)
    assert "halts ships" in art.title
    assert art.byline == "Ana Ribeiro"
    assert "ZWNobyBwd25lZAo" not in art.body


def test_html_entities_cannot_smuggle_escapes_back_in() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Strike &#x1b;]52;c;QUFB&#x07;at port</title>"
        '<meta name="author" content="Ana &#27;[31mRibeiro">'
        '<meta property="og:site_name" content="Daily &#x202e;Example"></head><body><article>'
        "<h1>Strike at port</h1>"
        "<p>Dock workers walked out on Monday &#27;[2J after talks over night shifts collapsed, leaving "
        "at least fourteen ships waiting offshore and cranes idle across the terminal.</p>"
        "<p>The union said about 2,300 members joined the stoppage, which is due to last 72 hours, and "
        "that further action was possible if the port did not return to talks.</p>"
        "<p>The port authority said the new rotas were needed to keep up with rising traffic.</p>"
        "</article></body></html>"
    )
    art = article_from_bytes(page.encode())
    _assert_clean(art.title, art.body, art.byline, art.outlet, *art.sentence_texts)
    assert "Dock workers walked out" in art.body
