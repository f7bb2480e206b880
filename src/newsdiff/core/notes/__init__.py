"""Notes: the reader's notes, tags and highlights on quoted passages in, TOML files out, and back.

Each article's notes live in one TOML file (with ``schema_version``) under the data folder,
named after the article's stable identity (URL, else path, else content hash), written
atomically under a lock; a file that does not parse is never overwritten. A note keeps its quote
with context and offsets and is re-anchored against the article's current text (``anchor``), or
shown as orphaned; ``export`` gives all notes as Markdown or JSON.
"""

from __future__ import annotations

from newsdiff.core.notes.annotations import Annotation, AnnotationFileError, AnnotationStore, ArticleRef
from newsdiff.core.notes.export import export_json, export_markdown

__all__ = ["Annotation", "AnnotationFileError", "AnnotationStore", "ArticleRef", "export_json", "export_markdown"]
