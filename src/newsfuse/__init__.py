"""newsfuse: one cross-checked, source-attributed picture per news story."""

__version__ = "0.1.0"
