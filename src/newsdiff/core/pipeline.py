"""The one facade the CLI and the TUI call: clean, align, cluster, store, in the right order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsdiff import paths
from newsdiff.core import story_edits
from newsdiff.core.models import Alignment, Article, Cluster
from newsdiff.core.story_edits import StoryEdit as StoryEdit
from newsdiff.core.story_edits import find_story as find_story
from newsdiff.errors import NewsdiffError

if TYPE_CHECKING:
    from newsdiff.core.align import Comparison
    from newsdiff.core.facts import StoryFacts, StoryReport
    from newsdiff.core.feeds import RefreshReport
    from newsdiff.core.ingest import FetchOptions
    from newsdiff.core.library import AddResult, Library, StoredArticle
    from newsdiff.core.notes import Annotation, AnnotationStore, ArticleRef

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source in a batch: a result or the one-line reason it failed."""

    source: str
    result: AddResult | None = None
    error: str | None = None


class NotPlaced(NewsdiffError):
    """A batch's articles were stored but putting them in stories failed (a full disk, say): what
    became of each source is in ``outcomes``; the library places them on its next update."""

    def __init__(self, message: str, outcomes: list[Outcome]) -> None:
        super().__init__(message)
        self.outcomes = outcomes


def clean_source(source: str | Path) -> Article:
    """Read and clean one file (or ``-`` for stdin)."""
    from newsdiff.core.clean import article_from_path

    return article_from_path(source)


def load_article(ref: str, library_path: Path | None = None) -> Article:
    """A file (cleaned now, ``-`` for stdin), else an article of the library by id, id prefix or URL."""
    if ref == "-" or Path(ref).is_file():
        return clean_source(ref)
    stored = _find_stored(ref, library_path)
    if stored is None:
        raise NewsdiffError(f"{ref}: no such file, and no article of the library has this id or URL")
    return stored.article


def check_ref(ref: str) -> None:
    """Raise the error ``load_article`` would, without cleaning anything (a cheap check before the UI)."""
    if ref != "-" and not Path(ref).is_file() and _find_stored(ref, None) is None:
        raise NewsdiffError(f"{ref}: no such file, and no article of the library has this id or URL")


def _find_stored(ref: str, library_path: Path | None) -> StoredArticle | None:
    if not (library_path or paths.library_file()).exists():
        return None  # never create a library just to look something up
    with open_library(library_path) as library:
        return _lookup(library, ref)


def _lookup(library: Library, ref: str) -> StoredArticle | None:
    """An article of the library by id, unique id prefix, URL (as given or normalised) or path."""
    from newsdiff.core.ingest import normalise_url

    found = library.find(ref)
    if found is None and Path(ref).exists():
        found = library.find(str(Path(ref).resolve()))
    if found is None and "://" in ref:
        found = library.find(normalise_url(ref))
    return found


def previous_version(ref: str, library_path: Path | None = None) -> tuple[Article, Article]:
    """(the version of an article saved before its latest update, the current one)."""
    from newsdiff.core.text import segment

    stored = _find_stored(ref, library_path)
    if stored is None:
        raise NewsdiffError(f"{ref}: not an article of the library (add it first, or give its id or URL)")
    with open_library(library_path) as library:
        versions = library.versions(stored.id)
    if not versions:
        raise NewsdiffError(f"{ref}: the library holds no earlier version of this article")
    saved, title, body = versions[-1]
    current = stored.article
    earlier = replace(current, title=title, body=body, sentences=segment(body), published=saved)
    return earlier, current


def read_raw(source: str | Path) -> tuple[Article, str]:
    """Clean a source and keep its decoded raw text for the library."""
    from newsdiff.core.clean import article_from_bytes
    from newsdiff.core.ingest import decode, read_source

    data = read_source(source)
    name = None if str(source) == "-" else str(Path(source).resolve())
    return article_from_bytes(data, path=name), decode(data)


def align_articles(a: Article, b: Article) -> Alignment:
    """Align the sentences of two cleaned articles."""
    from newsdiff.core.align import align

    if not a.sentences or not b.sentences:
        empty = a if not a.sentences else b
        raise NewsdiffError(f"{empty.path or empty.title or 'input'}: no sentences to align")
    return align(list(a.sentence_texts), list(b.sentence_texts))


@dataclass(frozen=True, slots=True)
class FactsInput:
    """A story's reports for ``facts_of``: the articles, their ids and the paths given (None: library),
    and the library any of them was read from (which keeps their alignments)."""

    articles: tuple[Article, ...]
    ids: tuple[str, ...]
    paths: tuple[str | None, ...]
    story: str | None = None
    library: Path | None = None


