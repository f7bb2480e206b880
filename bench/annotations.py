"""Annotation store speed: loading 10,000 notes over 1,000 articles, and re-anchoring one note.

    python bench/annotations.py [--runs N]

Writes the notes through the real store (TOML files in a temporary folder), then prints the
median time to list them all (read and parse every file) and the median re-anchoring time per
note against edited article texts (a word changed before every quote, so most notes need the
exact-search path and some the fuzzy one).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from newsdiff.core.notes import AnnotationStore, ArticleRef
from newsdiff.core.notes.anchor import anchor

WORDS = ("port union strike talks ships fuel grain rota night shift authority mediator dam reservoir "
         "budget minister launch orbit heat hospital ferry fire breach data shares court vote").split()


def body(rnd: random.Random) -> str:
    sentences = [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 25))).capitalize() + "."
                 for _ in range(30)]
    return "\n\n".join(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--per-article", type=int, default=10)
    ns = parser.parse_args()
    rnd = random.Random(3)
    root = Path(tempfile.mkdtemp()) / "notes"
    store = AnnotationStore(root)
    bodies = {}
    started = time.perf_counter()
    for k in range(ns.articles):
        ref = ArticleRef(f"/corpus/article-{k}.txt", f"Article {k}")
        text = bodies[ref.key] = body(rnd)
        for n in range(ns.per_article):
            sentence = text.split("\n\n")[n * 2]
            store.add(ref, text, sentence[:40], f"note {n} on article {k}", ("bench",))
    print(f"wrote {ns.articles * ns.per_article:,} notes in {time.perf_counter() - started:.1f} s "
          f"({ns.articles} files)")
    loads = []
    for _ in range(ns.runs):
        t = time.perf_counter()
        notes = store.list()
        loads.append(time.perf_counter() - t)
    print(f"load all {len(notes):,} notes: median {statistics.median(loads):.3f} s over {ns.runs} runs")
    edited = {key: text.replace(" ", "  ", 3) for key, text in bodies.items()}  # shifts every offset
    per_note = []
    placed = 0
    for _ in range(ns.runs):
        t = time.perf_counter()
        placed = sum(anchor(n.selector, edited[n.article.key]) is not None for n in notes)
        per_note.append((time.perf_counter() - t) / len(notes))
    print(f"re-anchor against edited texts: median {statistics.median(per_note) * 1e6:.0f} µs per note, "
          f"{placed:,}/{len(notes):,} placed")


if __name__ == "__main__":
    main()
