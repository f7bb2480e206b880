"""The user's corrections of the stories: merge, split, move and unpin, each journalled and undoable.

A correction pins the articles it touches (``story_members.pinned``) to the story the user
chose, so re-clustering keeps it, and records in ``story_edits`` (schema v5) the memberships
and titles it replaced, so that the latest correction can be undone. A story's title follows
what it holds: the most representative headline of its articles.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsdiff.core.models import Article
from newsdiff.errors import NewsdiffError

if TYPE_CHECKING:  # the pipeline imports this module, and comparing two files opens no library
    from newsdiff.core.library import Library

JOURNAL_KEEP = 200  # corrections kept for undo; older ones are forgotten
_IN = "IN (SELECT value FROM json_each(?))"  # one JSON parameter instead of a placeholder per id


@dataclass(frozen=True, slots=True)
class StoryEdit:
    """What one correction (or an undo) did."""

    id: int | None  # its journal entry; None when there was nothing to change
    action: str  # "merge" | "split" | "move" | "unpin" | "undo"
    summary: str  # one line for the user
    stories: tuple[str, ...]  # the stories it left, the one to show first
    articles: tuple[str, ...]  # the articles whose story or pin it changed


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(values: Iterable[str | None]) -> str:
    return json.dumps([v for v in dict.fromkeys(values) if v is not None])


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def find_story(library: Library, ref: str) -> str:
    """A story id from the id or a unique start of it; otherwise an error naming ``ref``."""
    conn = library.conn
    if conn.execute("SELECT 1 FROM stories WHERE id = ?", (ref,)).fetchone():
        return ref
    escaped = ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = conn.execute("SELECT id FROM stories WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                        (escaped + "%",)).fetchall() if ref else []
    if len(rows) == 1:
        return str(rows[0][0])
    if rows:
        raise NewsdiffError(f"{ref}: more than one story id starts like this; give more of it")
    raise NewsdiffError(f"{ref}: no story has this id (`newsdiff stories` lists them)")


def _members(library: Library, story_id: str) -> list[str]:
    rows = library.conn.execute(
        "SELECT article_id FROM story_members WHERE story_id = ? ORDER BY article_id", (story_id,)).fetchall()
    if not rows:
        raise NewsdiffError(f"{story_id}: no story has this id (`newsdiff stories` lists them)")
    return [r[0] for r in rows]


def _title(library: Library, story_id: str | None) -> str:
    row = library.conn.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
    return str(row[0]) if row else ""


def representative_title(items: Sequence[tuple[str, Article]]) -> str:
    """The headline closest to what the articles share, as clustering titles a story (a page
    without a headline lends the start of its text)."""
    from newsdiff.core.cluster import cluster_articles

    if not items:
        return ""
    if len(items) == 1 and items[0][1].title:
        return items[0][1].title
    clusters = cluster_articles(items, pinned={key: "story" for key, _ in items})
    return max(clusters, key=lambda c: len(c.members)).title


def retitle(library: Library, story_ids: Iterable[str | None]) -> None:
    """Title each story after its articles; drop stories left empty and copy links to other stories.

    Call inside a transaction.
    """
    now, ids = _now(), [s for s in dict.fromkeys(story_ids) if s is not None]
    for sid in ids:
        items = [(s.id, s.article) for s in library.articles(sid)]
        if items:
            library.conn.execute("UPDATE stories SET title = ?, updated = ? WHERE id = ?",
                                 (representative_title(items), now, sid))
    library.conn.execute("DELETE FROM stories WHERE id NOT IN (SELECT story_id FROM story_members)")
    # A copy is marked only against an original in the same story.
    library.conn.execute(
        "UPDATE story_members SET copy_of = NULL WHERE copy_of IS NOT NULL AND story_id " + _IN +
        " AND NOT EXISTS (SELECT 1 FROM story_members o WHERE o.article_id = story_members.copy_of"
        " AND o.story_id = story_members.story_id)", (_json(ids),))


def tidy_stories(library: Library) -> None:
    """After re-clustering: retitle the stories the user's pins shaped (and any untitled, or whose
    headline no longer belongs to one of its articles), so titles agree with what each story holds.
    A story of pages without headlines keeps the start of a text clustering gave it."""
    with library.transaction():
        rows = library.conn.execute(
            "SELECT s.id FROM stories s WHERE s.title = '' OR EXISTS (SELECT 1 FROM story_members m"
            " WHERE m.story_id = s.id AND m.pinned) OR (EXISTS (SELECT 1 FROM story_members m"
            " JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id AND a.title != '')"
            " AND NOT EXISTS (SELECT 1 FROM story_members m"
            " JOIN articles a ON a.id = m.article_id WHERE m.story_id = s.id AND a.title = s.title))"
        ).fetchall()
        retitle(library, [r[0] for r in rows])


def _snapshot(library: Library, articles: Sequence[str], stories: Iterable[str | None]) -> str:
    """The memberships of ``articles`` and the titles of ``stories``, as undo puts them back."""
    conn = library.conn
    rows = {r[0]: list(r) for r in conn.execute(
        "SELECT article_id, story_id, pinned, copy_of, evidence FROM story_members WHERE article_id " + _IN,
        (_json(articles),))}
    titles = conn.execute("SELECT id, title FROM stories WHERE id " + _IN, (_json(stories),)).fetchall()
    return json.dumps({"members": [rows.get(a, [a, None, 0, None, None]) for a in dict.fromkeys(articles)],
                       "stories": [list(t) for t in titles]}, ensure_ascii=False)


def _journal(library: Library, action: str, summary: str, before: str) -> int:
    cur = library.conn.execute("INSERT INTO story_edits(at, action, summary, before) VALUES (?,?,?,?)",
                               (_now(), action, summary, before))
    edit_id = int(cur.lastrowid or 0)
    library.conn.execute("DELETE FROM story_edits WHERE id <= ?", (edit_id - JOURNAL_KEEP,))
    return edit_id


def _pin(library: Library, articles: Sequence[str], story_id: str, why: str) -> None:
    """Pin articles to a story; one already pinned there keeps the reason it was pinned for."""
    library.conn.execute(
        "INSERT INTO story_members(article_id, story_id, pinned, evidence) SELECT value, ?, 1, ?"
        " FROM json_each(?) WHERE true ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id,"
        " pinned = 1, evidence = CASE WHEN pinned AND story_id = excluded.story_id THEN evidence"
        " ELSE excluded.evidence END",
        (story_id, why, _json(articles)))


def merge_stories(library: Library, story_ids: Sequence[str], into: str | None = None) -> StoryEdit:
    """Merge stories into one: ``into``, else the one with most articles (ties: the first given).

    The survivor keeps its id; every article of the merged stories is pinned to it.
    """
    ids = list(dict.fromkeys([*story_ids, *([into] if into else [])]))
    if len(ids) < 2:
        raise NewsdiffError("merging needs two or more different stories")
    with library.transaction():
        members = {sid: _members(library, sid) for sid in ids}
        survivor = into or max(ids, key=lambda sid: len(members[sid]))
        everything = [a for sid in ids for a in members[sid]]
        before = _snapshot(library, everything, ids)
        for sid in ids:
            why = ("kept here by you when you merged stories into this one" if sid == survivor
                   else f"merged here by you from “{_title(library, sid)}”")
            _pin(library, members[sid], survivor, why)
        retitle(library, [survivor])
        summary = f"Merged {len(ids)} stories into “{_title(library, survivor)}” ({_count(len(everything), 'article')})"
        edit_id = _journal(library, "merge", summary, before)
    return StoryEdit(edit_id, "merge", summary, (survivor,), tuple(everything))


def _fresh_story_id(library: Library, articles: Sequence[str]) -> str:
    seed = "split:" + ",".join(sorted(articles))
    while True:
        sid = "s" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:10]
        if not library.conn.execute("SELECT 1 FROM stories WHERE id = ?", (sid,)).fetchone():
            return sid
        seed += "+"


def split_story(library: Library, story_id: str, article_ids: Sequence[str]) -> StoryEdit:
    """Split articles off a story into a new one; both halves are pinned, so re-clustering keeps them apart."""
    chosen = list(dict.fromkeys(article_ids))
    if not chosen:
        raise NewsdiffError("name the articles to split off the story")
    with library.transaction():
        members = _members(library, story_id)
        stray = [a for a in chosen if a not in members]
        if stray:
            raise NewsdiffError(f"{stray[0]}: this article is not in story {story_id}")
        if len(chosen) == len(members):
            raise NewsdiffError(f"{story_id}: splitting off every article would leave the story empty;"
                                " nothing was changed")
        old_title, new_id = _title(library, story_id), _fresh_story_id(library, chosen)
        before = _snapshot(library, members, [story_id])
        library.conn.execute("INSERT INTO stories(id, title, updated) VALUES (?, '', ?)", (new_id, _now()))
        _pin(library, chosen, new_id, f"split off by you from “{old_title}”")
        _pin(library, [a for a in members if a not in chosen], story_id,
             f"kept here by you when you split off {_count(len(chosen), 'article')}")
        retitle(library, [story_id, new_id])
        summary = (f"Split {_count(len(chosen), 'article')} off “{old_title}” into a new story"
                   f" “{_title(library, new_id)}”")
        edit_id = _journal(library, "split", summary, before)
    return StoryEdit(edit_id, "split", summary, (story_id, new_id), tuple(chosen))


def move_articles(library: Library, article_ids: Sequence[str], story_id: str) -> StoryEdit:
    """Pin articles to another story (one already there is pinned where it is)."""
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        raise NewsdiffError("name the articles to move")
    with library.transaction():
        _members(library, story_id)
        rows = {r[0]: r for r in library.conn.execute(
            "SELECT a.id, a.title, m.story_id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
            " WHERE a.id " + _IN, (_json(ids),))}
        missing = [a for a in ids if a not in rows]
        if missing:
            raise NewsdiffError(f"{missing[0]}: no article of the library has this id")
        sources = list(dict.fromkeys(rows[a][2] for a in ids))
        before = _snapshot(library, ids, [*sources, story_id])
        for source in sources:
            moved = [a for a in ids if rows[a][2] == source]
            _pin(library, moved, story_id, "kept here by you" if source == story_id
                 else f"moved here by you from “{_title(library, source)}”")
        retitle(library, [story_id, *sources])
        what = f"“{rows[ids[0]][1]}”" if len(ids) == 1 else _count(len(ids), "article")
        verb = "Pinned" if sources == [story_id] else "Moved"  # already there: the pin is the change
        summary = f"{verb} {what} to “{_title(library, story_id)}”"
        edit_id = _journal(library, "move", summary, before)
    left = tuple(s for s in dict.fromkeys([story_id, *sources]) if s and library.story(s) is not None)
    return StoryEdit(edit_id, "move", summary, left, tuple(ids))


def story_pins(library: Library, story_id: str) -> list[str]:
    """The articles of a story that the user pinned there."""
    _members(library, story_id)
    rows = library.conn.execute("SELECT article_id FROM story_members WHERE story_id = ? AND pinned"
                                " ORDER BY article_id", (story_id,)).fetchall()
    return [r[0] for r in rows]


def unpin(library: Library, article_ids: Sequence[str]) -> StoryEdit:
    """Give articles back to automatic clustering; they stay where they are until the next re-cluster."""
    with library.transaction():
        rows = library.conn.execute("SELECT article_id, story_id FROM story_members WHERE pinned AND article_id "
                                    + _IN + " ORDER BY article_id", (_json(article_ids),)).fetchall()
        if not rows:
            return StoryEdit(None, "unpin", "Nothing to give back: the clustering already places "
                             f"{'this article' if len(article_ids) == 1 else 'these articles'}", (), ())
        pinned, stories = [r[0] for r in rows], tuple(dict.fromkeys(r[1] for r in rows))
        before = _snapshot(library, pinned, stories)
        library.conn.execute("UPDATE story_members SET pinned = 0, evidence = 'no longer pinned: the clustering"
                             " places it at the next rebuild' WHERE article_id " + _IN, (_json(pinned),))
        summary = f"Gave {_count(len(pinned), 'article')} back to automatic clustering"
        edit_id = _journal(library, "unpin", summary, before)
    return StoryEdit(edit_id, "unpin", summary, stories, tuple(pinned))


def undo_last(library: Library) -> StoryEdit | None:
    """Put back what the latest correction not yet undone replaced; None when there is none."""
    conn = library.conn
    with library.transaction():
        row = conn.execute("SELECT id, summary, before FROM story_edits WHERE undone IS NULL"
                           " ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        before = json.loads(row["before"])
        known = {r[0] for r in conn.execute("SELECT id FROM articles WHERE id " + _IN,
                                            (_json(m[0] for m in before["members"]),))}
        members = [m for m in before["members"] if m[0] in known]
        left = [r[0] for r in conn.execute("SELECT DISTINCT story_id FROM story_members WHERE article_id " + _IN,
                                           (_json(m[0] for m in members),))]
        for story_id, title in before["stories"]:
            conn.execute("INSERT INTO stories(id, title, updated) VALUES (?,?,?) ON CONFLICT(id) DO UPDATE"
                         " SET title = excluded.title, updated = excluded.updated", (story_id, title, _now()))
        for article_id, story_id, pinned, copy_of, evidence in members:
            if story_id is None:
                conn.execute("DELETE FROM story_members WHERE article_id = ?", (article_id,))
                continue
            conn.execute("INSERT INTO story_members(article_id, story_id, pinned, copy_of, evidence)"
                         " VALUES (?,?,?,?,?) ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id,"
                         " pinned = excluded.pinned, copy_of = excluded.copy_of, evidence = excluded.evidence",
                         (article_id, story_id, pinned, copy_of, evidence))
        conn.execute("UPDATE story_edits SET undone = ? WHERE id = ?", (_now(), row["id"]))
        restored = [s for s, _ in before["stories"]]
        retitle(library, [s for s in left if s not in restored])
        existing = tuple(s for s in restored if library.story(s) is not None)
    return StoryEdit(row["id"], "undo", f"Undid: {row['summary']}", existing, tuple(m[0] for m in members))