def facts_input(refs: Sequence[str], library_path: Path | None = None) -> FactsInput:
    """One ref that is no file: a story of the library (id or unique start); otherwise each ref is a
    file (cleaned now) or an article of the library (id, id prefix, URL)."""
    if len(refs) == 1 and refs[0] != "-" and not Path(refs[0]).is_file():
        if not (library_path or paths.library_file()).exists():
            raise NewsdiffError(f"{refs[0]}: no such file, and there is no library to find a story in")
        with open_library(library_path) as library:
            return _story_reports(library, find_story(library, refs[0]))
    articles: list[Article] = []
    ids: list[str] = []
    given: list[str | None] = []
    for ref in refs:
        if ref == "-" or Path(ref).is_file():
            article = clean_source(ref)
            articles.append(article)
            ids.append(article.content_hash[:12])
            given.append(ref)
        else:
            stored = _find_stored(ref, library_path)
            if stored is None:
                raise NewsdiffError(f"{ref}: no such file, and no article of the library has this id or URL")
            articles.append(stored.article)
            ids.append(stored.id)
            given.append(None)
    return FactsInput(tuple(articles), tuple(ids), tuple(given), None,
                      library_path or paths.library_file() if None in given else None)


def _story_reports(library: Library, story: str) -> FactsInput:
    # In an order of their own (date, outlet, title, text), not by id: ids differ between installs
    # (they hash where a file was), and the order names the columns and breaks ties.
    members = sorted(library.articles(story=story, sentences=True), key=lambda s: (
        s.article.published or "", (s.article.outlet or "").casefold(), s.article.title, s.article.content_hash))
    return FactsInput(tuple(s.article for s in members), tuple(s.id for s in members),
                      tuple(None for _ in members), story, library.path)


def facts_of(reports: FactsInput, on_progress: Progress | None = None, library: Library | None = None) -> StoryFacts:
    """Who reported what: every fact of the reports, which carry it and where they disagree.

    The alignments of stored reports are read from and kept in ``library`` (else the library the
    reports came from), so a story's facts are aligned once; without one, everything is aligned.
    """
    from newsdiff.core.align import ALIGNER_VERSION, AlignOptions, align
    from newsdiff.core.facts import story_facts

    options = AlignOptions(word_diffs=False)  # facts show sentences and their disagreements, not word changes

    def aligned(a: Article, b: Article) -> Alignment:
        return align(list(a.sentence_texts), list(b.sentence_texts), options)

    opened = _cache_library(reports.library) if library is None and reports.library else None
    try:
        if (library := library or opened) is None:
            return story_facts(reports.articles, aligned, on_progress)
        from newsdiff.core.library import AlignmentCache

        cache = AlignmentCache(library.conn, ALIGNER_VERSION)
        story = story_facts(reports.articles, cache.through(aligned), on_progress)
        cache.prune()
        return story
    finally:
        if opened is not None:
            opened.close()


def _cache_library(path: Path) -> Library | None:
    """The library to keep alignments in, when it opens (no cache is no reason to fail)."""
    try:
        return open_library(path) if path.exists() else None
    except NewsdiffError:
        return None


def story_report(library: Library, story_ref: str, on_progress: Progress | None = None,
                 notes: AnnotationStore | None = None) -> StoryReport:
    """A story's shareable report: the facts of its reports and the reader's notes on them."""
    from datetime import UTC, datetime

    from newsdiff.core.facts import ReportNote, StoryReport
    from newsdiff.core.notes import AnnotationStore

    story = find_story(library, story_ref)
    reports = _story_reports(library, story)
    facts = facts_of(reports, on_progress, library)
    where = {article_id: k for k, article_id in enumerate(reports.ids)}
    placed = sorted(((where[a], n) for n, a in notes_with_places(library, notes or AnnotationStore()) if a in where),
                    key=lambda t: (t[0], t[1].selector.start))
    kept = tuple(ReportNote(k, n.selector.quote, n.note, n.tags, n.orphaned) for k, n in placed)
    summary = library.story(story)
    return StoryReport(story, summary.title if summary else "", facts, reports.ids, kept,
                       datetime.now(UTC).date().isoformat())


def cluster_articles(items: Sequence[tuple[str, Article]], on_progress: Progress | None = None,
                     pinned: dict[str, str] | None = None) -> list[Cluster]:
    """Group keyed articles into stories (pinned: key -> story id the user chose)."""
    from newsdiff.core.cluster import cluster_articles as run

    return run(items, on_progress=on_progress, pinned=pinned)


