"""Clustering a whole set of articles at once: order, the user's pins, and the ids stories get.

``cluster_articles`` is the whole job for a batch (``newsdiff cluster``). ``build_index`` feeds
every article to a ``StoryIndex`` (oldest first, the user's pinned articles last) and merges what
arrival order split; ``clusters`` turns its stories into ``Cluster`` records whose ids survive a
re-cluster: the user's for stories they shaped, else the id most of a story's articles had before.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from newsdiff.core.cluster.boilerplate import BatchCounts, copied_from, without
from newsdiff.core.cluster.features import Doc, make_doc
from newsdiff.core.cluster.index import ClusterOptions, StoryIndex
from newsdiff.core.cluster.story import StoryState, copy_links, headline, story_id
from newsdiff.core.models import Article, Cluster


def cluster_articles(items: Sequence[tuple[str, Article]], options: ClusterOptions | None = None,
                     on_progress: Callable[[int, int], None] | None = None,
                     pinned: Mapping[str, str] | None = None) -> list[Cluster]:
    """Group keyed articles into stories; every key lands in exactly one cluster."""
    return clusters(build_index(items, options, on_progress, pinned))


def build_index(items: Iterable[tuple[str, Article]], options: ClusterOptions | None = None,
                on_progress: Callable[[int, int], None] | None = None,
                pinned: Mapping[str, str] | None = None,
                previous: Mapping[str, str] | None = None) -> StoryIndex:
    """Cluster keyed articles in one batch; the index holds the stories (see ``clusters``).

    ``items`` may be a generator: each article is reduced to its Doc as it comes, so a large
    library never holds every body in memory at once. A key given twice is one input (the last).
    ``pinned`` (key -> story id) are the user's placements: the other articles are clustered on
    their content alone, each pinned story is then found again among the results by the
    articles it held before (``previous``: key -> story id), and the pinned articles go in last.
    So an article moved out of a story neither drags its old companions along nor stretches the
    span of the story it went to before the others are placed.

    Two passes: the first counts terms and sentences over the whole batch, the second (in the
    order the articles are placed) finds the sentences repeated across unrelated articles
    (``boilerplate``), which then weigh nothing in any article's vector.
    """
    pins = pinned or {}
    counts = BatchCounts()
    docs: dict[str, Doc] = {}
    for key, art in items:
        if key in docs:
            counts.remove(docs[key])
        docs[key] = counts.add(make_doc(key, art))
    df: dict[str, int] = {}
    first: dict[int, str] = {}  # a sentence carried by more than one article -> its first carrier
    counted = 0
    for doc in docs.values():
        if copied_from(doc.prints, first.get) is None:
            counted += 1
            for t in doc.terms:
                df[t] = df.get(t, 0) + 1
        for fp in doc.prints:
            if counts.carriers[fp] > 1:
                first.setdefault(fp, doc.key)
    del first
    # Oldest first, ties by headline (then key): the result depends neither on the order of the
    # inputs nor on where the files live. Pinned articles after all the others.
    order = sorted(docs.values(), key=lambda d: (d.key in pins, d.day if d.day is not None else 10**9,
                                                 hashlib.sha1(d.title.encode()).hexdigest(), d.key))
    del docs
    stats = counts.contexts(order, df, counted)
    drop = {fp for fp, s in stats.items() if s.boilerplate}
    order = [without(d, drop, counts.words) for d in reversed(order)]
    index = StoryIndex(options, df, counted)
    index.previous = previous or {}
    index.prints = stats
    total, placed = len(order), 0
    index.retiring = True  # dated articles come oldest first (see ``StoryIndex.retire``)
    while order and order[-1].key not in pins:  # popping lets each Doc go once the index holds its slim copy
        doc = order.pop()
        if doc.day is None and index.retiring:
            index.restore()  # the undated ones after them may join any story
        index.add(doc)
        placed += 1
        if on_progress:
            on_progress(placed, total)
    index.restore()
    index.settle()
    claim(index, set(pins.values()))
    while order:
        doc = order.pop()
        index.add(doc, pins[doc.key])
        placed += 1
        if on_progress:
            on_progress(placed, total)
    return index


def claim(index: StoryIndex, fixed: set[str]) -> None:
    """Give each story the user shaped (by id in ``fixed``) back its id: the automatic story that
    holds most of its former articles (``index.previous``) becomes it."""
    votes: dict[tuple[str, str], int] = {}
    for sid, story in index.stories.items():
        for doc in story.members:
            if (was := index.previous.get(doc.key)) in fixed:
                votes[(was, sid)] = votes.get((was, sid), 0) + 1
    given: set[str] = set()
    renamed: set[str] = set()
    for (was, sid), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if was in given or sid in renamed:
            continue
        if was != sid and was in index.stories:  # an automatic story happens to carry that id: move it aside
            index.rename(index.stories[was], story_id(was))
        index.rename(index.stories[sid], was)
        index.stories[was].fixed_id = True
        given.add(was)
        renamed.add(was)


def clusters(index: StoryIndex) -> list[Cluster]:
    """The stories as Cluster records, members in a stable order, copies detected."""
    ids = cluster_ids(index)
    out = [cluster_of(index.options, story, ids[sid], ids) for sid, story in index.stories.items()]
    return sorted(out, key=lambda c: c.members[0])


def cluster_ids(index: StoryIndex) -> dict[str, str]:
    """Each story's id for the outside: the user's for stories they shaped; else the id most of its
    articles had before (``previous``), so that a re-cluster keeps the ids of the stories it
    keeps; else one derived from its first member (not from arrival order). Never one taken."""
    stories = index.stories
    ids = {sid: sid for sid, story in stories.items() if story.fixed_id}
    taken = set(ids.values())
    votes: dict[tuple[str, str], int] = {}
    for sid, story in stories.items():
        if not story.fixed_id:
            for doc in story.members:
                if (was := index.previous.get(doc.key)) is not None:
                    votes[(was, sid)] = votes.get((was, sid), 0) + 1
    for (was, sid), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if was not in taken and sid not in ids:
            ids[sid] = was
            taken.add(was)
    for sid, story in sorted(stories.items(), key=lambda kv: min(d.key for d in kv[1].members)):
        if sid not in ids:
            candidate = story_id(min(d.key for d in story.members))
            while candidate in taken:
                candidate = story_id(candidate)
            ids[sid] = candidate
            taken.add(candidate)
    return ids


_STORY_REF = re.compile(r"\bs[0-9a-f]{10}\b")  # a story id as ``story_id`` makes them, inside evidence


def cluster_of(options: ClusterOptions, story: StoryState, cid: str, ids: Mapping[str, str] | None = None) -> Cluster:
    """One story as a Cluster record with the id ``cid``; ``ids`` (the index's story ids -> the ids
    given out, ``cluster_ids``) renames the stories its evidence names ("close to story s1 ..."),
    so that a reader can look them up."""
    evidence = story.evidence if not ids else [_STORY_REF.sub(lambda m: ids.get(m.group(), m.group()), e)
                                                for e in story.evidence]
    return Cluster(
        id=cid, title=headline(story.ranked()), members=tuple(sorted(d.key for d in story.members)),
        copies=copy_links(story.members, options.copy_jaccard),
        evidence=tuple(evidence), flags=tuple(sorted(story.flags)),
    )
