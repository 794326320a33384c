"""Pronouns, roles and surnames → the person (or source) they stand for."""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

from ..model import Entity, Person
from ..morph import parses
from ..resources import read_lexicon, word_set
from .context import Context, is_verb

PRONOUN_GENDER = {
    "он": "masc",
    "его": "masc",
    "него": "masc",
    "она": "femn",
    "её": "femn",
    "ее": "femn",
    "неё": "femn",
    "нее": "femn",
}
PLURAL_PRONOUNS = frozenset({"они", "их", "них"})
_NAME_TAGS = ("Name", "Surn", "Patr")
# How far back (characters) a pronoun or a role looks for the person it stands for.
LOOKBACK = 2500
# How many tokens before a name a role phrase introducing it may start.
ROLE_PHRASE = 15
# How many sentences back a pronoun prefers a subject to a nearer oblique name.
_SUBJECT_REACH = 2
_CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "—", "–"})


@cache
def role_words() -> frozenset[str]:
    """Single-word role lemmas (`министр`, `глава`): a subject that may stand for a person."""
    words = set(read_lexicon("speaker_roles.txt"))
    for name in ("roles.txt", "roles_news.txt"):
        try:
            words |= {line for line in read_lexicon(name) if " " not in line}
        except FileNotFoundError:
            continue
    return frozenset(words)


def person_gender(person: Person) -> str | None:
    """masc or femn from the person's name words (None when they disagree or are unknown)."""
    if person.gender:
        return person.gender
    votes = {"masc": 0, "femn": 0}
    for word in person.name.split():
        # a canonical name is nominative singular: `Эд` is no plural genitive of `Эда`
        named = [
            p
            for p in parses(word)
            if any(tag in p.tag for tag in _NAME_TAGS)
            and p.tag.case == "nomn"
            and p.tag.number != "plur"
        ]
        genders = {p.tag.gender for p in named}
        # a name read as either gender says nothing (`Робинсон-Фицджеральд`)
        if len(genders) == 1 and named[0].tag.gender in votes:
            votes[named[0].tag.gender] += 2 if "Name" in named[0].tag else 1  # first names know
    if votes["masc"] == votes["femn"]:
        return None
    return max(votes, key=votes.__getitem__)


def people_before(ctx: Context, offset: int, skip: list[tuple[int, int]]) -> list[Entity]:
    """PER mentions before `offset` (nearest first, at most LOOKBACK characters back),
    outside the spans in `skip`."""
    out = []
    for k in range(bisect_left(ctx.entity_starts, offset) - 1, -1, -1):
        entity = ctx.entities[k]
        if offset - entity.end > LOOKBACK:
            break
        if entity.type != "PER" or entity.end > offset:
            continue
        if any(a <= entity.start < b for a, b in skip):
            continue
        out.append(entity)
    return out


def resolve_pronoun(
    ctx: Context, word: str, offset: int, skip: list[tuple[int, int]], subject_only: bool = False
) -> Person | None:
    """`он` → an earlier person of that gender: the subject (a nominative mention) of the
    nearest earlier sentence that has one, else (unless `subject_only`) the nearest
    mention; a fronted name in the pronoun's own sentence is taken only when no earlier
    sentence offers anyone."""
    gender = PRONOUN_GENDER.get(word.lower())
    here = ctx.sent_of[min(ctx.token_at(offset), len(ctx.tokens) - 1)]
    by_sentence: dict[int, list[tuple[Entity, Person]]] = {}
    for entity in people_before(ctx, offset, skip):
        person = ctx.person(entity)
        found = person_gender(person) if person else None
        if person is None or not (gender is None or found is None or found == gender):
            continue
        sent = ctx.sent_of[min(ctx.token_at(entity.start), len(ctx.tokens) - 1)]
        by_sentence.setdefault(sent, []).append((entity, person))
    # a name earlier in the pronoun's own sentence counts only with a known gender
    # (`Кински знакома с культурой, она говорила`, not a misread `Побритый …, он сказал`)
    by_sentence[here] = [
        (entity, person)
        for entity, person in by_sentence.get(here, [])
        if person_gender(person) is not None and not listed(ctx, entity)
    ]
    earlier = sorted((s for s in by_sentence if s < here), reverse=True)
    order = [here, *earlier] if by_sentence[here] else earlier
    # a subject a sentence or two back beats a name in an oblique case nearer (`Владимир
    # является учеником Олега Табакова. Был привлекателем … Олега Табакова. По его словам`)
    for sent in order:
        if sent < here - _SUBJECT_REACH:
            break
        for entity, person in reversed(by_sentence.get(sent, [])):  # text order
            if _subject_name(ctx, entity, person):
                return person
    if subject_only:
        return None
    for sent in order:
        if by_sentence.get(sent):
            return by_sentence[sent][0][1]
    return None


