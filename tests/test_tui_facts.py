"""The facts view: Pilot tests on the demo corpus (open, columns, filters, compare at a fact, 80x24) and its words."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from textual import events
from textual.widgets import Input, Static

from newsdiff import paths
from newsdiff.config import Settings
from newsdiff.core.facts import Fact, FactDiscrepancy, Member, StoryFacts
from newsdiff.core.models import Article
from newsdiff.core.pipeline import FactsInput, add_sources, open_library
from newsdiff.tui import facts_text
from newsdiff.tui.app import NewsdiffApp, make_app
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.facts import FactsScreen
from newsdiff.tui.screens.help import HelpScreen
from newsdiff.tui.widgets.aligned_view import AlignedView
from newsdiff.tui.widgets.facts_table import FactsTable
from tests.conftest import demo_copy
from tests.test_tui_compare import A_TEXT, follows_a_theme_change
from tests.test_tui_library import _until
from tests.test_tui_stories import _help_text, open_story, story_with

DOCK_OUTLETS = ("Harbor Wire", "The Coastline Post", "Meridian Daily", "The Northern Ledger")


@pytest.fixture
def library(demo_template: Path, isolated_home: Path) -> Path:
    return demo_copy(demo_template, paths.library_file())


async def open_facts(app: NewsdiffApp, pilot: Any, words: str, key: str = "f") -> FactsTable:
    """From the story list, open the story whose title holds ``words``, then its facts."""
    await open_story(app, pilot, story_with(words))
    await pilot.press(key)
    await _until(pilot, lambda: isinstance(app.screen, FactsScreen) and app.screen.table is not None, "facts")
    await pilot.pause()
    table = app.screen.query_one(FactsTable)
    return table


def text_of(app: NewsdiffApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def strings(table: FactsTable) -> list[str]:
    return [table.render_line(y).text for y in range(table.size.height)]


async def test_f_opens_one_row_per_fact_and_a_column_per_outlet(library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        story = table.story
        assert len(table.shown) == len(story.facts) > 10
        outlets = [story.articles[k].outlet or "" for k in table.reports]
        assert sorted(outlets) == sorted(DOCK_OUTLETS)
        headings = tuple(o.removeprefix("The ") for o in outlets)
        assert table.columns.labels == headings and not table.columns.legend, "names (less The) at 120 columns"
        lines = strings(table)
        assert all(name in lines[0] for name in headings), "the header names the outlets"
        assert lines[1].startswith("▸ ") and lines[1].count("●") + lines[1].count("◐") == 4, "all four carry it"
        marks = "".join(lines)
        assert "○" in marks and "◐" in marks and "!" in marks, "absent and in-part marks, disagreement flags"
        first = story.facts[0]
        main_text = next(m.text for m in first.sentences if m.article == story.main)
        assert main_text[:40] in lines[1], "the text is the main report's"
        assert "4 reports" in text_of(app, "#facts-title")


async def test_navigation_and_the_bottom_line_spells_out_the_disagreement(library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        await pilot.press("G")
        assert table.cursor == len(table.shown) - 1
        await pilot.press("g")
        assert table.cursor == 0
        await pilot.press("pagedown")
        assert table.cursor > 1
        await pilot.press("pageup", "j", "down")
        assert table.cursor == 2
        await pilot.press("k", "up")
        assert table.cursor == 0
        strike = next(p for p, k in enumerate(table.shown) if any("2,300 dockworkers" in m.text
                                                                  for m in table.story.facts[k].sentences))
        await pilot.press(*["j"] * strike)
        line = next(ln for ln in text_of(app, "#facts-detail").splitlines() if ln.startswith("number: "))
        assert "The Northern Ledger 2,000" in line and " 2,300" in line, line
        parts = [part.strip() for part in line.removeprefix("number: ").split("·")]
        same = [part for part in parts if part.endswith(" 2,300")]
        assert len(same) == 1 and "Harbor Wire" in same[0] and "The Coastline Post" in same[0], "the same value, named together"
        assert "Meridian Daily" in same[0]  # its "With about 2,300 dockworkers ..." pairs with the Ledger's 2,000


async def test_e_shows_only_exclusive_facts_and_slash_filters_as_you_type(library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        total = len(table.shown)
        await pilot.press("e")
        exclusive = [table.story.facts[k] for k in table.shown]
        assert exclusive and len(exclusive) < total and all(len(f.articles) == 1 for f in exclusive)
        assert "exclusive facts only" in text_of(app, "#facts-detail")
        await pilot.press("e", "slash", *"cranes")
        assert isinstance(app.focused, Input)
        shown = [table.story.facts[k] for k in table.shown]
        assert 0 < len(shown) < total
        assert all(any("cranes" in m.text.casefold() for m in f.sentences) for f in shown)
        await pilot.press("enter")
        assert app.focused is table and table.query_text == "cranes", "enter keeps the filter"
        await pilot.press("escape")
        assert len(table.shown) == total and isinstance(app.screen, FactsScreen), "esc clears it first"
        await pilot.press("slash", *"no such words")
        assert not table.shown and "No fact holds" in table.render_line(1).text
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, FactsScreen), "then esc goes back"


async def test_keys_typed_right_behind_slash_go_into_the_filter(library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        for key in ("slash", "c", "r", "a", "n", "e"):  # one burst, as tmux or a paste sends it
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await _until(pilot, lambda: table.query_text == "crane", "the filter")
        assert not table.exclusive_only, "e was typed into the filter, not taken as a key"


async def test_a_key_reaching_the_screen_between_the_filter_showing_and_its_focus_is_typed_into_it(
        library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        box = app.screen.query_one("#facts-filter", Input)
        box.remove_class("hidden")  # the box shows; the table still has focus (the moment tmux hit)
        assert app.focused is table
        await pilot.press("e")  # would toggle exclusive-only if it reached the screen's bindings
        await _until(pilot, lambda: table.query_text == "e", "the filter")
        assert app.focused is box and not table.exclusive_only


async def test_keys_typed_into_the_filter_before_its_focus_are_kept_when_it_takes_focus(library: Path) -> None:
    """A box that selects its text when it takes focus would let the next key replace what was typed
    before the focus: `/crane` sent by tmux in one burst became "ne" in CI."""
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        box = app.screen.query_one("#facts-filter", Input)
        box.remove_class("hidden")
        await pilot.press("c", "r", "a", "n", "e")
        await _until(pilot, lambda: table.query_text == "crane", "the filter")
        assert box.value == "crane"


async def test_slash_again_starts_a_new_filter_as_in_less(library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        await pilot.press("slash", "c", "r", "a", "n", "e", "enter")
        await _until(pilot, lambda: table.query_text == "crane", "the first filter")
        await pilot.press("slash", "d", "o", "c", "k")
        await _until(pilot, lambda: table.query_text == "dock", "the second filter")


async def test_enter_compares_the_two_reports_that_disagree_at_the_fact(library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        story = table.story
        strike = next(p for p, k in enumerate(table.shown) if any("2,300 dockworkers" in m.text
                                                                  for m in story.facts[k].sentences))
        fact = story.facts[table.shown[strike]]
        await pilot.press(*["j"] * strike, "enter")
        await _until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.query(AlignedView), "compare")
        view = app.screen.query_one(AlignedView)
        a, b = view.comparison.a.outlet, view.comparison.b.outlet
        assert "The Northern Ledger" in (a, b) and {a, b} & {"Harbor Wire", "The Coastline Post"}, "2,000 / 2,300"
        row = view.current_row()
        in_a = {m.index for m in fact.sentences if story.articles[m.article].outlet == a}
        in_b = {m.index for m in fact.sentences if story.articles[m.article].outlet == b}
        assert row is not None and in_a & set(row.a) and in_b & set(row.b), "the cursor is on the fact's row"
        await pilot.press("q")
        assert isinstance(app.screen, FactsScreen) and table.cursor == strike


async def test_enter_on_a_fact_two_reports_tell_inside_another_facts_sentence_finds_those_sentences(
        library: Path) -> None:
    """Halcyra's size and its ransom ("Halcyra, the country's second-largest mobile operator with about
    5.8mn subscribers, said it had not received a ransom demand") are told inside another report's
    sentence on what was not taken; the facts view marks that report ◐ and enter lands on that
    sentence."""
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "Halcyra")
        story = table.story
        at = next(p for p, k in enumerate(table.shown) if story.facts[k].also and len(story.facts[k].sentences) == 1)
        fact = story.facts[table.shown[at]]
        assert all(fact.kind_of(m.article) == "partial" for m in fact.also)
        await pilot.press(*["j"] * at, "enter")
        await _until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.query(AlignedView), "compare")
        view = app.screen.query_one(AlignedView)
        row = view.current_row()
        told = {(story.articles[m.article].outlet, m.index) for m in (*fact.sentences, *fact.also)}
        outlets = (view.comparison.a.outlet, view.comparison.b.outlet)
        assert row is not None
        assert any((outlets[0], i) in told for i in row.a) and any((outlets[1], j) in told for j in row.b), \
            "the cursor is on the sentences that tell the fact"


async def test_at_80x24_the_columns_are_initials_with_a_legend(library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(80, 24)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        initials = {"Harbor Wire": "HW", "The Coastline Post": "CP", "Meridian Daily": "MD", "The Northern Ledger": "NL"}
        outlets = [table.story.articles[k].outlet or "" for k in table.reports]
        assert table.columns.legend and table.columns.labels == tuple(initials[o] for o in outlets)
        legend = text_of(app, "#facts-legend")
        for name, label in initials.items():
            assert f"{label} {name}" in legend
        assert "● carried" in legend and "absent" in legend
        header = table.render_line(0).text
        assert " ".join(table.columns.labels) + " !" in header and len(header) == table.scrollable_content_region.width
        for _ in range(8):
            await pilot.press("j")
            assert table._lines[table.scroll_offset.y].first, "scrolled down, the top line starts a fact"
            assert table.render_line(1 + table._starts[table.cursor] - table.scroll_offset.y).text.startswith("▸")


async def test_the_table_follows_a_theme_change_although_its_styles_are_cached(library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(100, 30)) as pilot:
        table = await open_facts(app, pilot, "dockers")
        await follows_a_theme_change(pilot, table, table._styles)


async def test_reports_in_another_language_are_listed_not_aligned(library: Path) -> None:
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "ferry")
        assert "Gazzetta del Porto" not in table.columns.labels
        assert "Not aligned (another language): Gazzetta del Porto (it)" in text_of(app, "#facts-legend")


async def test_a_story_of_one_report_says_so(tmp_path: Path, isolated_home: Path) -> None:
    page = tmp_path / "one.txt"
    page.write_text(A_TEXT, encoding="utf-8")
    with open_library() as lib:
        add_sources(lib, [str(page)])
        story_id = lib.stories()[0].id
    app = make_app("library")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(FactsScreen(None, story_id))
        await _until(pilot, lambda: isinstance(app.screen, FactsScreen) and app.screen.table is not None, "facts")
        assert "One report only" in text_of(app, "#facts-title")
        assert "Harbour cranes stand idle" in text_of(app, "#facts-title"), "no title given: the report's"
        await pilot.press("enter")
        assert isinstance(app.screen, FactsScreen), "nothing to compare it with"


async def test_progress_shows_while_computing_and_stale_results_are_dropped(
        library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdiff.core import pipeline

    real = pipeline.facts_of
    go_on = threading.Event()
    stopped: list[BaseException] = []

    def slow(reports: FactsInput, on_progress: Any = None) -> StoryFacts:
        try:
            for done in range(1, 1000):
                on_progress(done, 1000)
                if go_on.wait(0.01):
                    break
        except BaseException as err:  # the screen is gone: its worker stops at the next step
            stopped.append(err)
            raise
        return real(reports, on_progress)

    monkeypatch.setattr(pipeline, "facts_of", slow)
    app = make_app("library")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_story(app, pilot, story_with("dockers"))
        await pilot.press("f")
        await _until(pilot, lambda: "pairs" in text_of(app, "#facts-title"), "progress")
        assert "Aligning every two reports" in text_of(app, "#facts-title")
        await pilot.press("q")
        await _until(pilot, lambda: bool(stopped), "the abandoned worker stopped")
        await pilot.press("f")
        screen = app.screen
        assert isinstance(screen, FactsScreen)
        screen.post_message(FactsScreen.FactsComputed(screen.generation - 1, None, "old"))
        await pilot.pause()
        assert "old" not in text_of(app, "#facts-title"), "a stale result is dropped"
        go_on.set()
        await _until(pilot, lambda: screen.table is not None, "facts")


async def test_the_facts_keys_are_in_help_and_can_be_remapped(library: Path) -> None:
    settings = Settings(keys=MappingProxyType({"story.facts": "F", "facts.exclusive": "x"}))
    app = make_app("library", settings=settings)
    async with app.run_test(size=(120, 36)) as pilot:
        table = await open_facts(app, pilot, "dockers", key="F")
        await pilot.press("question_mark")
        await _until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        text = _help_text(app)
        for binding_id in ("facts.compare", "facts.filter", "facts.exclusive", "facts.down", "facts.top"):
            assert binding_id in text
        assert "● carried" in text
        await pilot.press("escape", "x")
        assert table.exclusive_only



# -- the words and columns of the view, on small stories written for the test ---------------------

def _story(outlets: Sequence[str], facts: list[Fact], main: int | None = 0, apart: tuple[int, ...] = ()) -> StoryFacts:
    articles = tuple(Article(title=f"Report {k}", body="", outlet=o or None) for k, o in enumerate(outlets))
    return StoryFacts(articles, tuple(facts), main, "en", apart)


def _fact(members: dict[int, str], kind: str = "identical", *disagreements: FactDiscrepancy) -> Fact:
    return Fact(tuple(Member(a, 0, t) for a, t in sorted(members.items())), len(members), kind, disagreements)


def test_initials_leave_out_small_words_and_stay_distinct() -> None:
    assert [facts_text.initials(n) for n in ("The Northern Ledger", "Pulse24", "Gazzetta del Porto", "Harbor Wire")] == [
        "NL", "PU", "GP", "HW"]
    story = _story(["Harbor Wire", "Harbor Wire", "Hamburg Wochenblatt", "Meridian Daily"], [])
    assert facts_text.choose_columns(story, (0, 1, 2, 3), 80).labels == ("HW1", "HW2", "HW3", "MD")


def test_columns_are_full_names_when_wide_initials_when_narrow_and_symbols_for_many() -> None:
    story = _story(DOCK_OUTLETS, [])
    assert facts_text.choose_columns(story, (0, 1, 2, 3), 200).labels == DOCK_OUTLETS
    assert facts_text.choose_columns(story, (0, 1, 2, 3), 115).labels == (
        "Harbor Wire", "Coastline Post", "Meridian Daily", "Northern Ledger")
    long = _story(["The Coastline Post and Evening Chronicle", *DOCK_OUTLETS[1:]], [])
    assert facts_text.choose_columns(long, (0, 1, 2, 3), 120).labels[0] == "Coastline Post…"
    narrow = facts_text.choose_columns(story, (0, 1, 2, 3), 100)
    assert narrow.legend and narrow.labels == ("HW", "CP", "MD", "NL")
    many = _story([f"Outlet number {k}" for k in range(50)], [])
    columns = facts_text.choose_columns(many, tuple(range(50)), 80)
    assert columns.width == 50 and columns.labels[:3] == ("1", "2", "3")
    text = facts_text.legend(many, columns, 78).plain
    assert "+" in text and "more" in text and len(text.splitlines()) <= facts_text.LEGEND_LINES + 1


def test_the_pair_to_compare_disagrees_most_else_carries_the_fact_with_the_main_report_on_the_left() -> None:
    number = FactDiscrepancy("number", ((0, "2300"), (1, "2300"), (3, "2000")))
    disputed = _fact({0: "2,300 walked out", 1: "2,300 walked out", 2: "Dockers walked out", 3: "2,000"},
                     "identical", number)
    story = _story(list(DOCK_OUTLETS), [disputed], main=2)
    assert facts_text.compare_pair(story, disputed) == (0, 3)
    assert facts_text.compare_pair(_story(list(DOCK_OUTLETS), [disputed], main=3), disputed) == (3, 0)
    shared = _fact({1: "x", 2: "y"})
    assert facts_text.compare_pair(story, shared) == (2, 1)
    alone = _fact({3: "only here"}, "exclusive")
    assert facts_text.compare_pair(story, alone) == (2, 3), "an exclusive fact is set against the main report"
    assert facts_text.compare_pair(_story(["Solo"], [alone]), _fact({0: "only"}, "exclusive")) is None
    spelled = facts_text.spelled_out(story, disputed).plain
    assert spelled == "number: Harbor Wire, The Coastline Post 2300 · The Northern Ledger 2000"


def test_one_value_spelled_two_ways_is_one_side_of_the_disagreement() -> None:
    """"$69bn" and "$69 billion" are one value: named together, each report with its own spelling,
    and the pair to compare is two reports that do disagree."""
    number = FactDiscrepancy("number", ((0, "$69bn"), (1, "$69 billion"), (3, "$68.7 billion")))
    fact = _fact({0: "a $69bn deal", 1: "a $69 billion deal", 3: "a $68.7 billion deal"}, "partial", number)
    story = _story(list(DOCK_OUTLETS), [fact], main=0)
    spelled = facts_text.spelled_out(story, fact).plain
    assert spelled == "number: Harbor Wire $69bn, The Coastline Post $69 billion · The Northern Ledger $68.7 billion"
    assert facts_text.compare_pair(story, fact) == (0, 3)


def test_marks_text_and_who_carries_a_fact() -> None:
    partial = _fact({0: "from the first", 1: "from the second"}, "partial")
    story = _story(["A Post", "B Times", "C Daily"], [partial], main=1, apart=(2,))
    assert [facts_text.mark(partial, k) for k in (0, 1, 2)] == ["partial", "partial", "absent"]
    assert facts_text.fact_text(story, partial) == "from the second", "the main report's words"
    assert facts_text.fact_text(_story(["A Post", "B Times", "C Daily"], [partial], main=2), partial) == "from the first"
    assert facts_text.where(story, partial, 200) == "closest two in part · carried by A Post, B Times"
    assert facts_text.where(story, partial, 20) == "closest two in part · carried by 2 of 2 reports"
    assert facts_text.where(story, _fact({1: "alone"}, "exclusive"), 5) == "only in B Times"
