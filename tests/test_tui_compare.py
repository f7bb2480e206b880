"""Pilot tests of the compare view: every navigation key, search, swap, wrap, panel, help, quit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual import events

from newsdiff.tui.app import make_app
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.help import HelpScreen
from newsdiff.tui.widgets.aligned_view import AlignedView

A_TEXT = """Harbour cranes stand idle as dockers strike

Dock workers at the port of Velmora walked out on Monday after talks over shift patterns broke down.

"We will not accept unsafe night shifts," said union leader Marta Ivo. "Our members deserve better."

Port officials said 14 vessels were waiting to unload by Monday evening.

The strike is the first at the port since 2019, when a two-day stoppage delayed grain exports.

The port authority said it would publish its shift plan in full on Tuesday.
"""

B_TEXT = """Velmora dockers walk out over night shifts

Port officials said 12 vessels were waiting to unload by Monday evening.

Dock workers at the port of Velmora walked out on Monday after talks over shift patterns broke down.

"We will not accept unsafe night shifts," said union leader Marta Ivo.

Fuel distributors in the region warned that deliveries to petrol stations could be delayed by days.

The port authority said it would publish its shift plan in full on Tuesday.
"""


def _write_pair(tmp_path: Path, a_text: str, b_text: str) -> tuple[str, str]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(a_text, encoding="utf-8")
    b.write_text(b_text, encoding="utf-8")
    return str(a), str(b)


@pytest.fixture
def pair_files(tmp_path: Path) -> tuple[str, str]:
    return _write_pair(tmp_path, A_TEXT, B_TEXT)


async def _ready(pilot: object) -> AlignedView:
    app = pilot.app  # type: ignore[attr-defined]
    for _ in range(100):
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        views = app.screen.query(AlignedView)
        if views:
            return views.first()  # type: ignore[no-any-return]
    raise AssertionError("the compare view never appeared")


async def test_compare_opens_and_rows_pair_sentences(pair_files: tuple[str, str]) -> None:
    app = make_app("compare", pair_files)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await _ready(pilot)
        assert isinstance(app.screen, CompareScreen)
        rows = view.comparison.rows
        al = view.comparison.alignment
        paired = [r for r in rows if r.pair is not None]
        assert paired, "the shared sentences are paired"
        texts = {(al.a[r.a[0]][:20], al.b[r.b[0]][:20]) for r in paired}
        assert ("The port authority s", "The port authority s") in texts
        assert any(r.kind == "only_a" and "2019" in al.a[r.a[0]] for r in rows)
        assert any(r.kind == "only_b" and "Fuel distributors" in al.b[r.b[0]] for r in rows)


JAPANESE_A = ("東京で震度5強の地震\n\n9日午前10時ごろ、東京都内で震度5強の揺れを観測する地震がありました。気象庁によりますと、"
              "震源地は千葉県北西部で、震源の深さはおよそ70キロと推定されています。この地震による津波の心配はありません。\n\n"
              "東京消防庁によりますと、現在のところけが人の情報は入っていないということです。\n")


async def test_chinese_and_japanese_keep_the_divider_in_one_column(tmp_path: Path) -> None:
    """Two cells a character: wrapped and padded by characters, each pane's lines ran into the other's."""
    from rich.cells import cell_len

    app = make_app("compare", _write_pair(tmp_path, JAPANESE_A, JAPANESE_A.replace("9日午前10時ごろ、東京都内で",
                                                                                  "東京都内で9日午前10時ごろ、")))
    async with app.run_test(size=(100, 24)) as pilot:
        view = await _ready(pilot)
        assert len(view.comparison.alignment.a) == 4  # each 。 ends a sentence
        lines = ["".join(seg.text for seg in view.render_line(y)) for y in range(10)]
        dividers = {cell_len(line[:line.index("│")]) for line in lines if "│" in line}
        assert len(dividers) == 1 and all(cell_len(line) == 100 for line in lines)
        assert not any("the page stops here" in line for line in lines)  # 。 ends the page's last sentence


async def test_navigation_keys_move_the_cursor(pair_files: tuple[str, str]) -> None:
    app = make_app("compare", pair_files)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await _ready(pilot)
        last = len(view.comparison.rows) - 1
        await pilot.press("G")
        assert view.cursor == last
        await pilot.press("g")
        assert view.cursor == 0
        await pilot.press("j")
        moved_to = view.cursor
        assert moved_to > 0
        await pilot.press("k")
        assert view.cursor == 0
        await pilot.press("space")
        assert view.cursor > 0
        await pilot.press("b")
        assert view.cursor == 0
        await pilot.press("n")
        assert view.current_row() is not None and view.current_row().is_difference  # type: ignore[union-attr]
        here = view.cursor
        await pilot.press("N")
        assert view.cursor <= here
        await pilot.press("g", "u")
        assert view.current_row().pair is None  # type: ignore[union-attr]
        await pilot.press("U")
        await pilot.press("tab")
        assert view.side == "b"
        await pilot.press("w")
        assert view.wrap is False
        await pilot.press("d")
        assert view.word_diff is False


async def test_moved_pair_is_marked_and_m_finds_it(pair_files: tuple[str, str]) -> None:
    app = make_app("compare", pair_files)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await _ready(pilot)
        if not any(r.moved for r in view.comparison.rows):
            pytest.fail("the vessels sentence moved to the top in B and should be marked moved")
        await pilot.press("g", "m")
        row = view.current_row()
        assert row is not None and row.moved


async def test_search_highlights_and_n_continues(pair_files: tuple[str, str]) -> None:
    app = make_app("compare", pair_files)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await _ready(pilot)
        await pilot.press("slash", *"port authority", "enter")
        assert view.query_text == "port authority"
        row = view.current_row()
        assert row is not None and view.matches(row)
        await pilot.press("escape")
        assert view.query_text == ""
        assert isinstance(app.screen, CompareScreen), "escape clears the search before leaving"


async def test_keys_typed_right_behind_slash_go_into_the_search(pair_files: tuple[str, str]) -> None:
    app = make_app("compare", pair_files)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await _ready(pilot)
        for key in ("slash", "p", "o", "r", "t", "a"):  # one burst, as tmux or a paste sends it
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        for _ in range(50):
            await pilot.pause()
            if view.query_text == "porta":
                break
        assert view.query_text == "porta"
        assert isinstance(app.screen, CompareScreen), "a was typed into the search, not taken as annotate"


async def test_swap_panel_help_and_quit(pair_files: tuple[str, str]) -> None:
    app = make_app("compare", pair_files)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await _ready(pilot)
        title_a = view.comparison.a.title
        await pilot.press("s")
        assert view.comparison.b.title == title_a
        await pilot.press("p")
        assert not app.screen.query_one("#panel").has_class("hidden")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("q")
    assert app.return_value == 0


async def test_narrow_terminal_stacks_the_panes(pair_files: tuple[str, str]) -> None:
    app = make_app("compare", pair_files)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await _ready(pilot)
        assert view.stacked
        first = view.render_line(0).text
        assert first.strip(), "the first line shows text"
        assert len(first) == view.scrollable_content_region.width


async def test_copy_sends_the_sentence_with_its_source(pair_files: tuple[str, str]) -> None:
    app = make_app("compare", pair_files)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await _ready(pilot)
        await pilot.press("g", "y")
        _side, index = view.current_sentence()  # type: ignore[misc]
        assert view.comparison.alignment.a[index] in app.clipboard
        assert pair_files[0] in app.clipboard


async def test_unreadable_file_shows_an_error_not_a_crash(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    other = tmp_path / "b.txt"
    other.write_text(B_TEXT)
    app = make_app("compare", (str(empty), str(other)))
    async with app.run_test(size=(120, 36)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if "Cannot compare" in str(app.screen.query_one("#status").render()):
                break
        assert "empty" in str(app.screen.query_one("#status").render())


async def follows_a_theme_change(pilot: Any, view: Any, *caches: dict[Any, Any]) -> None:
    """A line-API widget's lines change with the theme, and are what they would be with ``caches`` cold."""
    dark = [view.render_line(y) for y in range(5)]
    await pilot.press("ctrl+t")
    await pilot.pause()
    light = [view.render_line(y) for y in range(5)]
    assert light != dark
    for cache in caches:
        cache.clear()
    assert [view.render_line(y) for y in range(5)] == light, "what a cold cache draws"


