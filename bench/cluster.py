"""Clustering speed, memory and quality on synthetic libraries of 10,000 and 100,000 articles.

    python bench/cluster.py [--sizes 10000 100000] [--adds 200]
    python bench/cluster.py --library --sizes 100000 [--adds 50]

For each size: a synthetic library of stories (invented names, places and event words, three to
eight outlets each, with hard negatives that share names with another story a week apart) is
clustered end to end from Article records (batch), then a StoryIndex holding it takes new
articles one at a time (incremental). Prints articles/s, the median time per added article,
peak memory (the process's peak resident set, generated input included; tracemalloc would
slow the run it measures) and B-cubed F1 against the generator's labels. Run one size per
process for a clean peak: `--sizes 100000`.

With ``--msrp`` the library is the harder one of the stories issue: 1,000 stories x 10 outlets built
from the MSRP pairs in ../shared/eval/msrp (each story's two facts are two MSRP sentence pairs, each
outlet using either wording; three more sentences per article come from a pool of the other ~840
MSRP sentences shared across the whole library, standing for boilerplate and recurring background;
sentences shuffled; the title is the first nine words of a fact; undated, so dates cannot tell the
stories apart, unless ``--dated``). The batch line also says how many of the sentences the library
repeats were found to be boilerplate (``core/cluster/boilerplate``).

With ``--library`` the same articles go into a real SQLite library (a temporary folder): the
full re-cluster that writes the kept clustering state, then what a user waits for when one more
article arrives: storing it and placing it in its story (``Library.add`` + ``update_stories``).
``--library --msrp`` does it with the MSRP library (five sentences an article, most of them
repeated), where each add also reads and updates the kept sentence statistics.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from newsdiff.core.cluster import StoryIndex, build_index, cluster_ids, cluster_of
from newsdiff.core.cluster.features import make_doc
from newsdiff.core.models import Article

SYLLABLES = """ka lo ri ven tor mas eli dun ora bel quo zan tre vik sol mar pel ost""".split()
EVENTS = ["strike", "flood", "election", "merger", "launch", "fire", "trial", "summit", "recall", "protest",
          "earthquake", "budget", "resignation", "final", "outage", "heatwave"]
FILLER = """the a said on in of and to officials reported according statement week city government people local
    national spokesperson added expected further details later today""".split()


def word(rnd: random.Random, parts: int = 3) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(parts)).capitalize()


def generate(n: int, seed: int = 1) -> list[tuple[str, Article, int]]:
    rnd = random.Random(seed)
    out: list[tuple[str, Article, int]] = []
    story = 0
    start = date(2026, 1, 1)
    while len(out) < n:
        names = [word(rnd) for _ in range(3)]
        place = word(rnd, 2)
        event = rnd.choice(EVENTS)
        day = start + timedelta(days=rnd.randint(0, 300))
        numbers = [str(rnd.randint(2, 900)) for _ in range(3)]
        variants = [(names, place, event, day, numbers)]
        if rnd.random() < 0.3:  # a hard negative: the same people, another event a week later
            variants.append((names, place, rnd.choice([e for e in EVENTS if e != event]),
                             day + timedelta(days=7), [str(rnd.randint(2, 900)) for _ in range(3)]))
        for names_, place_, event_, day_, numbers_ in variants:
            for k in range(rnd.randint(3, 8)):
                words = [*rnd.sample(names, 2), place_, event_, event_, *rnd.sample(numbers_, 2)]
                body = " ".join(rnd.choice(words) if rnd.random() < 0.35 else rnd.choice(FILLER)
                                for _ in range(120))
                title = f"{names_[0]} {event_} in {place_}: {rnd.choice(numbers_)} {rnd.choice(FILLER)}"
                key = f"s{story}-a{k}"
                out.append((key, Article(title=title, body=body + ".", published=(day_ + timedelta(
                    days=rnd.randint(0, 1))).isoformat()), story))
            story += 1
    return out[:n]


MSRP = Path(__file__).resolve().parents[2] / "shared" / "eval" / "msrp" / "msr_paraphrase_train.txt"


def generate_msrp(n: int, seed: int = 1, outlets: int = 10, dated: bool = False) -> list[tuple[str, Article, int]]:
    """``n`` articles of ``n // outlets`` stories from MSRP pairs, with library-wide repeated sentences;
    undated unless ``dated`` (then each story has a day and its reports fall on it or the next)."""
    rows = [r.split("\t") for r in MSRP.read_text(encoding="utf-8-sig").splitlines()[1:]]
    pairs = [(r[3], r[4]) for r in rows if len(r) >= 5]
    rnd = random.Random(seed)
    rnd.shuffle(pairs)
    stories = n // outlets
    if 2 * stories > len(pairs) - 100:
        raise SystemExit(f"MSRP has {len(pairs)} pairs: at most {(len(pairs) - 100) // 2 * outlets} articles")
    facts, rest = pairs[:2 * stories], pairs[2 * stories:]
    pool = [s for pair in rest for s in pair]
    start = date(2026, 1, 1)
    out: list[tuple[str, Article, int]] = []
    for story in range(stories):
        day = start + timedelta(days=rnd.randint(0, 300))
        for k in range(outlets):
            sentences = [rnd.choice(facts[2 * story]), rnd.choice(facts[2 * story + 1]), *rnd.sample(pool, 3)]
            title = " ".join(sentences[0].split()[:9])
            rnd.shuffle(sentences)
            when = (day + timedelta(days=rnd.randint(0, 1))).isoformat() if dated else None
            article = Article(title=title, body=" ".join(sentences), outlet=f"Outlet {k}", published=when)
            out.append((f"s{story}-o{k}", article, story))
    rnd.shuffle(out)
    return out


def bcubed(pred: dict[str, str], gold: dict[str, int]) -> tuple[float, float, float]:
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[int, set[str]] = {}
    for k in gold:
        by_pred.setdefault(pred[k], set()).add(k)
        by_gold.setdefault(gold[k], set()).add(k)
    p = sum(len(by_pred[pred[k]] & by_gold[gold[k]]) / len(by_pred[pred[k]]) for k in gold) / len(gold)
    r = sum(len(by_pred[pred[k]] & by_gold[gold[k]]) / len(by_gold[gold[k]]) for k in gold) / len(gold)
    return 2 * p * r / (p + r), p, r


def library_and_adds(size: int, adds: int, msrp: bool = False, dated: bool = False
                     ) -> tuple[list[tuple[str, Article, int]], list[tuple[str, Article, int]]]:
    """The library of ``size`` articles, the same whatever ``adds`` is, and ``adds`` more articles to
    place one at a time. The synthetic generator is prefix-stable, so the adds are its next articles
    (some join stories the library holds); the MSRP library is drawn whole for its size, so its adds
    are another library's (seed 2), new stories."""
    if not msrp:
        data = generate(size + adds)
        return data[:size], data[size:]
    extra = generate_msrp(max(adds, 10), seed=2, dated=dated)[:adds]
    return generate_msrp(size, dated=dated), [(f"add-{key}", art, -1) for key, art, _ in extra]


