"""Facts speed: a story's facts built from the library, cold (empty alignment cache) and cached.

    python bench/facts.py [--runs N] [--no-big]

Prints medians of N runs of `facts_input` + `facts_of` (what `newsdiff facts STORY` and the facts
view wait for: reading the reports from the library, aligning every two, joining the facts) for a
generated story of 10 reports x 30 sentences (shared facts, reworded ones with changed numbers,
each report's own), cold and cached, then the same for the demo corpus's largest story, then one
run of a generated 50-report story. Runs on one core (sched_setaffinity) in a temporary
NEWSDIFF_HOME. Targets (issue 14): 10 x 30 under 1 s cold; under 0.3 s cached.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SUBJECTS = ["The port authority", "Union leader Marta Ivo", "The transport ministry", "Shipping agents",
            "Prime Minister Elias Moreau", "Harbour pilots", "The chamber of commerce", "Police in Velmora"]
VERBS = ["said", "warned", "confirmed", "denied", "announced", "estimated", "reported", "insisted"]
OBJECTS = ["grain exports", "night-shift rotas", "crane maintenance", "fuel deliveries", "container volumes",
           "ferry departures", "overtime pay", "the automation plan", "customs checks", "berth fees"]
PLACES = ["Velmora", "the east gate", "Kessa", "the north quay", "Portavia", "the rail terminal"]
REWORDS = ((" said ", " told reporters "), (" warned ", " cautioned "), (" announced ", " made public "),
           (" had changed by ", " moved by "), ("units", "units in all"))


def fact(rnd: random.Random, k: int) -> str:
    return (f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} on {rnd.choice(['Monday', 'Tuesday', 'Friday'])} that "
            f"{rnd.choice(OBJECTS)} at {rnd.choice(PLACES)} had changed by {rnd.randint(20, 9000)} units "
            f"since {rnd.randint(1990, 2025)}, according to briefing {k}.")


def reword(sentence: str, rnd: random.Random) -> str:
    for old, new in rnd.sample(REWORDS, 2):
        sentence = sentence.replace(old, new)
    if rnd.random() < 0.25:  # another figure for the same fact: a discrepancy
        sentence = sentence.replace(" units", "0 units", 1)
    return sentence


def reports(n: int, sentences: int = 30, seed: int = 7) -> list[list[str]]:
    """n reports of a story: 2/3 of each drawn from a pool of shared facts (a third reworded), the
    rest its own, the shared ones in pool order with a few moved."""
    rnd = random.Random(seed)
    pool = [fact(rnd, k) for k in range(45)]
    out = []
    for r in range(n):
        shared = sorted(rnd.sample(range(len(pool)), sentences * 2 // 3))
        body = [reword(pool[k], rnd) if rnd.random() < 1 / 3 else pool[k] for k in shared]
        for _ in range(3):
            body.insert(rnd.randrange(len(body)), body.pop(rnd.randrange(len(body))))
        for j in range(sentences - len(body)):
            body.insert(rnd.randrange(len(body) + 1), fact(rnd, 1000 * (r + 1) + j))
        out.append(body)
    return out


def store_story(path: Path, story_id: str, bodies: list[list[str]]) -> str:
    """The reports stored as articles of one story (by hand: this measures facts, not clustering)."""
    from newsdiff.core.library import Library
    from newsdiff.core.models import Article
    from newsdiff.core.text import segment

    with Library(path) as lib:
        ids = []
        for r, sentences in enumerate(bodies):
            body = " ".join(sentences)
            article = Article(f"Velmora port strike, report {r + 1}", body, segment(body),
                              outlet=f"Outlet {r + 1:02d}", lang="en", url=f"https://outlet{r + 1}.example/{story_id}")
            ids.append(lib.add(article).id)
        lib.set_stories([(story_id, "Velmora port strike", [(i, None, None) for i in ids])])
    return story_id


def build(path: Path, story: str, cold: bool) -> tuple[float, float]:
    """(reading the story's reports and building its facts, building the facts alone) in seconds."""
    from newsdiff.core.library import Library
    from newsdiff.core.pipeline import facts_input, facts_of

    if cold:
        with Library(path) as lib:
            lib.conn.execute("DELETE FROM alignment_cache")
    started = time.perf_counter()
    reports = facts_input([story], path)
    read = time.perf_counter()
    facts_of(reports)
    done = time.perf_counter()
    return done - started, done - read


def median(runs: int, once: Callable[[], tuple[float, float]]) -> str:
    times = [once() for _ in range(runs)]
    whole, facts = statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
    return f"{whole:.3f} s ({facts:.3f} s in facts_of)"


def largest_demo_story() -> tuple[Path, str, str]:
    from newsdiff.core.demo_library import demo_library_path
    from newsdiff.core.library import Library

    path = demo_library_path()
    with Library(path) as lib:
        size = {s.id: sum(len(a.article.sentences) for a in lib.articles(s.id, sentences=True)) for s in lib.stories()}
        best = max(lib.stories(), key=lambda s: (s.articles, size[s.id]))
    return path, best.id, f"{best.articles} reports, {size[best.id]} sentences: {best.title[:50]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-big", action="store_true", help="leave out the 50-report story")
    ns = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    with tempfile.TemporaryDirectory() as home:
        os.environ["NEWSDIFF_HOME"] = home
        lib = Path(home) / "data" / "library.sqlite3"
        build(lib, store_story(lib, "swarmup", reports(2, 10, seed=1)), cold=True)  # imports, word table
        story = store_story(lib, "sbench10", reports(10))
        cold = median(ns.runs, lambda: build(lib, story, True))
        cached = median(ns.runs, lambda: build(lib, story, False))
        print(f"10 reports x 30 sentences (45 alignments): cold {cold}, cached {cached} "
              f"(medians of {ns.runs}; targets: cold < 1 s, cached < 0.3 s)")
        demo, demo_story, what = largest_demo_story()
        cold = median(ns.runs, lambda: build(demo, demo_story, True))
        cached = median(ns.runs, lambda: build(demo, demo_story, False))
        print(f"largest demo story ({what}): cold {cold}, cached {cached}")
        if not ns.no_big:
            story = store_story(lib, "sbench50", reports(50, seed=11))
            cold, cached = median(1, lambda: build(lib, story, True)), median(1, lambda: build(lib, story, False))
            print(f"50 reports x 30 sentences (1,225 alignments), one run: cold {cold}, cached {cached}")


if __name__ == "__main__":
    main()
