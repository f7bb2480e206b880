"""Word-level changes inside a pair, and the quotes and numbers that disagree between its sides."""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from newsdiff.core.align.normalise import is_year, quantity, stem
from newsdiff.core.align.similarity import quotes_of
from newsdiff.core.models import Discrepancy, WordOp
from newsdiff.core.text import NUMBER_WORDS, STOPWORDS, compare_tokens, is_number, spelling, written_tokens

_WORD = re.compile(r"\S+")
_STRIP = ".,;:!?\"'“”‘’()[]"


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower().strip(_STRIP)) for m in _WORD.finditer(text)]


def _opcodes(wa: list[tuple[int, int, str]], wb: list[tuple[int, int, str]]) -> list[tuple[str, int, int, int, int]]:
    matcher = SequenceMatcher(None, [w[2] for w in wa], [w[2] for w in wb], autojunk=False)
    return [(op, i1, i2, j1, j2) for op, i1, i2, j1, j2 in matcher.get_opcodes()]


def word_ops(a: str, b: str) -> tuple[WordOp, ...]:
    """Insertions, deletions and replacements turning ``a`` into ``b``, on word tokens."""
    wa, wb = _words(a), _words(b)
    ops = []
    for op, i1, i2, j1, j2 in _opcodes(wa, wb):
        left = a[wa[i1][0]:wa[i2 - 1][1]] if i2 > i1 else ""
        right = b[wb[j1][0]:wb[j2 - 1][1]] if j2 > j1 else ""
        ops.append(WordOp(op, left, right))  # type: ignore[arg-type]
    return tuple(ops)