def run(size: int, adds: int, msrp: bool = False, dated: bool = False) -> None:
    library, extra = library_and_adds(size, adds, msrp, dated)
    started = time.perf_counter()
    built = build_index([(key, art) for key, art, _ in library])
    clusters = [cluster_of(built.options, built.stories[sid], cid) for sid, cid in cluster_ids(built).items()]
    batch = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    pred = {m: c.id for c in clusters for m in c.members}
    f1, p, r = bcubed(pred, {key: story for key, _, story in library})
    print(f"{size:>7} articles: batch {batch:.1f} s ({size / batch:,.0f} articles/s), peak {peak:,.0f} MB, "
          f"B-cubed F1 {f1:.3f} (precision {p:.3f}, recall {r:.3f}), {len(clusters):,} stories; "
          f"{sum(s.boilerplate for s in built.prints.values()):,} of {len(built.prints):,} repeated sentences "
          "left out as boilerplate")
    del built
    index = StoryIndex()
    for key, art, _ in library:
        index.add(make_doc(key, art))
    times = []
    for key, art, _ in extra:
        t = time.perf_counter()
        index.add(make_doc(key, art))
        times.append(time.perf_counter() - t)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if not times:
        print(f"{size:>7} articles: no adds asked for (--adds {adds})")
        return
    print(f"{size:>7} articles: add one more article: median {statistics.median(times) * 1000:.1f} ms, "
          f"p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.1f} ms over {len(times)} adds; "
          f"peak memory so far {peak:,.0f} MB")


def run_library(size: int, adds: int, msrp: bool = False) -> None:
    import tempfile
    from pathlib import Path

    from newsdiff.core.library import Library
    from newsdiff.core.pipeline import recluster, update_stories

    library_items, extra = library_and_adds(size, adds, msrp)
    with tempfile.TemporaryDirectory() as home, Library(Path(home) / "library.sqlite3") as library:
        started = time.perf_counter()
        for k in range(0, size, 5000):
            library.add_many([(art, "") for _, art, _ in library_items[k:k + 5000]])
        stored = time.perf_counter() - started
        started = time.perf_counter()
        stories = recluster(library)
        rebuild = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        db_mb = (Path(home) / "library.sqlite3").stat().st_size / 1e6
        print(f"{size:>7} articles in a library: stored in {stored:.1f} s; full re-cluster {rebuild:.1f} s "
              f"({stories:,} stories), peak {peak:,.0f} MB, database {db_mb:,.0f} MB")
        times, place = [], []
        for _, art, _ in extra:
            t = time.perf_counter()
            result = library.add(art)
            t2 = time.perf_counter()
            update_stories(library, [result.id])
            done = time.perf_counter()
            times.append(done - t)
            place.append(done - t2)
        pred = {r[0]: r[1] for r in library.conn.execute("SELECT article_id, story_id FROM story_members")}
        ids = {r[0]: r[1] for r in library.conn.execute("SELECT id, content_hash FROM articles")}
        print(f"{size:>7} articles in a library: add one more article (store + place in its story): median "
              f"{statistics.median(times) * 1000:.1f} ms, p90 {sorted(times)[int(len(times) * 0.9)] * 1000:.1f} ms "
              f"(placing alone: median {statistics.median(place) * 1000:.1f} ms) over {len(times)} adds; "
              f"{len(ids):,} articles, {len(set(pred.values())):,} stories")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--adds", type=int, default=200)
    parser.add_argument("--library", action="store_true", help="measure adds to a real SQLite library")
    parser.add_argument("--msrp", action="store_true",
                        help="the MSRP library with library-wide repeated sentences (needs ../shared)")
    parser.add_argument("--dated", action="store_true", help="with --msrp: give each story a date")
    ns = parser.parse_args()
    if ns.msrp and not MSRP.is_file():
        raise SystemExit(f"{MSRP} not found: --msrp needs ../shared beside the checkout")
    for size in ns.sizes:
        if ns.library:
            run_library(size, ns.adds, ns.msrp)
        else:
            run(size, ns.adds, ns.msrp, ns.dated)


if __name__ == "__main__":
    main()
