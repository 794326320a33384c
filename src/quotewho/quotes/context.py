"""What the quote rules share: the document's tokens, entities and people, and the
candidate quotes they build (internal)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from ..draft import Draft
from ..model import Entity, Person, Speaker
from ..morph import all_lemmas, parses
from ..people import name_parts
from ..resources import read_lexicon, word_set
from ..segment import Token
from .marks import Pair, pair_marks

DASHES = frozenset("—–-")
SENTENCE_END = frozenset(".!?…")
CLAUSE_PUNCT = frozenset(",;:()")
_VERB_TAGS = ("VERB", "INFN", "GRND", "PRTF", "PRTS", "ADJS")


def cues() -> frozenset[str]:
    """Lemmas of verbs (and short adjectives) of speech, opinion and report."""
    return word_set("cues.txt")


@cache
def multiword_cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Cues of several words as lemma sequences (`давать понять`, `прийти к вывод`), by
    their first lemma."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for line in read_lexicon("cues_multiword.txt"):
        phrase = tuple(line.split())
        by_first.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in by_first.items()}


def impersonal_cues() -> frozenset[str]:
    """Cue lemmas whose reflexive form reports with no speaker (`сообщается, что`)."""
    return word_set("cues_impersonal.txt")


def is_impersonal(token: Token) -> bool:
    """`сообщается`, `считается`, `говорится`: a report with no subject."""
    return _impersonal(token.text, token.lemma)


@lru_cache(maxsize=50_000)
def _impersonal(word: str, lemma: str) -> bool:
    return lemma in impersonal_cues() or not all_lemmas(word).isdisjoint(impersonal_cues())


@lru_cache(maxsize=50_000)
def _token_lemmas(word: str, lemma: str) -> frozenset[str]:
    return frozenset({lemma, *all_lemmas(word)})


@dataclass
class Attribution:
    """Where a finder saw the source: the cue and the stretch of text to read it from."""

    how: str  # "after" (`— сказал он`), "before" (`Он отметил, что`), "colon", "frame", "none"
    cue: tuple[int, int] | None = None  # the cue's offsets (a verb, a frame, `:` or `—`)
    cue_token: int | None = None  # index of the cue's token in Context.tokens
    region: tuple[int, int] | None = None  # token index range [a, b) holding the source


@dataclass
class Candidate:
    """A quote found by a finder, before (and after) its speaker is chosen."""

    start: int
    end: int
    kind: str
    attribution: Attribution
    finder: str
    confidence: float = 0.8
    speaker: Speaker | None = None
    rule: str = ""
    follows: Candidate | None = None  # the quote whose speaker this one inherits
    extra: dict = field(default_factory=dict)


class Context:
    """Flat token list over the document, with entity and people look-ups."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.text = draft.text
        self.tokens: list[Token] = [t for sent in draft.sents for t in sent.tokens]
        self.sent_of: list[int] = [i for i, sent in enumerate(draft.sents) for _ in sent.tokens]
        self.sent_first: list[int] = []
        n = 0
        for sent in draft.sents:
            self.sent_first.append(n)
            n += len(sent.tokens)
        self.starts = [t.start for t in self.tokens]
        # read once per token, not once per look: cue and frame tests probe every token
        # many times (they were a fifth of the whole pipeline's time)
        self.lemmas: list[frozenset[str]] = [_token_lemmas(t.text, t.lemma) for t in self.tokens]
        self.cue: list[bool] = [is_cue(t) for t in self.tokens]
        self.impersonal: list[bool] = [is_impersonal(t) for t in self.tokens]
        self._mark_multiword_cues()
        self.dashes: list[int] | None = None  # filled once by direct.dash_offsets
        self.newlines = [m.start() for m in re.finditer("\n", self.text)]
        self.written_surnames: dict[int, Counter[str]] = {}  # person id → sources.py tally
        self.post_countries: dict[int, list] = {}  # person id → countries.py hits
        self.stated_roles: dict[int, list] = {}  # person id → sources.stated_role hits
        self.main_country: list[str | None] = []  # countries.py's answer, once found
        self.person_of: dict[tuple[int, int], Person] = {
            (m.start, m.end): person for person in draft.people for m in person.mentions
        }
        self.entities: list[Entity] = sorted(
            [*draft.entities, *self._surname_mentions()], key=lambda e: e.start
        )
        self.entity_starts = [e.start for e in self.entities]

    @cached_property
    def pairs(self) -> list[Pair]:
        """Every pair of quotation marks of the text (`marks.pair_marks`), found once."""
        return pair_marks(self.text)

    @cached_property
    def pair_opens(self) -> list[int]:
        """The opening offsets of `pairs`, for finding the pairs of a stretch by bisection."""
        return [pair.open for pair in self.pairs]

    def pairs_within(self, start: int, end: int) -> list[Pair]:
        """The pairs that open in [start, end) (`pairs` is sorted by opening mark)."""
        return self.pairs[bisect_left(self.pair_opens, start) : bisect_left(self.pair_opens, end)]

    def _mark_multiword_cues(self) -> None:
        """`давал понять, что`: the first word of a cue of several words is a cue."""
        by_first = multiword_cues()
        for i, lemmas in enumerate(self.lemmas):
            if lemmas.isdisjoint(by_first):
                continue
            for phrase in (p for first in lemmas for p in by_first.get(first, ())):
                if all(
                    i + n < len(self.tokens) and word in self.lemmas[i + n]
                    for n, word in enumerate(phrase[1:], 1)
                ):
                    self.cue[i] = True

    def _surname_mentions(self) -> list[Entity]:
        """A known person's surname standing alone where the tagger saw no name (`Рено
        санкционировала`): a PER mention of the person with most mentions so named."""
        by_surname: dict[str, Person] = {}
        for person in sorted(self.draft.people, key=lambda p: len(p.mentions)):
            # the surname as written in each mention, and in the nominative of the name
            # (`Бекенбауэр` when the text so far only had `Бекенбауэра`)
            for name in [*(m.text for m in person.mentions), person.name]:
                word = name_parts(name)[-1] if name_parts(name) else ""
                if len(word) > 2 and word[:1].isupper():
                    by_surname[word.lower().replace("ё", "е")] = person
        tagged = {(e.start, e.end) for e in self.draft.entities if e.type == "PER"}
        covered = [(e.start, e.end) for e in self.draft.entities if e.type == "PER"]
        covered.sort()
        starts = [a for a, _ in covered]
        out = []
        for token in self.tokens:
            person = by_surname.get(token.text.lower().replace("ё", "е"))
            if person is None or not token.text[:1].isupper() or (token.start, token.end) in tagged:
                continue
            k = bisect_right(starts, token.start) - 1
            if k >= 0 and covered[k][1] > token.start:
                continue
            out.append(
                Entity(
                    start=token.start,
                    end=token.end,
                    text=token.text,
                    type="PER",
                    normal=person.name,
                )
            )
            self.person_of[(token.start, token.end)] = person
        return out

    # tokens -----------------------------------------------------------------------
    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def token_before(self, offset: int) -> int:
        """Index of the last token starting before `offset` (-1 if none)."""
        return bisect_left(self.starts, offset) - 1

    def sentence_range(self, i: int) -> tuple[int, int]:
        """Token index range [a, b) of the sentence holding token `i`."""
        s = self.sent_of[i]
        a = self.sent_first[s]
        return a, a + len(self.draft.sents[s].tokens)

    def line_of(self, offset: int) -> tuple[int, int]:
        """Offsets of the paragraph (line) holding `offset`."""
        # bisected, not searched: a search from every quote mark of a 1 MB line was quadratic
        k = bisect_left(self.newlines, offset)
        start = self.newlines[k - 1] + 1 if k else 0
        return start, self.newlines[k] if k < len(self.newlines) else len(self.text)

    # entities ---------------------------------------------------------------------
    def entity_at(self, start: int, end: int, types: tuple[str, ...]) -> Entity | None:
        """An entity of one of `types` overlapping [start, end)."""
        i = bisect_left(self.entity_starts, end) - 1
        for j in range(i, max(-1, i - 8), -1):
            entity = self.entities[j]
            if entity.type in types and entity.start < end and start < entity.end:
                return entity
        return None

    def person(self, entity: Entity) -> Person | None:
        """The person a PER entity mention belongs to."""
        found = self.person_of.get((entity.start, entity.end))
        if found is None:
            for person in self.draft.people:
                if any(m.start < entity.end and entity.start < m.end for m in person.mentions):
                    return person
        return found


def is_cue(token: Token) -> bool:
    """Whether a token is a verb (or short adjective) of speech, opinion or report."""
    return _is_cue(token.text, token.lemma)


@lru_cache(maxsize=50_000)
def _is_cue(word: str, lemma: str) -> bool:
    if not word[:1].isalpha():
        return False
    if lemma in cues():
        return True
    if all_lemmas(word).isdisjoint(cues()):
        return False  # the common case, answered from the cached lemma set
    return any(p.tag.POS in _VERB_TAGS and p.normal_form in cues() for p in parses(word.lower()))


def is_verb(token: Token) -> bool:
    """A finite verb, infinitive, participle or gerund."""
    return token.pos in ("VERB", "AUX")


def is_nominative(token: Token) -> bool:
    """A noun, name or pronoun in the nominative: a possible subject."""
    if token.pos in ("NOUN", "PROPN", "PRON") and token.feats.get("Case") == "Nom":
        return True
    # abbreviations (`ФАС`, `МИД`) often come without a case: as good a subject as any
    return (
        token.pos in ("NOUN", "PROPN", "X")
        and "Case" not in token.feats
        and len(token.text) > 1
        and token.text.isupper()
    )
