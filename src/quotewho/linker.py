"""Learned person–role links, over what the rules leave unlinked.

The rules of `roles` read a link from a few sure patterns (apposition, copulas, heading
verbs); NEREL links many pairs no such pattern covers: `дочь маршала Е Цзяньина`,
`Политолог и медиаменеджер Игорь Малашенко`, `художественному руководителю … театра
Сатиры, полному кавалеру ордена … Александру Ширвиндту`. Each pair of a person mention and
a role of its sentence or of the next few is a candidate; a logistic regression over
binary features (distance, what lies between, cases and genders, the words around, whether
a name stands by the role, whether the rules linked them, how often the text names the
person) scores it. The weights are
`models/links.json`, trained on NEREL 1.1 train by `scripts/train_links.py`; scoring is a
sum of weights, no library.

Pairs of a person and an organisation outside any role have a classifier of their own
(`workplaces`); the organisation inside a role comes with the role.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from .ner import Mention
from .resources import model_path
from .segment import Sent, Token

if TYPE_CHECKING:  # roles uses this module: no import at run time
    from .roles import Role

MODEL = "links.json"
# A role a few sentences on may still be the person's (`… Джонсон. Премьер был …`).
_LATER_SENTENCES = 3
_PUNCTUATION = {",": "comma", "—": "dash", "–": "dash", "-": "dash", "(": "open", ")": "close"}
_QUOTE_MARKS = frozenset('«»„“”"')
# Pronouns that carry a person named before into a later sentence (`он был назначен …`).
_PRONOUNS = frozenset({"он", "она", "его", "ее", "её"})

# An age before a role: `47-летнего журналиста`, `94-летнему политику`.
_AGE = re.compile(r"\d+-летн")


@dataclass
class Candidate:
    """A person mention and a role that may be theirs."""

    person: Mention
    role: Role
    sentences: int  # how many sentences the role lies after the person's
    tokens: list[Token]  # the tokens of the sentences from the person's to the role's
    opening: int  # where the role's sentence starts
    mentions: list[Mention]  # the mentions of those sentences
    ruled: bool  # whether the rules already tie them
    role_taken: bool  # whether the rules tie the role to someone else
    person_taken: bool  # whether the rules tie the person to another role
    salience: str  # how often the document names the person (`salience`)


def candidates(
    by_sentence: list[tuple[Sent, list[Mention]]], ruled: set[tuple[int, int, int, int]]
) -> Iterator[Candidate]:
    """Every person mention paired with each role (with a title) of its sentence, and the
    last person named before a role of one of the next few sentences; `ruled` holds the
    (person, role) offsets the rules link."""
    taken_roles = {(start, end) for *_, start, end in ruled}
    taken_people = {(start, end) for start, end, *_ in ruled}
    aliases = _aliases(by_sentence)
    named = Counter(_surname(m) for _, ms in by_sentence for m in ms if m.type == "PER")
    for k, (_, inside) in enumerate(by_sentence):
        people = [m for m in inside if m.type == "PER" and m.start not in aliases]
        for distance in range(min(_LATER_SENTENCES + 1, len(by_sentence) - k)):
            scope = by_sentence[k : k + distance + 1]
            tokens = [t for sent, _ in scope for t in sent.tokens]
            mentions = [m for _, ms in scope for m in ms]
            later, targets = scope[-1]
            for role in targets:
                if role.type != "ROLE" or not getattr(role, "title", None):
                    continue
                for person in people:
                    if _overlap(person, role) or (
                        distance and _named_between(person, role, mentions, aliases)
                    ):
                        # `представитель Обамы`; a later role with someone named between
                        # is theirs one time in sixty on NEREL train
                        continue
                    key = (person.start, person.end, role.start, role.end)
                    yield Candidate(
                        person,
                        role,
                        distance,
                        tokens,
                        later.start,
                        mentions,
                        key in ruled,
                        (role.start, role.end) in taken_roles,
                        (person.start, person.end) in taken_people,
                        salience(named, _surname(person)),
                    )


def _surname(person: Mention) -> str:
    """A person mention's last word, lower case: what its other mentions share."""
    return person.tokens[-1].lemma.lower() or person.tokens[-1].text.lower()


def salience(named: Counter[str], surname: str) -> str:
    """`main` for the person a document names most (`Булавин родился … Работал инженером`
    goes to its subject), `often` for one named three times or more, else `rare`."""
    count = named[surname]
    if count == max(named.values()) and count > 1:
        return "main"
    return "often" if count >= 3 else "rare"


