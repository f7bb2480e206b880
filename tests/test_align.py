"""The alignment engine: properties, the seed pair, merges/splits, discrepancies, speed-insensitive checks."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff import align
from newsdiff.core.align import render_text, to_json
from newsdiff.core.pipeline import align_articles, clean_source
from tests.conftest import EVAL
from tests.gold_scoring import align_score

SENTENCES = [
    "The port authority said the new rotas were needed to keep up with rising traffic.",
    "Dock workers at Velmora walked out on Monday after talks over night shifts collapsed.",
    "At least 14 cargo ships were waiting offshore by the afternoon.",
    "The union said it would meet the authority on Wednesday with a mediator.",
    "Velmora handled 4.1 million containers last year, a record for the port.",
    "Fuel distributors warned that petrol stations could run short by the weekend.",
    "The last strike, in 2019, delayed grain exports for more than a week.",
    "Shipping agents said two ferry operators had moved departures to Kessa.",
]

sentence_lists = st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8, unique=True)


@settings(max_examples=30, deadline=None)
@given(sentence_lists)
def test_self_alignment_is_all_identical_in_order(sents: list[str]) -> None:
    result = align(sents, sents)
    assert [(p.a, p.b) for p in result.pairs] == [((i,), (i,)) for i in range(len(sents))]
    assert all(p.kind == "identical" and not p.moved and p.score == 1.0 for p in result.pairs)


@settings(max_examples=30, deadline=None)
@given(sentence_lists, st.randoms(use_true_random=False))
def test_shuffled_sentences_are_all_found_and_some_marked_moved(sents: list[str], rnd: random.Random) -> None:
    shuffled = sents[:]
    rnd.shuffle(shuffled)
    result = align(sents, shuffled)
    assert len(result.pairs) == len(sents)
    for p in result.pairs:
        assert sents[p.a[0]] == shuffled[p.b[0]]
    assert any(p.moved for p in result.pairs) == (shuffled != sents)


@settings(max_examples=40, deadline=None)
@given(sentence_lists, sentence_lists)
def test_no_sentence_in_two_pairs_and_scores_in_range(a: list[str], b: list[str]) -> None:
    result = align(a, b)
    used_a = [i for p in result.pairs for i in p.a]
    used_b = [j for p in result.pairs for j in p.b]
    assert len(used_a) == len(set(used_a)) and len(used_b) == len(set(used_b))
    assert all(0.0 <= p.score <= 1.0 for p in result.pairs)


def test_empty_sides_give_no_pairs() -> None:
    assert align([], ["A sentence here."]).pairs == ()
    assert align("", "").pairs == ()


def test_unrelated_articles_give_no_pairs_and_say_so() -> None:
    a = ["The orchestra opened its season with a new symphony by a young composer.",
         "Tickets for the spring concerts sold out within an hour."]
    b = ["Wheat prices fell sharply after a record harvest in the southern plains.",
         "Farmers said storage costs had doubled since last year."]
    result = align(a, b)
    assert result.pairs == () and result.stats.unrelated


def test_rewording_number_change_and_trimmed_quote_are_detected() -> None:
    a = ['"We will not accept rotas that put tired people under moving containers at night," said Marta Ivo.',
         "Repairs are expected to cost 42 million euros, the agency said."]
    b = ['Marta Ivo said members would not accept "rotas that put tired people under moving containers".',
         "Repairs will cost an estimated 40 million euros."]
    result = align(a, b)
    assert len(result.pairs) == 2
    kinds = {d.kind for p in result.pairs for d in p.discrepancies}
    assert {"trimmed quote", "number"} <= kinds
    numbers = [(d.a, d.b) for p in result.pairs for d in p.discrepancies if d.kind == "number"]
    assert numbers == [("42 million", "40 million")]
    edited = next(p for p in result.pairs if p.a == (1,))
    assert any(op.op != "equal" for op in edited.diff)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("A 0.8 meter tsunami reached Toyama.", "Toyama saw a tsunami of 80 centimeters.", []),
    ("A 0.8 meter tsunami reached Toyama.", "Toyama saw a tsunami of 70 centimeters.", [("0.8 meter", "70 centimeters")]),
    ("The firm lost data on 1.2mn customers.", "The firm lost data on 1,200,000 customers.", []),
    ("The deal is worth 2 billion dollars.", "The deal is worth 2 million dollars.", [("2 billion", "2 million")]),
    ("About 2,300 dockworkers walked out.", "About 2000 dockworkers walked out.", [("2,300", "2000")]),
    # words in common are not enough for figures of different orders of magnitude
    ("It completed its $69bn (£56bn) takeover of Activision.", "It completed its takeover of Activision for $69 billion,"
     " one of the largest deals in 1 year.", []),
    ("The storm killed 95 people in the region.", "The storm killed 205 people in the region.", [("95", "205")]),
    # money shows its currency; two currencies never disagree, nor two sums of different orders
    ("It completed its $69bn (£56bn) takeover of Activision.", "It closed its $68.7 billion takeover of Activision.",
     [("$69bn", "$68.7 billion")]),
    # a figure's multiplier and unit as the sentence writes them, so a reader (and the report's
    # highlight) finds it there
    ("Repairs will cost €640mn.", "Repairs will cost 610 million euros.", [("€640mn", "610 million")]),
    ("Hackers stole the data of 1.4mn customers.", "Hackers stole the data of 1.2 million customers.",
     [("1.4mn", "1.2 million")]),
    ("The insurer, valued at €3.1 billion, was fined.", "The insurer was fined €124 million.", []),
    # times compare as times
    ("Sato finished third in 2:24:10 on Sunday.", "Sato finished third in 2:25:02 on Sunday.", [("2:24:10", "2:25:02")]),
    # spans of time counted from different events are no two reports of one; from the same, they disagree
    ("Varga resigned seven days after this newspaper revealed the contracts.",
     "Varga resigned ten days after she presented the budget.", []),
    ("Varga resigned seven days after this newspaper revealed the contracts.",
     "Varga resigned eight days after the newspaper revealed her contracts.", [("seven", "eight")]),
    ("Varga resigned seven days after the revelations.", "Varga resigned after ten days in office.",
     [("seven", "ten")]),
    # a number spelled out is shown as the sentence writes it (the report's highlight finds it there)
    ("Seven people died in the fire.", "Nine people died in the fire.", [("Seven", "Nine")]),
    ("Twenty-two people were hurt.", "At least 20 people were hurt.", [("Twenty-two", "20")]),
    # a share of anything: far apart and with no word around them in common, two shares are of two things
    ("Varga raises the bank levy to 25% to pay for it.", "The deficit would narrow to 2.8% of economic output.", []),
    ("Halcyra shares fell 6.4% on Thursday.", "Its shares fell more than 6%.", [("6.4", "6")]),
    ("The deficit will narrow to 2.8% of output.", "The deficit will narrow to 3.5% of output.", [("2.8", "3.5")]),
])
def test_numbers_disagree_by_value_not_by_spelling(a: str, b: str, expected: list[tuple[str, str]]) -> None:
    from newsdiff.core.align.worddiff import number_discrepancies

    assert [(d.a, d.b) for d in number_discrepancies(a, b)] == expected


def test_two_sentences_merged_into_one_form_one_group() -> None:
    a = ["The cracks were found during a scheduled five-yearly inspection of the Orsk dam.",
         "Engineers blame years of freeze-thaw cycles in the spillway concrete for the cracks."]
    b = ["The Orsk dam cracks were found during a scheduled five-yearly inspection, and engineers blame "
         "years of freeze-thaw cycles in the spillway concrete."]
    result = align(a, b)
    assert len(result.pairs) == 1 and result.pairs[0].a == (0, 1) and result.pairs[0].b == (0,)


def test_a_merged_pair_shows_its_word_changes_in_each_of_its_sentences() -> None:
    """The word diff of a pair that merges two sentences is read over the two as one text and
    shown in each: before, only pairs of one sentence each were highlighted."""
    from newsdiff.core.align.layout import build_comparison
    from newsdiff.core.models import Article

    a = ["The cracks were found during a scheduled five-yearly inspection of the Orsk dam.",
         "Engineers blame years of freeze-thaw cycles in the spillway concrete for the cracks."]
    b = ["The Orsk dam cracks were found during a scheduled five-yearly inspection, and engineers blame "
         "years of freeze-thaw cycles in the spillway concrete."]
    result = align(a, b)
    assert [(p.a, p.b) for p in result.pairs] == [((0, 1), (0,))]
    shown = build_comparison(Article("A", " ".join(a)), Article("B", b[0]), result)
    changed_a = {i: [a[i][x:y] for x, y in spans] for i, spans in shown.changes_a.items()}
    changed_b = [b[0][x:y] for x, y in shown.changes_b[0]]
    assert "for the cracks." in changed_a[1] and any("Orsk dam" in w for w in changed_a[0])
    assert any("Orsk dam" in w for w in changed_b) and "five-yearly" not in " ".join(changed_b)


def test_non_english_text_aligns_without_crashing() -> None:
    a = ["Il ministro ha presentato il bilancio lunedì in parlamento.", "La spesa per la difesa salirà."]
    b = ["Lunedì il ministro ha presentato il bilancio in parlamento.", "Le tasse restano invariate."]
    result = align(a, b)
    assert any(p.a == (0,) and p.b == (0,) for p in result.pairs)


def test_msrp_style_judgement_of_two_sentences() -> None:
    same = align(["Amrozi accused his brother of deliberately distorting his evidence."],
                 ["Amrozi accused his own brother of deliberately distorting the evidence."])
    assert any(p.kind != "partial" for p in same.pairs)
    different = align(["The company sold the chain in 1998 for $2.5 billion."],
                      ["The company bought the chain in 1995 for $693 million and sold it later."])
    assert not any(p.kind != "partial" for p in different.pairs)


def test_the_kind_model_judges_msrp_pairs_better_than_the_linking_model(shared_eval: Path) -> None:
    """A pair's kind (same, or only part) is the kind model's say: on MSRP's train split 0.771 where
    the linking model alone said 0.756 (cross-validated 0.765 and 0.753; the bar asks 0.75 of the
    test split). Judged as ``evaluate.py msrp`` does: a non-partial pair means "same"."""
    rows = [r.split("\t") for r in (shared_eval / "msrp" / "msr_paraphrase_train.txt").read_text(
        encoding="utf-8-sig").splitlines()[1:]]
    rows = [r for r in rows if len(r) >= 5]
    assert len(rows) == 2419
    right = sum((r[0] == "1") == any(p.kind != "partial" for p in align([r[3]], [r[4]]).pairs) for r in rows)
    assert right / len(rows) >= 0.765


def test_seed_pair_meets_the_gold(seeds: tuple) -> None:  # type: ignore[type-arg]
    gold = json.loads((EVAL / "gold" / "seedpair.json").read_text())
    a, b = (clean_source(p) for p in seeds)
    result = align_articles(a, b)
    pairs = [(set(p.a), set(p.b)) for p in result.pairs]
    assert align_score(result.a, result.b, pairs, gold) >= 0.9  # measured 1.00


def test_output_is_deterministic_and_json_and_text_render(seeds: tuple) -> None:  # type: ignore[type-arg]
    a, b = (clean_source(p) for p in seeds)
    first, second = align_articles(a, b), align_articles(a, b)
    assert to_json(first) == to_json(second)
    text = render_text(first, 100)
    assert all(len(line) <= 100 for line in text.splitlines())
    assert "no alternative to NATO" in text.replace("\n", " ") or "no alternative" in text


def test_text_render_fits_wide_characters_in_their_columns() -> None:
    """Japanese takes two terminal columns a character: wrapped by characters, the right column
    started past the terminal's edge."""
    from newsdiff.core.align import align
    from newsdiff.core.text import cells

    a = ["東京都内で震度5強の揺れを観測する地震がありました。", "この地震による津波の心配はありません。"]
    b = ["9日午前10時ごろ、東京都内で震度5強の揺れを観測する地震がありました。", "この地震による津波の心配はありません。"]
    text = render_text(align(a, b), 60)
    rows = [line for line in text.splitlines() if "│" in line]
    assert rows and all(cells(line) <= 60 for line in text.splitlines())
    assert len({cells(line.split("│")[0]) for line in rows}) == 1  # the divider in one column on every row