async def test_styles_follow_a_theme_change_although_they_are_cached_per_frame(pair_files: tuple[str, str]) -> None:
    app = make_app("compare", pair_files)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await _ready(pilot)
        await follows_a_theme_change(pilot, view, view._styles, view._combined)


async def test_opened_at_sentences_the_cursor_starts_on_their_row(pair_files: tuple[str, str]) -> None:
    from newsdiff.core.pipeline import compare_sources

    app = make_app("compare", pair_files)
    async with app.run_test(size=(80, 12)) as pilot:
        first = await _ready(pilot)
        al = first.comparison.alignment
        fuel = next(j for j, text in enumerate(al.b) if "Fuel distributors" in text)
        authority = next(i for i, text in enumerate(al.a) if "port authority" in text)
        for at, side in (((set(), {fuel}), "b"), (({authority}, set()), "a")):
            app.push_screen(CompareScreen(lambda: compare_sources(*pair_files), at=at))
            await pilot.pause(0.1)
            view = await _ready(pilot)
            await pilot.pause(0.1)
            row = view.current_row()
            assert row is not None and (fuel in row.b if side == "b" else authority in row.a)
            assert view.side == side, "the cursor sits on the side that holds the sentence"
            start = view._row_start[view.cursor]
            assert view.scroll_offset.y <= start < view.scroll_offset.y + view.size.height, "its row is on screen"
            await pilot.press("q")


