"""Quotes and their speakers (see docs/quotes.md for the standard followed)."""

from __future__ import annotations

from ..draft import Draft
from ..model import Quote


def find_quotes(draft: Draft) -> list[Quote]:
    """Every quote of the document, each attributed to its speaker."""
    return []
