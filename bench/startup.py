"""Start-up and redraw speed of the reader.

Prints (medians of repeated runs):
- the whole ``newsdiff align SEED_A SEED_B --json`` command;
- launch to the first compare-view frame showing seed text, through the real command in tmux
  (what a person sees; skipped when tmux or ../shared is absent), warm (caches filled by an
  untimed first run) and cold (an empty NEWSDIFF_HOME each run, so the word table is built);
- inside Textual's Pilot (no terminal), at 400 and 2,000 rows: the time of each key's action
  plus one frame of the aligned view, and the whole app's CPU per key press (bindings, status
  line, footer, compositor) less that of a key no binding takes.

    python bench/startup.py [--runs N]

With an editable install and PYTHONDONTWRITEBYTECODE set, run ``python -m compileall -q src``
first, or every launch measured also compiles newsdiff's modules.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SEED_A, SEED_B = SHARED / "000_a44d6143617e6a0b.txt", SHARED / "004_710c371274b95fd0.txt"


def tmux_first_frame(runs: int, cold: bool) -> list[float]:
    """Seconds from launch to the seed text on screen. Warm: one NEWSDIFF_HOME whose caches (the
    word table) an untimed first run filled; cold: a fresh, empty home for every run."""
    socket = f"newsdiff-bench-{uuid.uuid4().hex[:8]}"  # our own tmux server: nobody else's sessions touched
    warm_home = None if cold else tempfile.mkdtemp()
    times = []
    # A session that outlives the runs keeps the server up: a server that exits with its last
    # session races the next new-session ("server exited unexpectedly").
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-s", "keep", "sleep 600"], check=True)
    try:
        for k in range(runs if cold else runs + 1):
            name = f"bench-{uuid.uuid4().hex[:6]}"
            home = warm_home or tempfile.mkdtemp()
            started = time.perf_counter()
            command = (f"env -u COLUMNS -u LINES NEWSDIFF_HOME={home} NO_COLOR=1 "
                       f"newsdiff compare {SEED_A} {SEED_B}")
            subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
                            command], check=True)
            try:
                while time.perf_counter() - started < 20:
                    screen = subprocess.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", name],
                                            capture_output=True, text=True).stdout
                    if "Let me be absolutely clear" in screen:
                        if cold or k > 0:
                            times.append(time.perf_counter() - started)
                        break
                    time.sleep(0.01)
            finally:
                subprocess.run(["tmux", "-L", socket, "kill-session", "-t", name], capture_output=True)
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    return times


def align_command(runs: int) -> list[float]:
    """Seconds for the whole ``newsdiff align SEED_A SEED_B --json`` command (warm caches)."""
    env = {**os.environ, "NEWSDIFF_HOME": tempfile.mkdtemp()}
    command = ["newsdiff", "align", str(SEED_A), str(SEED_B), "--json"]
    subprocess.run(command, env=env, check=True, capture_output=True)  # fills the caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def synthetic(rows: int):  # type: ignore[no-untyped-def]
    from newsdiff.core.align import build_comparison
    from newsdiff.core.models import Alignment, AlignStats, Article, Pair

    words = "port union strike talks ships fuel grain rota night shift authority mediator".split()
    a = [f"Sentence {i} about the {words[i % 12]} and the {words[(i * 7) % 12]} in Velmora." for i in range(rows)]
    b = [s.replace("about", "on") if i % 3 else s for i, s in enumerate(a)]
    pairs = tuple(Pair((i,), (i,), "identical" if i % 3 == 0 else "edited", 0.9) for i in range(0, rows, 2))
    alignment = Alignment(tuple(a), tuple(b), pairs, AlignStats(0.5, 0.5))
    return build_comparison(Article("A", "\n".join(a)), Article("B", "\n".join(b)), alignment)


async def pilot_times(rows: int, presses: int) -> tuple[float, list[float], list[float]]:
    from textual.geometry import Region

    from newsdiff.tui.app import make_app
    from newsdiff.tui.screens.compare import CompareScreen
    from newsdiff.tui.widgets.aligned_view import AlignedView

    comparison = synthetic(rows)
    app = make_app("compare", (str(SEED_A), str(SEED_B)))
    started = time.perf_counter()
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query(AlignedView):
            await pilot.pause(0.005)
        first = time.perf_counter() - started
        app.push_screen(CompareScreen(lambda: comparison))
        while not app.screen.query(AlignedView):
            await pilot.pause(0.005)
        view = app.screen.query_one(AlignedView)
        await pilot.pause(0.1)
        keys = []
        # The work a key costs the view: the action, then one frame of the view drawn afresh as
        # the compositor asks for it (Pilot's own key delivery and idle waits are left out).
        actions = [view.action_cursor_down, view.action_next_difference, view.action_page_down,
                   view.action_bottom, view.action_top, view.action_toggle_wrap]
        frame = Region(0, 0, *view.outer_size)
        for k in range(presses):
            t = time.perf_counter()
            actions[k % len(actions)]()
            view._scroll_to_cursor()
            view.render_lines(frame)
            keys.append(time.perf_counter() - t)
        # The whole app's work for a key (bindings, status line, footer, compositor, output):
        # CPU time of a press through Pilot, less the CPU of a press that no binding takes.
        async def cpu(key: str) -> float:
            c = time.process_time()
            await pilot.press(key)
            await pilot.pause()
            return time.process_time() - c

        idle = statistics.median([await cpu("z") for _ in range(presses // 2)])
        presses_ = ["j", "n", "space", "G", "g", "w"]
        whole = [await cpu(presses_[k % len(presses_)]) - idle for k in range(presses)]
    return first, keys, whole


def _ms(times: list[float]) -> str:
    return (f"median {statistics.median(times) * 1000:.1f} ms, "
            f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.1f} ms")


def _figures(times: list[float]) -> str:
    return f"median {statistics.median(times):.3f} s, best {min(times):.3f} s over {len(times)} runs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    os.environ.setdefault("NEWSDIFF_HOME", tempfile.mkdtemp())
    if shutil.which("newsdiff") and SEED_A.exists():
        print(f"align command on the seed pair: {_figures(align_command(runs))}")
    if shutil.which("tmux") and shutil.which("newsdiff") and SEED_A.exists():
        for cold in (False, True):
            frames = tmux_first_frame(runs, cold)
            if not frames:
                raise SystemExit("tmux: the seed text never appeared (is the installed newsdiff working?)")
            label = "cold (empty NEWSDIFF_HOME each run)" if cold else "warm"
            print(f"tmux: launch to first frame with seed text, {label}: {_figures(frames)}")
    else:
        print("tmux first frame: skipped (needs tmux, the installed newsdiff and ../shared/seeds)")
    for rows in (400, 2000):
        first, keys, whole = asyncio.run(pilot_times(rows, 60))
        print(f"pilot: {rows} rows: first seed frame {first:.3f} s; key + view redraw "
              f"{_ms(keys)}; whole app per key (CPU) {_ms(whole)}")

if __name__ == "__main__":
    main()
