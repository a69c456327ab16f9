"""Database backends (Django ENGINE paths)."""
