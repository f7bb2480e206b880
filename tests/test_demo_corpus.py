"""The bundled demo corpus agrees with its gold file: files, counts, substrings, encodings, metadata."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from newsdiff.core.models import Article
from newsdiff.core.pipeline import align_articles, clean_source, cluster_articles
from newsdiff.demo import corpus_dir, corpus_files, load_gold
from tests.gold_scoring import align_score, bcubed_f1, norm

GOLD = load_gold()
ARTICLES: dict[str, dict[str, Any]] = {a["file"]: a for a in GOLD["articles"]}
KINDS = {"identical", "edited", "paraphrase", "partial"}
_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "section", "table", "td", "th", "title", "tr", "ul",
}
_NOT_TEXT = {"script", "style"}
_WEEKDAYS_MONTHS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "June", "July", "August", "September", "October", "November", "December",
}


class _TextOnly(HTMLParser):
    """Page text the way a reader sees it: tags dropped, entities decoded, one line per block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _NOT_TEXT:
            self.skipping += 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_TEXT and self.skipping:
            self.skipping -= 1
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _declared_charset(raw: bytes) -> str:
    found = re.search(rb"charset=[\"']?([\w-]+)", raw[:1024], re.IGNORECASE)
    return found.group(1).decode("ascii").lower() if found else "utf-8"


@cache
def page_text(name: str) -> str:
    """Text of a corpus page; for HTML, tag-free with whitespace collapsed inside each line."""
    raw = (corpus_dir() / name).read_bytes()
    if not name.endswith(".html"):
        return raw.decode("utf-8")
    parser = _TextOnly()
    parser.feed(raw.decode(_declared_charset(raw)))
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


def _plain_numbers(text: str) -> str:
    """Gold numbers are written without thousands separators ("2300"), as the aligner reports them."""
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)


def page_lines(name: str) -> list[str]:
    return [line.strip() for line in page_text(name).splitlines()]


def _json_ld(name: str) -> dict[str, Any] | None:
    raw = (corpus_dir() / name).read_bytes()
    html = raw.decode(_declared_charset(raw))
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(found.group(1)) if found else None


def test_the_module_finds_the_packaged_corpus() -> None:
    files = corpus_files()
    assert files == sorted(files)
    assert all(p.parent == corpus_dir() and p.suffix in {".txt", ".html"} for p in files)
    assert Path(corpus_dir()).parent.name == "demo"
    assert GOLD["schema_version"] == 1


def test_gold_and_files_agree() -> None:
    names = [p.name for p in corpus_files()]
    assert set(names) == set(ARTICLES)
    assert len(GOLD["articles"]) == len(ARTICLES), "a file is listed twice in gold.json"
    for name, art in ARTICLES.items():
        named = re.fullmatch(r"([a-z0-9-]+)__([a-z0-9-]+)\.(?:txt|html)", name)
        assert named, name
        story, outlet_slug = named.groups()
        assert art["story"] == story, name
        assert art["format"] == ("html" if name.endswith(".html") else "text"), name
        if art["outlet"] is not None:
            assert outlet_slug == re.sub(r"[^a-z0-9]+", "-", art["outlet"].lower()).removeprefix("the-"), name


def test_the_corpus_is_big_and_varied_enough() -> None:
    stories = Counter(a["story"] for a in GOLD["articles"])
    assert len(stories) >= 7 and len(ARTICLES) >= 22
    for story in stories:
        outlets = [name.split("__")[1].split(".")[0] for name in ARTICLES if ARTICLES[name]["story"] == story]
        assert 2 <= len(outlets) <= 4 and len(set(outlets)) == len(outlets), story
    assert len({name.split("__")[1].split(".")[0] for name in ARTICLES}) >= 8
    html_share = sum(a["format"] == "html" for a in GOLD["articles"]) / len(ARTICLES)
    assert 0.25 <= html_share <= 0.45
    assert any(a["byline"] is None for a in GOLD["articles"]) and any(a["byline"] for a in GOLD["articles"])


def test_metadata_is_what_the_page_shows() -> None:
    for name, art in ARTICLES.items():
        text = page_text(name)
        assert art["title"] and art["title"] in text, name
        if art["outlet"] is not None:
            assert art["outlet"].lower().removeprefix("the ") in text.lower(), name
        if art["byline"] is not None:
            assert all(person in text for person in art["byline"].split(" and ")), name
        if art["published"] is not None:
            assert dt.date.fromisoformat(art["published"]).year == 2026, name


