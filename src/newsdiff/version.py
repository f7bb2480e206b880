"""newsdiff's version, in a module of its own: any part can name it without importing the public API."""

__version__ = "0.1.0"
