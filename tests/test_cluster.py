"""Story clustering: partition properties, hard negatives, languages, copies, the shared dev set, the CLI."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.core.cluster import ClusterOptions, cluster_articles
from newsdiff.core.models import Article
from newsdiff.core.pipeline import clean_source
from tests.gold_scoring import bcubed_f1

NEWSDIFF = shutil.which("newsdiff") or "newsdiff"

FILLER = ("officials said on the day that further details were expected later as people gathered in the city "
          "while the government statement added that the situation remained under review").split()


def _article(names: list[str], event: list[str], numbers: list[str], day: str | None, seed: int,
             lang: str | None = "en") -> Article:
    rnd = random.Random(seed)
    words = [*names, *names, *names, *event[:2], *numbers]  # names dominate, as in follow-up stories
    body = " ".join(rnd.choice(words) if rnd.random() < 0.4 else rnd.choice(FILLER) for _ in range(150))
    title = f"{names[0]} {event[0]} {rnd.choice(event)} {numbers[0]}"
    return Article(title=title, body=body + ".", published=day, lang=lang)


SPEECH = (["Varga", "Orsk", "Calder"], ["budget", "speech", "taxes", "parliament"], ["2027", "14"])
RESIGNATION = (["Varga", "Orsk", "Calder"], ["resigns", "resignation", "contracts", "consultancy"], ["3", "410"])
FLOOD = (["Kessa", "Velmora", "Ivo"], ["flood", "river", "evacuated", "rain"], ["1,200", "6"])


def _partition(clusters: list[object]) -> set[frozenset[str]]:
    return {frozenset(c.members) for c in clusters}  # type: ignore[attr-defined]


def _story(spec: tuple[list[str], list[str], list[str]], prefix: str, day: str | None, n: int,
           seed: int) -> list[tuple[str, Article]]:
    return [(f"{prefix}{k}", _article(*spec, day, seed * 100 + k)) for k in range(n)]


def test_same_people_a_week_apart_in_another_event_stay_apart_and_each_story_holds_together() -> None:
    items = (_story(SPEECH, "speech", "2026-05-04", 4, 1) + _story(RESIGNATION, "quit", "2026-05-11", 4, 2)
             + _story(FLOOD, "flood", "2026-05-05", 3, 3))
    parts = _partition(cluster_articles(items))
    assert parts == {frozenset(k for k, _ in items if k.startswith(p)) for p in ("speech", "quit", "flood")}


def test_the_evidence_says_same_event_or_why_apart() -> None:
    items = _story(SPEECH, "speech", "2026-05-04", 3, 1) + _story(RESIGNATION, "quit", "2026-05-11", 3, 2)
    evidence = {e.partition(": ")[0]: e.partition(": ")[2] for c in cluster_articles(items) for e in c.evidence}
    joined = [why for key, why in evidence.items() if not why.startswith("starts the story")]
    assert joined and all("same event: " in why for why in joined), evidence
    assert all(name not in why.partition("same event: ")[2].partition(";")[0]
               for why in joined for name in ("varga", "orsk", "calder")), "the event's words, not its people"
    apart = [why for why in evidence.values() if why.startswith("starts the story;")]
    joined_apart = [why for why in apart if "7 days from it" in why or "different event" in why]
    assert len(joined_apart) == 1, evidence  # the later story's first article: why it did not join
    assert any(name in joined_apart[0] for name in ("varga", "orsk", "calder")), "the people both stories share"
    # The earlier story may say why the merge pass kept the two apart, in the event's own terms.
    assert all("another event: on different days, what happened agrees" in why
               for why in apart if why not in joined_apart), evidence


def test_a_story_the_evidence_names_is_one_a_reader_can_look_up() -> None:
    # Ids inside the evidence are the ones given out, not the index's own (a story's id may change
    # when it is given out: the id its articles had before, or its first member's).
    import re

    items = _story(SPEECH, "speech", "2026-05-04", 3, 1) + _story(RESIGNATION, "quit", "2026-05-11", 3, 2)
    from newsdiff.core.cluster import build_index
    from newsdiff.core.cluster.batch import clusters as given_out

    index = build_index(items, previous={k: "s0123456789" for k, _ in items[:3]})  # the speech story's old id
    clusters = given_out(index)
    assert "s0123456789" in {c.id for c in clusters}
    named = {m for c in clusters for e in c.evidence for m in re.findall(r"story (s[0-9a-f]{10})", e)}
    assert named and named <= {c.id for c in clusters}, (named, [c.id for c in clusters])


def test_another_language_is_not_merged_by_shared_names_alone() -> None:
    english = _story(FLOOD, "en", "2026-05-05", 3, 6)
    italian = [("it0", Article(title="Kessa, alluvione a Velmora: Ivo ordina l'evacuazione",
                               body=("Decine di famiglie sono state evacuate a Velmora dopo che il fiume è "
                                     "esondato nella notte. Il sindaco Ivo ha detto che Kessa e Velmora "
                                     "resteranno chiuse per giorni. ") * 3,
                               published="2026-05-05", lang="it"))]
    clusters = cluster_articles(english + italian)
    holder = next(c for c in clusters if "it0" in c.members)
    assert holder.members == ("it0",) or "mixed-language" in holder.flags


def test_a_copy_on_another_site_is_grouped_and_marked_as_a_copy() -> None:
    items = _story(FLOOD, "f", "2026-05-05", 3, 7)
    original = items[0][1]
    items.append(("copy", Article(title=original.title, body=original.body, published="2026-05-06")))
    clusters = cluster_articles(items)
    holder = next(c for c in clusters if "copy" in c.members)
    assert set(holder.members) == {"f0", "f1", "f2", "copy"}
    assert ("copy", "f0") in holder.copies
    assert all(e for e in holder.evidence), "every decision carries its evidence"


@settings(max_examples=15, deadline=None)
@given(st.permutations(list(range(11))), st.integers(0, 3))
def test_every_input_lands_in_exactly_one_cluster_whatever_the_order(order: list[int], dupes: int) -> None:
    items = (_story(SPEECH, "speech", "2026-05-04", 4, 1) + _story(RESIGNATION, "quit", "2026-05-11", 4, 2)
             + _story(FLOOD, "flood", "2026-05-05", 3, 3))
    shuffled = [items[i] for i in order] + items[:dupes]  # a key given twice is one input
    clusters = cluster_articles(shuffled)
    members = [m for c in clusters for m in c.members]
    assert sorted(members) == sorted(k for k, _ in items)
    assert _partition(clusters) == _partition(cluster_articles(items))
    assert [c.id for c in clusters] == [c.id for c in cluster_articles(items)], "ids are deterministic"


def test_the_shared_dev_set_scores_at_least_the_bar(shared_eval: Path) -> None:
    folder = shared_eval / "clusters"
    labels = {item["file"]: item["story"] for item in json.loads((folder / "labels.json").read_text())}
    items = [(name, clean_source(folder / name)) for name in sorted(labels)]
    clusters = cluster_articles(items)
    pred = {m: k for k, c in enumerate(clusters) for m in c.members}
    assert bcubed_f1(pred, labels) >= 0.95  # issue 15's bar


def test_the_dev_set_holds_with_unrelated_pages_beside_it(shared_eval: Path) -> None:
    """Stories must not depend on what else is in the batch: with the demo corpus's 29 pages
    clustered beside the dev pages, the two undated reports of a deal's blocking joined the six on
    its completion (the word weights shift; they agree 0.67 across, and splits asked under 0.6)."""
    folder = shared_eval / "clusters"
    labels = {item["file"]: item["story"] for item in json.loads((folder / "labels.json").read_text())}
    demo = Path(__file__).resolve().parents[1] / "src" / "newsdiff" / "demo" / "corpus"
    items = [(name, clean_source(folder / name)) for name in sorted(labels)]
    items += [(f"demo/{p.name}", clean_source(p)) for p in sorted(demo.iterdir())]
    clusters = cluster_articles(items)
    pred = {m: k for k, c in enumerate(clusters) for m in c.members}
    assert bcubed_f1({k: v for k, v in pred.items() if k in labels}, labels) >= 0.95
    assert all(len({labels.get(m, m.split("__")[0]) for m in c.members}) == 1 for c in clusters)


def test_the_reports_of_one_event_make_one_story_in_a_library_of_their_own(shared_eval: Path) -> None:
    """Six real reports of one deal, alone: every word they share is in every one of them, and
    plain inverse document frequency weighed those words least (five and one)."""
    pages = sorted((shared_eval / "clusters").glob("microsoft-closes-activision-deal-*"))
    assert len(pages) == 6
    clusters = cluster_articles([(p.name, clean_source(p)) for p in pages])
    assert [len(c.members) for c in clusters] == [6]


def test_in_a_small_library_a_report_finds_its_story_whatever_its_rarest_words(shared_eval: Path) -> None:
    """Beside two pages on the deal's blocking, one completion report led with the other titles and
    purchases (LinkedIn, Bethesda, Call of Duty): its rarest words were none of its story's, so no
    story was a candidate and it stayed alone (five and one). In a library of few stories every
    story is a candidate."""
    folder = shared_eval / "clusters"
    pages = sorted(folder.glob("microsoft-closes-activision-deal-*")) + sorted(folder.glob("cma-blocks-*"))
    assert len(pages) == 8
    clusters = cluster_articles([(p.name, clean_source(p)) for p in pages])
    assert sorted(len(c.members) for c in clusters) == [2, 6]
    assert all(len({m.split("__")[0] for m in c.members}) == 1 for c in clusters)


def test_every_story_is_a_candidate_while_the_library_holds_few() -> None:
    from newsdiff.core.cluster import StoryIndex
    from newsdiff.core.cluster.features import make_doc

    index = StoryIndex(ClusterOptions(max_candidates=3))
    for key, article in _story(FLOOD, "f", "2026-05-05", 1, 1) + _story(SPEECH, "s", "2026-05-04", 1, 2):
        index.add(make_doc(key, article))
    assert len(index.stories) == 2
    assert index._candidates_for([], None) == sorted(index.stories)  # no shared term needed
    for key, article in _story(RESIGNATION, "q", "2026-06-20", 1, 3) + _story(FLOOD, "g", "2026-08-05", 1, 4):
        index.add(make_doc(key, article))
    assert len(index.stories) == 4 and index._candidates_for([], None) == []  # past the limit: the index decides


def test_cli_reports_bad_files_and_still_prints_every_good_result(tmp_path: Path) -> None:
    paths = []
    for key, article in _story(FLOOD, "f", "2026-05-05", 3, 8):
        page = tmp_path / f"{key}.txt"
        page.write_text(f"{article.title}\n\n{article.body}\n", encoding="utf-8")
        paths.append(str(page))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.bin").write_bytes(b"\x00\xff\x00\x13" * 100)
    args = [*paths, paths[0], str(tmp_path / "empty.txt"), str(tmp_path / "binary.bin"), str(tmp_path / "gone.txt")]
    out = subprocess.run([NEWSDIFF, "cluster", *args, "--json"], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    clustered = [a for c in json.loads(out.stdout)["clusters"] for a in c["articles"]]
    assert sorted(clustered) == sorted(paths)
    for bad in ("empty.txt", "binary.bin", "gone.txt"):
        assert bad in out.stderr
    assert "Traceback" not in out.stderr


def test_articles_pinned_to_a_story_stay_there_even_when_it_has_to_be_made() -> None:
    items = _story(FLOOD, "flood", "2026-05-05", 3, 4) + _story(SPEECH, "speech", "2026-05-04", 3, 5)
    pinned = {"flood0": "s-mine", "flood1": "s-mine", "speech0": "s-mine"}
    clusters = cluster_articles(items, pinned=pinned)
    mine = next(c for c in clusters if c.id == "s-mine")
    assert set(mine.members) >= set(pinned)
    assert sorted(m for c in clusters for m in c.members) == sorted(k for k, _ in items)


def test_an_undated_report_still_finds_a_story_that_ended_months_before_the_last_dated_one() -> None:
    # A batch sets aside the postings of stories that ended long before the dated article being
    # placed (none of them can take it); an undated one must still see every story.
    items = (_story(SPEECH, "speech", "2026-01-05", 3, 1) + _story(FLOOD, "flood", "2026-04-20", 3, 3)
             + [("late", _article(*SPEECH, None, 999))])
    parts = _partition(cluster_articles(items))
    assert frozenset({"speech0", "speech1", "speech2", "late"}) in parts, parts


def test_retiring_sets_aside_only_stories_that_ended_before_the_window() -> None:
    from newsdiff.core.cluster import StoryIndex
    from newsdiff.core.cluster.features import make_doc

    index = StoryIndex()
    index.retiring = True
    for key, art in _story(SPEECH, "speech", "2026-01-05", 2, 1) + _story(FLOOD, "flood", "2026-01-30", 2, 3):
        index.add(make_doc(key, art))
    assert not index._retired  # 25 days apart: inside the 30-day window
    for key, art in _story(RESIGNATION, "quit", "2026-02-10", 2, 2):
        index.add(make_doc(key, art))
    retired = {index.stories[sid].members[0].key[:5] for sid in index._retired}
    assert retired == {"speec"}, retired
    held = {sid for ids in index.index.values() for sid in ids}
    assert not held & set(index._retired)
    index.restore()
    assert not index.retiring and {sid for ids in index.index.values() for sid in ids} == set(index.stories)


def test_a_report_just_short_of_joining_names_the_story_it_came_closest_to() -> None:
    """A reader who sees two stories of one event learns which and by how much (then merges with J);
    an unrelated story is never named."""
    items = _story(FLOOD, "flood", "2026-05-05", 2, 3) + _story(SPEECH, "speech", "2026-05-05", 1, 1)
    plain = {e.partition(": ")[0]: e.partition(": ")[2] for c in cluster_articles(items) for e in c.evidence}
    assert sum(plain[k].startswith("score ") for k in ("flood0", "flood1")) == 1  # together as usual
    high = cluster_articles(items, ClusterOptions(join=0.99, merge=0.99))
    evidence = {e.partition(": ")[0]: e.partition(": ")[2] for c in high for e in c.evidence}
    story = {m: c.id for c in high for m in c.members}
    near = [k for k in ("flood0", "flood1") if "closest" in evidence[k]]
    assert len(near) == 1, evidence
    (late,) = near
    (early,) = {"flood0", "flood1"} - {late}
    assert evidence[late].startswith(f"starts the story; closest to story {story[early]} "), evidence
    assert evidence[late].endswith("under the 0.99 that joins")
    assert "closest" not in evidence["speech0"], evidence


def test_no_word_is_cut_in_two_where_the_lead_or_the_body_ends() -> None:
    """The lead's first LEAD_CHARS characters weigh more; cut there mid-word, "remote-controlled"
    became a term "remote-controlle" that the story view gave as the event's own word."""
    from newsdiff.core.cluster.features import BODY_CHARS, LEAD_CHARS, _tokens, make_doc

    for shift in range(12):
        body = "x" * shift + " " + " ".join(["Velmora's remote-controlled cranes halted 2,300 dockworkers."] * 120)
        assert len(body) > BODY_CHARS > LEAD_CHARS
        doc = make_doc("k", Article(title="Strike", body=body, lang="en"))
        words = set(_tokens(body))
        assert set(doc.terms) <= words | set(_tokens("Strike")), set(doc.terms) - words
        assert doc.figures == {"2300"} and doc.entities == {"strike", "velmora's"}, (doc.figures, doc.entities)
