"""Cluster: keyed articles in, stories out (``Cluster`` records: members, title, copies, evidence, flags).

An article joins the story whose rarity-weighted terms it shares most, when the dates agree
(``index``, over what ``features`` sees of an article, with ``bridge`` matching names and
figures across languages and scripts); a batch is clustered in an order that does not depend on
the inputs' (``batch``), and the user's pins are placed last. Sentences the library repeats across
unrelated articles (a site's footer) weigh nothing (``boilerplate``); ``StoryIndex.boilerplate``
says which sentences those are, for the cleaner. ``LibraryStoryIndex`` keeps the same state in the
library's database (``store``, loaded on first use) so that one new article finds its story
without a re-cluster.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdiff.core.cluster.batch import build_index, cluster_articles, cluster_ids, cluster_of
from newsdiff.core.cluster.index import ClusterOptions, StoryIndex
from newsdiff.lazy import lazy_exports

if TYPE_CHECKING:
    from newsdiff.core.cluster.store import LibraryStoryIndex, persist

__all__ = [
    "ClusterOptions", "LibraryStoryIndex", "StoryIndex", "build_index", "cluster_articles", "cluster_ids",
    "cluster_of", "persist",
]

# A batch (`newsdiff cluster`) needs no database: the SQLite side loads when first asked for.
__getattr__ = lazy_exports(__name__, {"LibraryStoryIndex": ".store", "persist": ".store"})
