"""What the quote rules share: the document's tokens, entities and people, and the
candidate quotes they build (internal)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from ..draft import Draft
from ..model import Entity, Person, Speaker
from ..morph import parses
from ..resources import read_lexicon
from ..segment import Token

DASHES = frozenset("—–-")
SENTENCE_END = frozenset(".!?…")
CLAUSE_PUNCT = frozenset(",;:()")
_VERB_TAGS = ("VERB", "INFN", "GRND", "PRTF", "PRTS", "ADJS")


@cache
def cues() -> frozenset[str]:
    """Lemmas of verbs (and short adjectives) of speech, opinion and report."""
    return frozenset(read_lexicon("cues.txt"))


@cache
def impersonal_cues() -> frozenset[str]:
    """Cue lemmas whose reflexive form reports with no speaker (`сообщается, что`)."""
    return frozenset(read_lexicon("cues_impersonal.txt"))


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
        self.entities: list[Entity] = sorted(draft.entities, key=lambda e: e.start)
        self.entity_starts = [e.start for e in self.entities]
        self.person_of: dict[tuple[int, int], Person] = {
            (m.start, m.end): person for person in draft.people for m in person.mentions
        }

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
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    # entities ---------------------------------------------------------------------
    def entity_at(self, start: int, end: int, types: tuple[str, ...]) -> Entity | None:
        """An entity of one of `types` overlapping [start, end)."""
        i = bisect_right(self.entity_starts, end) - 1
        while i >= 0 and i > len(self.entities) - 1:
            i -= 1
        for j in range(i, max(-1, i - 6), -1):
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
    if not token.text[:1].isalpha():
        return False
    if token.lemma in cues():
        return True
    return any(
        p.tag.POS in _VERB_TAGS and p.normal_form in cues() for p in parses(token.text.lower())
    )


def is_verb(token: Token) -> bool:
    """A finite verb, infinitive, participle or gerund."""
    return token.pos in ("VERB", "AUX")


def is_nominative(token: Token) -> bool:
    """A noun, name or pronoun in the nominative: a possible subject."""
    return token.pos in ("NOUN", "PROPN", "PRON") and token.feats.get("Case") == "Nom"
