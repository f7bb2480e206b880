"""Refit the recall pass's pairing model on real aligned article pairs, cross-validated by article pair.

    pip install numpy   # the fit only; newsdiff itself does not need it
    python tools/fit_pairing.py [--shared ../shared] [--link 0.5] [--merge 0.4] [-v] [--by-story]

Data: the public dev gold and the seed gold in ``SHARED/eval/gold`` (pages in ``SHARED/eval/clusters``
and ``SHARED/seeds``) and the demo gold bundled with newsdiff. Each article pair is cleaned as
``newsdiff clean`` does, and every candidate pair the aligner would score gets a label: a required
pair of the gold is a positive; a sentence gold calls unique, against each candidate, is a negative
(weighted ``--only-weight``, as pairing one costs a unique sentence); labelled sentences against
partners gold does not allow are negatives; optional pairs are left out.

Cross-validation leaves one article pair out at a time (never single sentences: sentences of one
pair share names and wording), fits on the rest, runs the whole aligner with that model on the pair
left out and scores it as ``evaluate.py align`` does. The table compares it with the aligner without
its recall pass and with the obvious baseline (rapidfuzz token_set_ratio, greedy, threshold 55).
Last, it fits on everything and prints the ``MODEL`` to paste into ``core/align/pairing.py``.

``--by-story`` adds the stricter estimate of how the model does on stories it has never seen: each
dev story's gold pairs (two pairs of the Noto earthquake share pages) are left out together, and the
fold's model runs both the alignment of each left-out pair and who reported what over all the pages
of its story, scored as ``evaluate.py alignset`` and ``evaluate.py facts`` score them.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from newsdiff.core.align import AlignOptions, align
from newsdiff.core.align.pairing import FEATURE_NAMES, PairModel, pair_features, read
from newsdiff.core.align.similarity import analyse, features, make_weigher, probability
from newsdiff.core.facts import story_facts, to_json
from newsdiff.core.models import Article
from newsdiff.core.pipeline import clean_source

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "newsdiff" / "demo"


def load_evaluate(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("evaluate", shared / "eval" / "evaluate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_items(shared: Path) -> list[tuple[str, dict[str, Any], Path, Path]]:
    items = []
    for path in sorted((shared / "eval" / "gold").glob("*.json")):
        gold = json.loads(path.read_text())
        if path.name == "seedpair.json":
            a, b = sorted((shared / "seeds").glob("*.txt"))[:2]
        else:
            a, b = shared / "eval" / "clusters" / gold["a"], shared / "eval" / "clusters" / gold["b"]
        items.append((path.stem, gold, a, b))
    demo = json.loads((DEMO / "gold.json").read_text())
    for k, pair in enumerate(demo["alignments"]):
        gold = {"optional_pairs": [], **pair}
        items.append((f"demo-{k}", gold, DEMO / "corpus" / pair["a"], DEMO / "corpus" / pair["b"]))
    return items


def labels(ev: ModuleType, gold: dict[str, Any], sa: list[str], sb: list[str]) -> dict[tuple[int, int], int]:
    """1 same fact, 0 not, -1 not and one side is a sentence gold calls unique; optional pairs absent."""
    req = [ev.sides(sa, sb, g) for g in gold["required_pairs"]]
    opt = [ev.sides(sa, sb, g) for g in gold.get("optional_pairs", [])]
    only_a = set().union(*(ev.hits(sa, s) for s in gold["only_a"]))
    only_b = set().union(*(ev.hits(sb, s) for s in gold["only_b"]))
    known_a = set().union(*(a for a, _ in req + opt)) | only_a
    known_b = set().union(*(b for _, b in req + opt)) | only_b
    out = {}
    for i in range(len(sa)):
        for j in range(len(sb)):
            if any(i in a and j in b for a, b in req):
                out[(i, j)] = 1
            elif any(i in a and j in b for a, b in opt):
                continue
            elif i in only_a or j in only_b:
                out[(i, j)] = -1
            elif i in known_a or j in known_b:
                out[(i, j)] = 0
    return out


def examples(sa: list[str], sb: list[str], y: dict[tuple[int, int], int]) -> list[tuple[list[float], int]]:
    r = read(sa, sb)
    aa, bb = [analyse(t) for t in sa], [analyse(t) for t in sb]
    weigh = make_weigher(aa + bb)
    return [(pair_features(r, i, j, probability(features(aa[i], bb[j], weigh))), y[(i, j)])
            for i, j in sorted(r.quick) if (i, j) in y]


def fit(rows: list[tuple[list[float], int]], only_weight: float, l2: float) -> tuple[list[float], float]:
    """Weighted, L2-regularised logistic regression by Newton's method."""
    import numpy as np

    x = np.array([[1.0, *f] for f, _ in rows])
    y = np.array([float(lab > 0) for _, lab in rows])
    w = np.array([only_weight if lab < 0 else 1.0 for _, lab in rows])
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (w * (p - y)) + penalty * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return [float(v) for v in beta[1:]], float(beta[0])


