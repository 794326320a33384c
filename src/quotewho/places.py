"""Countries and parts of the world by name: the state a post speaks for, and the places
the news NER leaves untagged (`models/countries.tsv`, `models/places.txt`)."""

from __future__ import annotations

from functools import cache

from .morph import lemma
from .resources import model_path, read_lexicon


def lemmas(phrase: str) -> tuple[str, ...]:
    """The lemma of each word of a phrase (lower case, ё as е): how names are looked up."""
    return tuple(lemma(word).replace("ё", "е") for word in phrase.lower().split())


def _country_rows() -> list[tuple[str, list[str], list[str]]]:
    """(name, adjectives, other names) of each country of `models/countries.tsv`."""
    rows = []
    for line in model_path("countries.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, adjectives, *rest = [*line.split("\t"), "", ""][:3]
        others = ",".join(rest).split(",")
        rows.append((name, adjectives.split(","), others))
    return rows


@cache
def country_names() -> frozenset[str]:
    """The countries' names as `models/countries.tsv` gives them (`Казахстан`)."""
    return frozenset(name for name, _, _ in _country_rows())


@cache
def countries() -> dict[tuple[str, ...], str]:
    """Lemma sequences (a name, an adjective, an abbreviation) → the country's name."""
    out: dict[tuple[str, ...], str] = {}
    for name, adjectives, others in _country_rows():
        for form in [name, *adjectives, *others]:
            if form.strip():
                out.setdefault(lemmas(form.strip()), name)
    return out


@cache
def place_names() -> frozenset[tuple[str, ...]]:
    """Lemma sequences of the names of countries (their names and other names, not their
    adjectives) and of parts of the world (`Европа`, `Ближний Восток`)."""
    names = [form for name, _, others in _country_rows() for form in [name, *others]]
    names += read_lexicon("places.txt")
    return frozenset(lemmas(form.strip()) for form in names if form.strip())