def _named_between(
    person: Mention, role: Mention, mentions: list[Mention], aliases: set[int]
) -> bool:
    return any(
        m.type == "PER" and person.end <= m.start < role.start and m.start not in aliases
        for m in mentions
    )


def _aliases(by_sentence: list[tuple[Sent, list[Mention]]]) -> set[int]:
    """Where the names that spell the one before them again in brackets start: `Антониу
    Гутерреш (порт. António Guterres; род. 1949) — португальский политик`. NEREL links
    a role to the first (57 times on train, the bracketed one 9 times), so the bracketed
    name neither takes a role nor stands between."""
    tokens = [t for sent, _ in by_sentence for t in sent.tokens]
    index = {t.start: k for k, t in enumerate(tokens)}
    ends = {t.end: k for k, t in enumerate(tokens)}
    people = [m for _, ms in by_sentence for m in ms if m.type == "PER"]
    out = set()
    for before, person in pairwise(people):
        if before.end not in ends or person.start not in index:
            continue
        gap = [t.text for t in tokens[ends[before.end] + 1 : index[person.start]]]
        # `(Aaron Swartz)`, `(порт. António …)`, `(англ. …)`
        if gap == ["("] or (len(gap) == 3 and gap[0] == "(" and gap[2] == "."):
            out.add(person.start)
    return out


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _gap_bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "far"


def features(c: Candidate) -> list[str]:
    """The binary features of one candidate: the names of those that hold."""
    after = c.role.start >= c.person.end
    first, second = (c.person, c.role) if after else (c.role, c.person)
    between = [t for t in c.tokens if first.end <= t.start and t.end <= second.start]
    out = [
        "bias",
        f"order={'after' if after else 'before'}",
        f"gap={_gap_bucket(len(between))}",
        f"ruled={c.ruled}",
        # `Светлана Яковлева - директор …, Кирилл Разлогов - директор …`: a role the rules
        # gave another is seldom this person's too
        f"taken={c.role_taken and not c.ruled}/{c.person_taken and not c.ruled}",
    ]
    if c.sentences:
        return [f"next:{f}" for f in out + _later_sentence_features(c)]
    out += _between_features(between, after)
    others = [m for m in c.mentions if first.end <= m.start and m.end <= second.start]
    people = sum(m.type == "PER" for m in others)
    roles = sum(m.type == "ROLE" for m in others)
    out += [f"people_between={min(people, 2)}", f"roles_between={min(roles, 2)}"]
    out.append(f"nearest={nearest(c.mentions, c.person, c.role)}")
    cases = _case_features(c)
    out += cases
    if len(between) <= 1:
        # side by side, the cases tell apposition (`маршала Е Цзяньина`) from a relative
        # (`дочь капитана Ханна`)
        out.append(f"close:{'after' if after else 'before'}:{cases[0]}")
    if any(m.type == "PER" and 0 <= m.start - c.person.end <= 1 for m in c.mentions):
        out.append("person_follows")  # `Адвокат Александра Кокорина Андрей Ромашов`
    out.append(f"salience={c.salience}")
    return out + _role_features(c)


def _between_features(between: list[Token], after: bool) -> list[str]:
    side = "after" if after else "before"
    out = []
    marks = {_PUNCTUATION.get(t.text, "") for t in between} - {""}
    out += [f"mark={m}" for m in sorted(marks)]
    if any(t.text in _QUOTE_MARKS for t in between):
        out.append("quote_between")
    if any(t.pos in ("VERB", "AUX") for t in between):
        out.append(f"verb_between:{side}")
    if any(t.lemma in ("что", "чтобы") for t in between):
        out.append("that_between")
    if any(t.lemma == "который" for t in between):
        out.append("which_between")
    if len(between) <= 4:
        words = [t.lemma or t.text.lower() for t in between]
        out.append(f"seq:{side}={' '.join(words)}")
        out += [f"word:{side}={w}" for w in words]
    return out