def test_html_pages_carry_title_open_graph_and_mostly_json_ld() -> None:
    html_pages = [name for name in ARTICLES if name.endswith(".html")]
    with_ld = 0
    for name in html_pages:
        raw = (corpus_dir() / name).read_bytes().decode(_declared_charset((corpus_dir() / name).read_bytes()))
        assert "<title>" in raw and 'property="og:title"' in raw and "charset" in raw[:400].lower(), name
        ld = _json_ld(name)
        if ld is None:
            continue
        with_ld += 1
        art = ARTICLES[name]
        assert ld["@type"] == "NewsArticle" and ld["headline"] == art["title"], name
        assert ld["datePublished"].startswith(art["published"]) and ld["publisher"]["name"], name
    assert with_ld > len(html_pages) / 2


def test_body_keep_substrings_and_drop_lines_are_in_the_page() -> None:
    for name, art in ARTICLES.items():
        text, lines = page_text(name), page_lines(name)
        assert 2 <= len(art["body_must_keep"]) <= 3 and 3 <= len(art["body_must_drop"]) <= 5, name
        for snippet in art["body_must_keep"]:
            assert snippet in text, (name, snippet)
        body_lines = [line for line in lines if any(s in line for s in _body_snippets(name))]
        for chrome in art["body_must_drop"]:
            assert chrome in lines, (name, chrome)
            # A drop string hidden inside a body line could never be dropped by any cleaner.
            assert not any(chrome.lower() in line.lower() for line in body_lines), (name, chrome)


def _body_snippets(name: str) -> list[str]:
    snippets = list(ARTICLES[name]["body_must_keep"])
    for al in GOLD["alignments"]:
        for side in ("a", "b"):
            if al[side] == name:
                snippets += [p[side] for p in al["required_pairs"]] + al[f"only_{side}"]
    return snippets


@pytest.mark.parametrize("al", GOLD["alignments"], ids=lambda al: al["a"].split("__")[0])
def test_alignment_substrings_are_in_their_pages(al: dict[str, Any]) -> None:
    a, b = al["a"], al["b"]
    assert a in ARTICLES and b in ARTICLES and ARTICLES[a]["story"] == ARTICLES[b]["story"]
    text_a, text_b = page_text(a), page_text(b)
    for pair in al["required_pairs"]:
        assert pair["a"] in text_a and pair["b"] in text_b, pair
        assert pair["kind"] in KINDS and isinstance(pair["moved"], bool), pair
        assert "\n" not in pair["a"] + pair["b"], pair
    paired_a = [p["a"] for p in al["required_pairs"]]
    paired_b = [p["b"] for p in al["required_pairs"]]
    for only, text, paired in ((al["only_a"], text_a, paired_a), (al["only_b"], text_b, paired_b)):
        for snippet in only:
            assert snippet in text, snippet
            assert not any(snippet in p or p in snippet for p in paired), snippet
    for number in al["numbers"]:
        assert number["a"] in _plain_numbers(text_a) and number["b"] in _plain_numbers(text_b), number
        assert number["a"] != number["b"], number
    for quote in al["quotes"]:
        assert quote["a"] in text_a and quote["b"] in text_b, quote
        assert quote["kind"] in {"trimmed quote", "altered quote"}, quote


def _is_rich(al: dict[str, Any]) -> bool:
    pairs = al["required_pairs"]
    shared = Counter(p["a"] for p in pairs) + Counter(p["b"] for p in pairs)
    return (len(pairs) >= 4 and any(p["moved"] for p in pairs) and max(shared.values()) >= 2
            and len(al["only_a"]) + len(al["only_b"]) >= 2)


def test_enough_alignments_have_moves_merges_and_unique_sentences() -> None:
    assert sum(_is_rich(al) for al in GOLD["alignments"]) >= 5


def test_exactly_one_near_duplicate_and_it_really_is_a_copy() -> None:
    copies = [a for a in GOLD["articles"] if a["near_duplicate_of"]]
    assert len(copies) == 1
    copy = copies[0]
    original = ARTICLES[copy["near_duplicate_of"]]
    assert original["story"] == copy["story"] and original["file"] != copy["file"]
    paragraphs = [line for line in page_lines(original["file"])
                  if len(line) > 80 and line[-1] in ".\"”" and not line.startswith("©")]
    copied = sum(line in page_lines(copy["file"]) for line in paragraphs)
    assert len(paragraphs) >= 8 and copied / len(paragraphs) >= 0.9
    assert copy["title"] != original["title"]


