"""A state post's country when the role names no body for it, as factRuEval's Occupation
facts give it (their Where): read from a country adjective at the post (`российский
президент Дмитрий Медведев`, `британский премьер Гордон Браун`), or inferred as the
country the document names most (`Премьер-министр Михаил Фрадков` in a text about
Russia). Posts are `models/state_posts.txt`, countries `models/countries.tsv`."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from .morph import parses
from .ner import Mention
from .places import countries, lemmas
from .resources import read_lexicon, word_set
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


# Nouns that end a title as the body it heads, a state: `глава государства`.
STATE_NOUNS = frozenset({"государство", "страна"})


def state_body(title: list[Token]) -> list[Token]:
    """The genitive state noun closing a title, with its adjectives (`государства` of
    `Глава государства`, `российского государства` of `Глава российского государства`:
    factRuEval's Position is `Глава`, its Where the country), or []."""
    last = title[-1] if len(title) > 1 else None
    if last is None or last.lemma not in STATE_NOUNS or last.feats.get("Case") != "Gen":
        return []
    k = len(title) - 1
    while k > 1 and title[k - 1].pos == "ADJ":
        k -= 1
    return title[k:]


def is_state_post(title: list[Token]) -> bool:
    """Whether a title's head noun is a state post (`премьер-министр`, `вице-президент`),
    not a word it governs (`кандидат в президенты`, `помощник госсекретаря`), or the
    title heads a state (`глава государства`)."""
    head = next((t for t in title if t.pos in ("NOUN", "PROPN")), None)
    if head is None:
        return False
    return head.lemma.lower().replace("ё", "е") in word_set("state_posts.txt") or bool(
        state_body(title)
    )


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
            elif m.type == "ORG":
                # a country's name a noun of the organisation's governs: `РФ` of
                # `Правительства РФ`, not `Россия` of `Единая Россия`
                out += [
                    CountryMention(table[lemmas(t.text)], t.start, t.end, True)
                    for before, t in pairwise(m.tokens)
                    if before.pos in ("NOUN", "PROPN")
                    and t.text[:1].isupper()
                    and lemmas(t.text) in table
                ]
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


def candidates(found: list[CountryMention], country: str | None) -> list[CountryMention]:
    """The mentions of `country` a post may be tied to, in text order: its names, or its
    adjectives when the text never names it."""
    same = [c for c in found if c.country == country]
    return [c for c in same if c.named] or same


def nearest(candidates: list[CountryMention], offset: int) -> CountryMention | None:
    """The mention of `candidates` (text order, see `candidates`) nearest to `offset`, the
    earlier on a tie; found by bisection, as a long text has thousands of them."""
    k = bisect_left(candidates, offset, key=lambda c: c.start)
    near = candidates[max(0, k - 1) : k + 1]
    return min(near, key=lambda c: abs(c.start - offset), default=None)


def adjective_country(title: list[Token], before: Token | None) -> tuple[str, Token] | None:
    """The country a state post's adjective names and that adjective, first in the title
    (`российский президент`), right before it (`британского премьера`) or at its state
    noun (`Глава российского государства`), or None."""
    if not is_state_post(title):
        return None
    for adjective in (title[0] if len(title) > 1 else None, before, *state_body(title)[:-1]):
        country = country_of(adjective) if adjective is not None else None
        if country is not None:
            return country, adjective
    return None


@cache
def regional_posts() -> dict[str, str]:
    """Lemmas of regional posts → `region` or `city` (`models/regional_posts.txt`)."""
    return dict(line.split() for line in read_lexicon("regional_posts.txt"))


def regional_post(title: list[Token]) -> str | None:
    """`region` or `city` when a title's head noun is a region's or a city's post
    (`губернатор`, `мэр`), else None."""
    head = next((t for t in title if t.pos in ("NOUN", "PROPN")), None)
    return regional_posts().get(head.lemma.lower().replace("ё", "е")) if head else None


# Endings of the adjectives of places (`свердловский`, `нижегородский`, `тверской`).
_PLACE_ENDINGS = ("ский", "цкий", "ской")


def _names_place(token: Token) -> bool:
    """`свердловского`, `Тверской`, `подмосковного`: a relational adjective
    (pymorphy3 neither grades it nor counts with it) with a place adjective's ending, or
    one of `models/place_adjectives.txt`; not one of `models/not_place_adjectives.txt`
    (`городского`)."""
    if token.pos != "ADJ" or not token.text[1:].islower():
        return False  # a capital opens a sentence (`Тверской губернатор`), not a whole word
    tag = parses(token.text)[0].tag
    lemma = token.lemma.replace("ё", "е")
    return (
        tag.POS == "ADJF"
        and not {"Qual", "Anum", "Apro"} & tag.grammemes
        and (lemma.endswith(_PLACE_ENDINGS) or lemma in word_set("place_adjectives.txt"))
        and lemma not in word_set("not_place_adjectives.txt")
    )


def place_adjective(title: list[Token], before: Token | None) -> Token | None:
    """The adjective naming the place a regional post serves, first in the title
    (`подмосковный губернатор`) or right before it (`свердловского губернатора`), or
    None."""
    if regional_post(title) is None:
        return None
    for adjective in (title[0] if len(title) > 1 else None, before):
        if adjective is not None and _names_place(adjective):
            return adjective
    return None


def place_named(adjective: Token, mentions: list[Mention]) -> Mention | None:
    """The LOC mention nearest to a place adjective that holds a word of its lemma
    (`свердловского` → `Свердловской области`), or None."""
    same = [
        m for m in mentions if m.type == "LOC" and any(t.lemma == adjective.lemma for t in m.tokens)
    ]
    return min(same, key=lambda m: abs(m.start - adjective.start), default=None)
