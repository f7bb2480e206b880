"""Facts: a story's reports in, each fact out with the reports that carry it and their disagreements.

``story_facts`` aligns every two reports of the story in its main language (with the aligner it is
given, so the caller decides about caching), joins the pairwise links into facts (at most one
sentence, or one merge of neighbouring sentences, per report in a fact) and orders them: facts most
outlets carry first, each report's exclusive facts last, within those the main report's reading
order. Reports in another language are listed apart, not aligned. ``to_json`` is the CLI contract.
"""

from __future__ import annotations

from newsdiff.core.facts.build import Fact, FactDiscrepancy, Member, StoryFacts, story_facts
from newsdiff.core.facts.render import MARKS, label, to_json, to_text

__all__ = ["MARKS", "Fact", "FactDiscrepancy", "Member", "StoryFacts", "label", "story_facts", "to_json", "to_text"]