def nearest(mentions: list[Mention], person: Mention, other: Mention) -> str:
    """Whether `other` (a role, an organisation) is the person's nearest mention of its
    type on that side, and the person the nearest name on the other's side: `True/True`
    for a pair nothing of their types stands between."""
    kind = other.type
    if other.start >= person.end:
        others = [m for m in mentions if m.type == kind and m.start >= person.end]
        people = [m for m in mentions if m.type == "PER" and m.end <= other.start]
        near_other = min(others, key=lambda m: m.start, default=None) is other
        near_person = max(people, key=lambda m: m.end, default=None) is person
    else:
        others = [m for m in mentions if m.type == kind and m.end <= person.start]
        people = [m for m in mentions if m.type == "PER" and m.start >= other.end]
        near_other = max(others, key=lambda m: m.end, default=None) is other
        near_person = min(people, key=lambda m: m.start, default=None) is person
    return f"{near_other}/{near_person}"


def _case(token: Token) -> str:
    return token.feats.get("Case", "-")


def _case_features(c: Candidate) -> list[str]:
    person, role = _case(c.person.tokens[0]), _case(c.role.title[0])
    return [f"cases={role}/{person}", f"same_case={role == person}"]


def _role_features(c: Candidate) -> list[str]:
    role, title = c.role, c.role.title
    before = _token_before(c.tokens, role.start)
    return [
        f"plural={any(t.feats.get('Number') == 'Plur' for t in title if t.pos == 'NOUN')}",
        f"organisation={role.organisation is not None}",
        f"upper={role.tokens[0].text[:1].isupper()}",
        f"head={title[0].lemma}",
        f"previous={_lemma(before)}",
        f"named={_named(c)}",
        f"gender={_genders(c)}",
    ]


def _genders(c: Candidate) -> str:
    """The grammatical genders of the role's head and of the person's first word:
    `Теннисистку` is no man's, though `президент` may be a woman's."""
    role, person = c.role.title[0], c.person.tokens[0]
    return f"{role.feats.get('Gender', '-')}/{person.feats.get('Gender', '-')}"


def _lemma(token: Token | None) -> str:
    """A token's lemma, `<age>` for all of `47-летнего`, `94-летний` (`47-летнего журналиста`
    stands for someone named before), `^` for none."""
    if token is None:
        return "^"
    return "<age>" if _AGE.match(token.text) else token.lemma


def _named(c: Candidate) -> bool:
    """Whether another name stands right by the role (`продюсер Харви Вайнштейн`,
    `Вайнштейн, продюсер`): a role with none is free to stand for someone named earlier
    (`курящего философа`, `сын бывшего разведчика`)."""
    return any(
        m.type == "PER"
        and m is not c.person
        and (0 <= m.start - c.role.end <= 2 or 0 <= c.role.start - m.end <= 2)
        for m in c.mentions
    )


def _token_before(tokens: list[Token], offset: int) -> Token | None:
    before = [t for t in tokens if t.end <= offset]
    return before[-1] if before else None


def _later_sentence_features(c: Candidate) -> list[str]:
    """`Джонсон неделю провёл в больнице. … британский премьер вернулся`, `В 1981 году он
    был назначен епископом`: a role of a later sentence is more often the person's after a
    pronoun or a copula."""
    role, title = c.role, c.role.title
    own = [t for t in c.tokens if c.opening <= t.start and t.end <= role.start]
    verb = next((t.lemma for t in reversed(own[-4:]) if t.pos in ("VERB", "AUX")), "-")
    before = _lemma(own[-1]) if own else "^"
    return [
        f"distance={c.sentences}",
        f"case={_case(title[0])}",
        f"person_case={_case(c.person.tokens[0])}",
        f"role_first={len(own) <= 2}",
        f"plural={title[0].feats.get('Number') == 'Plur'}",
        f"organisation={role.organisation is not None}",
        f"pronoun={any(t.lemma in _PRONOUNS for t in own)}",
        f"verb={verb}",
        f"previous={before}",
        f"head={title[0].lemma}",
        f"salience={c.salience}",
        f"named={_named(c)}",
        f"gender={_genders(c)}",
        # `Новый эмир в среду …`: a role whose sentence names nobody stands for someone
        f"alone={not any(m.type == 'PER' and m.start >= c.opening for m in c.mentions)}",
    ]


@dataclass(frozen=True)
class Weights:
    """A logistic regression: a weight per feature name, and the probability from which a
    candidate is linked."""

    weights: dict[str, float]
    threshold: float

    def probability(self, names: list[str]) -> float:
        z = sum(self.weights.get(name, 0.0) for name in names)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def weights() -> Weights:
    data = json.loads(model_path(MODEL).read_text(encoding="utf-8"))
    return Weights(data["weights"], data["threshold"])
