"""People and organisations: mentions clustered, canonical names chosen."""

from __future__ import annotations

from .model import Entity, Organisation, Person, Span


def surname(normal: str) -> str:
    """The clustering key of a person's name: its last word, lower case."""
    return normal.split()[-1].lower().replace("ё", "е") if normal.split() else ""


def cluster_people(entities: list[Entity]) -> list[Person]:
    """PER mentions sharing a surname are one person named by their fullest mention."""
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        if entity.type == "PER":
            groups.setdefault(surname(entity.normal), []).append(entity)
    people = []
    for mentions in sorted(groups.values(), key=lambda ms: ms[0].start):
        name = max((m.normal for m in mentions), key=lambda n: (len(n.split()), len(n)))
        people.append(
            Person(
                id=len(people),
                name=name,
                mentions=[Span(start=m.start, end=m.end, text=m.text) for m in mentions],
            )
        )
    return people


def cluster_organisations(entities: list[Entity]) -> list[Organisation]:
    """ORG mentions with the same normal form are one organisation."""
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        if entity.type == "ORG":
            groups.setdefault(entity.normal.lower(), []).append(entity)
    return [
        Organisation(
            id=i,
            name=mentions[0].normal,
            mentions=[Span(start=m.start, end=m.end, text=m.text) for m in mentions],
        )
        for i, mentions in enumerate(sorted(groups.values(), key=lambda ms: ms[0].start))
    ]
