"""The compare view marks a sentence the library prints under unrelated stories (a site's footer)."""

from __future__ import annotations

from pathlib import Path

from newsdiff import paths
from newsdiff.core.pipeline import compare_articles, compare_in_library, open_library, update_stories
from newsdiff.tui.app import make_app
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.story import StoryScreen
from newsdiff.tui.widgets.aligned_view import BOILERPLATE_LABEL, AlignedView
from tests.test_cluster_boilerplate import FOOTER, _reports
from tests.test_tui_library import _until
from tests.test_tui_stories import open_story


def _library_with_a_footer(isolated_home: Path) -> str:
    """The Gazette's ten unrelated pages with its footer, and the Courier's reports of three of
    them, in a fresh library; returns the story of the first event (one page of each)."""
    with open_library() as lib:
        ids = [lib.add(article).id for _, article in _reports()]
        update_stories(lib, ids)
        return next(s.id for s in lib.stories() if "cycling bridge" in s.title)


async def test_the_compare_view_marks_the_footer_the_library_prints_under_unrelated_stories(
        isolated_home: Path) -> None:
    story = _library_with_a_footer(isolated_home)
    app = make_app("library")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_story(app, pilot, story)
        assert isinstance(app.screen, StoryScreen)
        await pilot.press("c")  # the suggested pair: the story's two reports
        await _until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.comparison, "compare")
        view = app.screen.query_one(AlignedView)
        comparison = view.comparison
        texts = {"a": comparison.alignment.a, "b": comparison.alignment.b}
        flagged = {(side, texts[side][k]) for side, ks in (("a", comparison.boilerplate_a),
                                                             ("b", comparison.boilerplate_b)) for k in ks}
        assert {text for _, text in flagged} == {FOOTER}, flagged
        labels = [p.label for line in view._lines for p in (line.a, line.b) if p is not None and p.label]
        assert labels.count(BOILERPLATE_LABEL) == 1, labels
        side = next(side for side, _ in flagged)
        line = next(k for k, ln in enumerate(view._lines) if (ln.a if side == "a" else ln.b) is not None
                    and (ln.a if side == "a" else ln.b).label == BOILERPLATE_LABEL)  # type: ignore[union-attr]
        above = view._lines[line - 1].a if side == "a" else view._lines[line - 1].b
        assert above is not None and texts[side][above.sentence] == FOOTER, "the mark sits under the footer"


def test_two_files_compared_outside_the_library_carry_no_marks(isolated_home: Path) -> None:
    story = _library_with_a_footer(isolated_home)
    with open_library() as lib:
        stored = list(lib.articles(story, sentences=True))
    gazette, courier = sorted((s.article for s in stored), key=lambda a: a.outlet != "Harbourview Gazette")
    outside = compare_articles(gazette, courier)
    assert not outside.boilerplate_a and not outside.boilerplate_b
    inside = compare_in_library(gazette, courier, paths.library_file())
    assert [inside.alignment.a[k] for k in inside.boilerplate_a] == [FOOTER]
    swapped = inside.swapped()
    assert swapped.boilerplate_b == inside.boilerplate_a and swapped.boilerplate_a == inside.boilerplate_b
