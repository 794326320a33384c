"""Documents as tables: one row per quote, person or entity, each with its document's id.

>>> docs = nlp.pipe(((text, {"id": name}) for name, text in articles), as_tuples=True)
>>> quotes = quotewho.to_frame(docs, what="quotes")
>>> quotes.speaker.value_counts().head()
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Literal

from .model import Document

What = Literal["quotes", "people", "entities"]

# Column order of each table; to_frame keeps it even when there are no rows.
COLUMNS: dict[str, list[str]] = {
    "quotes": [
        "doc_id", "start", "end", "kind", "text", "speaker", "speaker_kind", "person_id",
        "role", "organisation", "cue", "confidence", "rule",
    ],
    "people": ["doc_id", "person_id", "name", "gender", "mentions", "roles", "organisations",
               "quotes"],
    "entities": ["doc_id", "start", "end", "type", "text", "normal"],
}  # fmt: skip


def doc_id(context: Any, index: int) -> Any:
    """The id a row carries: the context's ``"id"`` (a dict's), a plain str or int context
    itself, else the document's position in the input."""
    if isinstance(context, dict) and "id" in context:
        return context["id"]
    if isinstance(context, str | int) and not isinstance(context, bool):
        return context
    return index


def quote_rows(doc: Document, id: Any) -> Iterator[dict]:
    """One row per quote: where it is, what kind, who said it."""
    for quote in doc.quotes:
        speaker = quote.speaker
        yield {
            "doc_id": id,
            "start": quote.start,
            "end": quote.end,
            "kind": quote.kind,
            "text": quote.text,
            "speaker": speaker.name if speaker else None,
            "speaker_kind": speaker.kind if speaker else None,
            "person_id": speaker.person_id if speaker else None,
            "role": speaker.role if speaker else None,
            "organisation": speaker.organisation if speaker else None,
            "cue": quote.cue.text if quote.cue else None,
            "confidence": quote.confidence,
            "rule": quote.rule,
        }


def people_rows(doc: Document, id: Any) -> Iterator[dict]:
    """One row per person: name, how often mentioned and quoted, roles and organisations."""
    quoted: dict[int, int] = {}
    for quote in doc.quotes:
        if quote.speaker and quote.speaker.person_id is not None:
            quoted[quote.speaker.person_id] = quoted.get(quote.speaker.person_id, 0) + 1
    for person in doc.people:
        yield {
            "doc_id": id,
            "person_id": person.id,
            "name": person.name,
            "gender": person.gender,
            "mentions": len(person.mentions),
            "roles": "; ".join(dict.fromkeys(link.title for link in person.roles if link.title)),
            "organisations": "; ".join(
                dict.fromkeys(link.organisation for link in person.roles if link.organisation)
            ),
            "quotes": quoted.get(person.id, 0),
        }


def entity_rows(doc: Document, id: Any) -> Iterator[dict]:
    """One row per entity mention."""
    for entity in doc.entities:
        yield {
            "doc_id": id,
            "start": entity.start,
            "end": entity.end,
            "type": entity.type,
            "text": entity.text,
            "normal": entity.normal,
        }


ROWS = {"quotes": quote_rows, "people": people_rows, "entities": entity_rows}


def iter_records(docs: Iterable[Document | tuple[Document, Any]], what: What) -> Iterator[dict]:
    """Rows of `what` for every document, lazily (see `to_records`)."""
    if what not in ROWS:
        raise ValueError(f"what must be one of {', '.join(ROWS)}, got {what!r}")
    rows = ROWS[what]
    for index, item in enumerate(docs):
        if isinstance(item, Document):
            yield from rows(item, index)
        elif isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Document):
            yield from rows(item[0], doc_id(item[1], index))
        else:
            raise TypeError(f"expected a Document or (Document, context), got {item!r:.80}")


def to_records(
    docs: Iterable[Document | tuple[Document, Any]], what: What = "quotes"
) -> list[dict]:
    """Rows of `what` ("quotes", "people" or "entities") as plain dicts, one per quote,
    person or entity, each with ``doc_id``: the context's ``"id"`` when `docs` are
    ``(Document, context)`` pairs from ``pipe(..., as_tuples=True)``, else the position."""
    return list(iter_records(docs, what))


def to_frame(docs: Iterable[Document | tuple[Document, Any]], what: What = "quotes"):
    """The rows of `to_records` as a pandas DataFrame (``pip install quotewho[pandas]``)."""
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "quotewho.to_frame needs pandas: pip install 'quotewho[pandas]'"
        ) from None
    return pandas.DataFrame(to_records(docs, what), columns=COLUMNS[what])
