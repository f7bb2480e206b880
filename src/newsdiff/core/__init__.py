"""The newsdiff domain, one package per stage behind ``pipeline`` (see ARCHITECTURE.md); never imports Textual."""