def test_word_diff_marks_changed_words_but_not_the_same_words_written_differently() -> None:
    from newsdiff.core.align.worddiff import changed_spans, word_ops

    a = "Port officials said 14 vessels, worth 4.1m euros, were up 5% on Monday."
    b = "Port officials said 12 vessels, worth 4.1 million euros, were up 5 per cent on Tuesday."
    spans_a, spans_b = changed_spans(a, b)
    assert [a[s:e] for s, e in spans_a] == ["14", "Monday."]
    assert [b[s:e] for s, e in spans_b] == ["12", "Tuesday."]
    ops = word_ops(a, b)
    assert ("replace", "14", "12") in [(o.op, o.a, o.b) for o in ops]


def test_long_articles_that_repeat_their_names_still_pair_every_sentence() -> None:
    # 300 sentences on three subjects and four places: every sentence shares rare words with dozens of
    # others, and each sentence keeps only its most promising partners as candidates.
    subjects, places = ["The port authority", "Union leader Marta Ivo", "The water agency"], ["Velmora", "Kessa",
                                                                                              "Orsk", "Dunmore"]
    a = [f"{subjects[k % 3]} said on Monday that cargo in {places[k % 4]} had changed by {k * 7 + 3} units, "
         f"citing report number {k}." for k in range(300)]
    b = [s.replace(" said ", " told reporters ") for s in reversed(a)]
    result = align(a, b)
    assert sorted((p.a, p.b) for p in result.pairs) == sorted(((k,), (299 - k,)) for k in range(300))
