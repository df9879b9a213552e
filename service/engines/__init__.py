"""Translation backends: machine translation and the translation memory, one per file."""
