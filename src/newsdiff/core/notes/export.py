"""Notes out: Markdown grouped by story and article, or W3C Web Annotation JSON objects."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from newsdiff.core.notes.annotations import Annotation

StoryOf = Callable[[Annotation], str | None]


def export_markdown(notes: Sequence[Annotation], story_of: StoryOf = lambda n: None) -> str:
    """A Markdown report: story, then article, then each quoted passage with its note and tags."""
    groups: dict[str, dict[str, list[Annotation]]] = {}
    for n in notes:
        story = story_of(n) or "Articles not in a story"
        groups.setdefault(story, {}).setdefault(n.article.key, []).append(n)
    lines = ["# newsdiff notes", ""]
    for story in sorted(groups):
        lines += [f"## {story}", ""]
        for key in sorted(groups[story]):
            first = groups[story][key][0].article
            where = " · ".join(x for x in (first.outlet, first.url or first.path) if x)
            lines += [f"### {first.title or key}", "", f"_{where}_" if where else "", ""]
            for n in sorted(groups[story][key], key=lambda a: a.selector.start):
                lines.append(f"> {n.selector.quote}")
                lines.append("")
                flags = [f"#{t}" for t in n.tags] + ([f"({n.colour})"] if n.colour else [])
                if n.orphaned:
                    flags.append("**orphaned: the passage is no longer in the article**")
                lines.append(f"{n.note}  " + " ".join(flags) if n.note else " ".join(flags))
                lines += [f"<small>characters {n.selector.start}-{n.selector.end}, note {n.id}</small>", ""]
    return "\n".join(lines).rstrip() + "\n"


def export_json(notes: Sequence[Annotation]) -> list[dict[str, Any]]:
    """Each note as a W3C Web Annotation (TextQuoteSelector + TextPositionSelector)."""
    out = []
    for n in notes:
        body: list[dict[str, Any]] = [{"type": "TextualBody", "value": n.note, "purpose": "commenting",
                                       "format": "text/plain"}]
        body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in n.tags]
        source = n.article.url or (f"file://{n.article.path}" if n.article.path else n.article.key)
        out.append({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": f"urn:newsdiff:note:{n.id}",
            "type": "Annotation",
            "created": n.created,
            "modified": n.updated,
            "body": body,
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": n.selector.quote, "prefix": n.selector.prefix,
                     "suffix": n.selector.suffix},
                    {"type": "TextPositionSelector", "start": n.selector.start, "end": n.selector.end},
                ],
            },
            "stylesheet": {"type": "CssStylesheet", "value": f".highlight {{ background: {n.colour} }}"},
        })
    return out
