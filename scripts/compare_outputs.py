"""Record newsdiff's JSON outputs on fixed inputs, and compare two such records byte for byte.

A restructuring that must not change behaviour is checked with it: record before, change,
record after, compare.

    python scripts/compare_outputs.py write DIR [--jobs N]   # run the commands, write DIR
    python scripts/compare_outputs.py compare BEFORE AFTER   # exit 0 when identical, 1 otherwise

What is run, each through the installed ``newsdiff`` command in a fresh NEWSDIFF_HOME:
- ``clean --json`` on every demo page, every page of ``../shared/eval/clusters`` and the seeds;
- ``align --json`` on every pair of demo pages of one story, the demo gold pairs, every
  ``../shared/eval/gold/*.json`` pair and the seed pair;
- ``cluster --json`` on the demo corpus, the eval pages, the seeds, and all of them at once;
- ``facts --json`` on every demo story's pages, once the command exists.
For each run the record keeps stdout (``NAME.json``) and the exit status with stderr
(``NAME.status``). Pages are named relative to their folder (the command runs there), so
records made from two checkouts compare. The eval part is skipped, with a message, when
``../shared`` is absent (``--shared`` names another place).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "newsdiff" / "demo"
SHARED = ROOT.parent / "shared"


@dataclass(frozen=True)
class Run:
    """One command to record: its name in the record, the folder it runs in, its arguments."""

    name: str
    cwd: Path
    args: tuple[str, ...]


def _newsdiff() -> list[str]:
    beside = Path(sys.executable).parent / "newsdiff"  # the venv's own entry point
    if beside.exists():
        return [str(beside)]
    found = shutil.which("newsdiff")
    return [found] if found else [sys.executable, "-m", "newsdiff"]


def _pages(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.suffix in (".txt", ".html"))


def _demo_runs(has_facts: bool) -> list[Run]:
    corpus = DEMO / "corpus"
    pages = _pages(corpus)
    runs = [Run(f"clean/demo/{p}", corpus, ("clean", p, "--json")) for p in pages]
    by_story: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        by_story[page.split("__")[0]].append(page)
    pairs = {pair for story in by_story.values() for pair in itertools.combinations(story, 2)}
    gold = json.loads((DEMO / "gold.json").read_text(encoding="utf-8"))
    pairs |= {(g["a"], g["b"]) for g in gold["alignments"]}
    runs += [Run(f"align/demo/{a}~{b}", corpus, ("align", a, b, "--json")) for a, b in sorted(pairs)]
    runs.append(Run("cluster/demo", corpus, ("cluster", *pages, "--json")))
    if has_facts:
        runs += [Run(f"facts/demo/{story}", corpus, ("facts", *members, "--json"))
                 for story, members in sorted(by_story.items()) if len(members) > 1]
    return runs


def _shared_runs(shared: Path) -> list[Run]:
    clusters, seeds = shared / "eval" / "clusters", shared / "seeds"
    pages, seed_pages = _pages(clusters), _pages(seeds)
    runs = [Run(f"clean/eval/{p}", clusters, ("clean", p, "--json")) for p in pages]
    runs += [Run(f"clean/seeds/{p}", seeds, ("clean", p, "--json")) for p in seed_pages]
    for gold_file in sorted((shared / "eval" / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if (clusters / gold["a"]).exists() and (clusters / gold["b"]).exists():
            runs.append(Run(f"align/eval/{gold_file.stem}", clusters, ("align", gold["a"], gold["b"], "--json")))
    if len(seed_pages) >= 2:
        runs.append(Run("align/seeds/pair", seeds, ("align", *seed_pages[:2], "--json")))
    runs.append(Run("cluster/eval", clusters, ("cluster", *pages, "--json")))
    runs.append(Run("cluster/seeds", seeds, ("cluster", *seed_pages, "--json")))
    everything = [str(clusters / p) for p in pages] + [str(seeds / p) for p in seed_pages]
    corpus = DEMO / "corpus"
    # All at once: paths relative to the demo folder, so the record does not name this checkout.
    runs.append(Run("cluster/all", corpus, ("cluster", *_pages(corpus),
                                            *(os.path.relpath(p, corpus) for p in everything), "--json")))
    return runs


def _record(run: Run, out: Path, env: dict[str, str]) -> None:
    done = subprocess.run([*_newsdiff(), *run.args], cwd=run.cwd, env=env, capture_output=True)
    target = out / f"{run.name}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(done.stdout)
    (out / f"{run.name}.status").write_bytes(f"exit {done.returncode}\n".encode() + done.stderr)


def write(out: Path, shared: Path, jobs: int) -> int:
    if out.exists() and any(out.iterdir()):
        sys.exit(f"{out}: not empty; name a new folder")
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEWSDIFF_HOME": tempfile.mkdtemp(prefix="newsdiff-compare-"), "NO_COLOR": "1"}
    has_facts = subprocess.run([*_newsdiff(), "facts", "--help"], env=env, capture_output=True).returncode == 0
    runs = _demo_runs(has_facts)
    if (shared / "eval" / "clusters").is_dir() and (shared / "seeds").is_dir():
        runs += _shared_runs(shared)
    else:
        print(f"{shared}: absent, so the eval and seed pages are skipped (only the demo corpus is recorded)")
    # The first run fills the home's caches (the word table) alone, so that the others do not race to.
    _record(runs[0], out, env)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda r: _record(r, out, env), runs[1:]))
    shutil.rmtree(env["NEWSDIFF_HOME"], ignore_errors=True)
    failed = sum(1 for s in out.rglob("*.status") if not s.read_bytes().startswith(b"exit 0\n"))
    print(f"{len(runs)} runs recorded in {out}"
          + (f"; {failed} exited non-zero (kept in the record)" if failed else ""))
    return 0


def compare(before: Path, after: Path) -> int:
    names_a = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    names_b = {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    problems = [f"only in {before}: {n}" for n in sorted(names_a - names_b)]
    problems += [f"only in {after}: {n}" for n in sorted(names_b - names_a)]
    common = sorted(names_a & names_b)
    problems += [f"differs: {n}" for n in common if (before / n).read_bytes() != (after / n).read_bytes()]
    outputs = sum(1 for n in common if n.suffix == ".json")
    for line in problems:
        print(line)
    verdict = "identical" if not problems else f"{len(problems)} difference(s)"
    print(f"{outputs} outputs ({len(common)} files with their exit statuses) compared: {verdict}")
    return 0 if not problems else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    subs = parser.add_subparsers(dest="action", required=True)
    w = subs.add_parser("write", help="run the commands and record their outputs in DIR")
    w.add_argument("dir", type=Path)
    w.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default: ../shared)")
    w.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    c = subs.add_parser("compare", help="compare two records byte for byte")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    ns = parser.parse_args()
    if ns.action == "write":
        return write(ns.dir, ns.shared, ns.jobs)
    return compare(ns.before, ns.after)


if __name__ == "__main__":
    sys.exit(main())
