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


async def shoot(name: str, size: tuple[int, int], keys: list[str], compare: bool) -> None:
    from newsdiff.core.demo_library import demo_library_path
    from newsdiff.tui.app import make_app

    app = make_app("demo", library=demo_library_path())
    async with app.run_test(size=size) as pilot:
        await _wait_for(pilot, "#stories")
        await pilot.pause(0.3)
        if compare:
            # The oldest demo story (the dock strike: four outlets, one wire story rewritten three ways).
            await pilot.press("G", "enter")
            await _wait_for(pilot, "#articles")
            await pilot.pause(1.0)
            await pilot.press("c")
            await _wait_for(pilot, "AlignedView")
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
    ("stories", (120, 36), [], False),
    ("story", (120, 36), [], False),
    ("compare", (120, 36), ["n"], True),
    ("compare-80x24", (80, 24), ["n"], True),
    ("compare-panel", (160, 40), ["p", "n"], True),
    ("help", (120, 36), ["question_mark"], True),
]


def main() -> int:
    os.environ.setdefault("NEWSDIFF_HOME", tempfile.mkdtemp(prefix="newsdiff-shots-"))
    OUT.mkdir(exist_ok=True)
    for name, size, keys, compare in SHOTS:
        asyncio.run(shoot(name, size, keys, compare))
        print(f"screenshots/{name}.svg")
    os.environ["NO_COLOR"] = "1"
    asyncio.run(shoot("compare-no-color", (120, 36), ["n"], True))
    print("screenshots/compare-no-color.svg")
    if shutil.which("rsvg-convert"):
        for svg in OUT.glob("*.svg"):
            subprocess.run(["rsvg-convert", str(svg), "-o", str(svg.with_suffix(".png"))], check=True)
        print("PNG copies written with rsvg-convert")
    return 0


if __name__ == "__main__":
    sys.exit(main())