def open_library(path: Path | None = None) -> Library:
    """The user's library (under NEWSDIFF_HOME when set)."""
    from newsdiff.core.library import Library  # comparing two files needs no database

    return Library(path or paths.library_file())


def add_sources(
    library: Library, sources: Iterable[str], on_progress: Progress | None = None
) -> list[Outcome]:
    """Clean and store each source; one bad source never stops the others."""
    sources = list(sources)
    outcomes: list[Outcome] = []
    for done, source in enumerate(sources, 1):
        try:
            article, raw = read_raw(source)
            outcomes.append(Outcome(source, result=library.add(article, raw)))
        except NewsdiffError as err:
            outcomes.append(Outcome(source, error=str(err)))
        if on_progress:
            on_progress(done, len(sources))
    try:
        update_stories(library, [o.result.id for o in outcomes if o.result and o.result.status != "unchanged"])
    except NewsdiffError as err:
        raise NotPlaced(f"{err}. The articles stored are kept and join their stories on the next add, "
                        "refresh or recluster, or when the reader opens", outcomes) from err
    return outcomes


# A full re-cluster (which can split stories and fixes what the order of arrival got wrong) runs
# when this many articles were placed one by one since the last: a quarter of the library then.
REBUILD_SHARE, REBUILD_MIN = 0.25, 50


def update_stories(library: Library, changed: Sequence[str], on_progress: Progress | None = None) -> int:
    """Put new or changed articles (library ids) in stories; returns the number of stories.

    Each article joins its best story through the index kept in the library, at a cost that does
    not grow with the library; the stories it touched may then merge with others. A full
    re-cluster runs instead when the kept state is missing or stale, or one is due.
    """
    from newsdiff.core.cluster import LibraryStoryIndex

    changed = list(dict.fromkeys([*changed, *library.unplaced()]))  # and those an earlier run failed to place
    dirty = LibraryStoryIndex.dirty(library.conn)
    if changed or dirty:
        placed, size = LibraryStoryIndex.adds_since_rebuild(library.conn)
        if (not LibraryStoryIndex.is_current(library.conn)
                or placed + len(changed) >= max(REBUILD_MIN, REBUILD_SHARE * size)):
            return recluster(library, on_progress)
        with library.transaction():
            index = LibraryStoryIndex(library.conn)
            index.resync(dirty)  # stories the user changed: their state follows their members
            touched = set()
            for done, article_id in enumerate(changed, 1):
                stored = library.get(article_id, sentences=False)
                if stored is not None:
                    touched.add(index.place(article_id, stored.article))
                if on_progress:
                    on_progress(done, len(changed))
            index.settle(touched)
            index.flush(adds=len(changed))
            library.placed(changed)
    return library.story_count()


def place_unplaced(library: Library) -> int:
    """Put the articles an earlier run stored but did not place (a full disk, a crash) in their
    stories; writes nothing when none wait. Returns how many waited."""
    waiting = library.unplaced()
    if waiting:
        update_stories(library, [])
    return len(waiting)


def refresh(library: Library, options: FetchOptions | None = None,
            on_progress: Progress | None = None) -> RefreshReport:
    """Fetch every subscribed feed and the new articles they list, then put those in stories."""
    from newsdiff.core.feeds import fetch_feeds

    report = fetch_feeds(library, options, on_progress)
    if report.changed or library.unplaced():  # and articles an earlier run stored but failed to place
        report.stories = update_stories(library, report.changed)
    return report


def add_url(library: Library, url: str, options: FetchOptions | None = None) -> AddResult:
    """Fetch one article page, store it and put it in a story (`newsdiff add URL`)."""
    from newsdiff.core.feeds import fetch_article

    outcome = fetch_article(library, url, options)
    if outcome.status != "unchanged":
        update_stories(library, [outcome.id])
    return outcome


def move_article(library: Library, article_id: str, story_id: str) -> StoryEdit:
    """Pin an article to a story (a user's choice re-clustering keeps) and bring both stories up to date."""
    return move_articles(library, [article_id], story_id)


