"""Where the data files in `models/` are, installed or in a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_MODELS = Path(__file__).parent / "models"  # a built wheel carries them here
_CHECKOUT_MODELS = Path(__file__).resolve().parents[2] / "models"  # editable install


@cache
def models_dir() -> Path:
    """The folder holding lexicons and weights."""
    for path in (_PACKAGE_MODELS, _CHECKOUT_MODELS):
        if path.is_dir():
            return path
    raise FileNotFoundError(f"quotewho models not found in {_PACKAGE_MODELS} or {_CHECKOUT_MODELS}")


def model_path(name: str) -> Path:
    """The path of one file in `models/`, checked to exist."""
    path = models_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"quotewho model file missing: {path}")
    return path


def read_lexicon(name: str) -> list[str]:
    """Lines of a lexicon file, without `#` comments and blank lines."""
    lines = model_path(name).read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]


@cache
def word_set(name: str) -> frozenset[str]:
    """The lines of a lexicon file as a set, read once (`read_lexicon`)."""
    return frozenset(read_lexicon(name))
