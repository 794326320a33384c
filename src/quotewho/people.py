"""People and organisations: mentions clustered, canonical names chosen (pure functions)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .model import Entity, Organisation, Person, RoleLink, Span
from .morph import parses
from .segment import Sent, Token

# A feminine surname and its masculine stem: Есенбаева ~ Есенбаев, Айкенова ~ Айкенов.
_FEMININE_SURNAME = re.compile(r"(ов|ев|ёв|ин|ын)а$")
_QUOTES = "«»„“”\"'"
# Between words, or after an initial glued to the next name part (`А.Кудрин`, `В.В.Путин`).
_NAME_BREAK = re.compile(r"\s+|(?<=\b\w\.)(?=\w)")


@lru_cache(maxsize=50_000)
def name_parts(name: str) -> tuple[str, ...]:
    """The words of a name, initials glued to the surname apart: `А.Кудрин` → `А.`,
    `Кудрин`, as `А. Кудрин` is. Cached: clustering asks for every pair of mentions."""
    return tuple(part for part in _NAME_BREAK.split(name) if part)


def name_key(word: str) -> str:
    """A name part as clustering compares it: lower case, ё as е, feminine ending off."""
    word = word.lower().replace("ё", "е").strip(_QUOTES)
    return _FEMININE_SURNAME.sub(r"\1", word)


def fullness(name: str) -> tuple[int, int]:
    """How fully a name names: its words that are not initials, then all its words
    (`Владимир Путин` names more than `В.В.Путин`)."""
    parts = name_parts(name)
    return sum(len(part.rstrip(".")) > 1 for part in parts), len(parts)


def span_of(entity: Entity | Span) -> Span:
    """The bare span of an entity or span."""
    return Span(start=entity.start, end=entity.end, text=entity.text)


def name_gender(name: str) -> str | None:
    """masc or femn read from a nominative name: surname endings, then first names."""
    words = name_parts(name)
    if not words:
        return None
    last = words[-1].lower()
    if len(words) > 1 or words[-1][:1].isupper():
        if re.search(r"(ова|ева|ёва|ина|ына|ая)$", last):
            return "femn"
        if re.search(r"(ов|ев|ёв|ин|ын|ий|ый)$", last):
            return "masc"
    for word in words:
        for parse in parses(word):
            if "Name" in parse.tag and parse.tag.case == "nomn" and parse.tag.gender:
                return str(parse.tag.gender) if parse.tag.gender in ("masc", "femn") else None
    return None


def _compatible(first: str, other: str) -> bool:
    """Two first names that may be one person's: equal, or one is an initial."""
    first, other = first.rstrip("."), other.rstrip(".")
    return first == other or (min(len(first), len(other)) == 1 and first[0] == other[0])


_VOWELS = set("аеиоуыэюяй")


def spelling_variants(a: str, b: str) -> bool:
    """`роухани` ~ `рухани`, `трамп` ~ `трумп`, `гутерреш` ~ `гутерриш`: two surname keys of
    at least five letters with one first letter that one vowel added, dropped or changed
    turns into each other, as transliterations of one foreign name differ. A consonant
    makes another name (`волков`, `войков`; `буров`, `бурков`)."""
    if a == b or min(len(a), len(b)) < 5 or a[0] != b[0] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(a))
    changed = {b[k], a[k]} if len(a) == len(b) else {b[k]}
    return changed <= _VOWELS and a[k + (len(a) == len(b)) :] == b[k + 1 :]


_UD_GENDER = {"Masc": "masc", "Fem": "femn"}


def verb_genders(sents: list[Sent]) -> dict[int, str]:
    """The gender of the past-tense verb right after each token that has one (adverbs
    between allowed), by the token's end offset: `Мартина Биг участвовала`, `Бриджит Бардо
    подробнее рассказала` say who is a woman where the dictionary does not."""
    out = {}
    for sent in sents:
        tokens = sent.tokens
        for i, token in enumerate(tokens[:-1]):
            k = i + 1
            while k < len(tokens) - 1 and k - i <= 2 and tokens[k].pos == "ADV":
                k += 1
            gender = _UD_GENDER.get(tokens[k].feats.get("Gender", ""))
            if gender and tokens[k].pos in ("VERB", "AUX"):
                out[token.end] = gender
        for i, token in enumerate(tokens):
            gender = _UD_GENDER.get(token.feats.get("Gender", ""))
            if gender and token.pos in ("VERB", "AUX"):
                subject = _clause_final_subject(tokens, i)
                if subject is not None:
                    out.setdefault(subject.end, gender)
    return out


# How far after its verb an inverted subject may end its clause.
_INVERTED_REACH = 8


def _clause_final_subject(tokens: list[Token], i: int) -> Token | None:
    """The nominative word that ends the clause of the verb at `i`, its subject set after
    it (`– сообщил информагентству AFP адвокат Небойша Влаич.`)."""
    for k in range(i + 1, min(len(tokens), i + 1 + _INVERTED_REACH)):
        if tokens[k].pos == "PUNCT":
            last = tokens[k - 1]
            named = last.pos in ("PROPN", "NOUN") and last.feats.get("Case") == "Nom"
            return last if k > i + 1 and named else None
        if tokens[k].pos in ("VERB", "AUX"):
            return None
    return None


