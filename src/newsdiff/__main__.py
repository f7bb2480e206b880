"""Entry point for ``python -m newsdiff``."""

from newsdiff.cli import main

raise SystemExit(main())