def recluster(library: Library, on_progress: Progress | None = None) -> int:
    """Rebuild the library's stories from all its articles; pinned user moves stay. Returns story count."""
    from newsdiff.core.cluster import build_index, cluster_ids, cluster_of, persist

    size = library.count()
    if not size:
        return 0
    previous = {r[0]: r[1] for r in library.conn.execute("SELECT article_id, story_id FROM story_members")}
    index = build_index(library.cluster_inputs(), on_progress=on_progress, pinned=library.pinned(), previous=previous)
    ids = cluster_ids(index)
    clusters = {sid: cluster_of(index.options, story, ids[sid], ids) for sid, story in index.stories.items()}

    def why(cluster: Cluster, member: str) -> str | None:
        return next((e.split(": ", 1)[1] for e in cluster.evidence if e.startswith(member + ": ")), None)

    with library.transaction():
        library.write_stories(
            (c.id, c.title, [(m, dict(c.copies).get(m), why(c, m)) for m in c.members]) for c in clusters.values()
        )
        persist(library.conn, index, {sid: c.id for sid, c in clusters.items()}, size)
    story_edits.tidy_stories(library)  # stories the user's pins shaped are titled after what they now hold
    return library.story_count()


def compare_articles(a: Article, b: Article) -> Comparison:
    """Everything the compare view needs for two cleaned articles."""
    from newsdiff.core.align import build_comparison

    return build_comparison(a, b, align_articles(a, b))


def compare_in_library(a: Article, b: Article, library: Path | None = None) -> Comparison:
    """``compare_articles`` for two articles of the library at ``library`` (the user's when None),
    with the sentences it knows as boilerplate marked."""
    from newsdiff.core.align import build_comparison

    alignment = align_articles(a, b)
    with open_library(library) as lib:  # its own connection: the compare view aligns in a worker thread
        flags = boilerplate_sentences(lib, alignment.a), boilerplate_sentences(lib, alignment.b)
    return build_comparison(a, b, alignment, flags)


def boilerplate_sentences(library: Library, sentences: Sequence[str]) -> frozenset[int]:
    """The sentences (by index) the library repeats across unrelated articles, as its clustering
    counted them (``core/cluster/boilerplate``): none before its first clustering."""
    from newsdiff.core.cluster import LibraryStoryIndex

    flags = LibraryStoryIndex(library.conn).boilerplate(sentences)
    return frozenset(k for k, flag in enumerate(flags) if flag)


def compare_sources(a: str | Path, b: str | Path) -> Comparison:
    """Compare two files, library ids or URLs of the library."""
    return compare_articles(load_article(str(a)), load_article(str(b)))


def compare_previous(ref: str) -> Comparison:
    """Compare an article's earlier version (A) with its current text (B)."""
    return compare_articles(*previous_version(ref))


@dataclass(frozen=True, slots=True)
class StoryOverview:
    """A story's articles, how much of each one every other covers, and the pair worth comparing first."""

    articles: tuple[StoredArticle, ...]
    coverage: dict[tuple[int, int], float]  # (i, j) -> share of article i also found in article j
    default_pair: tuple[int, int] | None
    evidence: dict[str, str]  # article id -> why clustering (or the user) put it here
    title: str = ""
    pinned: frozenset[str] = frozenset()  # ids of the articles the user pinned to this story
    # per article: the mean share of it the others in its language carry (None: no other in it)
    shared: tuple[float | None, ...] = ()


def story_overview(library: Library, story_id: str, max_articles: int = 12) -> StoryOverview:
    """Align every pair of a story's articles (up to ``max_articles``) for the story view."""
    stored = tuple(s for s in library.articles(story_id, sentences=True) if s.article.sentences)
    coverage: dict[tuple[int, int], float] = {}
    subset = range(min(len(stored), max_articles))
    langs = [s.article.lang for s in stored]
    for i in subset:
        for j in subset:
            # Reports in two languages share no sentence: aligning them would only say so.
            if i < j and (langs[i] == langs[j] or None in (langs[i], langs[j])):
                stats = align_articles(stored[i].article, stored[j].article).stats
                coverage[(i, j)], coverage[(j, i)] = stats.coverage_a, stats.coverage_b
    shares = [[c for (a, _), c in coverage.items() if a == i] for i in range(len(stored))]
    shared = tuple(sum(row) / len(row) if row else None for row in shares)
    summary = library.story(story_id)
    pinned = frozenset(a for a, s in library.pinned().items() if s == story_id)
    return StoryOverview(stored, coverage, _most_different(stored, coverage), library.evidence(story_id),
                         summary.title if summary else "", pinned, shared)


def _most_different(
    stored: tuple[StoredArticle, ...], coverage: dict[tuple[int, int], float]
) -> tuple[int, int] | None:
    """The two full reports (not copies, not stubs, in the story's main language) that share the least.

    Two reports in different languages share no sentences at all, which says nothing about how
    they tell the story: they are compared only when the user asks for it.
    """
    if len(stored) < 2:
        return None
    langs = [s.article.lang for s in stored]
    main = max(set(langs), key=lambda lang: (langs.count(lang), lang or ""))
    longest = max(len(s.article.sentences) for s in stored)
    full = [i for i, s in enumerate(stored) if not s.copy_of and len(s.article.sentences) >= 0.5 * longest
            and (s.article.lang == main or langs.count(main) < 2)]
    candidates = [(i, j) for i in full for j in full if i < j and (i, j) in coverage]
    if not candidates:
        return (0, 1)
    return min(candidates, key=lambda p: (coverage[p] + coverage[(p[1], p[0])], p))