async def test_a_page_cut_off_mid_sentence_says_so_under_its_last_sentence(tmp_path: Path) -> None:
    app = make_app("compare", _write_pair(tmp_path, A_TEXT, B_TEXT.replace("shift plan in full on Tuesday.",
                                                                            "shift plan in full and")))
    async with app.run_test(size=(120, 36)) as pilot:
        view = await _ready(pilot)
        al = view.comparison.alignment
        assert al.b[-1].endswith("in full and"), "the cleaner keeps the cut-off sentence"
        labels = [(line.b.label if line.b else "", line.a.label if line.a else "") for line in view._lines]
        assert any("mid-sentence" in b_label for b_label, _ in labels)
        assert not any("mid-sentence" in a_label for _, a_label in labels), "A ends with a full stop"


async def test_a_page_without_a_headline_is_named_by_how_it_opens(tmp_path: Path) -> None:
    from textual.widgets import Static

    app = make_app("compare", _write_pair(
        tmp_path, "date 2026-03-09 Dock workers at the port of Velmora walked out on Monday after talks over shift "
        "patterns broke down, halting container traffic.\n\nPort officials said 14 vessels were waiting to unload by "
        "Monday evening.\n", B_TEXT))
    async with app.run_test(size=(120, 36)) as pilot:
        await _ready(pilot)
        header = str(app.screen.query_one("#header-a", Static).render())
        assert header.startswith("A (no headline) Dock workers at the port of Velmora walked out"), header
        assert "…" in header.splitlines()[0], "cut at 48 characters: two lines at most in an 80-column header"
        assert "Velmora dockers walk out over night shifts" in str(app.screen.query_one("#header-b", Static).render())


async def test_the_status_line_says_why_a_low_scored_pair_is_a_pair() -> None:
    """The dockworkers pair scores 0.07 by the pairing model; the status line says what pairs it."""
    corpus = Path(__file__).resolve().parents[1] / "src" / "newsdiff" / "demo" / "corpus"
    files = (str(corpus / "port-strike-2026-03__meridian-daily.html"),
             str(corpus / "port-strike-2026-03__northern-ledger.txt"))
    app = make_app("compare", files)
    async with app.run_test(size=(160, 40)) as pilot:
        view = await _ready(pilot)
        target = next(k for k, r in enumerate(view.comparison.rows)
                      if r.pair is not None and view.comparison.alignment.pairs[r.pair].basis)
        while view.cursor != target:
            await pilot.press("j")
        status = str(app.screen.query_one("#status").render())
        assert "partial · score 0.07 (same count of dockworkers)" in status
