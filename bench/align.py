"""Alignment speed and memory: two synthetic 600-sentence articles, and the seed pair end to end.

    python bench/align.py [--runs N]

Prints medians of N runs: align() on 600 x 600 sentences (B shuffled and one in three sentences
rewritten), its peak memory (tracemalloc), the seed pair's `newsdiff align --json` command time,
and the difference (the alignment recall issue's bar: 600x600 at most 0.5 s more than the seed
command). A second 600x600 case replaces one in four of B's sentences with sentences of its own, so
the recall pass has sentences left alone to read (in the first case the first pass pairs them all).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import time
import tracemalloc
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SUBJECTS = ["The port authority", "Union leader Marta Ivo", "The finance ministry", "Engineers at the dam",
            "The regional water agency", "Shipping agents", "Prime Minister Elias Moreau", "The space agency"]
VERBS = ["said", "warned", "confirmed", "denied", "announced", "estimated", "reported", "insisted"]
OBJECTS = ["grain exports", "night-shift rotas", "the reservoir level", "defence spending", "fuel deliveries",
           "the launch window", "hospital admissions", "container volumes", "the rail fund", "ferry departures"]
PLACES = ["Velmora", "Kessa", "Orsk", "Dunmore", "Calvera", "Portavia", "Merida Bay", "Kestrel Point"]


def article(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} on {rnd.choice(['Monday', 'Tuesday', 'Friday'])} that "
            f"{rnd.choice(OBJECTS)} in {rnd.choice(PLACES)} had changed by {rnd.randint(2, 9000)} units since "
            f"{rnd.randint(1990, 2026)}, citing report number {k}." for k in range(n)]


def rewrite(sentences: list[str], seed: int) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for s in sentences:
        if rnd.random() < 1 / 3:
            s = s.replace(" said ", " told reporters ").replace(" had changed ", " moved ").replace("citing", "per")
        out.append(s)
    rnd.shuffle(out)
    return out


def unmatched(sentences: list[str], seed: int) -> list[str]:
    """One in four sentences replaced by another report's: the recall pass reads every sentence left alone."""
    rnd = random.Random(seed)
    other = article(len(sentences), seed + 100)
    return [other[k].replace("citing report", "in bulletin") if rnd.random() < 1 / 4 else s
            for k, s in enumerate(sentences)]


def time_align(a: list[str], b: list[str]) -> tuple[float, float, int]:
    from newsdiff import align

    tracemalloc.start()
    started = time.perf_counter()
    result = align(a, b)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    started = time.perf_counter()
    align(a, b)
    untraced = time.perf_counter() - started
    return untraced, peak / 1e6, len(result.pairs) + 0 * int(elapsed)


def seed_command() -> float:
    started = time.perf_counter()
    subprocess.run(["newsdiff", "align", str(SEEDS / "000_a44d6143617e6a0b.txt"),
                    str(SEEDS / "004_710c371274b95fd0.txt"), "--json"], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    a = article(600, 1)
    b = rewrite(a, 2)
    times, peaks = [], []
    for _ in range(runs):
        elapsed, peak, pairs = time_align(a, b)
        times.append(elapsed)
        peaks.append(peak)
    big = statistics.median(times)
    print(f"600x600 synthetic: median {big:.3f} s over {runs} runs, peak memory {max(peaks):.1f} MB, {pairs} pairs")
    c = unmatched(b, 3)
    mixed = statistics.median(time_align(a, c)[0] for _ in range(runs))
    print(f"600x600 with 1 in 4 of B unmatched (recall pass at work): median {mixed:.3f} s")
    if shutil.which("newsdiff") and SEEDS.exists():
        seed = statistics.median(seed_command() for _ in range(runs))
        print(f"seed pair `newsdiff align --json`: median {seed:.3f} s end to end")
        print(f"600x600 minus the seed command: {big - seed:+.3f} s; with unmatched sentences {mixed - seed:+.3f} s "
              f"(bar: at most +0.5 s); ratio {big / seed:.2f}")
    else:
        print("seed pair: skipped (needs the installed newsdiff and ../shared/seeds)")


if __name__ == "__main__":
    main()
