"""quotewho: who said what in Russian news.

>>> import quotewho
>>> doc = quotewho.extract("«Мы готовы», — сказал Есенбаев.")
"""

from __future__ import annotations

from functools import cache

from .errors import InputError
from .model import (
    Document,
    Entity,
    Organisation,
    Person,
    Quote,
    RoleLink,
    Sentence,
    Span,
    Speaker,
)
from .pipeline import Pipeline
from .tables import to_frame, to_records

__all__ = [
    "Document",
    "Entity",
    "InputError",
    "Organisation",
    "Person",
    "Pipeline",
    "Quote",
    "RoleLink",
    "Sentence",
    "Span",
    "Speaker",
    "extract",
    "to_frame",
    "to_records",
]
__version__ = "0.1.0"


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str) -> Document:
    """Analyse one text with a pipeline shared by every call (models load once)."""
    return _default_pipeline()(text)
