"""Sentence segmentation of news text: offsets slice the body exactly; news cases stay whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.core.text.sentences import MAX_SENTENCE, Segmenter, news_spans, segment, syntok_spans


def texts(body: str, segmenter: Segmenter = news_spans) -> list[str]:
    return [s.text for s in segment(body, segmenter)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A quotation running over a full stop stays one sentence with its attribution.
        ("“Let me be absolutely clear, this is not the time to go it alone. Not for Europe or North America,” "
         "Rutte said in a speech.", 1),
        ('He said: "We will fight. We will win." Then he left.', 2),
        ("The U.S. Defense Secretary met Gen. Christopher Cavoli at No. 10 Downing Street on Monday. "
         "He left at 5 p.m. and flew home.", 2),
        ("Growth was 5.5 per cent last year. The deal is worth $1.2bn. Spending rose to 2.33% of GDP.", 3),
        ("J. R. R. Tolkien wrote it. Mr. Smith agreed. Dr. Jones did not.", 3),
        ("Sen. Elizabeth Warren said so. Gov. Newsom agreed. St. Louis was calm.", 3),
        ("A 1.2-meter tsunami was observed at 4:21 p.m. in Wajima. Another followed at 5 p.m. Monday.", 2),
        ("The 76-year-old alliance - formed in 1949 - is strong. It will last.", 2),
        ("Is it over? Yes! It is over... and done.", 3),
        ("LAS VEGAS, Feb. 11 (UPI) -- Patrick Mahomes rolled out. He won.", 2),
        ("Prices rose 3.2 per cent in Jan. and fell in Feb. Analysts expected more.", 2),
        # A dateline opens its sentence: "LAS VEGAS, Nev." is no sentence of its own.
        ("LAS VEGAS, Nev. (KCTV) - The Kansas City Chiefs are champions again. They won in overtime.", 2),
        ("ST. LOUIS, Mo. - Rain closed the riverfront on Monday. It reopened on Tuesday.", 2),
        ("YEREVAN, JANUARY 3, ARMENPRESS. Five crew members died on Tuesday. The captain survived.", 2),
        ("He left. THE END. Then more.", 3),
    ],
)
def test_news_cases(body: str, expected: int) -> None:
    assert len(texts(body)) == expected, texts(body)


def test_quote_that_never_closes_does_not_swallow_the_paragraph() -> None:
    # News style: a quote running into the next paragraph has no closing mark in this one.
    body = '"We declare the city free. The tyrant has fled. We are free.'
    assert len(texts(body)) == 3


def test_paragraphs_split_first_and_sentences_never_cross_them() -> None:
    body = "First paragraph ends here\n\nSecond one. Has two."
    assert texts(body) == ["First paragraph ends here", "Second one.", "Has two."]


def test_offsets_point_into_the_body() -> None:
    body = "  Leading spaces. Then more text.\n\n\tTabbed paragraph here.  "
    for s in segment(body):
        assert body[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_fast_path_agrees_with_syntok_on_plain_prose() -> None:
    body = ("The union said 2,300 members joined. The port said it regretted the walkout. "
            "Ships waited offshore. Talks resume on Wednesday.")
    assert texts(body) == texts(body, syntok_spans)


def test_segmenter_is_swappable() -> None:
    def by_semicolon(paragraph: str) -> list[tuple[int, int]]:
        spans, start = [], 0
        for k, char in enumerate(paragraph):
            if char == ";":
                spans.append((start, k + 1))
                start = k + 1
        return [*spans, (start, len(paragraph))]

    assert texts("One; Two; Three", by_semicolon) == ["One;", "Two;", "Three"]


def test_runaway_sentence_is_cut_at_spaces() -> None:
    body = ("word " * 2000).strip()
    out = segment(body)
    assert len(out) > 1
    assert all(len(s.text) <= MAX_SENTENCE for s in out)
    assert " ".join(s.text for s in out) == body


def test_empty_and_blank_bodies() -> None:
    assert segment("") == ()
    assert segment("\n \n\t") == ()


NEWSY = st.lists(
    st.sampled_from([*"abcXYZ .!?…\"“”‘’'()-,:;\n\t0123456789$%", "U.S.", "Dr.", "p.m.", "  ", "said ", ". The "]),
    max_size=120,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NEWSY, st.text(max_size=300)))
def test_offsets_always_slice_the_body_exactly(body: str) -> None:
    previous_end = 0
    for s in segment(body):
        assert body[s.start:s.end] == s.text
        assert s.text.strip() == s.text and s.text
        assert s.start >= previous_end  # in order, never overlapping
        assert "\n" not in s.text
        previous_end = s.end