def _names_in(story: str) -> set[str]:
    pages = [page_text(name) for name, art in ARTICLES.items() if art["story"] == story]
    common = set.intersection(*(set(re.findall(r"\b[A-Z][a-z]{3,}\b", text)) for text in pages))
    return common - _WEEKDAYS_MONTHS


def test_hard_negatives_share_names_but_not_the_day() -> None:
    assert GOLD["negatives"]
    stories = {a["story"]: a["published"] for a in GOLD["articles"]}
    for neg in GOLD["negatives"]:
        story, other = neg["story"], neg["negative_for"]
        assert story in stories and other in stories and story != other
        assert stories[story] != stories[other]
        assert _names_in(story) & _names_in(other), neg


def test_the_legacy_page_is_cp1252_and_not_utf8() -> None:
    legacy = [p for p in corpus_files() if p.suffix == ".html" and _declared_charset(p.read_bytes()) == "windows-1252"]
    assert legacy
    for page in legacy:
        raw = page.read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        text = raw.decode("cp1252")
        # Curly quotes live in cp1252's 0x80-0x9F block, where cp1252 and Latin-1 disagree.
        assert "’" in text and b"\x92" in raw, page.name
    assert any(b"\xe9" in p.read_bytes() for p in legacy)  # é, as one cp1252 byte


# Quality on the demo gold. Floors sit a little under what the pipeline measured, so a change that
# makes cleaning, clustering or alignment worse on the pages a new user sees first fails here.


@cache
def _cleaned(name: str) -> Article:
    return clean_source(corpus_dir() / name)


def test_cleaning_meets_the_demo_gold() -> None:
    total = good = 0
    for name, art in ARTICLES.items():
        article = _cleaned(name)
        body = norm(article.body)
        checks = [norm(s) in body for s in art["body_must_keep"]]
        checks += [norm(s) not in body for s in art["body_must_drop"]]
        checks += [(getattr(article, f) or None) == art[f] for f in ("title", "outlet", "byline", "published")]
        total, good = total + len(checks), good + sum(checks)
    # Measured 290/294: Pulse24's outlet (read from its copyright line, or lost with the truncated
    # footer) and the Coastline Post's "09/03/2026" (day/month order left undecided) are missed.
    assert good / total >= 0.97


def test_clustering_finds_the_stories_the_copy_and_keeps_negatives_apart() -> None:
    clusters = cluster_articles([(name, _cleaned(name)) for name in ARTICLES])
    pred = {member: k for k, cluster in enumerate(clusters) for member in cluster.members}
    assert bcubed_f1(pred, {name: art["story"] for name, art in ARTICLES.items()}) == 1.0
    copy = next(a for a in GOLD["articles"] if a["near_duplicate_of"])
    links = {frozenset(link) for cluster in clusters for link in cluster.copies}
    assert frozenset((copy["file"], copy["near_duplicate_of"])) in links


@pytest.mark.parametrize("al", GOLD["alignments"], ids=lambda al: al["a"].split("__")[0])
def test_alignment_meets_the_demo_gold(al: dict[str, Any]) -> None:
    alignment = align_articles(_cleaned(al["a"]), _cleaned(al["b"]))
    pairs = [(set(p.a), set(p.b)) for p in alignment.pairs]
    # Measured: port strike 0.857, dam 0.625 (a three-into-one merge missed), budget 0.75,
    # heatwave 0.889, satellite 0.824, ferry 0.889, data breach 0.706, syndicated copy 1.0.
    assert align_score(alignment.a, alignment.b, pairs, al) >= 0.6


def _digits(figure: str) -> str:
    found = re.search(r"\d[\d,]*(?:\.\d+)?", figure)
    return found.group().replace(",", "") if found else figure


def test_most_number_disagreements_are_reported() -> None:
    wanted = found = 0
    for al in GOLD["alignments"]:
        alignment = align_articles(_cleaned(al["a"]), _cleaned(al["b"]))
        # a figure is shown as written, with its currency, multiplier or unit ("2,300", "€640mn",
        # "62-metre"); gold gives the digits
        reported = {(_digits(d.a), _digits(d.b)) for p in alignment.pairs for d in p.discrepancies if d.kind == "number"}
        wanted += len(al["numbers"])
        found += sum((n["a"], n["b"]) in reported for n in al["numbers"])
    # Measured 9 of 11 (5 before numbers were matched by what they count and how close they are, when
    # "62-metre" was set against "completed in 1958" and "610 million euros" against "2mn low earners");
    # the dam's 38,000 / 40,000 people and the breach's 6.4% / 6% sit in pairs the aligner does not link.
    assert found / wanted >= 0.8
