"""Boilerplate: a sentence repeated across unrelated articles weighs nothing in clustering; wire copy still does."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdiff.core import pipeline
from newsdiff.core.cluster import LibraryStoryIndex, StoryIndex, build_index, cluster_articles
from newsdiff.core.cluster import boilerplate as bp
from newsdiff.core.cluster.features import make_doc
from newsdiff.core.library import Library
from newsdiff.core.models import Article, Cluster

FOOTER = ("Readers of the Harbourview Gazette can subscribe to the Lantern newsletter for tidewatch briefings,"
          " crossword archives and the Saturday almanac delivered before breakfast.")

# Ten unrelated events, each told in two ways (the second used by another outlet, for the first few).
EVENTS = [
    ("Lakeside council approves cycling bridge over the Morrow",
     ["The Lakeside council voted to fund a cycling bridge across the Morrow river.",
      "Councillors approved the Morrow cycling bridge, and crews will pour concrete in April."]),
    ("Orchard growers in Pellham report a record cherry harvest",
     ["Cherry growers around Pellham picked a record harvest after a mild spring.",
      "Pellham orchards brought in more cherries than ever, growers said after the mild spring."]),
    ("Museum reopens its dinosaur hall after a long restoration",
     ["The Corvane museum reopened its dinosaur hall with a restored stegosaurus skeleton.",
      "Visitors queued as the Corvane museum's dinosaur hall and its stegosaurus returned."]),
    ("Ferry operator cancels winter crossings to Tallis island",
     ["The ferry company suspended winter sailings to Tallis island, citing gales and repairs.",
      "Islanders on Tallis lose their ferry for the winter while the hull is repaired after gales."]),
    ("Teenager wins the Velmont regional chess championship",
     ["A fourteen-year-old won the Velmont chess championship with a rook endgame.",
      "The Velmont chess title went to a teenager who ground out a rook endgame in the final round."]),
    ("Bakery chain recalls walnut loaves over a labelling error",
     ["Crumbwell bakeries recalled walnut loaves whose labels left out the nut warning.",
      "Walnut loaves sold by Crumbwell were recalled because the allergy label was missing."]),
    ("Kestrel pair nests on the Altmoor cathedral spire",
     ["A pair of kestrels has nested on the Altmoor cathedral spire.", "Kestrels now nest on Altmoor's spire."]),
    ("Glassworks in Brindle closes after ninety years",
     ["The Brindle glassworks shut its furnaces after ninety years.", "Brindle's glassworks has closed for good."]),
    ("Marathon in Oskerby draws record entries",
     ["Oskerby's marathon drew a record field of runners.", "More runners than ever entered in Oskerby."]),
    ("Tram line to Weyford opens",
     ["The first tram to Weyford ran on the new line.", "Weyford's new tram line carried its first riders."]),
]


COURIER = 3  # the Courier reports the first three events too: the Gazette's last three stand alone


def _reports(footer: str = FOOTER) -> list[tuple[str, Article]]:
    """Each event reported by the Gazette (its footer on every page), the first few by another outlet."""
    out = []
    for k, (title, (gazette, other)) in enumerate(EVENTS):
        out.append((f"gazette-{k}", Article(title=title, body=f"{gazette}\n\n{footer}", outlet="Harbourview Gazette")))
        if k < COURIER:
            out.append((f"courier-{k}", Article(title=title, body=other, outlet="Morrow Courier")))
    return out


def _events_apart(clusters: list[Cluster]) -> bool:
    return {frozenset(c.members) for c in clusters} == {
        frozenset({f"gazette-{k}", f"courier-{k}"} if k < COURIER else {f"gazette-{k}"}) for k in range(len(EVENTS))}


def test_a_site_footer_on_unrelated_stories_does_not_join_them(monkeypatch: pytest.MonkeyPatch) -> None:
    clusters = cluster_articles(_reports())
    assert _events_apart(clusters)
    gazette = [e for c in clusters for e in c.evidence if e.startswith("gazette-")]
    assert all("1 boilerplate sentence left out" in e for e in gazette)
    # The same library where nothing may count as boilerplate: the footer glues the Gazette's pages.
    monkeypatch.setattr(bp, "CONTEXTS", 10**9)
    assert not _events_apart(cluster_articles(_reports()))


def test_a_footer_of_two_sentences_is_found_line_by_line() -> None:
    # The pages share both lines, so until one is known as boilerplate each makes the pages look
    # related to the other's count: it takes more pages than a one-line footer (see boilerplate).
    second = "Letters to the editor travel by pigeon post from the Harbourview lighthouse every Thursday."
    items = _reports(f"{FOOTER} {second}")
    assert build_index(items).boilerplate([FOOTER, second]) == [True, True]
    assert _events_apart(cluster_articles(items))


WIRE = [
    "Engineers at the Dunmarsh reservoir opened all nine spillway gates on Tuesday night.",
    "The Dunmarsh water board said the reservoir stood forty centimetres above its safe level.",
    "Residents of Quillby and Farrowgate were told to move cars away from the riverbank.",
]
OWN = [
    "Our reporter watched the spillway from the Quillby footbridge.",
    "Farrowgate's mayor asked for sandbags from the county depot.",
    "Local shops closed early as the water rose along the quay.",
    "Anglers said the river had not run so fast in twenty years.",
    "The county depot sent two lorries of sandbags by evening.",
    "School buses were rerouted around the flooded lane.",
]


def _wire_story() -> list[tuple[str, Article]]:
    """Six outlets reprint the same agency sentences, each adding a line of its own."""
    return [(f"wire-{k}", Article(title="Dunmarsh reservoir opens its spillway gates", body=" ".join([*WIRE, own]),
                                  outlet=f"Outlet {k}")) for k, own in enumerate(OWN)]


def test_wire_sentences_shared_by_one_storys_reports_still_hold_it_together() -> None:
    items = _wire_story() + _reports()
    index = build_index(items)
    clusters = cluster_articles(items)
    assert {f"wire-{k}" for k in range(len(OWN))} in [set(c.members) for c in clusters]
    assert index.boilerplate([*WIRE, FOOTER, "Too short."]) == [False, False, False, True, False]
    kept = len(index.prints)
    assert index.boilerplate(["Nobody in this library ever wrote this particular sentence."]) == [False]
    assert len(index.prints) == kept, "asking keeps nothing (persist writes every kept sentence)"
    stats = {fp: s for fp, s in index.prints.items() if s.sample[0].startswith("wire-")}
    assert len(stats) == len(WIRE) and all(s.contexts == 1 for s in stats.values())


def test_one_article_at_a_time_decides_as_the_batch_does() -> None:
    items = _wire_story() + _reports()
    batch = build_index(items)
    one_by_one = StoryIndex()
    for key, article in sorted(items):
        one_by_one.add(make_doc(key, article))
    probe = [*WIRE, FOOTER, EVENTS[0][1][0]]
    assert one_by_one.boilerplate(probe) == batch.boilerplate(probe) == [False, False, False, True, False]


def test_the_library_keeps_the_statistics_and_updates_them_on_each_add(tmp_path: Path) -> None:
    reports = _reports()
    with Library(tmp_path / "lib.sqlite3") as lib:
        # Three Gazette pages in the first re-cluster: the footer is not yet boilerplate.
        first = [r for r in reports if r[0] in {"gazette-0", "courier-0", "gazette-1", "courier-1", "courier-2"}]
        ids = {name: lib.add(article).id for name, article in first}
        pipeline.update_stories(lib, list(ids.values()))
        assert LibraryStoryIndex(lib.conn).boilerplate([FOOTER]) == [False]
        for name, article in reports:
            if name not in ids:
                ids[name] = lib.add(article).id
                pipeline.update_stories(lib, [ids[name]])  # one at a time: no re-cluster yet
        assert LibraryStoryIndex.adds_since_rebuild(lib.conn)[0] == len(reports) - len(first)
        assert LibraryStoryIndex(lib.conn).boilerplate([FOOTER, EVENTS[3][1][0]]) == [True, False]
        story = {r[0]: r[1] for r in lib.conn.execute("SELECT article_id, story_id FROM story_members")}
        assert len({story[ids[f"gazette-{k}"]] for k in range(len(EVENTS))}) == len(EVENTS)
        assert "boilerplate sentence left out" in lib.evidence(story[ids["gazette-5"]])[ids["gazette-5"]]
        # A full re-cluster comes to the same decision from the whole library.
        pipeline.recluster(lib)
        assert LibraryStoryIndex(lib.conn).boilerplate([FOOTER, EVENTS[3][1][0]]) == [True, False]
        assert lib.conn.execute("SELECT count(*) FROM cluster_prints").fetchone()[0] > len(EVENTS)


def test_leaving_out_every_sentence_leaves_the_headline_alone() -> None:
    # Long enough that one sentence runs past the lead, whose terms weigh more.
    body = " ".join(f"{EVENTS[k][1][0]} {EVENTS[k][1][1]}" for k in range(len(EVENTS)))
    doc = make_doc("a", Article(title=EVENTS[0][0], body=body))
    assert len(body) > 1000 and doc.lead_part and doc.lead_prints
    words = dict(zip(doc.prints, doc.print_terms, strict=True))
    left = bp.without(doc, set(doc.prints), words)
    assert left.left_out == len(doc.prints) == 2 * len(EVENTS)
    assert left.terms == pytest.approx(make_doc("a", Article(title=EVENTS[0][0], body="")).terms)


def test_a_copy_of_an_article_adds_nothing_to_the_word_counts(tmp_path: Path) -> None:
    """A page printed again under another headline is one report, not two: counted twice, its words
    would weigh less than the same words in its story's other reports, and the story would pull
    less on the copy and on them. The batch, one article at a time, and the library all count it
    once; a reprint that adds a line of its own (a quarter of its sentences) is a report and counts."""
    page = Article(title="Dunmarsh reservoir opens its spillway gates", body=" ".join(WIRE), outlet="Agency")
    copy = Article(title="Spillway gates thrown open at full reservoir", body=" ".join(WIRE), outlet="Copier")
    items = [("page", page), ("copy", copy), *_reports()]
    batch = build_index(items)
    assert (batch.df["dunmarsh"], batch.df["spillway"], batch.n_docs) == (1, 1, len(items) - 1)
    one_by_one = StoryIndex()
    for key, article in items:
        one_by_one.add(make_doc(key, article))
    assert (one_by_one.df["dunmarsh"], one_by_one.df["spillway"], one_by_one.n_docs) == (1, 1, len(items) - 1)
    with Library(tmp_path / "lib.sqlite3") as lib:
        for _, article in items:
            pipeline.update_stories(lib, [lib.add(article).id])
        counts = dict(lib.conn.execute("SELECT term, df FROM cluster_terms WHERE term IN ('dunmarsh', 'spillway')"))
        assert counts == {"dunmarsh": 1, "spillway": 1}
        pipeline.recluster(lib)
        counts = dict(lib.conn.execute("SELECT term, df FROM cluster_terms WHERE term IN ('dunmarsh', 'spillway')"))
        assert counts == {"dunmarsh": 1, "spillway": 1}
    # Six reprints of the agency's three sentences, each with a line of its own: six reports.
    reprints = build_index(_wire_story())
    assert (reprints.df["dunmarsh"], reprints.n_docs) == (len(OWN), len(OWN))
