"""Annotation store: round trips, re-anchoring, concurrent writers, broken files, failing disks."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff.core.notes import AnnotationFileError, AnnotationStore, ArticleRef, export_json, export_markdown
from newsdiff.core.notes.anchor import anchor, select
from newsdiff.errors import NewsdiffError

BODY = ("Dock workers at Velmora walked out on Monday.\n\n"
        "\"Safety is not something we trade for overtime,\" said Marta Ivo.\n\n"
        "The port authority said the new rotas were needed to keep up with rising traffic.\n\n"
        "The union will meet the authority on Wednesday.")
REF = ArticleRef("/tmp/velmora.txt", "Dockers strike", "Harbor Wire", None, "/tmp/velmora.txt", "abc")


@pytest.fixture
def store(tmp_path: Path) -> AnnotationStore:
    return AnnotationStore(tmp_path / "notes")


def test_round_trip_through_a_readable_toml_file(store: AnnotationStore) -> None:
    note = store.add(REF, BODY, "Safety is not something we trade for overtime", "quote trimmed elsewhere",
                     ("quotes", "safety"), "green")
    data = tomllib.loads(store.file_for(REF).read_text())
    assert data["schema_version"] == 1 and data["article"]["title"] == "Dockers strike"
    [again] = store.list(REF, BODY)
    assert again.id == note.id and again.note == "quote trimmed elsewhere"
    assert again.tags == ("quotes", "safety") and again.colour == "green" and not again.orphaned
    store.update(note.id, note="edited", tags=("x",))
    assert store.get(note.id).note == "edited"  # type: ignore[union-attr]
    store.remove(note.id)
    assert store.list(REF) == []


def test_quote_not_in_the_article_is_refused(store: AnnotationStore) -> None:
    with pytest.raises(NewsdiffError, match="not in"):
        store.add(REF, BODY, "words that are nowhere", "x")
    assert not store.file_for(REF).exists()


def test_reanchoring_after_edits() -> None:
    start = BODY.index("The port authority")
    sel = select(BODY, start, start + len("The port authority said the new rotas were needed"))
    moved = BODY.split("\n\n")
    moved = "\n\n".join([moved[2], moved[0], moved[1], moved[3]])
    placed = anchor(sel, moved)
    assert placed is not None and moved[placed.start:placed.end] == sel.quote and placed.method == "exact"
    reworded = BODY.replace("said the new rotas were", "said that new rotas were")
    placed = anchor(sel, reworded)
    assert placed is not None and placed.method == "fuzzy"
    assert reworded[placed.start:placed.end].startswith("The port authority")
    deleted = BODY.replace("The port authority said the new rotas were needed to keep up with rising traffic.", "")
    assert anchor(sel, deleted) is None


def test_repeated_quote_is_found_by_its_context() -> None:
    body = "He said no. Then the minister spoke at length. Later he said no. The vote followed."
    second = body.index("he said no", 20)
    sel = select(body, second, second + len("he said no"))
    edited = "Intro. " + body
    placed = anchor(sel, edited)
    assert placed is not None and placed.start == second + len("Intro. ")


def test_orphaned_notes_are_flagged_not_moved(store: AnnotationStore) -> None:
    store.add(REF, BODY, "The union will meet the authority on Wednesday", "meeting")
    [note] = store.list(REF, BODY.replace("The union will meet the authority on Wednesday.", "Talks ended."))
    assert note.orphaned and note.anchored is None


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from newsdiff.core.notes import AnnotationStore, ArticleRef
    store = AnnotationStore(Path(sys.argv[1]))
    ref = ArticleRef("/tmp/velmora.txt", "Dockers strike")
    body = "Dock workers at Velmora walked out on Monday."
    for i in range(30):
        store.add(ref, body, "walked out", f"{sys.argv[2]} {i}")
    """
)


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "notes"
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(root), name]) for name in ("p", "q")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    notes = AnnotationStore(root).list(ArticleRef("/tmp/velmora.txt"))
    assert len(notes) == 60 and len({n.id for n in notes}) == 60


