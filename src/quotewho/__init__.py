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
from .posts import HOME_COUNTRY
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
def _default_pipeline(home_country: str | None = HOME_COUNTRY) -> Pipeline:
    """The pipeline `extract`, the CLI and each Dask worker share, one per home country."""
    return Pipeline(home_country)


def extract(text: str) -> Document:
    """Analyse one text with a pipeline shared by every call (models load once)."""
    return _default_pipeline()(text)
