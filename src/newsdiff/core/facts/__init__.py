"""Facts: a story's reports in, each fact out with the reports that carry it and their disagreements.

``story_facts`` aligns every two reports of the story in its main language (with the aligner it is
given, so the caller decides about caching), joins the pairwise links into facts (at most one
sentence, or one merge of neighbouring sentences, per report in a fact) and orders them: facts most
outlets carry first, each report's exclusive facts last, within those the main report's reading
order. Reports in another language are listed apart, not aligned. ``to_json`` is the CLI contract.
A ``StoryReport`` (the facts, the story's title and the reader's notes) is the shareable report:
``to_markdown`` and ``to_html`` (one self-contained file) render it, loaded when first asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdiff.core.facts.build import Fact, FactDiscrepancy, Member, StoryFacts, story_facts, value_key
from newsdiff.core.facts.render import CARRY_MARKS, MARKS, carriage, label, to_json, to_text
from newsdiff.core.facts.report import ReportNote, StoryReport, fact_text
from newsdiff.lazy import lazy_exports

if TYPE_CHECKING:
    from newsdiff.core.facts.html import to_html
    from newsdiff.core.facts.markdown import to_markdown

__all__ = [
    "CARRY_MARKS", "MARKS", "Fact", "FactDiscrepancy", "Member", "ReportNote", "StoryFacts", "StoryReport",
    "carriage", "fact_text", "label", "story_facts", "to_html", "to_json", "to_markdown", "to_text", "value_key",
]

__getattr__ = lazy_exports(__name__, {"to_html": ".html", "to_markdown": ".markdown"})
