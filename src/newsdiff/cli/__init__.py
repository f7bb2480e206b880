"""The command line: no arguments opens the reader on the library; subcommands clean, align, cluster, ...

Every command prints human text by default and the CLI-CONTRACT JSON with ``--json``. Exit status:
0 success, 1 bad input (one line on stderr, no traceback), 2 usage error (``output``). ``parser``
builds the arguments and ``main`` runs the handler of the command asked for, imported only then:
``files`` (clean, align, cluster), ``library`` (add, list, search, stories, recluster), ``feeds``
(feed ..., refresh, add URL), ``notes`` (note ...), ``stories`` (story ...) and ``reader`` (the
TUI: demo, compare, which aligns in a ``prefork`` child while Textual loads).
"""

from __future__ import annotations

from newsdiff.cli.parser import build_parser, main

__all__ = ["build_parser", "main"]