def changed_spans(a: str, b: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the words that differ between two paired texts."""
    wa, wb = _words(a), _words(b)
    spans_a: list[tuple[int, int]] = []
    spans_b: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in _opcodes(wa, wb):
        if op == "equal":
            continue
        if op == "replace" and compare_tokens(a[wa[i1][0]:wa[i2 - 1][1]]) == compare_tokens(b[wb[j1][0]:wb[j2 - 1][1]]):
            continue  # the same words written differently: "4.1m" and "4.1 million", "5%" and "5 per cent"
        if i2 > i1:
            spans_a.append((wa[i1][0], wa[i2 - 1][1]))
        if j2 > j1:
            spans_b.append((wb[j1][0], wb[j2 - 1][1]))
    return spans_a, spans_b


def _folded(text: str) -> str:
    return " ".join(compare_tokens(text))


def quote_discrepancies(a: str, b: str) -> list[Discrepancy]:
    """Quotes of one side that the other gives shorter (trimmed) or in other words (altered)."""
    found: list[Discrepancy] = []
    quotes_b = quotes_of(b)
    for qa in quotes_of(a):
        fa = _folded(qa)
        best, best_score = None, 0.0
        for qb in quotes_b:
            score = fuzz.partial_ratio(fa, _folded(qb))
            if score > best_score:
                best, best_score = qb, score
        if best is None or best_score < 70:
            continue
        fb = _folded(best)
        if fa == fb:
            continue
        if fa in fb or fb in fa:
            found.append(Discrepancy("trimmed quote", qa, best))
        else:
            found.append(Discrepancy("altered quote", qa, best))
    return found


class _Number(NamedTuple):
    shown: str  # as written, with its multiplier or metric unit ("1.2 million", "80 centimeters")
    value: str  # in a common unit (1.2 million = 1200000, 80 centimetres = 0.8 metre)
    unit: str  # what it counts
    context: frozenset[str]  # the words around it
    anchor: frozenset[str]  # a span's reference event: "7 days after [this newspaper revealed]"


@lru_cache(maxsize=8192)  # a story's facts compare each sentence with those of every other report
def _numbers_in_context(text: str) -> tuple[_Number, ...]:
    """Each number of ``text``, with what it counts and the words around it (``_Number``)."""
    as_written = written_tokens(text)
    tokens = [spelling(t) for t in as_written]
    out = []
    for k, t in enumerate(tokens):
        if (found := quantity(tokens, k)) is not None:
            value, unit, width = found
            written, currency, begin = _as_written(t, text)
            if currency:  # money: what it counts is its currency ($69bn and £56bn are no two figures of one thing)
                unit = currency
            # with its multiplier and metric unit as the text writes them ("$69bn", "6.4 per cent", "5%",
            # "2 million tonnes"), else as read ("1.2 million")
            span = _written_span(text, begin, as_written[k:k + width]) if width > 1 and begin >= 0 else None
            shown = currency + span if span else " ".join((currency + written, *as_written[k + 1:k + width]))
            window = frozenset(w for w in tokens[max(0, k - 3):k + 4] if not is_number(w) and len(w) > 2)
            out.append(_Number(shown, value, unit, window, _anchor(tokens, k + width)))
    return tuple(out)


def _anchor(tokens: Sequence[str], k: int) -> frozenset[str]:
    """What a span of time starting at ``tokens[k]`` ("days after this newspaper revealed ...") is
    counted from: the stems of the few words after its "after", "before" or "since"; empty for
    any other number."""
    for m in range(k, min(k + 2, len(tokens))):
        if tokens[m] in _RELATIVE:
            return frozenset(stem(w) for w in tokens[m + 1:m + 1 + ANCHOR_WORDS]
                             if w not in STOPWORDS and not is_number(w) and len(w) > 2)
    return frozenset()


_RELATIVE = frozenset({"after", "before", "since"})
ANCHOR_WORDS = 4  # "after [she presented the government's budget]"


def _as_written(token: str, text: str) -> tuple[str, str, int]:
    """A number as the text writes it ("2,300", not the compared "2300"), the currency sign written
    before it, if any ("$", "£", "€", "¥"), and where its digits start in ``text`` (-1: not found)."""
    digits, point, decimals = token.partition(".")
    if not digits.isdigit() or (point and not decimals.isdigit()):
        return token, "", -1  # a time ("1:53")
    pattern = ",?".join(digits) + (r"\." + decimals if point else "")
    found = re.search(r"([$£€¥]\s?)?(?<![\d.,])(" + pattern + r")(?![\d])", text)
    if not found:
        return _spelled(token, text), "", -1
    written = found.group(2) if len(digits) >= 4 else token
    return written, (found.group(1) or "").strip(), found.start(2)


_CHUNK = re.compile(r"[\w%]+(?:[.,]\w+)*")


def _written_span(text: str, begin: int, tokens: Sequence[str]) -> str | None:
    """The stretch of ``text`` from ``begin`` that reads as ``tokens`` (a number and its multiplier or
    unit): "$69bn" where the compared words are "69 billion", "6.4 per cent" for "6.4 percent"."""
    wanted = list(tokens)
    for k, chunk in enumerate(_CHUNK.finditer(text, begin)):
        if k > len(wanted) + 1:
            break
        if written_tokens(text[begin:chunk.end()]) == wanted:
            return text[begin:chunk.end()]
    return None


def _spelled(token: str, text: str) -> str:
    """A number the text spells out, as written ("seven", "Twenty-two"); else the number itself."""
    pattern = _SPELLED.get(token)
    found = pattern.search(text) if pattern else None
    return found.group(0) if found else token


# Each value's spellings as one pattern ("twenty-two" is a spelling of 22, not a "two").
_SPELLED = {value: re.compile(r"(?<![\w-])(?:" + "|".join(w for w, v in NUMBER_WORDS.items() if v == value)
                              + r")(?![\w-])", re.IGNORECASE)
            for value in set(NUMBER_WORDS.values())}


def _counterpart(number: _Number, other: _Number) -> int:
    """How likely ``other`` gives the same thing as ``number`` (0: not at all): the words around
    the two, what each counts, and values close enough to be two reports of one figure (2,300 and
    2,000 dockworkers; not 610 million euros and 2 million earners). A year is only another year,
    unless the two count the same thing (2,000 and 2,300 dockworkers); two figures that count
    different things, or nothing, must at least be of one order of magnitude, and so must two sums
    of money (a €3.1 billion valuation and a €124 million fine); two currencies never disagree (the
    same sum, converted); two spans of time counted from different events are no two reports of one
    ("seven days after this newspaper revealed" / "ten days after she presented the budget"), and
    two shares or spans far apart, with no word around them in common, are of two things ("raises
    the bank levy to 25%" / "the deficit would narrow to 2.8%")."""
    value, unit, context = number.value, number.unit, number.context
    other_value, other_unit, other_context = other.value, other.unit, other.context
    if unit in CURRENCIES and other_unit in CURRENCIES and unit != other_unit:
        return 0
    if number.anchor and other.anchor and not number.anchor & other.anchor:
        return 0
    same_unit = bool(unit) and unit == other_unit
    # dockworkers, metres; not a share or a span of anything (a 25% bank levy, a deficit of 2.8%)
    same_thing = same_unit and unit not in CURRENCIES and unit not in GENERIC_UNITS
    if same_unit and unit in GENERIC_UNITS and not (
            any(stem(w) != unit for w in context & other_context) or _close(value, other_value, CLOSE_RATIO)):
        return 0
    if is_year(value) != is_year(other_value) and not same_thing:
        return 0
    shared = len(context & other_context)
    if not (same_thing or ((shared or same_unit) and _close(value, other_value, SAME_ORDER))):
        return 0  # words in common are not enough for 56 billion and 1
    return shared + 2 * same_unit + 2 * _close(value, other_value, CLOSE_RATIO)


def _close(value: str, other: str, ratio: float) -> bool:
    try:
        low, high = sorted((_magnitude(value), _magnitude(other)))
    except ValueError:
        return False
    return low > 0 and high <= ratio * low


def _magnitude(value: str) -> float:
    """A value as a number; a time ("1:53", "2:24:10") in its smallest unit."""
    if ":" in value:
        return float(sum(int(part) * 60 ** k for k, part in enumerate(reversed(value.split(":")))))
    return abs(float(value))


CURRENCIES = frozenset("$£€¥")
# Units that measure anything: two figures in one of them are of one thing only when the words around
# them agree or the two are close (shares fell 6.4% / more than 6%).
GENERIC_UNITS = frozenset({"percent", "point", "time", "second", "minute", "hour", "day", "week", "month", "year"})
CLOSE_RATIO = 2.0  # two reports of one figure (2,300 and 2,000)
SAME_ORDER = 10.0  # a figure the words around it must name (95 and 205 dead, not 56 billion and 1)


def number_discrepancies(a: str, b: str) -> list[Discrepancy]:
    """Numbers that disagree: a value on one side where the other gives a different value for the
    same thing (see ``_counterpart``). Values are compared, not spellings: "0.8 meter" and "80
    centimeters" agree."""
    na, nb = _numbers_in_context(a), _numbers_in_context(b)
    values_a, values_b = {n.value for n in na}, {n.value for n in nb}
    found: list[Discrepancy] = []
    used: set[int] = set()
    for number in na:
        if number.value in values_b:
            continue
        best, best_score = None, 0
        for k, other in enumerate(nb):
            if other.value in values_a or k in used:
                continue
            if (score := _counterpart(number, other)) > best_score:
                best, best_score = k, score
        if best is not None:
            used.add(best)
            found.append(Discrepancy("number", number.shown, nb[best].shown))
    return found
