"""A state post's country: `австралийский премьер Джон Говард` speaks for Австралия,
`президент США` for США, when the text names no body for the post."""

from __future__ import annotations

from functools import cache

from ..morph import lemma
from ..places import countries, lemmas
from ..resources import word_set
from .context import Context
from .coref import role_window

# How many tokens after a name an apposition naming the post may run
# (`Джон Говард, премьер-министр Австралии,`).
_APPOSITION = 8
# How far from a state post its country may stand, in tokens.
_NEAR_BEFORE, _NEAR_AFTER = 2, 5
_BREAKS = frozenset({".", "!", "?", ";", ":", "(", ")", "«", "»", '"'})


@cache
def longest_country() -> int:
    """The most words a country's name has."""
    return max(len(key) for key in countries())


def state_posts() -> frozenset[str]:
    """Lemmas of state posts (`президент`, `премьер-министр`, `канцлер`)."""
    return word_set("state_posts.txt")


def is_state_post(role: str) -> bool:
    """Whether a role phrase holds a state post (`пресс-секретарь президента`)."""
    return any(lemma(word) in state_posts() for word in role.split())


def country_at(ctx: Context, a: int, b: int) -> str | None:
    """The first country tokens [a, b) name, as written when an abbreviation (`РФ`,
    `США`), else by its name; words inside a person's name do not count (`Мартин Куба`)."""
    table = countries()
    longest = longest_country()
    for i in range(a, b):
        token = ctx.tokens[i]
        for n in range(min(longest, b - i), 0, -1):
            key = tuple(lemma(t.text).replace("ё", "е") for t in ctx.tokens[i : i + n])
            name = table.get(key)
            if name is None:
                continue
            # looked up only now: the entity test costs more than the table's
            if ctx.entity_at(token.start, token.end, ("PER",)) is not None:
                break
            if n == 1 and token.text.isupper() and len(token.text) > 1:
                return token.text
            return name
    return None


def _country_by_post(ctx: Context, a: int, b: int) -> str | None:
    """The country named right by a state post among tokens [a, b): its adjective just
    before (`австралийский премьер`) or a genitive just after (`министр иностранных дел
    Франции`); a country further off is another matter (`администрация Клинтона … Китая`)."""
    for k in range(a, b):
        if lemma(ctx.tokens[k].text) in state_posts():
            found = country_at(ctx, max(a, k - _NEAR_BEFORE), min(b, k + _NEAR_AFTER))
            if found is not None:
                return found
    return None


def main_country(ctx: Context) -> str | None:
    """The country the document names most often (by name, adjective or abbreviation), the
    state a post with no country named belongs to (`пресс-секретарь президента` in a text
    about Russia)."""
    if ctx.main_country:
        return ctx.main_country[0]
    counts: dict[str, int] = {}
    for i in range(len(ctx.tokens)):
        found = country_at(ctx, i, i + 1)
        if found is not None:
            name = countries()[lemmas(found)]
            counts[name] = counts.get(name, 0) + 1
    ctx.main_country.append(max(counts, key=counts.__getitem__) if counts else None)
    return ctx.main_country[0]


def person_country(ctx: Context, person, offset: int) -> str | None:
    """The country a state post names around one of the person's mentions, nearest to
    `offset` first: before the name (`австралийский премьер Джон Говард`), inside a
    mention that holds the post, or in an apposition after it (`Джон Говард,
    премьер-министр Австралии`)."""
    # each mention is read once per document, not once per quote: a long interview of one
    # person was quadratic
    if person.id not in ctx.post_countries:
        found = ((m, _mention_country(ctx, m)) for m in person.mentions)
        ctx.post_countries[person.id] = [(m, c) for m, c in found if c is not None]
    hits = ctx.post_countries[person.id]
    if not hits:
        return None
    return min(hits, key=lambda hit: (hit[0].start > offset, abs(offset - hit[0].start)))[1]


def _mention_country(ctx: Context, mention) -> str | None:
    """The country a state post names around one mention (see person_country)."""
    i = ctx.token_at(mention.start)
    j = ctx.token_at(mention.end)
    found = _country_by_post(ctx, role_window(ctx, i), j)
    if found is not None:
        return found
    if j < len(ctx.tokens) and ctx.tokens[j].text in (",", "—", "–"):
        end = j + 1
        while (
            end < min(len(ctx.tokens), j + _APPOSITION)
            and ctx.tokens[end].text not in _BREAKS
            and ctx.tokens[end].text != ","
        ):
            end += 1
        return _country_by_post(ctx, j + 1, end)
    return None
