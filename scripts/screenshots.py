"""Regenerate screenshots/ (SVG, and PNG when rsvg-convert is installed) from the bundled demo corpus."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "screenshots"


async def _wait_for(pilot, selector: str) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        await pilot.pause(0.05)
        if pilot.app.screen.query(selector):
            return
    raise RuntimeError(f"{selector} never appeared")


async def _open_dock_story(pilot) -> None:  # type: ignore[no-untyped-def]
    # The oldest demo story (the dock strike: four outlets, one wire story rewritten three ways).
    await pilot.press("G", "enter")
    await _wait_for(pilot, "#articles")
    await pilot.pause(1.0)


async def shoot(name: str, size: tuple[int, int], keys: list[str], view: str | None) -> None:
    """Open ``view`` ("compare", "facts" or None: the story list) on the demo corpus, press ``keys``, save."""
    from newsdiff.core.demo_library import demo_library_path
    from newsdiff.tui.app import make_app

    app = make_app("demo", library=demo_library_path())
    async with app.run_test(size=size) as pilot:
        await _wait_for(pilot, "#stories")
        await pilot.pause(0.3)
        if view is not None:
            await _open_dock_story(pilot)
            await pilot.press("c" if view == "compare" else "f")
            await _wait_for(pilot, "AlignedView" if view == "compare" else "FactsTable")
            await pilot.pause(0.3)
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.1)
        if name == "story":
            await pilot.press("enter")
            await _wait_for(pilot, "#articles")
            await pilot.pause(1.5)
        app.save_screenshot(str(OUT / f"{name}.svg"))


SHOTS = [
    ("stories", (120, 36), [], None),
    ("story", (120, 36), [], None),
    ("compare", (120, 36), ["n"], "compare"),
    ("compare-80x24", (80, 24), ["n"], "compare"),
    ("compare-panel", (160, 40), ["p", "n"], "compare"),
    ("help", (120, 36), ["question_mark"], "compare"),
    ("facts", (160, 40), ["j"] * 5, "facts"),  # on the strike fact: 2,300 dockworkers or 2,000
]
NO_COLOR_SHOTS = [
    ("compare-no-color", (120, 36), ["n"], "compare"),
    ("facts-80x24", (80, 24), ["j"] * 5, "facts"),
]


def main() -> int:
    os.environ.setdefault("NEWSDIFF_HOME", tempfile.mkdtemp(prefix="newsdiff-shots-"))
    OUT.mkdir(exist_ok=True)
    for name, size, keys, view in SHOTS:
        asyncio.run(shoot(name, size, keys, view))
        print(f"screenshots/{name}.svg")
    os.environ["NO_COLOR"] = "1"
    for name, size, keys, view in NO_COLOR_SHOTS:
        asyncio.run(shoot(name, size, keys, view))
        print(f"screenshots/{name}.svg")
    if shutil.which("rsvg-convert"):
        for svg in OUT.glob("*.svg"):
            subprocess.run(["rsvg-convert", str(svg), "-o", str(svg.with_suffix(".png"))], check=True)
        print("PNG copies written with rsvg-convert")
    return 0


if __name__ == "__main__":
    sys.exit(main())
