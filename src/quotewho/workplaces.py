"""Learned person–organisation links that no role title carries.

NEREL ties a person to an organisation where no position is named: `Звезда испанской
«Барселоны», аргентинский футболист Лионель Месси`, `Мхитарян провел 17 матчей за «Рому»`,
`Юрий Царёв (проект «Метро»)`, `коллег Месси по «Барселоне»`. Each pair of a person and an
organisation mention of one sentence that the role links do not already tie is a
candidate; a logistic regression over binary features (order, distance, the words and
verbs between, the preposition before the organisation, cases, whether a role of the
person's lies between or holds the organisation) scores it. An organisation of a
sentence that names nobody is a candidate with the person named last before it
(`previous_candidates`: biographies go on without the name), scored on features of its
own (`far:`). The weights are `models/workplaces.json`, trained on NEREL 1.1 train by
`scripts/train_workplaces.py`; scoring is a sum of weights (`linker.Weights`), no library.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .linker import Weights, nearest
from .model import RoleLink, Span
from .ner import Mention
from .norm import normal
from .resources import model_path
from .segment import Sent, Token

MODEL = "workplaces.json"
_MARKS = {",": "comma", "—": "dash", "–": "dash", "-": "dash", "(": "open", ")": "close"}
_QUOTE_MARKS = frozenset('«»„“”"')


@dataclass
class Candidate:
    """A person mention and an organisation mention of one sentence."""

    person: Mention
    org: Mention
    tokens: list[Token]  # the sentence's
    mentions: list[Mention]  # the sentence's
    own_roles: list[Mention]  # roles the role links give this person in the sentence
    other_roles: list[Mention]  # roles the role links give others in the sentence
    has_workplace: bool  # whether a role link already gives the person an organisation
    back: int = 0  # how many sentences before the organisation's the person is named


def _linked_by_sentence(
    by_sentence: list[tuple[Sent, list[Mention]]],
    roles_of: dict[tuple[int, int], list[Mention]],
) -> dict[int, list[tuple[tuple[int, int], Mention]]]:
    """The linked role mentions of each sentence (by its index) with their person's
    offsets, found once: per person it was quadratic."""
    starts = [sent.start for sent, _ in by_sentence]
    linked: dict[int, list[tuple[tuple[int, int], Mention]]] = {}
    for key, rs in roles_of.items():
        for r in rs:
            linked.setdefault(bisect_right(starts, r.start) - 1, []).append((key, r))
    return linked


def candidates(
    by_sentence: list[tuple[Sent, list[Mention]]],
    roles_of: dict[tuple[int, int], list[Mention]],
    tied: set[tuple[int, int, int, int]],
) -> Iterator[Candidate]:
    """Every person mention paired with each organisation mention of its sentence that
    `tied` (person and organisation offsets the role links give) lacks; `roles_of` holds
    the role mentions linked to each person mention."""
    placed = {(p_start, p_end) for p_start, p_end, *_ in tied}
    linked = _linked_by_sentence(by_sentence, roles_of)
    for k, (sent, inside) in enumerate(by_sentence):
        people = [m for m in inside if m.type == "PER"]
        orgs = [m for m in inside if m.type == "ORG"]
        if not people or not orgs:
            continue
        for person in people:
            own = roles_of.get((person.start, person.end), [])
            others = [
                r
                for key, r in linked.get(k, ())
                if key != (person.start, person.end) and sent.start <= r.start < sent.end
            ]
            for org in orgs:
                if org.start < person.end and person.start < org.end:
                    continue
                if (person.start, person.end, org.start, org.end) in tied:
                    continue
                yield Candidate(
                    person,
                    org,
                    sent.tokens,
                    inside,
                    [r for r in own if sent.start <= r.start < sent.end],
                    others,
                    (person.start, person.end) in placed,
                )


# How many sentences back the person of an organisation in a sentence naming nobody may be.
PREVIOUS_SENTENCES = 3


def previous_candidates(
    by_sentence: list[tuple[Sent, list[Mention]]],
    roles_of: dict[tuple[int, int], list[Mention]],
    tied: set[tuple[int, int, int, int]],
) -> Iterator[Candidate]:
    """`Владимир Булавин родился в 1953 году … . С 1975 по 1977 работал … завода
    «Восход»`, `Он работал на радио «Маяк»`: each organisation of a sentence that names
    no person, paired with the person named last in the sentences before it (up to
    `PREVIOUS_SENTENCES` back); biographies go on without the name."""
    placed = {(p_start, p_end) for p_start, p_end, *_ in tied}
    linked = _linked_by_sentence(by_sentence, roles_of)
    last: Mention | None = None
    at = -1  # the sentence `last` is named in
    for k, (sent, inside) in enumerate(by_sentence):
        people = [m for m in inside if m.type == "PER"]
        if people:
            last, at = people[-1], k
            continue
        if last is None or k - at > PREVIOUS_SENTENCES:
            continue
        roles = linked.get(k, [])
        own = [r for key, r in roles if key == (last.start, last.end)]
        others = [r for key, r in roles if key != (last.start, last.end)]
        for org in (m for m in inside if m.type == "ORG"):
            if (last.start, last.end, org.start, org.end) in tied:
                continue
            yield Candidate(
                last,
                org,
                sent.tokens,
                inside,
                own,
                others,
                (last.start, last.end) in placed,
                k - at,
            )


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "far"


def _word(token: Token) -> str:
    return (token.lemma or token.text).lower()


def _case(token: Token) -> str:
    return token.feats.get("Case", "-")


def features(c: Candidate) -> list[str]:
    """The binary features of one candidate: the names of those that hold."""
    if c.back:
        return _previous_features(c)
    after = c.org.start >= c.person.end
    first, second = (c.person, c.org) if after else (c.org, c.person)
    side = "after" if after else "before"
    between = [t for t in c.tokens if first.end <= t.start and t.end <= second.start]
    out = ["bias", f"order={side}", f"gap={side}:{_bucket(len(between))}"]
    out += [f"mark={m}" for m in sorted({_MARKS.get(t.text, "") for t in between} - {""})]
    out += [f"verb={_word(t)}" for t in between if t.pos in ("VERB", "AUX")]
    if any(t.lemma in ("что", "чтобы") for t in between):
        out.append("that_between")
    if any(t.lemma == "который" for t in between):
        out.append("which_between")
    if len(between) <= 4:
        out.append(f"seq:{side}={' '.join(_word(t) for t in between)}")
    if len(between) <= 8:
        out += [f"word:{side}={_word(t)}" for t in between if t.pos != "PUNCT"]
    out += _context_features(c)
    others = [m for m in c.mentions if first.end <= m.start and m.end <= second.start]
    for kind in ("PER", "ORG", "ROLE"):
        out.append(f"{kind}_between={min(2, sum(m.type == kind for m in others))}")
    out.append(f"nearest={nearest(c.mentions, c.person, c.org)}")
    out += _role_features(c, first, second)
    return out


_PRONOUNS = {"он": "Masc", "она": "Fem"}


def _previous_features(c: Candidate) -> list[str]:
    """The features of a person named sentences before the organisation's (`back`): how
    the organisation's sentence speaks of someone (a pronoun, a verb with no subject
    before it, a role noun), the verbs and words before the organisation, its roles."""
    before = [t for t in c.tokens if t.end <= c.org.start]
    gender = c.person.tokens[0].feats.get("Gender", "-")
    verbs = [t for t in before if t.pos in ("VERB", "AUX")]
    roles = [m for m in c.mentions if m.type == "ROLE"]
    subject = next(
        (t for t in before if t.pos in ("NOUN", "PROPN", "PRON") and t.feats.get("Case") == "Nom"),
        None,
    )
    if subject is None:
        opener = "none"
    elif subject.text.lower() in _PRONOUNS:
        opener = "pronoun:" + ("agrees" if _PRONOUNS[subject.text.lower()] == gender else "other")
    elif subject.pos == "NOUN" and any(r.start <= subject.start < r.end for r in roles):
        opener = "role"
    else:
        opener = "other"
    out = [
        "far:bias",
        f"far:back={c.back}",
        f"far:opener={opener}",
        f"far:orgs={min(3, sum(m.type == 'ORG' for m in c.mentions))}",
        f"far:first_org={not any(m.type == 'ORG' and m.end <= c.org.start for m in c.mentions)}",
        f"far:has_workplace={c.has_workplace}",
        f"far:own_role={bool(c.own_roles)}",
        f"far:other_role={bool(c.other_roles)}",
        f"far:in_role={any(r.start <= c.org.start and c.org.end <= r.end for r in roles)}",
    ]
    out += [f"far:verb={_word(t)}" for t in verbs[:3]]
    if verbs:
        agrees = verbs[0].feats.get("Gender") in (None, gender)
        out.append(f"far:verb_gender={agrees}")
    out += [f"far:{f}" for f in _context_features(c) if not f.startswith("person_")]
    return out


def _context_features(c: Candidate) -> list[str]:
    """The words at each mention's edges and their cases: `за «Рому»`, `по «Барселоне»`."""
    tokens = c.tokens
    before_org = [t for t in tokens if t.end <= c.org.start and t.text not in _QUOTE_MARKS]
    before_person = [t for t in tokens if t.end <= c.person.start]
    after_person = [t for t in tokens if t.start >= c.person.end]
    after_org = [t for t in tokens if t.start >= c.org.end]
    org_first = c.org.tokens[0]
    name = org_first.text.lstrip('«„“"')
    shape = (
        "quoted"
        if org_first.text in _QUOTE_MARKS
        else "latin"
        if name[:1].isascii()
        else "upper"
        if name.isupper()
        else "lower"
        if name[:1].islower()
        else "title"
    )
    out = [
        f"org_prev={_word(before_org[-1]) if before_org else '^'}",
        f"org_prev2={' '.join(_word(t) for t in before_org[-2:])}",
        f"org_next={_word(after_org[0]) if after_org else '$'}",
        f"person_prev={_word(before_person[-1]) if before_person else '^'}",
        f"person_next={_word(after_person[0]) if after_person else '$'}",
        f"org_case={_case(org_first)}",
        f"person_case={_case(c.person.tokens[0])}",
        f"cases={_case(org_first)}/{_case(c.person.tokens[0])}",
        f"org_shape={shape}",
    ]
    if shape == "lower":
        out.append(f"org_head={_word(org_first)}")
    return out


