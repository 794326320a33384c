"""People and organisations clustered, on the founding example (tests/data/entities_kior.txt)
and as pure functions over entities."""

from __future__ import annotations

from pathlib import Path

import pytest

import quotewho
from quotewho.model import Entity
from quotewho.people import (
    acronym,
    cluster_organisations,
    cluster_people,
    name_key,
    name_parts,
    spelling_variants,
)

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def doc() -> quotewho.Document:
    return quotewho.extract((DATA / "entities_kior.txt").read_text(encoding="utf-8"))


def entity(type: str, text: str, normal: str, start: int) -> Entity:
    return Entity(start=start, end=start + len(text), text=text, type=type, normal=normal)


def test_one_person_for_full_name_and_surname(doc: quotewho.Document) -> None:
    person = next(p for p in doc.people if p.name == "Асылбек Есенбаев")
    assert [m.text for m in person.mentions] == ["Асылбек Есенбаев", "Асылбек Есенбаев", "Есенбаев"]
    assert person.gender == "masc"


def test_roles_of_a_person_with_organisation(doc: quotewho.Document) -> None:
    person = next(p for p in doc.people if p.name == "Асылбек Есенбаев")
    roles = [(r.title, r.organisation) for r in person.roles]
    assert ("председатель правления", "КИОР") in roles
    assert ("председатель", "КИОР") in roles
    # `Правления КИОР` overlaps the titled link's КИОР: no second, untitled workplace
    assert all(title is not None for title, _ in roles), roles


def test_feminine_name_and_gender(doc: quotewho.Document) -> None:
    person = next(p for p in doc.people if "Айкенова" in p.name)
    assert (person.name, person.gender) == ("Дина Айкенова", "femn")


def test_abbreviation_joins_full_name_and_case_variants(doc: quotewho.Document) -> None:
    kior = next(o for o in doc.organisations if o.name == "КИОР")
    texts = [m.text for m in kior.mentions]
    assert "КИОРа" in texts
    assert "Казахстанским институтом общественного развития «Рухани жаңғыру»" in texts


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # `Есенбаева` (genitive, or a woman's nominative) joins `Асылбек Есенбаев` by its stem
        (
            [
                ("Асылбек Есенбаев", "Асылбек Есенбаев"),
                ("Есенбаева", "Есенбаева"),
                ("Галым Байтук", "Галым Байтук"),
            ],
            [("Асылбек Есенбаев", 2), ("Галым Байтук", 1)],
        ),
        # NEREL 1.1 train 106555 (Wikinews, CC BY 2.5) names a son and his mother: the
        # woman's surname alone (`Завьяловой`) is hers, not his
        (
            [
                ("Пётр Завьялов", "Пётр Завьялов"),
                ("Александры Завьяловой", "Александра Завьялова"),
                ("Завьяловой", "Завьялова"),
            ],
            [("Пётр Завьялов", 1), ("Александра Завьялова", 2)],
        ),
    ],
)
def test_a_surname_alone_joins_its_person(
    mentions: list[tuple[str, str]], expected: list[tuple[str, int]]
) -> None:
    people = cluster_people(
        [entity("PER", text, normal, 30 * k) for k, (text, normal) in enumerate(mentions)]
    )
    assert [(p.name, len(p.mentions)) for p in people] == expected


def test_first_name_alone_joins_its_unique_person() -> None:
    people = cluster_people(
        [entity("PER", "Дина Айкенова", "Дина Айкенова", 0), entity("PER", "Дина", "Дина", 30)]
    )
    assert len(people) == 1 and people[0].name == "Дина Айкенова"


def test_name_key_folds_feminine_and_yo() -> None:
    assert name_key("Жұмағұлова") == name_key("Жұмағұлов") == "жұмағұлов"
    assert name_key("Шевелёв") == "шевелев"


def test_acronym_of_a_full_name_before_its_quoted_part() -> None:
    assert acronym("Казахстанский институт общественного развития «Рухани жаңғыру»") == "КИОР"