def article_ref(article: Article) -> ArticleRef:
    """The stable identity notes hang on: URL, else source path, else content hash."""
    from newsdiff.core.notes import ArticleRef

    key = article.url or article.path or f"sha256:{article.content_hash}"
    return ArticleRef(key, article.title, article.outlet, article.url, article.path, article.content_hash)


def resolve_article(library: Library, ref: str) -> StoredArticle:
    """An article by library id, URL or path; a file not yet in the library is added first."""
    stored = library.find(ref)
    if stored is None and Path(ref).exists():
        stored = library.find(str(Path(ref).resolve()))
        if stored is None:
            outcome = add_sources(library, [ref])[0]
            if outcome.error:
                raise NewsdiffError(outcome.error)
            stored = library.get(outcome.result.id) if outcome.result else None
    if stored is None:
        raise NewsdiffError(f"{ref}: not a library id, URL or readable file")
    return stored


def notes_with_places(library: Library, store: AnnotationStore) -> list[tuple[Annotation, str | None]]:
    """Every note, re-anchored against its article's current text, with the article's library id."""
    out: list[tuple[Annotation, str | None]] = []
    for note in store.list():
        stored = library.find(note.article.url or note.article.path or "") if (
            note.article.url or note.article.path) else None
        if stored is not None:
            placed = store.list(note.article, stored.article.body)
            note = next((n for n in placed if n.id == note.id), note)
        out.append((note, stored.id if stored else None))
    return out


def noted_stories(library: Library, store: AnnotationStore) -> set[str]:
    """Ids of stories with at least one note on one of their articles."""
    keys = {n.article.key for n in store.list()}
    return {s.story for s in library.articles() if s.story and article_ref(s.article).key in keys}


# -- the user's corrections of the stories (ids, unique id prefixes, URLs or paths) ------------


def _article_id(library: Library, ref: str) -> str:
    found = _lookup(library, ref)
    if found is None:
        raise NewsdiffError(f"{ref}: no article of the library has this id, URL or path (`newsdiff list` shows ids)")
    return found.id


def _settled(library: Library, edit: StoryEdit) -> StoryEdit:
    """Bring the clustering's kept state up to date with the stories a correction changed."""
    update_stories(library, [])  # the changed stories were marked dirty as their members moved
    return edit


def merge_stories(library: Library, story_refs: Sequence[str], into: str | None = None) -> StoryEdit:
    """Merge stories into ``into`` (else the biggest); their articles are pinned to it."""
    ids = [find_story(library, ref) for ref in story_refs]
    return _settled(library, story_edits.merge_stories(library, ids, find_story(library, into) if into else None))


def split_story(library: Library, story_ref: str, article_refs: Sequence[str]) -> StoryEdit:
    """Split articles off a story into a new story; both halves are pinned."""
    story_id = find_story(library, story_ref)
    articles = [_article_id(library, ref) for ref in article_refs]
    return _settled(library, story_edits.split_story(library, story_id, articles))


def move_articles(library: Library, article_refs: Sequence[str], story_ref: str) -> StoryEdit:
    """Pin articles to another story."""
    ids = [_article_id(library, ref) for ref in article_refs]
    return _settled(library, story_edits.move_articles(library, ids, find_story(library, story_ref)))


def unpin_articles(library: Library, article_refs: Sequence[str] = (), story_refs: Sequence[str] = ()) -> StoryEdit:
    """Give articles (and every pinned article of some stories) back to automatic clustering, which places them."""
    ids = [_article_id(library, ref) for ref in article_refs]
    for ref in story_refs:
        ids += story_edits.story_pins(library, find_story(library, ref))
    edit = story_edits.unpin(library, ids)
    if edit.id is None:
        return edit
    update_stories(library, edit.articles)
    now_in = tuple(dict.fromkeys(s.story for a in edit.articles if (s := library.get(a)) and s.story))
    return replace(edit, stories=now_in)


def undo_story_edit(library: Library) -> StoryEdit | None:
    """Undo the latest correction of the stories; None when there is nothing to undo."""
    edit = story_edits.undo_last(library)
    return edit if edit is None else _settled(library, edit)
