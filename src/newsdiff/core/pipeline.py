"""The one facade the CLI and the TUI call: clean, align, cluster, store, in the right order."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsdiff import paths
from newsdiff.core.layout import Comparison, build_comparison
from newsdiff.core.models import Alignment, Article, Cluster
from newsdiff.errors import NewsdiffError

if TYPE_CHECKING:
    from newsdiff.core.annotations import Annotation, AnnotationStore, ArticleRef
    from newsdiff.core.library import AddResult, Library, StoredArticle

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one source in a batch: a result or the one-line reason it failed."""

    source: str
    result: AddResult | None = None
    error: str | None = None


def clean_source(source: str | Path) -> Article:
    """Read and clean one file (or ``-`` for stdin)."""
    from newsdiff.core.ingest import article_from_path

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
    from newsdiff.core.urls import normalise_url

    if not (library_path or paths.library_file()).exists():
        return None  # never create a library just to look something up
    with open_library(library_path) as library:
        found = library.find(ref)
        if found is None and Path(ref).exists():
            found = library.find(str(Path(ref).resolve()))
        if found is None and "://" in ref:
            found = library.find(normalise_url(ref))
        return found


def previous_version(ref: str, library_path: Path | None = None) -> tuple[Article, Article]:
    """(the version of an article saved before its latest update, the current one)."""
    from newsdiff.core.segment import segment

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
    from newsdiff.core.ingest import article_from_bytes, decode, read_source

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
    if any(o.result and o.result.status != "unchanged" for o in outcomes):
        recluster(library)
    return outcomes


def recluster(library: Library, on_progress: Progress | None = None) -> int:
    """Rebuild the library's stories from its articles; pinned user moves stay. Returns story count."""
    stored = list(library.articles(sentences=True))
    if not stored:
        return 0
    clusters = cluster_articles([(s.id, s.article) for s in stored], on_progress, library.pinned())
    def why(cluster: Cluster, member: str) -> str | None:
        return next((e.split(": ", 1)[1] for e in cluster.evidence if e.startswith(member + ": ")), None)

    library.set_stories(
        (c.id, c.title, [(m, dict(c.copies).get(m), why(c, m)) for m in c.members]) for c in clusters
    )
    return len(clusters)


def compare_articles(a: Article, b: Article) -> Comparison:
    """Everything the compare view needs for two cleaned articles."""
    return build_comparison(a, b, align_articles(a, b))


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
    evidence: dict[str, str]  # article id -> why clustering put it here


def story_overview(library: Library, story_id: str, max_articles: int = 12) -> StoryOverview:
    """Align every pair of a story's articles (up to ``max_articles``) for the story view."""
    stored = tuple(s for s in library.articles(story_id, sentences=True) if s.article.sentences)
    coverage: dict[tuple[int, int], float] = {}
    subset = range(min(len(stored), max_articles))
    for i in subset:
        for j in subset:
            if i < j:
                stats = align_articles(stored[i].article, stored[j].article).stats
                coverage[(i, j)], coverage[(j, i)] = stats.coverage_a, stats.coverage_b
    return StoryOverview(stored, coverage, _most_different(stored, coverage), library.evidence(story_id))


def _most_different(
    stored: tuple[StoredArticle, ...], coverage: dict[tuple[int, int], float]
) -> tuple[int, int] | None:
    """The two full reports (not copies, not stubs) that share the least."""
    if len(stored) < 2:
        return None
    longest = max(len(s.article.sentences) for s in stored)
    full = [i for i, s in enumerate(stored) if not s.copy_of and len(s.article.sentences) >= 0.5 * longest]
    candidates = [(i, j) for i in full for j in full if i < j and (i, j) in coverage]
    if not candidates:
        return (0, 1)
    return min(candidates, key=lambda p: (coverage[p] + coverage[(p[1], p[0])], p))


def article_ref(article: Article) -> ArticleRef:
    """The stable identity notes hang on: URL, else source path, else content hash."""
    from newsdiff.core.annotations import ArticleRef

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
