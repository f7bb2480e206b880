"""Refit the two sentence models on MSRP and print them (paste into core/align/similarity.py).

    python tools/fit_similarity.py [../shared/eval/msrp/msr_paraphrase_train.txt]

The linking model (FEATURE_NAMES: WEIGHTS, BIAS, SAME_THRESHOLD), whose probability the aligner
links and ranks pairs by, and the kind model (KIND_FEATURES: KIND_WEIGHTS, KIND_BIAS,
KIND_THRESHOLD), which says whether a pair says the same thing or only part of it. Plain logistic
regression by Newton's method (no numpy), 5-fold cross-validated accuracy, then the accuracy-best
threshold on the full fit.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

from newsdiff.core.align.similarity import FEATURE_NAMES, KIND_FEATURES, analyse, kind_features, make_weigher

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "msrp" / "msr_paraphrase_train.txt"


def load(path: Path) -> tuple[list[list[float]], list[int]]:
    xs, ys = [], []
    for row in path.read_text(encoding="utf-8-sig").splitlines()[1:]:
        parts = row.split("\t")
        if len(parts) < 5:
            continue
        a, b = analyse(parts[3]), analyse(parts[4])
        xs.append(kind_features(a, b, make_weigher([a, b])))
        ys.append(int(parts[0] == "1"))
    return xs, ys


def _solve(m: list[list[float]], v: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (m is small and well conditioned by the L2 term)."""
    n = len(v)
    a = [[*row, v[i]] for i, row in enumerate(m)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        for r in range(c + 1, n):
            f = a[r][c] / a[c][c]
            for k in range(c, n + 1):
                a[r][k] -= f * a[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (a[r][n] - sum(a[r][k] * x[k] for k in range(r + 1, n))) / a[r][r]
    return x


def fit(xs: list[list[float]], ys: list[int], iterations: int = 25, l2: float = 0.1) -> tuple[list[float], float]:
    """L2-regularised logistic regression by Newton's method; returns (weights, bias)."""
    rows = [[1.0, *x] for x in xs]
    d = len(rows[0])
    beta = [0.0] * d
    for _ in range(iterations):
        grad = [l2 * b if i else 0.0 for i, b in enumerate(beta)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(d)] for i in range(d)]
        for x, y in zip(rows, ys, strict=True):
            z = sum(b * xi for b, xi in zip(beta, x, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = p - y, p * (1 - p)
            for i in range(d):
                grad[i] += g * x[i]
                hi = h * x[i]
                row = hess[i]
                for j in range(i, d):
                    row[j] += hi * x[j]
        for i in range(d):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        beta = [b - s for b, s in zip(beta, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return beta[1:], beta[0]


def predict(w: list[float], b: float, x: list[float]) -> float:
    z = b + sum(wi * xi for wi, xi in zip(w, x, strict=True))
    return 1 / (1 + math.exp(-z))


def best_threshold(w: list[float], b: float, xs: list[list[float]], ys: list[int]) -> tuple[float, float]:
    scored = [(predict(w, b, x), y) for x, y in zip(xs, ys, strict=True)]
    best = (0.0, 0.5)
    for t in [i / 100 for i in range(20, 81)]:
        acc = sum((p >= t) == bool(y) for p, y in scored) / len(scored)
        best = max(best, (acc, t))
    return best


def report(label: str, names: tuple[str, ...], xs: list[list[float]], ys: list[int], prefix: str) -> None:
    idx = list(range(len(xs)))
    random.Random(7).shuffle(idx)
    folds = [idx[k::5] for k in range(5)]
    accs = []
    for k in range(5):
        test = set(folds[k])
        tr = [i for i in idx if i not in test]
        w, b = fit([xs[i] for i in tr], [ys[i] for i in tr])
        _, t = best_threshold(w, b, [xs[i] for i in tr], [ys[i] for i in tr])
        accs.append(sum((predict(w, b, xs[i]) >= t) == bool(ys[i]) for i in test) / len(test))
    w, b = fit(xs, ys)
    acc, t = best_threshold(w, b, xs, ys)
    folds_text = ", ".join(f"{a:.3f}" for a in accs)
    print(f"== {label}: pairs {len(xs)}; 5-fold CV accuracy {sum(accs) / 5:.3f} ({folds_text})")
    print(f"train accuracy {acc:.3f} at threshold {t:.2f}")
    print(f"{prefix}WEIGHTS = (" + ", ".join(f"{x:.3f}" for x in w) + ")")
    print(f"{prefix}BIAS = {b:.3f}")
    print(f"{prefix or 'SAME_'}THRESHOLD = {t:.2f}")
    for name, x in zip(names, w, strict=True):
        print(f"  {name:16} {x:+.3f}")


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    xs, ys = load(path)
    report("linking model", FEATURE_NAMES, [x[:len(FEATURE_NAMES)] for x in xs], ys, "")
    report("kind model", KIND_FEATURES, xs, ys, "KIND_")


if __name__ == "__main__":
    main()
