"""SVG snapshots of each screen at 80x24 and 120x40, with and without colour (pytest-textual-snapshot).

Update only after looking at the report: `pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsdiff.tui.app import make_app
from tests.test_tui_compare import A_TEXT, B_TEXT


@pytest.fixture
def pair_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    # A fixed folder name keeps paths shown on screen identical between runs.
    folder = tmp_path_factory.getbasetemp() / "snap"
    folder.mkdir(exist_ok=True)
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text(A_TEXT, encoding="utf-8")
    b.write_text(B_TEXT, encoding="utf-8")
    return str(a), str(b)


async def _settle(pilot: Any) -> None:
    for _ in range(100):
        await pilot.pause(0.05)
        if pilot.app.screen.query("AlignedView") or pilot.app.screen.query("#stories"):
            break
    await pilot.pause(0.2)


def _title_neutral(app: Any) -> Any:
    app.screen.sub_title = "a.txt ↔ b.txt"
    return app


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("no_color", [False, True])
def test_compare_view(snap_compare: Any, pair_files: tuple[str, str], size: tuple[int, int], no_color: bool,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app("compare", pair_files)
    assert snap_compare(app, terminal_size=size, run_before=_settle, press=["n"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_help_screen(snap_compare: Any, pair_files: tuple[str, str], size: tuple[int, int]) -> None:
    app = make_app("compare", pair_files)
    assert snap_compare(app, terminal_size=size, run_before=_settle, press=["question_mark"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_story_list_on_a_small_library(snap_compare: Any, pair_files: tuple[str, str], size: tuple[int, int],
                                       isolated_home: Path) -> None:
    from newsdiff.core.pipeline import add_sources, open_library

    with open_library() as library:
        add_sources(library, pair_files)
    app = make_app("library")
    assert snap_compare(app, terminal_size=size, run_before=_settle)


async def _open_story(pilot: Any, keys: tuple[str, ...] = ()) -> None:
    """Wait for the story list, press ``keys`` there, then open the story under the cursor."""
    for _ in range(200):
        await pilot.pause(0.05)
        if pilot.app.screen.query("#stories") and pilot.app.screen.stories:
            break
    await pilot.press(*keys, "enter")
    for _ in range(200):
        await pilot.pause(0.05)
        if getattr(pilot.app.screen, "overview", None) is not None:
            break
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("no_color", [False, True])
def test_story_view_on_the_demo_corpus(snap_compare: Any, size: tuple[int, int], no_color: bool,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdiff.core.demo_library import demo_library_path

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app("demo", library=demo_library_path())
    assert snap_compare(app, terminal_size=size, run_before=_open_story)


async def _type_into_modal(pilot: Any, keys: list[str], selector: str, text: str) -> None:
    """Press ``keys``, wait for the modal holding ``selector``, then type ``text``."""
    await pilot.press(*keys)
    for _ in range(100):
        await pilot.pause(0.05)
        if pilot.app.screen.query(selector):
            break
    await pilot.press(*text)
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_annotate_modal(snap_compare: Any, pair_files: tuple[str, str], size: tuple[int, int]) -> None:
    async def open_modal(pilot: Any) -> None:
        await _settle(pilot)
        await _type_into_modal(pilot, ["j", "a"], "#annotate-box", "trimmed quote")

    app = make_app("compare", pair_files)
    assert snap_compare(app, terminal_size=size, run_before=open_modal)


def _corrected_demo() -> Path:
    """The demo library with two stories merged by the user and a note on another story's article."""
    from newsdiff.core.demo_library import demo_library_path
    from newsdiff.core.library import Library
    from newsdiff.core.notes import AnnotationStore
    from newsdiff.core.pipeline import article_ref, merge_stories

    path = demo_library_path()
    with Library(path) as lib:
        merge_stories(lib, [s.id for s in lib.stories() if s.title.startswith("Finance minister Varga")])
        dam = next(a for s in lib.stories() if "dam" in s.title for a in lib.articles(s.id, sentences=True))
        AnnotationStore().add(article_ref(dam.article), dam.article.body, dam.article.sentences[0].text, "check")
    return path


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_story_list_with_marks_pins_and_notes(snap_compare: Any, size: tuple[int, int]) -> None:
    app = make_app("demo", library=_corrected_demo())
    assert snap_compare(app, terminal_size=size, run_before=_settle, press=["space", "j", "space", "j"])


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_story_picker_filtered(snap_compare: Any, size: tuple[int, int]) -> None:
    async def pick(pilot: Any) -> None:
        await _open_story(pilot)
        await _type_into_modal(pilot, ["J"], "#picker-filter", "varga")

    from newsdiff.core.demo_library import demo_library_path

    assert snap_compare(make_app("demo", library=demo_library_path()), terminal_size=size, run_before=pick)


async def _open_facts(pilot: Any) -> None:
    """The dock strike story (the oldest: last in the list), its facts, the second fact selected."""
    await _open_story(pilot, ("G",))
    await pilot.press("f")
    for _ in range(200):
        await pilot.pause(0.05)
        if pilot.app.screen.query("FactsTable"):
            break
    await pilot.press("j")
    await pilot.pause(0.2)


@pytest.mark.parametrize(("size", "no_color"), [((80, 24), True), ((160, 40), False)])
def test_facts_view(snap_compare: Any, size: tuple[int, int], no_color: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsdiff.core.demo_library import demo_library_path

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app("demo", library=demo_library_path())
    assert snap_compare(app, terminal_size=size, run_before=_open_facts)
