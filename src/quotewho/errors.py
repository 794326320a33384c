"""Errors quotewho raises on purpose."""


class InputError(ValueError):
    """The input is not text quotewho can read (None, bytes of unknown encoding, …)."""