def _role_features(c: Candidate, first: Mention, second: Mention) -> list[str]:
    """How the role links bear on the pair: a role of the person's between them
    (`аргентинский футболист Лионель Месси`), the organisation inside someone's role."""

    def holds(role: Mention) -> bool:
        return role.start <= c.org.start and c.org.end <= role.end

    def inside(role: Mention) -> bool:
        return first.end <= role.start and role.end <= second.start

    return [
        f"own_role={bool(c.own_roles)}",
        f"own_role_between={any(inside(r) for r in c.own_roles)}",
        f"other_role_between={any(inside(r) for r in c.other_roles)}",
        f"in_own_role={any(holds(r) for r in c.own_roles)}",
        f"in_other_role={any(holds(r) for r in c.other_roles)}",
        f"in_role={any(m.type == 'ROLE' and holds(m) for m in c.mentions)}",
        f"has_workplace={c.has_workplace}",
    ]


@cache
def weights() -> Weights:
    data = json.loads(model_path(MODEL).read_text(encoding="utf-8"))
    return Weights(data["weights"], data["threshold"])


def document_candidates(
    by_sentence: list[tuple[Sent, list[Mention]]], links: list, tied_links: list[RoleLink]
) -> Iterator[Candidate]:
    """The candidates of a document: `links` are the role links of the rules and the pair
    classifier (person and role mentions), `tied_links` every public link so far, whose
    organisations (and organisation mentions overlapping them) the candidates leave out."""
    roles_of: dict[tuple[int, int], list[Mention]] = {}
    for link in links:
        roles_of.setdefault((link.person.start, link.person.end), []).append(link.role)
    # a link's organisation lies in one sentence: only that sentence's organisations can
    # overlap it (looking through the whole document's was quadratic on long texts)
    starts = [sent.start for sent, _ in by_sentence]
    orgs = [[m for m in inside if m.type == "ORG"] for _, inside in by_sentence]
    tied = set()
    for link in tied_links:
        where = link.organisation_mention
        if where is None:
            continue
        for org in orgs[max(bisect_right(starts, where.start) - 1, 0)] if orgs else []:
            # overlapping either way: `Председатель Правления КИОР` ties the person to
            # КИОР, and so to `Правления КИОР` too
            if org.start < where.end and where.start < org.end:
                person = link.person_mention
                tied.add((person.start, person.end, org.start, org.end))
    yield from candidates(by_sentence, roles_of, tied)
    yield from previous_candidates(by_sentence, roles_of, tied)


def workplace_links(
    by_sentence: list[tuple[Sent, list[Mention]]],
    links: list,
    tied_links: list[RoleLink],
    text: str,
) -> list[RoleLink]:
    """The candidates the classifier is sure of, as links without a title: the person's
    place of work is named, not their position (see `document_candidates`)."""
    model = weights()
    out = []
    for c in document_candidates(by_sentence, links, tied_links):
        if model.probability(features(c)) < model.threshold:
            continue
        org = _span(text, c.org.start, c.org.end)
        out.append(
            RoleLink(
                title=None,
                organisation=normal(c.org.tokens, c.org.type, text),
                person_mention=_span(text, c.person.start, c.person.end),
                role_mention=org,
                organisation_mention=org,
            )
        )
    return out


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])
