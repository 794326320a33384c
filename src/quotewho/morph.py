"""Morphology: contextual tags from slovnet, lemmas and inflection from pymorphy3.

natasha's own lemmatiser loads pymorphy2's dictionary; we keep one dictionary in
memory, pymorphy3's, and use it for everything that needs lemmas or inflection.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import pymorphy3
from pymorphy3.analyzer import Parse
from pymorphy3.tagset import OpencorporaTag

from .segment import Sent

# Universal Dependencies POS (slovnet) → OpenCorpora POS (pymorphy3) that may stand for it.
_UD_TO_OC = {
    "NOUN": {"NOUN"},
    "PROPN": {"NOUN"},
    "ADJ": {"ADJF", "ADJS", "COMP"},
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"},
    "AUX": {"VERB", "INFN"},
    "DET": {"ADJF", "NPRO"},
    "PRON": {"NPRO"},
    "NUM": {"NUMR"},
    "ADV": {"ADVB", "PRED"},
}
# Universal Dependencies case (slovnet) → OpenCorpora case (pymorphy3).
UD_CASE = {
    "Nom": "nomn",
    "Gen": "gent",
    "Dat": "datv",
    "Acc": "accs",
    "Ins": "ablt",
    "Loc": "loct",
}


@cache
def analyzer() -> pymorphy3.MorphAnalyzer:
    """The one pymorphy3 analyzer of the process."""
    return pymorphy3.MorphAnalyzer()


# A capitalised Cyrillic word of four letters or more parses as its lower-case form does
# (checked on every such word of factRuEval and NEREL dev): one cache entry serves both.
# Shorter ones may be initials or abbreviations (`Ги`, `Епа`), which pymorphy3 reads apart.
_TITLE_CASE = re.compile(r"[А-ЯЁ][а-яё-]{3,}")


def parses(word: str) -> tuple[Parse, ...]:
    """pymorphy3's parses of a word, cached (news vocabularies repeat a lot)."""
    return _parses(word.lower() if _TITLE_CASE.fullmatch(word) else word)


# A cached word costs about 1.7 KB (pymorphy3 parses): 50 000 words, the bulk of a news
# vocabulary, keep a long run under 100 MB of cache.
@lru_cache(maxsize=50_000)
def _parses(word: str) -> tuple[Parse, ...]:
    try:
        return tuple(analyzer().parse(word))
    except ValueError:
        # pymorphy3 asks unicodedata for the name of each letter of a non-Cyrillic word and
        # some letters have none (Tangut 𗀀): read such a word as unknown, as it would any
        # other script it does not know
        unknown = analyzer().parse("☃")[0]
        unit = unknown.methods_stack[0][0]
        lower = word.lower()
        return (unknown._replace(word=lower, normal_form=lower, methods_stack=((unit, lower),)),)


def best_parse(word: str, pos: str = "", feats: dict[str, str] | None = None) -> Parse:
    """The pymorphy3 parse that agrees best with slovnet's contextual POS and case."""
    return _best_parse(word, pos, (feats or {}).get("Case", ""))


@lru_cache(maxsize=50_000)
def _best_parse(word: str, pos: str, ud_case: str) -> Parse:
    # only the POS and the case decide, so the choice is cached on them
    options = parses(word)
    wanted = _UD_TO_OC.get(pos, set())
    case = UD_CASE.get(ud_case)

    def score(parse: Parse) -> int:
        pos, its_case = pos_and_case(parse.tag)
        return 2 * (pos in wanted) + (case is not None and its_case == case)

    return max(options, key=score)  # max keeps the first best: pymorphy3's own order


@lru_cache(maxsize=4096)
def pos_and_case(tag: OpencorporaTag) -> tuple[str | None, str | None]:
    """A tag's POS and case, read once per distinct tag: pymorphy3 intersects two sets at
    each read, and choosing parses reads them for every parse of every new word."""
    return tag.POS, tag.case


@lru_cache(maxsize=50_000)
def _inflect(parse: Parse, grammemes: frozenset[str]) -> Parse | None:
    return parse.inflect(set(grammemes))


def inflect(parse: Parse, grammemes: set[str]) -> Parse | None:
    """`parse.inflect(grammemes)`, cached: pymorphy3 rebuilds the whole paradigm of the
    word each time, and the same names and titles come back in every text."""
    return _inflect(parse, frozenset(grammemes))


def lemma(word: str, pos: str = "", feats: dict[str, str] | None = None) -> str:
    """Dictionary form of `word` in its context."""
    return best_parse(word, pos, feats).normal_form


@lru_cache(maxsize=50_000)
def all_lemmas(word: str) -> frozenset[str]:
    """Every lemma pymorphy3 offers for a word, lower case: lexicons match any of them."""
    return frozenset(parse.normal_form for parse in parses(word.lower()))


@lru_cache(maxsize=4096)
def shared_feats(items: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """One dict per distinct feature set, shared by every token that has it: a long text
    has millions of tokens but a few hundred feature sets. Callers never mutate it."""
    return dict(items)


def tag_sentence(sent: Sent, tags: list[tuple[str, dict[str, str]]]) -> None:
    """Fill POS, features and lemma of every token from its contextual (POS, features)."""
    for token, (pos, feats) in zip(sent.tokens, tags):
        token.pos, token.feats = pos, feats
        token.lemma = lemma(token.text, pos, feats)
