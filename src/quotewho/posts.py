"""A state post's country when the role names no body for it, as factRuEval's Occupation
facts give it (their Where): read from a country adjective at the post (`российский
президент Дмитрий Медведев`, `британский премьер Гордон Браун`), or inferred as the
country the document names most (`Премьер-министр Михаил Фрадков` in a text about
Russia). Posts are `models/state_posts.txt`, countries `models/countries.tsv`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .ner import Mention
from .places import countries, lemmas
from .resources import word_set
from .segment import Sent, Token


@dataclass(frozen=True)
class CountryMention:
    """A stretch of text naming a country: a LOC or ORG mention (`России`, `РФ`) or an
    adjective (`российский`)."""

    country: str
    start: int
    end: int
    named: bool  # a name, not an adjective


def country_of(token: Token) -> str | None:
    """The country an adjective names (`российского` → Россия)."""
    if token.pos != "ADJ":
        return None
    return countries().get(lemmas(token.text))


def is_state_post(title: list[Token]) -> bool:
    """Whether a title's head noun is a state post (`премьер-министр`, `вице-президент`),
    not a word it governs (`кандидат в президенты`, `помощник госсекретаря`)."""
    head = next((t for t in title if t.pos in ("NOUN", "PROPN")), None)
    return head is not None and head.lemma.lower().replace("ё", "е") in word_set("state_posts.txt")


def country_mentions(sents: list[Sent], mentions: list[Mention], text: str) -> list[CountryMention]:
    """Every place in a document naming a country, by start offset: LOC and ORG mentions
    whose whole name is a country's, and country adjectives outside names."""
    out = []
    table = countries()
    inside = {t.start for m in mentions for t in m.tokens}
    for m in mentions:
        if m.type in ("LOC", "ORG"):
            country = table.get(lemmas(text[m.start : m.end]))
            if country is not None:
                out.append(CountryMention(country, m.start, m.end, True))
    for sent in sents:
        for token in sent.tokens:
            country = country_of(token) if token.start not in inside else None
            if country is not None:
                out.append(CountryMention(country, token.start, token.end, False))
    return sorted(out, key=lambda c: c.start)


def main_country(found: list[CountryMention]) -> str | None:
    """The country a document names most often (the first named on a tie)."""
    counts = Counter(c.country for c in found)
    return max(counts, key=lambda name: (counts[name], -_first(found, name))) if counts else None


# The country Russian news leaves unnamed, by default (`Pipeline(home_country=…)`). A bare
# post in a text mostly about another country is often a third country's (Обама in a text
# about Cuba, Берлускони in one about Iran): on factRuEval dev, any main country gave
# OCCUPATION F1 .642, this one alone .656.
HOME_COUNTRY = "Россия"


def unnamed_country(found: list[CountryMention], home: str | None = HOME_COUNTRY) -> str | None:
    """The country a bare state post serves (`Премьер-министр Михаил Фрадков`): the home
    country when the document names it most, else None (unknown, or no home given)."""
    country = main_country(found)
    return country if home is not None and country == home else None


def _first(found: list[CountryMention], country: str) -> int:
    return next(c.start for c in found if c.country == country)


def nearest(found: list[CountryMention], country: str, offset: int) -> CountryMention | None:
    """The mention of `country` nearest to `offset`, a name before an adjective."""
    same = [c for c in found if c.country == country]
    return min(same, key=lambda c: (not c.named, abs(c.start - offset)), default=None)


def adjective_country(title: list[Token], before: Token | None) -> tuple[str, Token] | None:
    """The country a state post's adjective names and that adjective, first in the title
    (`российский президент`) or right before it (`британского премьера`), or None."""
    if not is_state_post(title):
        return None
    for adjective in (title[0] if len(title) > 1 else None, before):
        country = country_of(adjective) if adjective is not None else None
        if country is not None:
            return country, adjective
    return None
