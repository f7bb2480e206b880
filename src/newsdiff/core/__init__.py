"""The newsdiff domain: ingest, clean, segment, align, cluster, store. Never imports Textual."""