def _subject_name(ctx: Context, entity: Entity, person: Person) -> bool:
    """Whether a mention is a clause's subject: tagged nominative, or written as the name's
    nominative right before a verb (`Мартина Биг участвовала`, where the tagger read the
    genitive of `Мартин`)."""
    i = ctx.token_at(entity.start)
    if ctx.tokens[i].feats.get("Case") == "Nom":
        return True
    after = ctx.token_at(entity.end)
    return (
        entity.text == person.name
        and after < len(ctx.tokens)
        and ctx.tokens[after].pos in ("VERB", "AUX")
    )


def listed(ctx: Context, entity: Entity) -> bool:
    """Whether a name stands in a list or an apposition set off by a dash or a colon, with
    no verb between (`носят русские имена — Алёша и Соня`): not a clause's subject."""
    i = ctx.token_at(entity.start)
    for j in range(i - 1, max(-1, i - ROLE_PHRASE), -1):
        token = ctx.tokens[j]
        if is_verb(token):
            return False
        if token.text in ("—", "–", ":"):
            return True
        if token.text in _CLAUSE_BREAKS or token.text in (".", "!", "?"):
            return False
    return False


def resolve_role(ctx: Context, lemma: str, offset: int, tail: str = "") -> Person | None:
    """`министр` → the nearest earlier person introduced with that role word, by a role
    link or by the words just before one of their mentions; with a `tail` (the lemma of
    the word after the role: `глава МИДа`) only an introduction with that word too."""
    for entity in people_before(ctx, offset, []):
        person = ctx.person(entity)
        if person is None:
            continue
        if not tail and any(
            lemma in (link.title or "").split()
            and link.role_mention.end <= offset
            and _adjacent(link.role_mention, link.person_mention)
            for link in person.roles
        ):
            return person
        for mention in person.mentions:
            if mention.start >= offset:
                break
            i = ctx.token_at(mention.start)
            case = ctx.tokens[i].feats.get("Case") if i < len(ctx.tokens) else None
            window = ctx.tokens[role_window(ctx, i) : i]
            for n, t in enumerate(window):
                if t.lemma != lemma or t.feats.get("Case") != case:
                    continue
                if not tail or any(w.lemma == tail for w in window[n + 1 : n + 4]):
                    return person
    return None


def role_window(ctx: Context, i: int) -> int:
    """Where the tokens right before a name at `i` that may introduce it start: back to
    the nearest clause punctuation in its paragraph, since a role phrase can be long
    (`Председатель правления межрегиональной общественной организации … «Справедливость»
    Андрей Столбунов`) and hold a name ending in `!` that splits the sentence."""
    if i >= len(ctx.tokens):
        return i
    line, _ = ctx.line_of(ctx.tokens[i].start)
    j = i
    while (
        j > max(0, i - ROLE_PHRASE)
        and ctx.tokens[j - 1].start >= line
        and ctx.tokens[j - 1].text not in _CLAUSE_BREAKS
    ):
        j -= 1
    return j


def _adjacent(a, b) -> bool:
    """Whether two spans stand next to each other (an apposition, not a clause apart)."""
    return -40 <= b.start - a.end <= 40 or -40 <= a.start - b.end <= 40


def resolve_org_noun(ctx: Context, lemma: str, offset: int, bare: bool) -> Entity | None:
    """`телекомпания` → the organisation introduced with that noun before
    (`телекомпания НВО`, `агентство Франс Пресс`); a `bare` generic noun (`организация`,
    alone and singular) → the organisation named last."""
    end = ctx.token_at(offset)
    for i in range(end - 1, max(-1, end - 400), -1):
        if ctx.tokens[i].lemma != lemma:
            continue
        for j in range(i + 1, min(i + 2, end)):
            token = ctx.tokens[j]
            entity = ctx.entity_at(token.start, token.end, ("ORG",))
            if entity is not None:
                return entity
    if bare and lemma in word_set("org_generic.txt"):
        k = bisect_left(ctx.entity_starts, offset)
        before = (ctx.entities[j] for j in range(k - 1, max(-1, k - _ORG_REACH), -1))
        return next((e for e in before if e.type == "ORG" and e.end <= offset), None)
    return None


# How many entities back a generic `организация` looks for the body it stands for.
_ORG_REACH = 60