def fitted_model(rows: list[tuple[list[float], int]], ns: argparse.Namespace) -> PairModel:
    """The pairing model fitted on ``rows`` with the command line's settings."""
    weights, bias = fit(rows, ns.only_weight, ns.l2)
    return PairModel(tuple(weights), bias, ns.link, ns.merge)


def rapidfuzz_baseline(sa: list[str], sb: list[str]) -> list[tuple[set[int], set[int]]]:
    from rapidfuzz import fuzz

    scored = sorted(((fuzz.token_set_ratio(a, b), i, j) for i, a in enumerate(sa) for j, b in enumerate(sb)),
                    reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for s, i, j in scored:
        if s >= 55 and i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append(({i}, {j}))
    return out


def score(ev: ModuleType, gold: dict[str, Any], sa: list[str], sb: list[str],
          pairs: list[tuple[set[int], set[int]]], verbose: bool) -> float:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        value = float(ev.score_pairs(gold, sa, sb, pairs, "align"))
    if verbose:
        print(buf.getvalue(), end="")
    return value


KEEP_WEAK = True
WEAK_RULES = True


def aligned(sa: list[str], sb: list[str], model: PairModel | None) -> list[tuple[set[int], set[int]]]:
    options = AlignOptions(pairing=model, recall_keeps_weak=KEEP_WEAK, weak_links=WEAK_RULES or model is None)
    return [(set(p.a), set(p.b)) for p in align(sa, sb, options).pairs]


def facts_score(ev: ModuleType, gold: dict[str, Any], pages: Path, files: list[str],
                articles: list[Article], model: PairModel) -> float:
    """Who reported what over the story's pages with ``model``, scored as ``evaluate.py facts`` does."""
    options = AlignOptions(word_diffs=False, pairing=model)
    story = story_facts(articles, lambda a, b: align(list(a.sentence_texts), list(b.sentence_texts), options))
    out = to_json(story, tuple(files), tuple(str(pages / f) for f in files))
    paths = [a["path"] for a in out["articles"]]
    ia, ib = paths.index(str(pages / gold["a"])), paths.index(str(pages / gold["b"]))
    sa: list[str] = []
    sb: list[str] = []
    groups: list[tuple[set[int], set[int]]] = []
    for fact in out["facts"]:
        ga: set[int] = set()
        gb: set[int] = set()
        for member in fact["sentences"]:
            if member["article"] in (ia, ib):
                side, texts = (ga, sa) if member["article"] == ia else (gb, sb)
                side.add(len(texts))
                texts.append(member["text"])
        if ga and gb:
            groups.append((ga, gb))
    return score(ev, gold, sa, sb, groups, False)


def by_story(ev: ModuleType, shared: Path, data: list[Any], ns: argparse.Namespace) -> None:
    """Leave one dev story out at a time (all its gold pairs): alignment and facts on unseen stories."""
    pages = shared / "eval" / "clusters"
    story_of = {item["file"]: item["story"] for item in json.loads((pages / "labels.json").read_text())}
    story = {name: story_of.get(gold["a"], name) if name.startswith("dev") else name for name, gold, *_ in data}
    cleaned: dict[str, Article] = {}
    aligned_scores: list[float] = []
    facts_scores: list[float] = []
    for left in sorted({story[name] for name, *_ in data if name.startswith("dev")}):
        model = fitted_model([row for d in data if story[d[0]] != left for row in d[4]], ns)
        files = sorted(f for f, s in story_of.items() if s == left)
        articles = [cleaned.setdefault(f, clean_source(pages / f)) for f in files]
        for name, gold, sa, sb, _ in data:
            if story[name] == left:
                aligned_scores.append(score(ev, gold, sa, sb, aligned(sa, sb, model), False))
                facts_scores.append(facts_score(ev, gold, pages, files, articles, model))
                if ns.verbose:
                    print(f"{name}: alignment {aligned_scores[-1]:.2f}, facts {facts_scores[-1]:.2f}")
    n = len(aligned_scores)
    print(f"leave one story out    | dev alignment mean {sum(aligned_scores) / n:.3f} worst {min(aligned_scores):.2f}"
          f" | dev facts mean {sum(facts_scores) / n:.3f} worst {min(facts_scores):.2f}")


def summary(label: str, rows: list[tuple[str, float]]) -> str:
    parts = [label.ljust(22)]
    for group in ("dev", "seed", "demo"):
        values = [s for name, s in rows if name.startswith(group)]
        if values:
            parts.append(f"{group} mean {sum(values) / len(values):.3f} worst {min(values):.2f}")
    return " | ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--link", type=float, default=0.5, help="probability that links a new pair")
    ap.add_argument("--merge", type=float, default=0.4, help="probability that joins a neighbour to a pair")
    ap.add_argument("--only-weight", type=float, default=3.0)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--redecide-weak", action="store_true",
                    help="the recall pass re-decides the first pass's partial links")
    ap.add_argument("--no-weak-rules", action="store_true", help="the first pass without its hand-set weak-pair rules")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each pair's misses")
    ap.add_argument("--by-story", action="store_true",
                    help="also leave each dev story out whole, scoring its alignments and its facts")
    ns = ap.parse_args()
    global KEEP_WEAK, WEAK_RULES
    KEEP_WEAK, WEAK_RULES = not ns.redecide_weak, not ns.no_weak_rules
    if not (ns.shared / "eval" / "evaluate.py").is_file():
        sys.exit(f"{ns.shared}/eval/evaluate.py not found: the gold and the scorer live there (--shared DIR)")
    ev = load_evaluate(ns.shared)
    data = []
    for name, gold, a, b in gold_items(ns.shared):
        sa, sb = list(clean_source(a).sentence_texts), list(clean_source(b).sentence_texts)
        data.append((name, gold, sa, sb, examples(sa, sb, labels(ev, gold, sa, sb))))
    print(f"{len(data)} article pairs, {sum(len(d[4]) for d in data)} labelled candidate pairs "
          f"({sum(lab > 0 for d in data for _, lab in d[4])} positive)")
    cv: list[tuple[str, float]] = []
    before: list[tuple[str, float]] = []
    baseline: list[tuple[str, float]] = []
    for k, (name, gold, sa, sb, _) in enumerate(data):
        model = fitted_model([row for m, d in enumerate(data) if m != k for row in d[4]], ns)
        if ns.verbose:
            print(f"== {name}")
        cv.append((name, score(ev, gold, sa, sb, aligned(sa, sb, model), ns.verbose)))
        before.append((name, score(ev, gold, sa, sb, aligned(sa, sb, None), False)))
        baseline.append((name, score(ev, gold, sa, sb, rapidfuzz_baseline(sa, sb), False)))
    print(summary("first pass only", before))
    print(summary("rapidfuzz baseline", baseline))
    print(summary("with recall (CV)", cv))
    print("per pair (CV):", " ".join(f"{name[:6]}:{s:.2f}" for name, s in cv))
    if ns.by_story:
        by_story(ev, ns.shared, data, ns)
    model = fitted_model([row for d in data for row in d[4]], ns)
    weights, bias = model.weights, model.bias
    fitted = [(name, score(ev, gold, sa, sb, aligned(sa, sb, model), False)) for name, gold, sa, sb, _ in data]
    print(summary("fitted on all", fitted))
    print("\nMODEL = PairModel(\n    weights=(")
    for n in range(0, len(weights), 8):
        print("        " + " ".join(f"{w:.3f}," for w in weights[n:n + 8]))
    print(f"    ),\n    bias={bias:.3f}, link={ns.link}, merge={ns.merge},\n)")
    print("# " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(FEATURE_NAMES, weights, strict=True)))


if __name__ == "__main__":
    main()
