"""A state post's country when the role names no body for it, as factRuEval's Occupation
facts give it (their Where): read from a country adjective at the post (`российский
президент Дмитрий Медведев`, `британский премьер Гордон Браун`). Posts are
`models/state_posts.txt`, countries `models/countries.tsv`."""

from __future__ import annotations

from .places import countries, lemmas
from .resources import word_set
from .segment import Token


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