def cluster_people(
    entities: list[Entity], links: list[RoleLink] = (), verbs: dict[int, str] | None = None
) -> list[Person]:
    """PER mentions of one person clustered: full names by surname (and a compatible first
    name), then one-word mentions by surname or, failing that, by a unique first name; a
    surname spelt one letter apart (`Роухани`, `Рухани`) is the same when no exact one is.
    Each person is named by their fullest mention and gets the role links of their mentions;
    the gender is the one the verbs right after its mentions agree on (`verbs`, see
    `verb_genders`), else the one its name tells."""
    per = [e for e in entities if e.type == "PER" and name_parts(e.normal)]
    clusters: list[list[Entity]] = []
    # each cluster's name keys, and clusters by surname and by first name, read once: a
    # long text has thousands of mentions (comparing every pair was quadratic)
    fulls: list[list[str]] = []
    genders: list[str | None] = []
    by_surname: dict[str, list[int]] = {}
    by_first: dict[str, list[int]] = {}
    for entity in sorted(per, key=lambda e: (-len(name_parts(e.normal)), e.start)):
        words = [name_key(w) for w in name_parts(entity.normal)]
        same = [  # an exact surname first
            k
            for k in by_surname.get(words[-1], ())
            if len(words) == 1 or _compatible(words[0], fulls[k][0])
        ]
        if len(same) > 1:
            # `Завьяловой` of a mother and son, `Пётр Завьялов` and `Александра Завьялова`:
            # the one whose surname has the mention's gender
            gender = name_gender(entity.normal)
            same = [k for k in same if genders[k] == gender] or same
        match = same[0] if same else None
        if match is None:
            match = next(
                (
                    k
                    for k, full in enumerate(fulls)
                    if spelling_variants(words[-1], full[-1])
                    and (len(words) == 1 or _compatible(words[0], full[0]))
                ),
                None,
            )
        if match is None and len(words) == 1:
            named = by_first.get(words[0], [])
            match = named[0] if len(named) == 1 else None
        if match is None:
            by_surname.setdefault(words[-1], []).append(len(clusters))
            if len(words) > 1:
                by_first.setdefault(words[0], []).append(len(clusters))
            fulls.append(words)
            genders.append(name_gender(entity.normal))
            clusters.append([entity])
        else:
            clusters[match].append(entity)
    links_of: dict[tuple[int, int], list[RoleLink]] = {}
    link_order = {id(link): n for n, link in enumerate(links)}
    for link in links:
        links_of.setdefault((link.person_mention.start, link.person_mention.end), []).append(link)
    people = []
    for cluster in sorted(clusters, key=lambda c: min(e.start for e in c)):
        mentions = sorted(cluster, key=lambda e: e.start)
        counts = Counter(e.normal for e in mentions)
        name = max(counts, key=lambda n: (fullness(n), counts[n], len(n)))
        spans = {(e.start, e.end) for e in mentions}
        # in the links' order, as a scan of them all would give
        roles = sorted(
            (link for span in spans for link in links_of.get(span, ())),
            key=lambda link: link_order[id(link)],
        )
        agreed = {(verbs or {}).get(e.end) for e in mentions} - {None}
        people.append(
            Person(
                id=len(people),
                name=name,
                # the verbs' agreement outweighs a dictionary's guess at a foreign name
                gender=agreed.pop() if len(agreed) == 1 else name_gender(name),
                mentions=[span_of(e) for e in mentions],
                roles=sorted(roles, key=lambda link: link.role_mention.start),
            )
        )
    return people


def acronym(name: str) -> str:
    """`Казахстанский институт общественного развития «Рухани жаңғыру»` → `КИОР`: initials
    of the words before any quoted name."""
    words = re.split(r"[\s-]+", name.split("«")[0].split('"')[0])
    return "".join(w[0] for w in words if w and w[0].isalpha()).upper()


def org_key(normal: str) -> str:
    """An organisation name as clustering compares it."""
    return " ".join(
        normal.lower().replace("ё", "е").translate({ord(q): " " for q in _QUOTES}).split()
    )


def cluster_organisations(entities: list[Entity]) -> list[Organisation]:
    """ORG mentions with one normal form (quote marks and case aside) are one organisation,
    and a full name joins the abbreviation made of its initials (`КИОР`). The canonical
    name is the most frequent normal form, the longer on a tie."""
    groups: dict[str, list[Entity]] = {}
    for entity in entities:
        if entity.type == "ORG":
            groups.setdefault(org_key(entity.normal), []).append(entity)
    for key in list(groups):
        short = acronym(groups[key][0].normal) if len(key.split()) > 1 else ""
        if len(short) > 1 and short.lower() in groups and short.lower() != key:
            groups[short.lower()] += groups.pop(key)
    organisations = []
    for mentions in sorted(groups.values(), key=lambda ms: min(m.start for m in ms)):
        mentions = sorted(mentions, key=lambda m: m.start)
        counts = Counter(m.normal for m in mentions)
        organisations.append(
            Organisation(
                id=len(organisations),
                name=max(counts, key=lambda n: (counts[n], len(n))),
                mentions=[span_of(m) for m in mentions],
            )
        )
    return organisations
