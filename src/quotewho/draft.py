"""The working state of one document while the pipeline adds layers to it (internal)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Document, Entity, Organisation, Person, Quote, Sentence
from .ner import Mention
from .segment import Sent


@dataclass
class Draft:
    """One document being analysed; each pipeline step fills one or more fields."""

    text: str
    sents: list[Sent] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    def to_document(self) -> Document:
        """The immutable public result."""
        return Document(
            text=self.text,
            sentences=[Sentence(start=s.start, end=s.end, text=s.text) for s in self.sents],
            entities=sorted(self.entities, key=lambda e: (e.start, -e.end)),
            people=self.people,
            organisations=self.organisations,
            quotes=sorted(self.quotes, key=lambda q: (q.start, q.end)),
        )
