"""The newsdiff domain: one package per stage (text, ingest, clean, align, cluster, library, notes, feeds)
behind ``pipeline``; ARCHITECTURE.md draws them. Never imports Textual."""
