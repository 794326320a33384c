"""The public result: pydantic models with character offsets into the original text.

Every span-like object has ``start``, ``end`` and ``text`` with
``document.text[start:end] == text``; :class:`Document` checks this when it is built or
validated, so a document that lies about its offsets cannot exist.
"""

from __future__ import annotations

from typing import Literal, TextIO

from pydantic import BaseModel, ConfigDict, Field, model_validator

EntityType = Literal["PER", "ORG", "LOC", "ROLE"]
QuoteKind = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organisation", "descriptor"]


class Span(BaseModel):
    """A stretch of the document's text."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0, description="Offset of the first character in `Document.text`.")
    end: int = Field(ge=0, description="Offset just past the last character (exclusive).")
    text: str = Field(description="`Document.text[start:end]`, verbatim.")


class Sentence(Span):
    """A sentence as razdel segments it (over-long ones are cut, see docs/limits.md)."""


class Entity(Span):
    """A named-entity or role mention."""

    type: EntityType = Field(
        description="PER person, ORG organisation, LOC location, ROLE position or occupation."
    )
    normal: str = Field(
        description="Nominative form: `КИОРа` → `КИОР`, `Жамбылской области` → "
        "`Жамбылская область`; roles are lower-cased lemmas (`председатель правления`)."
    )


class RoleLink(BaseModel):
    """A person's position, read from an apposition or a phrase around the name; or, with
    no title, the organisation they work for where no position is named (`Мхитарян провел
    17 матчей за «Рому»`)."""

    model_config = ConfigDict(frozen=True)

    title: str | None = Field(
        description="The position, nominative and lower case: `проректор`; None when the "
        "text names the organisation alone."
    )
    organisation: str | None = Field(
        default=None, description="The organisation of that position, nominative, or None."
    )
    person_mention: Span = Field(description="The person mention the role was read for.")
    role_mention: Span = Field(
        description="The span the title was read from (the organisation's when there is no title)."
    )
    organisation_mention: Span | None = Field(
        default=None,
        description="The span the organisation was read from, if any. Usually an ORG "
        "entity's; a body named in lower case after a verb (`руководил департаментом "
        "потребрынка`, `служил в британской армии`) is no ORG entity, and this is its span.",
    )
    inferred: bool = Field(
        default=False,
        description="True when the text names no organisation with the role and one was "
        "inferred: a state post's country, the one the document names most "
        "(`Премьер-министр Михаил Фрадков` in a text about Russia); `organisation_mention` "
        "is then that country's name elsewhere in the text.",
    )


class Person(BaseModel):
    """One person: all mentions of them clustered, with a canonical name."""

    model_config = ConfigDict(frozen=True)

    id: int = Field(description="Index of this person in `Document.people`.")
    name: str = Field(description="Fullest nominative name in the document: `Асылбек Есенбаев`.")
    gender: Literal["masc", "femn"] | None = Field(
        default=None, description="Grammatical gender read from the name, when known."
    )
    mentions: list[Span] = Field(description="Every mention of the person, in text order.")
    roles: list[RoleLink] = Field(default_factory=list, description="Positions stated for them.")


class Organisation(BaseModel):
    """One organisation: its mentions clustered, with a canonical name."""

    model_config = ConfigDict(frozen=True)

    id: int = Field(description="Index of this organisation in `Document.organisations`.")
    name: str = Field(description="Canonical nominative name: `КИОР`.")
    mentions: list[Span] = Field(description="Every mention, in text order.")


class Speaker(BaseModel):
    """The source a quote is attributed to."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(
        description="Canonical name: a person's fullest name (`Асылбек Есенбаев`, even when "
        "the text says `он`), an organisation's name, or an unnamed source's description."
    )
    kind: SpeakerKind = Field(description="person, organisation or descriptor (unnamed source).")
    mention: Span | None = Field(
        default=None, description="The span the quote was attributed through (`он`, `Есенбаев`)."
    )
    person_id: int | None = Field(
        default=None, description="Index into `Document.people` when the speaker is one of them."
    )
    role: str | None = Field(default=None, description="The speaker's position, nominative.")
    organisation: str | None = Field(
        default=None, description="The organisation of that position, nominative."
    )


class Quote(Span):
    """Content the text attributes to a source (see docs/quotes.md for the standard)."""

    kind: QuoteKind = Field(
        description="direct: verbatim words; indirect: reported content clause; "
        "mixed: a content clause containing a quoted fragment."
    )
    cue: Span | None = Field(
        default=None, description="The verb, frame (`по словам`) or `:` tying quote to source."
    )
    speaker: Speaker | None = Field(default=None, description="Who said it; None if unnamed.")
    confidence: float = Field(ge=0.0, le=1.0, description="How sure the rule that found it is.")
    rule: str = Field(default="", description="Name of the rule that attributed the speaker.")


class Document(BaseModel):
    """Everything quotewho read in one text."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(description="The input text, unchanged.")
    sentences: list[Sentence] = Field(default_factory=list, description="Sentences in order.")
    entities: list[Entity] = Field(
        default_factory=list, description="PER, ORG, LOC and ROLE mentions, by start offset."
    )
    people: list[Person] = Field(default_factory=list, description="Clustered people.")
    organisations: list[Organisation] = Field(
        default_factory=list, description="Clustered organisations."
    )
    quotes: list[Quote] = Field(default_factory=list, description="Quotes, by start offset.")

    @model_validator(mode="after")
    def _offsets_match_text(self) -> Document:
        for span in self.spans():
            if not 0 <= span.start <= span.end <= len(self.text):
                raise ValueError(f"span {span.start}:{span.end} outside the text")
            if self.text[span.start : span.end] != span.text:
                raise ValueError(f"span {span.start}:{span.end} is not {span.text!r}")
        return self

    def _repr_html_(self) -> str:
        """Jupyter shows the text with quotes painted per speaker (see display.py)."""
        from .display import to_html

        return to_html(self)

    def print(self, file: TextIO | None = None) -> None:
        """Print the text with quotes coloured per speaker, and a legend of people."""
        from .display import show

        show(self, file)

    def spans(self) -> list[Span]:
        """Every span the document holds, nested ones included."""
        out: list[Span] = [*self.sentences, *self.entities, *self.quotes]
        for person in self.people:
            out += person.mentions
            for link in person.roles:
                out += [link.person_mention, link.role_mention]
                if link.organisation_mention:
                    out.append(link.organisation_mention)
        for org in self.organisations:
            out += org.mentions
        for quote in self.quotes:
            if quote.cue:
                out.append(quote.cue)
            if quote.speaker and quote.speaker.mention:
                out.append(quote.speaker.mention)
        return out