def test_organisation_named_by_its_most_frequent_form() -> None:
    orgs = cluster_organisations(
        [
            entity("ORG", "КИОР", "КИОР", 0),
            entity("ORG", "КИОРа", "КИОР", 10),
            entity(
                "ORG",
                "Казахстанским институтом общественного развития",
                "Казахстанский институт общественного развития",
                20,
            ),
        ]
    )
    assert [(o.name, len(o.mentions)) for o in orgs] == [("КИОР", 3)]


def test_spellings_one_vowel_apart_are_one_person() -> None:
    """NEREL train 40297 spells the Iranian president both ways."""
    text = (
        "Иранский священнослужитель Хасан Рухани в воскресенье приносит присягу. "
        "Вступление в должность Роухани проходит на фоне скандала."
    )
    assert [(p.name, len(p.mentions)) for p in quotewho.extract(text).people] == [
        ("Хасан Рухани", 2)
    ]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("роухани", "рухани", True),
        ("трамп", "трумп", True),
        ("гутерреш", "гутерриш", True),
        ("волков", "войков", False),  # NEREL train 11556: two cosmonauts' namesakes
        ("буров", "бурков", False),
        ("роухани", "роухани", False),
        ("крым", "кром", False),
    ],
)
def test_spelling_variants(a: str, b: str, same: bool) -> None:
    assert spelling_variants(a, b) is same


def test_gender_the_name_does_not_tell_comes_from_its_verbs() -> None:
    """NEREL 1.1 train 125048_text (Russian Wikinews, CC BY 2.5): pymorphy3 knows `Мартина`
    only as the genitive of `Мартин`; `участвовала` says who she is."""
    text = (
        "В красном купальнике Мартина Биг участвовала в фотосессии на пляже Венис Бич "
        "в Лос-Анджелесе, США."
    )
    (person,) = quotewho.extract(text).people
    assert (person.name, person.gender) == ("Мартина Биг", "femn")


def test_verbs_outweigh_a_guess_at_a_foreign_first_name() -> None:
    """NEREL 1.1 train 23275_text (Russian Wikinews, CC BY 2.5): an adverb may stand
    between the name and its verb."""
    text = "Позже, в интервью газете Nice Matin Бриджит Бардо подробнее рассказала о причинах."
    (person,) = quotewho.extract(text).people
    assert (person.name, person.gender) == ("Бриджит Бардо", "femn")


def test_an_initial_glued_to_the_surname_joins_the_full_name() -> None:
    """NEREL train 078 writes `Э.Уитакер` around his full name."""
    text = (
        "Временный главный управляющий американского автопризводителя General Motors (GM) "
        "Эдвард Уитакер назначен главным управляющим автомобильного концерна. "
        "Кроме того, Э.Уитакер заявил, что автогигант вернет долг 8,1 млрд долл."
    )
    doc = quotewho.extract(text)
    assert [(p.name, len(p.mentions)) for p in doc.people] == [("Эдвард Уитакер", 2)]
    assert [q.speaker.name for q in doc.quotes if q.speaker] == ["Эдвард Уитакер"]


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("А.Кудрин", ("А.", "Кудрин")),
        ("В.В.Путин", ("В.", "В.", "Путин")),
        ("В. В. Путин", ("В.", "В.", "Путин")),
        ("Терье Риис-Йохансон", ("Терье", "Риис-Йохансон")),
    ],
)
def test_name_parts(name: str, parts: tuple[str, ...]) -> None:
    assert name_parts(name) == parts


def test_a_first_name_names_more_than_initials() -> None:
    """`Владимир Путин` is the canonical name over `В.В.Путин`, though it has fewer parts."""
    people = cluster_people(
        [
            entity("PER", "В.В.Путиным", "В.В.Путин", 0),
            entity("PER", "Владимир Путин", "Владимир Путин", 30),
        ]
    )
    assert [(p.name, len(p.mentions)) for p in people] == [("Владимир Путин", 2)]
