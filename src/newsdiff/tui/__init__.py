"""The Textual reader: a thin layer over newsdiff.core."""