def test_a_broken_file_is_reported_and_never_overwritten(store: AnnotationStore) -> None:
    store.add(REF, BODY, "walked out on Monday", "first")
    other = ArticleRef("/tmp/other.txt", "Other")
    store.add(other, BODY, "rising traffic", "fine")
    path = store.file_for(REF)
    path.write_bytes(path.read_bytes() + b"\nbroken = [\n")
    before = path.read_bytes()
    with pytest.raises(AnnotationFileError) as err:
        store.add(REF, BODY, "Marta Ivo", "second")
    assert (str(path) in str(err.value) and "line" in str(err.value).lower()) or "TOML" in str(err.value)
    assert path.read_bytes() == before
    listed = store.list()
    assert [n.note for n in listed] == ["fine"] and store.problems and str(path) in store.problems[0]


def test_newer_schema_is_refused_read_only(store: AnnotationStore) -> None:
    store.add(REF, BODY, "walked out", "x")
    path = store.file_for(REF)
    path.write_text(path.read_text().replace("schema_version = 1", "schema_version = 7"))
    before = path.read_bytes()
    with pytest.raises(AnnotationFileError, match="newer"):
        store.add(REF, BODY, "walked out", "y")
    assert path.read_bytes() == before


FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from newsdiff.core.notes import AnnotationStore, ArticleRef
    from newsdiff.errors import NewsdiffError
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    store = AnnotationStore(Path(sys.argv[1]))
    ref = ArticleRef("/tmp/velmora.txt", "Dockers strike")
    size = store.file_for(ref).stat().st_size
    resource.setrlimit(resource.RLIMIT_FSIZE, (size + 10, size + 10))
    try:
        store.add(ref, "Dock workers walked out on Monday.", "walked out", "x" * 5000)
    except NewsdiffError as err:
        print("ERROR", err)
    """
)


def test_a_full_disk_gives_a_clear_error_and_keeps_earlier_notes(tmp_path: Path) -> None:
    root = tmp_path / "notes"
    store = AnnotationStore(root)
    ref = ArticleRef("/tmp/velmora.txt", "Dockers strike")
    store.add(ref, "Dock workers walked out on Monday.", "walked out", "kept")
    before = store.file_for(ref).read_bytes()
    out = subprocess.run([sys.executable, "-c", FULL_DISK, str(root)], capture_output=True, text=True, timeout=60)
    assert "ERROR" in out.stdout and "earlier notes are intact" in out.stdout
    assert store.file_for(ref).read_bytes() == before
    assert not [p for p in root.iterdir() if p.suffix == ".tmp"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_gives_a_clear_error(tmp_path: Path) -> None:
    root = tmp_path / "notes"
    store = AnnotationStore(root)
    store.add(REF, BODY, "walked out", "kept")
    root.chmod(0o500)
    try:
        with pytest.raises(NewsdiffError):
            store.add(REF, BODY, "rising traffic", "new")
    finally:
        root.chmod(0o700)
    assert [n.note for n in store.list(REF)] == ["kept"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(), tags=st.lists(st.text(min_size=1, max_size=20), max_size=4))
def test_any_note_text_round_trips(store: AnnotationStore, note: str, tags: list[str]) -> None:
    ref = ArticleRef(f"/tmp/{abs(hash(note))}.txt", "T")
    try:
        added = store.add(ref, BODY, "walked out", note, tuple(tags))
    except NewsdiffError:
        # TOML cannot hold lone surrogates; the store must refuse them cleanly.
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in note + "".join(tags))
        return
    [again] = [n for n in store.list(ref) if n.id == added.id]
    assert again.note == note and list(again.tags) == tags


def test_exports(store: AnnotationStore) -> None:
    store.add(REF, BODY, "Safety is not something we trade for overtime", "trimmed by others", ("quotes",))
    notes = store.list(REF, BODY)
    md = export_markdown(notes, lambda n: "Velmora strike")
    assert "## Velmora strike" in md and "> Safety is not something we trade for overtime" in md
    [anno] = export_json(notes)
    assert anno["type"] == "Annotation" and anno["@context"] == "http://www.w3.org/ns/anno.jsonld"
    kinds = {s["type"] for s in anno["target"]["selector"]}
    assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
    assert {"type": "TextualBody", "value": "quotes", "purpose": "tagging"} in anno["body"]
