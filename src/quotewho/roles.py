"""Roles (positions, occupations): found by lemma sequences, linked to the people they name.

A role starts where a lemma sequence of the lexicon (`models/roles.txt`, built from NEREL
train by `scripts/build_roles.py`, plus `models/roles_news.txt`) matches, longest first:
`председателя правления` matches `председатель правление` whatever its case. It then
takes in its genitive dependants, common nouns and the names of organisations and places
alike: `заместитель руководителя аппарата акима Жамбылской области`, `проректор
Ualikhanov University`. The words before the first name are the title, the name the
organisation.

Links are read by a sieve of small rules over one sentence, from apposition and a few
phrases (`политолог Елдос Жумагулов`, `Асылбек Есенбаев, председатель КИОР`); a role
left unlinked as a subject stands for the person named last (`anaphoric_links`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise

from . import linker, morph, ner, people, posts, role_tagger, workplaces
from .model import RoleLink, Span
from .morph import all_lemmas, parses
from .ner import Mention
from .norm import normal, normal_phrase
from .resources import read_lexicon, word_set
from .segment import Sent, Token

LEXICONS = ("roles.txt", "roles_news.txt")
# Verbs that state a position: `Иванов назначен директором`, `стал послом`.
_COPULAS = {
    "являться",
    "стать",
    "назначить",
    "избрать",
    "работать",
    "служить",
    "назначаться",
    "избираться",
    "быть",
    "остаться",
    "оставаться",
    "занимать",
    "занять",
    "возглавлять",
}


# Nouns naming a post, before the role that fills it: `занимает должность руководителя`.
_POSTS = {"должность", "пост"}
_AGE = re.compile(r"^\d+-(летн|лет)")
_FORMER = "экс-"
# Prepositions of a phrase that places a role: `посол Японии в России`, `от штата Аризона`.
_PLACE_PREPOSITIONS = {"в", "во", "на", "от", "при", "по"}
_OPENING, _CLOSING = "«„“", "»”“"


@dataclass
class Role(Mention):
    """A ROLE mention (internal): the whole phrase, its title and its organisation."""

    title: list[Token] = field(default_factory=list)
    organisation: Mention | None = None

    @classmethod
    def of(cls, tokens: list[Token], title: list[Token], organisation: Mention | None) -> Role:
        # NEREL leaves out a closing quote mark that ends a role (`Глава «Металлоинвеста`: 84
        # times in train, 46 with it), the prefix of `Экс-президент` and the person of
        # `женщина-президент`
        whole = tokens[:-1] if len(tokens) > 1 and _closes(tokens) else tokens
        start = tokens[0].start
        if tokens[0].text.lower().startswith(_FORMER) and len(tokens[0].text) > len(_FORMER):
            start += len(_FORMER)
        else:
            start += _person_before_role(tokens[0].text)
        end = whole[-1].end - _affiliation_after_role(whole[-1].text)
        return cls(start, end, "ROLE", tokens, title, organisation)

    @property
    def plural(self) -> bool:
        return any(t.feats.get("Number") == "Plur" for t in self.title if t.pos == "NOUN")


def _person_before_role(word: str) -> int:
    """`женщина-президент`, `прадеда-генерала`: a compound whose first part names a person
    and no role, and whose second a role, is that role (NEREL leaves the person out):
    the length of the part and its hyphen, else 0."""
    first, _, rest = word.partition("-")
    if not rest or "-" in rest or len(first) < 4 or lexicon_class(first) or not lexicon_class(rest):
        return 0
    if any("-" in entry[0] for entry in _entries_from(word)):
        return 0  # `десантник-снайпер` is a role of the lexicon
    if not any(p.tag.POS == "NOUN" and "anim" in p.tag for p in parses(first.lower())[:1]):
        return 0
    return len(first) + 1


def _affiliation_after_role(word: str) -> int:
    """`депутат-единоросс`, `сенатора-демократа`, `политик-популист`: a compound of a role
    and a word of no role, not itself a role of the lexicon (`генерал-лейтенант`,
    `боксёр-тяжеловес`), is the role alone (NEREL marks the first part 19 times on train,
    the whole only where the lexicon has it): the length of the hyphen and the rest, else
    0."""
    first, _, rest = word.partition("-")
    if not rest or "-" in rest or not rest.isalpha() or not rest.islower():
        return 0
    if lexicon_class(first) != "entry" or lexicon_class(rest) not in ("", "suffix"):
        return 0
    if any("-" in entry[0] for entry in _entries_from(word)):
        return 0
    return len(rest) + 1


def _closes(tokens: list[Token]) -> bool:
    """The phrase ends in a closing quote mark: `»`, or a straight `"` that opens nothing
    in it (`короля поп-музыки"` in `"короля поп-музыки"`)."""
    last = tokens[-1].text
    return last in _CLOSING or (last == '"' and sum(t.text == '"' for t in tokens) == 1)


@dataclass
class Link:
    """A person mention tied to a role mention by the rule named (internal)."""

    person: Mention
    role: Role
    rule: str


@cache
def lexicon() -> dict[str, list[tuple[str, ...]]]:
    """Role lemma sequences by their first lemma, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for name in LEXICONS:
        for line in read_lexicon(name):
            entry = tuple(line.split())
            out.setdefault(entry[0], []).append(entry)
    for entries in out.values():
        entries.sort(key=len, reverse=True)
    return out


@lru_cache(maxsize=50_000)
def _lemmas(word: str) -> frozenset[str]:
    """Every lemma pymorphy3 offers for a word: the lexicon matches any of them."""
    word = word.lower()
    if word.startswith(_FORMER) and len(word) > len(_FORMER) + 2:
        word = word[len(_FORMER) :]  # `экс-премьера` is a (former) `премьер`
    lemmas = all_lemmas(word)
    parts = word.split("-")
    if len(parts) > 1 and all(parts):
        # `хип-хоп-исполнителю`, `врач-реаниматолог`: a compound whose first or last part
        # is a role is that role
        lemmas |= all_lemmas(parts[-1]) | all_lemmas(parts[0])
    lemmas = {lemma.replace("ё", "е") for lemma in lemmas}
    if not lemmas & lexicon().keys():
        lemmas |= _compound_roles(word, lemmas)
    return frozenset(lemmas)


# The shortest one-word role a compound may end in (`менеджер` of `медиаменеджер`;
# `водитель` of `производитель` is one letter longer, but a word of the dictionary).
_COMPOUND_BASE = 6


def _compound_roles(word: str, lemmas: set[str]) -> set[str]:
    """The one-word role a compound ends in: `медиаменеджер` is a `менеджер`. Only for a
    word pymorphy3's dictionary lacks, or after a prefix the lexicon's own compounds
    show twice (`гос-` of `госсекретарь`, `госчиновник`: `госсоветник`); a dictionary
    word may end in a role by chance (`производитель`, `поручитель`)."""
    roles, prefixes, longest = _compounding()
    found = {
        (lemma[:k], lemma[k:])
        for lemma in lemmas
        # only the endings as long as a role can be: a 1 MB word costs no more than a short one
        for k in range(max(3, len(lemma) - longest), len(lemma) - _COMPOUND_BASE + 1)
        if lemma[k:] in roles
    }
    if not found:
        return set()  # most words: the dictionary lookup below is the costly part
    known = morph.analyzer().word_is_known(word)
    return {role for prefix, role in found if not known or prefix in prefixes}


@cache
def _compounding() -> tuple[frozenset[str], frozenset[str], int]:
    """The lexicon's one-word roles, the prefixes that make two or more of them from
    others (`кино-`: `кинорежиссер`, `киноактер`; `зам-`, `гос-`), and the longest role's
    length."""
    roles = {e[0] for entries in lexicon().values() for e in entries if len(e) == 1}
    roles -= _stop()
    found: dict[str, int] = {}
    for role in sorted(roles):
        for k in range(2, len(role) - _COMPOUND_BASE + 1):
            if role[k:] in roles:
                found[role[:k]] = found.get(role[:k], 0) + 1
    prefixes = frozenset(p for p, n in found.items() if n >= 2)
    return frozenset(roles), prefixes, max(map(len, roles))


def _match(tokens: list[Token], i: int) -> int:
    """End index of the longest lexicon entry starting at token i, or i if none."""
    for entry in _entries_from(tokens[i].text):  # longest first
        end = i + len(entry)
        if end <= len(tokens) and all(
            lemma in _lemmas(t.text) for lemma, t in zip(entry[1:], tokens[i + 1 : end])
        ):
            return end
    token = tokens[i]
    if token.pos == "NOUN" and token.feats.get("Animacy") == "Anim" and _role_suffixed(token.text):
        return i + 1
    return i


@lru_cache(maxsize=50_000)
def _entries_from(word: str) -> tuple[tuple[str, ...], ...]:
    """The lexicon entries that may start at a word, through any of its lemmas, longest
    first (in a fixed order: which lemma a set gives first depends on the hash seed)."""
    entries = lexicon()
    found = {entry for lemma in _lemmas(word) for entry in entries.get(lemma, ())}
    return tuple(sorted(found, key=lambda entry: (-len(entry), entry)))


@lru_cache(maxsize=50_000)
def _role_suffixed(word: str) -> bool:
    """A word whose lemma ends as roles do (`-тель`, `-ист`) or is a feminine role."""
    lemmas = _lemmas(word)
    return not lemmas & _stop() and any(
        lemma.endswith(_ROLE_SUFFIXES) or _masculine(lemma) for lemma in lemmas
    )


# Feminine endings and the masculine ones they come from: `художница` is a `художник`,
# `руководительница` a `руководитель`, `стажёрка` a `стажёр`.
_FEMININE = (("ница", "ник"), ("тельница", "тель"), ("ка", ""))


def _masculine(lemma: str) -> str:
    """The masculine role a feminine noun is formed from, or '' if none is."""
    lemma = lemma.replace("ё", "е")
    for feminine, masculine in sorted(_FEMININE, key=lambda p: -len(p[0])):
        stem = lemma[: -len(feminine)]
        if (
            lemma.endswith(feminine)
            and len(stem) > 2
            and (stem + masculine,) in lexicon().get(stem + masculine, ())
        ):
            return stem + masculine
    return ""


# Suffixes of nouns that name what people do (`искусствовед`, `психолог`, `википедист`):
# such a noun is a role though the lexicon lacks it.
_ROLE_SUFFIXES = ("овед", "олог", "ист", "истка")


def _stop() -> frozenset[str]:
    """Words that are no roles (`models/roles_stop.txt`, from NEREL train)."""
    return word_set("roles_stop.txt")


def _former(token: Token) -> bool:
    """`Экс-председатель`: slovnet reads an unknown `экс-` word as an adjective, but the
    lexicon matched a role in it (see `_lemmas`)."""
    return token.text.lower().startswith(_FORMER) and len(token.text) > len(_FORMER) + 2


def _animate(tokens: list[Token]) -> bool:
    """A role names people: its nouns are not read as inanimate (`политики` of
    `региональной политики` is policy, not politicians)."""
    nouns = [t for t in tokens if t.pos in ("NOUN", "PROPN") or _former(t)]
    if not nouns:
        return False
    # slovnet's animacy of capitalised words (`Главы государства`) is a guess
    return nouns[0].feats.get("Animacy") != "Inan" or nouns[0].text[:1].isupper()


def _is_genitive(token: Token) -> bool:
    return token.feats.get("Case") == "Gen"


def _indeclinable(mention: Mention) -> bool:
    """Abbreviations, Latin and quoted names keep one form in every case."""
    first = mention.tokens[0].text
    return first.isupper() or first.isascii() or first in '«„“"'


def find_roles(sent: Sent, mentions: list[Mention]) -> list[Role]:
    """Role mentions of one sentence, each with its genitive dependants, split into the
    title and the organisation (see `split_title`)."""
    tokens = sent.tokens
    starts = {m.tokens[0].start: m for m in mentions}
    in_person = {t.start for m in mentions if m.type == "PER" for t in m.tokens}
    roles = []
    i = 0
    while i < len(tokens):
        end = _match(tokens, i) if tokens[i].start not in in_person else i
        if end == i or not _animate(tokens[i:end]):
            i += 1
            continue
        j, placed, named, named_end = end, None, False, -1
        while j < len(tokens):
            token = tokens[j]
            mention = starts.get(token.start)
            if token.text in _OPENING:
                closing = next(
                    (
                        k
                        for k in range(j + 1, min(j + 12, len(tokens)))
                        if tokens[k].text in _CLOSING
                    ),
                    None,
                )
                if closing is None:
                    break
                j = closing + 1  # a quoted name: `партии «Яблоко»`
                continue
            if token.text.lower() == "по" and placed is None:
                k = ner.field_phrase(tokens, j)
                if k > j:
                    # `помощник президента по национальной безопасности`: the field is no
                    # organisation (`директор НАСА по космическим полётам`)
                    placed, j = j, k
                    continue
            if _attached_at(tokens, j, starts) > j and placed is None:
                j = _attached_at(tokens, j, starts)
                continue
            if token.text.lower() in _PLACE_PREPOSITIONS and placed is None:
                k = _place_phrase(tokens, j, starts)
                if k == j or k >= len(tokens) or tokens[k].start not in in_person:
                    break  # only an apposition carries its place: `посол Японии в России Коно`
                placed, j = j, k
                continue
            if mention and mention.type in ("ORG", "LOC"):
                if not (
                    _is_genitive(mention.tokens[0])
                    or _indeclinable(mention)
                    or _appositive_name(tokens, j, end)
                ):
                    break
                j += len([t for t in tokens[j:] if t.end <= mention.end])
                named, named_end = True, j
                continue
            if mention and mention.type == "PER" and _owner(tokens[i], mention):
                # `представитель Обамы`, `советником … Бориса Ельцина`: NEREL's role takes
                # the genitive person it belongs to; the place phrase rule keeps it out of
                # the organisation
                placed = placed if placed is not None else j
                j += len([t for t in tokens[j:] if t.end <= mention.end])
                break
            if _coordinated_at(tokens, j, end):
                j += 1  # `отдела корпоративных серверов и сетей`
                continue
            if token.start in in_person or not _is_genitive(token):
                break
            if named and (_match(tokens, j) > j or (j == named_end and _animate_noun(token))):
                break  # `главы МВД полковника …`, `главы ФБР республиканца …`: a second
                # role or person noun, in apposition to the person that follows
            if token.pos not in ("NOUN", "PROPN", "ADJ"):
                break
            j += 1
        while j > end and tokens[j - 1].pos == "ADJ":
            j -= 1  # an adjective whose noun did not follow
        roles.append(split_title(tokens[i:j], end - i, mentions, (placed or j) - i))
        i = j
    return roles


def _coordinated_at(tokens: list[Token], j: int, end: int) -> bool:
    """`и` at token j joining two lower-case genitive nouns of an organisation after the
    title (`отдела корпоративных серверов и сетей HP`), the second no role nor person."""
    if not (end < j < len(tokens) - 1 and tokens[j].text == "и"):
        return False
    before, after = tokens[j - 1], tokens[j + 1]
    return all(
        t.pos == "NOUN" and t.text.islower() and _is_genitive(t) for t in (before, after)
    ) and not (_animate_noun(after) or _match(tokens, j + 1) > j + 1)


def _animate_noun(token: Token) -> bool:
    return token.pos == "NOUN" and token.feats.get("Animacy") == "Anim"


def _appositive_name(tokens: list[Token], j: int, end: int) -> bool:
    """`земли Гессен`, `штата Аризона`: a nominative name after a common noun of the
    role phrase names it in apposition."""
    before = tokens[j - 1]
    return (
        j - 1 >= end - 1
        and before.pos == "NOUN"
        and before.text.islower()
        and (_is_genitive(before))
    )


def _owner(first: Token, person: Mention) -> bool:
    """A genitive name after a role that is not itself genitive or accusative is whom the
    role serves (`представитель Обамы`); after a genitive role it is in apposition
    (`главы ФБР Роберта Мюллера`), and an animate accusative is the genitive's form
    (`продать полузащитника Генриха Мхитаряна`)."""
    return _is_genitive(person.tokens[0]) and first.feats.get("Case") not in ("Gen", "Acc")


def _place_phrase(tokens: list[Token], j: int, starts: dict[int, Mention]) -> int:
    """End of `в России`, `на Южном Кавказе` (a preposition, adjectives and a named place
    or organisation) starting at token j, or j if there is none."""
    k = j + 1
    while k < len(tokens) and tokens[k].pos == "ADJ" and k - j < 4:
        k += 1
    mention = starts.get(tokens[k].start) if k < len(tokens) else None
    if mention is None or mention.type not in ("LOC", "ORG"):
        return j
    return k + len([t for t in tokens[k:] if t.end <= mention.end])


def _attached_at(tokens: list[Token], j: int, starts: dict[int, Mention]) -> int:
    """End of `при прокуратуре`, `при главном архитекторе Москвы` starting at token j after
    an organisation's noun (`Следственного комитета при прокуратуре`: the body it is
    attached to is part of its name, as factRuEval and NEREL mark it), or j if none."""
    if not (0 < j < len(tokens) - 1 and tokens[j].text.lower() == "при"):
        return j
    before = tokens[j - 1]
    if before.pos != "NOUN" or not _is_genitive(before):
        return j
    k = j + 1
    while k < len(tokens) and tokens[k].pos == "ADJ":
        k += 1
    if k >= len(tokens) or tokens[k].pos != "NOUN" or tokens[k].feats.get("Case") != "Loc":
        return j
    k += 1
    while k < len(tokens):
        mention = starts.get(tokens[k].start)
        if mention is not None and mention.type in ("ORG", "LOC") and _is_genitive(tokens[k]):
            k += len([t for t in tokens[k:] if t.end <= mention.end])
        elif mention is None and tokens[k].pos in ("NOUN", "ADJ") and _is_genitive(tokens[k]):
            k += 1
        else:
            break
    return k


# A board's chair keeps the board in the title (`Председатель Правления КИОР` →
# `председатель правления` / `КИОР`), as the quote standard's roles do.
_BOARDS = {"правление"}


def split_title(
    tokens: list[Token], matched: int, mentions: list[Mention], dependants: int | None = None
) -> Role:
    """A role phrase as title and organisation. The title is the lexicon match and the
    roles it governs (`заместитель руководителя`); the genitive words after it are the
    organisation when they name one (a name, or an organisation noun first:
    `движения «Левый фронт»`, `внешнеполитического ведомства России`), else the title's
    own (`министр финансов`, `учитель биологии`)."""
    title_end = matched
    while title_end < len(tokens) and _is_genitive(tokens[title_end]):
        chained = _match(tokens, title_end)
        if chained == title_end:
            break
        title_end = chained
    named_starts = {m.start for m in mentions if m.type in ("ORG", "LOC")}
    cut = next(
        (
            k
            for k in range(1, title_end)
            if tokens[k].start in named_starts
            and tokens[k].text[:1].isupper()
            and tokens[k].lemma not in _BOARDS
        ),
        None,
    )
    if cut is not None:
        title_end = cut  # `начальника Управления по контролю …`: the name is no title
    if (
        1 < title_end < len(tokens)
        and tokens[title_end].text in _OPENING
        and tokens[title_end - 1].feats.get("Animacy") == "Inan"
    ):
        title_end -= 1  # `сопредседатель группы «Экозащита!»`: the group is the organisation
    title_end = _field_of_title(tokens, title_end, dependants or len(tokens), mentions)
    title_end = _body_of_title(tokens, title_end, dependants or len(tokens))
    if dependants == title_end and _field_end(tokens, title_end) > title_end:
        # `Министр по государственным сборам Новой Зеландии`: a field right after the title
        # is the title's (NEREL's profession, factRuEval's position, the quote standard's
        # role); the name after it is the organisation
        title_end, dependants = _field_end(tokens, title_end), None
    rest = tokens[title_end : dependants or len(tokens)]  # a place phrase is no organisation
    rest = _unqualified(rest)
    named = [
        m
        for m in mentions
        if m.type in ("ORG", "LOC") and rest and rest[0].start <= m.start and m.end <= rest[-1].end
    ]
    heads = ner.org_heads()
    first_noun = next((t for t in rest if t.pos in ("NOUN", "PROPN")), None)
    capitalised = any(t.text[:1].isupper() for t in rest)
    if not rest or not (named or capitalised or (first_noun and first_noun.lemma in heads)):
        return Role.of(tokens, tokens[: dependants or len(tokens)], None)
    # `духовного управления мусульман Ингушетии`: adjectives may open the organisation
    headed = (
        first_noun is not None
        and first_noun.lemma in heads
        and first_noun is next(t for t in rest if t.pos != "ADJ")
    )
    kind = named[0].type if named and not headed else "ORG"
    organisation = Mention(rest[0].start, rest[-1].end, kind, rest)
    inner = [t for t in rest if t.text not in '«»„“”"']
    if named and inner and (named[0].start, named[0].end) == (inner[0].start, inner[-1].end):
        organisation = named[0]  # `исполкома "Единой России"`: the quoted name alone
    return Role.of(tokens, tokens[:title_end], organisation)


def _qualitative(token: Token) -> bool:
    """`влиятельного`, `крупнейшей`: an adjective that grades (pymorphy3's Qual)."""
    return (
        token.pos == "ADJ"
        and token.text.islower()
        and any("Qual" in p.tag for p in parses(token.text)[:1])
    )


def _unqualified(rest: list[Token]) -> list[Token]:
    """An organisation's words without the grading adjectives that open it right before
    its name: `Председатель влиятельного Комитета по иностранным делам` → `Комитета по
    иностранным делам`, as factRuEval's and NEREL's organisations leave them out; a
    relational one is the name's (`синодального Отдела`, `японского МИДа`) and one before
    a common noun the phrase's (`независимого еженедельника «Пермский обозреватель»`)."""
    k = 0
    while k < len(rest) - 1 and _qualitative(rest[k]):
        k += 1
    return rest[k:] if k and rest[k].text[:1].isupper() else rest


# Titles whose genitive noun is a field, not a unit: `министр связи`, `замминистра
# энергетики` (factRuEval keeps the field in the position; `капитан клуба` it does not).
_FIELD_TITLES = {"министр", "замминистра", "вице-министр", "нарком", "еврокомиссар"}


def _field_of_title(tokens: list[Token], k: int, end: int, mentions: list[Mention]) -> int:
    """`Министр связи и коммуникаций РФ`: lower-case genitive nouns (and `и` between them)
    after the title, no organisation nouns, before a name, are the title's field (as
    factRuEval's position `министр связи`); the name after them is the organisation."""
    if not 0 < k < len(tokens) or tokens[k - 1].lemma.replace("ё", "е") not in _FIELD_TITLES:
        return k  # `руководитель проекта «Mushroom works»`, `лидер фракции КПРФ`: units
    named = {t.start for m in mentions for t in m.tokens}
    j = k
    while j < end and (
        (tokens[j].text == "и" and j > k)
        or (
            tokens[j].pos == "NOUN"
            and tokens[j].text.islower()
            and _is_genitive(tokens[j])
            and tokens[j].lemma not in ner.org_heads()
            and tokens[j].start not in named
        )
    ):
        j += 1
    if tokens[j - 1].text == "и":
        j -= 1
    following = tokens[j] if k < j < end else None
    if following is None or not (following.text[:1].isupper() or following.start in named):
        return k
    return j


def _field_end(tokens: list[Token], k: int) -> int:
    """End of a field phrase at token k (`по делам разведки`, see `ner.field_phrase`) with
    the lower-case genitives it governs up to an organisation noun (`по вопросам прав
    человека | американского министерства`), or k."""
    if k >= len(tokens) or tokens[k].text.lower() != "по" or ner.field_phrase(tokens, k) == k:
        return k
    end = ner.field_phrase(tokens, k)
    j = end
    while j < len(tokens) and tokens[j].text.islower() and _is_genitive(tokens[j]):
        if tokens[j].pos == "NOUN":
            if tokens[j].lemma in ner.org_heads():
                break
            end = j + 1
        elif tokens[j].pos != "ADJ":
            break
        j += 1
    return end


# Bodies a lexicon title names that stay in it: a board (see `_BOARDS`), a rank's army
# (`генерал армии`).
_KEPT_BODIES = _BOARDS | {"армия"}
# Bodies that are no organisation names but end titles: `глава государства`.
_STATES = {"государство", "страна"}


def _body_of_title(tokens: list[Token], k: int, end: int) -> int:
    """`глава правительства Израиля`, `Глава государства`, `председатель партии`: a
    genitive organisation noun that ends a lexicon title (NEREL's professions keep it) is
    the organisation, as factRuEval's Occupation facts have it (глава | правительство
    Израиля)."""
    if not 1 < k < end:
        return k
    last = tokens[k - 1]
    lemma = last.lemma.lower().replace("ё", "е")
    if (
        _is_genitive(last)
        and last.pos == "NOUN"
        and lemma not in _KEPT_BODIES
        and (lemma in ner.org_heads() or lemma in _STATES)
    ):
        return k - 1
    return k


def role_normal(role: Role, text: str, number: str | None = None) -> str:
    """`Председателя Правления КИОР` → `председатель правления КИОР`; `number` (sing)
    puts a plural role in the singular: `эксперты` → `эксперт`."""
    # the rules' extent may reach past the tagger's span (see `tagged_roles`)
    words = [t for t in role.tokens if t.start < role.end and role.start < t.end]
    after = role.tokens.index(words[-1]) + 1 if words else len(role.tokens)
    if after < len(role.tokens) and role.tokens[after].text in _CLOSING:
        words.append(role.tokens[after])  # `движения «Левый фронт»` (see `Role.of`)
    if len(words) < len(role.tokens):
        role = Role.of(words, [t for t in role.title if t in words] or words[:1], None)
    phrase = normal_phrase(role.tokens, text, number)
    title = normal_phrase(role.title, text, number)
    lowered = " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in title.split(" "))
    return lowered + phrase[len(title) :]


def title_normal(role: Role, text: str) -> str:
    """The position alone, nominative and lower case: `председатель правления`."""
    return role_normal(Role.of(role.title, role.title, None), text, number="sing")


# --------------------------------------------------------------------- links

LinkRule = Callable[[Role, list[Token], list[Mention]], list[Mention]]


def _person_at(start: int, mentions: list[Mention]) -> Mention | None:
    return next((m for m in mentions if m.type == "PER" and m.start == start), None)


def _index(tokens: list[Token], offset: int) -> int:
    return next((i for i, t in enumerate(tokens) if t.start >= offset), len(tokens))


def name_after_role(role: Role, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """`политолог Елдос Жумагулов`; `эксперты Айтбай Жұмағұлов, Ерлан Медеубаев и …`."""
    i = _index(tokens, role.tokens[-1].end)
    if _kin_before(role, tokens):
        return []
    among = [t.text.lower() for t in tokens[i : i + 3]]
    if role.plural and among[:2] == [",", "среди"] and among[2:] in (["которых"], ["них"]):
        i += 3  # `писатели и критики, среди которых — Павел Басинский и …`
    if role.plural and i + 1 < len(tokens) and tokens[i].text in ("—", ":"):
        i += 1  # `музыкантами группы СВ — Вадимом Голутвиным, …`
    if i < len(tokens) and tokens[i].text == "(":
        closing = next((k for k in range(i, min(i + 6, len(tokens))) if tokens[k].text == ")"), i)
        i = closing + 1  # `… (ОФДД) Наттавута Сайкыа`
    if (
        i < len(tokens)
        and tokens[i].text in _CLOSING
        and (_quoted(role, tokens) or _unclosed(role))
    ):
        i += 1  # `«король азартных игр» 97-летний Стэнли Хо`, `тренера «Челси» Антонио Конте`
    if i < len(tokens) and _AGE.match(tokens[i].text):
        i += 1  # `директора ФБР 68-летнего Роберта Мюллера`
    person = _person_at(tokens[i].start, mentions) if i < len(tokens) else None
    if person is None or _disagrees(role, tokens, person):
        return []
    people = [person]
    while role.plural:
        i = _index(tokens, people[-1].end)
        if i < len(tokens) and tokens[i].text == "(":
            # `музыканты Юрий Царёв (проект «Метро»), Алексей Борисов и …`
            i = next((k for k in range(i, min(i + 8, len(tokens))) if tokens[k].text == ")"), i) + 1
        i = _from_place(tokens, i, mentions)
        if i + 1 >= len(tokens) or tokens[i].text not in (",", "и"):
            break
        following = _person_at(tokens[i + 1].start, mentions)
        if following is None:
            break
        people.append(following)
    return people


def _from_place(tokens: list[Token], i: int, mentions: list[Mention]) -> int:
    """Past `из Москвы` at token i, or i: `писатели и критики, среди которых — Павел
    Басинский и Михаил Павлов из Москвы, Василий Авченко из Владивостока, …`."""
    if i >= len(tokens) or tokens[i].text.lower() != "из":
        return i
    return _place_phrase(tokens, i, {m.tokens[0].start: m for m in mentions})


def _unclosed(role: Role) -> bool:
    """Whether the role opens a quote mark it does not close (NEREL ends `тренера «Челси`
    before the closing mark, and the tagger learnt it)."""
    texts = [t.text for t in role.tokens]
    return sum(t in _OPENING for t in texts) > sum(t in _CLOSING for t in texts)


def _quoted(role: Role, tokens: list[Token]) -> bool:
    """Whether a quote mark opens right before the role."""
    i = _index(tokens, role.tokens[0].start)
    return i > 0 and tokens[i - 1].text in _OPENING


def _kin() -> frozenset[str]:
    """Nouns of kinship and closeness (`models/kin.txt`): `брат`, `дочь`, `подруга`."""
    return word_set("kin.txt")


def _kin_before(role: Role, tokens: list[Token]) -> bool:
    """`брат «короля поп-музыки» Жермен Джексон`, `дочь действующего президента Иванку
    Трамп`: the name after a genitive role that a kin noun governs is the relative's."""
    if not role.title or not _is_genitive(role.title[0]):
        return False
    i = _index(tokens, role.tokens[0].start) - 1
    # back over adjectives and the genitives coordinated with the role: `дочь знаменитого
    # писателя, актера и режиссера Мария Шукшина`
    while i >= 0 and (
        tokens[i].pos == "ADJ"
        or tokens[i].text in _OPENING
        or tokens[i].text in (",", "и", '"')
        or (tokens[i].pos == "NOUN" and _is_genitive(tokens[i]) and tokens[i].text.islower())
    ):
        i -= 1
    return i >= 0 and tokens[i].lemma.replace("ё", "е") in _kin()


def _disagrees(role: Role, tokens: list[Token], person: Mention) -> bool:
    """`ассистентку стоматолога Грету Циммер Фридман`: a name after an oblique role that
    agrees with the animate noun governing the role is in apposition to that noun."""
    i = _index(tokens, role.tokens[0].start) - 1
    while i >= 0 and (
        tokens[i].pos == "ADJ" or tokens[i].text in _OPENING or tokens[i].text == '"'
    ):
        i -= 1
    if i < 0 or not role.title or role.title[0].feats.get("Case") == "Nom":
        return False
    head = tokens[i]
    case = morph.UD_CASE.get(head.feats.get("Case", ""))
    return _animate_noun(head) and case is not None and case in _cases(person.tokens[0].text)


def role_after_name(role: Role, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """`Асылбек Есенбаев, председатель КИОР`; `Иванов (директор …)`; `Иванов — директор`;
    `Ван Цзюнь, бывший председатель …` (adjectives before the role)."""
    i = _index(tokens, role.tokens[0].start)
    while i > 2 and (tokens[i - 1].pos == "ADJ" or _AGE.match(tokens[i - 1].text)):
        i -= 1
    if i < 2 or tokens[i - 1].text not in (",", "(", "—", "–", "-"):
        return []
    last = i - 2
    if tokens[last].text == ")":
        # `Томас Шефер (Thomas Schäfer), министр …`: the name before the bracketed one
        opening = next(
            (k for k in range(last - 1, max(-1, last - 8), -1) if tokens[k].text == "("), 0
        )
        last = opening - 1 if opening > 0 else last
    person = next((m for m in mentions if m.type == "PER" and m.end == tokens[last].end), None)
    if person is None:
        return []
    if role.plural and not _coordinated_before(tokens, person):
        return []  # `Александр Хлопонин, представители Госдумы России`: a list's next item
    return [_holder_before(role, person, tokens, mentions) or person]


def _holder_before(
    role: Role, person: Mention, tokens: list[Token], mentions: list[Mention]
) -> Mention | None:
    """`Ли Пэн, соратник Цзян Цзэминя, премьер Государственного совета Китая`: a
    nominative role after a genitive name that a noun governs is in apposition to the
    nominative name before that noun."""
    if _case(role.title[0]) != "Nom" or _case(person.tokens[0]) != "Gen":
        return None
    k = _index(tokens, person.start) - 1
    while k > 0 and tokens[k].pos == "ADJ":
        k -= 1
    if k < 2 or tokens[k].pos != "NOUN" or not tokens[k].text.islower():
        return None
    if tokens[k - 1].text != ",":
        return None
    holder = next((m for m in mentions if m.type == "PER" and m.end == tokens[k - 2].end), None)
    return holder if holder and _case(holder.tokens[0]) == "Nom" else None


def _case(token: Token) -> str:
    return token.feats.get("Case", "")


def _coordinated_before(tokens: list[Token], person: Mention) -> bool:
    """Whether `и` or a comma comes right before a name: the last of several people."""
    i = _index(tokens, person.start)
    return i > 0 and tokens[i - 1].text in ("и", ",")


def role_after_copula(role: Role, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """`Иванов был назначен директором`, `Петрова является послом`, `Тимченко занимает
    должность руководителя …`, `назначен на пост министра`."""
    i = _index(tokens, role.tokens[0].start)
    if i > 0 and tokens[i - 1].lemma in _POSTS:
        i -= 2 if i > 1 and tokens[i - 2].text.lower() == "на" else 1
    elif role.title[0].feats.get("Case") != "Ins":
        return []
    for back in range(i - 1, max(-1, i - 6), -1):
        if tokens[back].text in ",.;:—":
            return []
        if tokens[back].lemma in _COPULAS:
            if _appoints(tokens[back]):
                return []  # `Папа Иоанн Павел II назначил его на должность архиепископа`
            near = [
                m
                for m in mentions
                if m.type == "PER"
                and m.end <= tokens[back].start
                and _index(tokens, m.end) >= back - 2
            ]
            # the closest: `советника Минтимера Шаймиева Тимур Шаймиев занял пост …`
            return near[-1:]
    return []


# Verbs that give their object a post in the instrumental: `назначил Зворыкина руководителем`.
_APPOINTING = {"назначить", "назначать", "избрать", "избирать", "сделать", "утвердить"}


def _appoints(verb: Token) -> bool:
    """An active appointing verb, whose subject gives the post (`назначил`), not a passive
    one whose subject takes it (`назначен`)."""
    return verb.lemma in _APPOINTING and verb.feats.get("VerbForm") == "Fin"


def role_after_object(role: Role, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """`назначил В.Зворыкина руководителем лаборатории`: an instrumental role right after
    the person an appointing verb takes as object."""
    i = _index(tokens, role.tokens[0].start)
    if not role.title or role.title[0].feats.get("Case") != "Ins" or i < 2:
        return []
    person = next((m for m in mentions if m.type == "PER" and m.end == tokens[i - 1].end), None)
    if person is None:
        return []
    k = _index(tokens, person.start) - 1
    if k >= 0 and _AGE.match(tokens[k].text):
        k -= 1
    return [person] if k >= 0 and tokens[k].lemma in _APPOINTING else []


# How many tokens an apposition between a name and a role after it may run.
_APPOSITION_REACH = 8


def role_after_apposition(
    role: Role, tokens: list[Token], mentions: list[Mention]
) -> list[Mention]:
    """`Александра Брода, известного борца с ксенофобией, члена Общественной палаты`: an
    oblique role after a comma, past another apposition, is the name's before both when
    the name is in its case."""
    i = _index(tokens, role.tokens[0].start)
    while i > 2 and tokens[i - 1].pos == "ADJ":
        i -= 1
    case = role.title[0].feats.get("Case") if role.title else None
    if i < 4 or tokens[i - 1].text != "," or case in (None, "Nom"):
        return []
    for k in range(i - 2, max(0, i - 2 - _APPOSITION_REACH), -1):
        if tokens[k].pos == "VERB" or tokens[k].text in ".;:—–()«»":
            return []
        if tokens[k].text != ",":
            continue
        person = next((m for m in mentions if m.type == "PER" and m.end == tokens[k - 1].end), None)
        if person is None:
            return []
        return [person] if person.tokens[0].feats.get("Case") == case else []
    return []


# How many tokens may stand between an instrumental role and the copula after it:
# `Президентом, по всей вероятности, станет …`.
_COPULA_REACH = 7


def role_before_copula(role: Role, tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """`Главой Bundesbank станет советник канцлера … Й.Вайдман`, `Исполняющим обязанности
    министра … с 27 октября 2016 года назначен первый заместитель … Сергей Постоловский`,
    `Операторами выступили Михаил Агранович и Михаил Хасая`: an instrumental role before
    a copula is the subject's named after it."""
    if not role.title or role.title[0].feats.get("Case") != "Ins":
        return []
    i = _index(tokens, role.end)
    for j in range(i, min(len(tokens), i + _COPULA_REACH)):
        if tokens[j].text in ".;:«»":
            return []
        if tokens[j].lemma in _COPULAS and not _appoints(tokens[j]):
            break
    else:
        return []
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if tokens[j].lemma == "быть" and after and after.pos == "VERB" and after.lemma not in _COPULAS:
        return []  # `был избран …`, but `с белым офицером полиции был убит …` is no copula
    person = _subject_after(tokens, j, mentions)
    if person is None:
        return []
    people = [person]
    while role.plural:  # `выступили Михаил Агранович и Михаил Хасая`
        k = _index(tokens, people[-1].end)
        following = _person_at(tokens[k + 1].start, mentions) if k + 1 < len(tokens) else None
        if tokens[k].text not in (",", "и") if k < len(tokens) else True:
            break
        if following is None:
            break
        people.append(following)
    return people


LINK_RULES: list[LinkRule] = [
    name_after_role,
    role_after_name,
    role_after_copula,
    role_after_object,
    role_after_apposition,
    role_before_copula,
]


def _same_case(role: Role, other: Role) -> bool:
    """Roles side by side share a case when they are one person's: `кабинета министров
    глава правительства` are two (after a comma news writes `задержали лидера движения
    «Русские», националист Дмитрий Дёмушкин`, so a comma or `и` needs no agreement)."""
    cases = {r.title[0].feats.get("Case") for r in (role, other) if r.title}
    return len(cases - {None}) <= 1


# Words that add a role to the next one: `вице-президента Лукойла, а ныне члена Совета
# Федерации … Ралифа Сафина`.
_ADDED = ([",", "а", "ныне"], [",", "а", "также"])
# A dash between two roles in one case joins two posts of one person: `начальник Главного
# штаба — первый замглавнокомандующего Сухопутными войсками генерал-лейтенант Сергей Скоков`.
_DASHES = (["—"], ["–"], ["-"])


def _possessed(role: Role, tokens: list[Token]) -> bool:
    """`Его учитель — академик Виктор Виноградов`: a role after a possessive is the
    person's tie to someone else, not a post."""
    i = _index(tokens, role.tokens[0].start)
    return i > 0 and tokens[i - 1].text.lower() in POSSESSIVES


def link_roles(sent: Sent, roles: list[Role], mentions: list[Mention]) -> list[Link]:
    """Person–role links of one sentence; a role is linked by the first rule that answers,
    and a role coordinated with a linked one (`деятель и проректор …`, `руководителя …, а
    также заместителя …`) shares its people."""
    links: list[Link] = []
    linked: dict[int, list[Mention]] = {}
    for k in range(len(roles) - 1, -1, -1):
        role = roles[k]
        nxt = k + 1
        between = (
            [t for t in sent.tokens if role.tokens[-1].end <= t.start < roles[nxt].tokens[0].start]
            if nxt < len(roles)
            else []
        )
        # `президент Египта и бывший лидер … Мухаммед Мурси`: adjectives of the next role
        words = [t.text for t in between if t.pos != "ADJ" or t.text in ",и"]
        joined = (
            nxt in linked
            and (words in ([], ["и"], *_ADDED, *_DASHES) or (words == [","] and not role.plural))
            and (words not in ([], *_DASHES) or _same_case(role, roles[nxt]))
            and (words not in _DASHES or not _possessed(role, sent.tokens))
        )
        # `Олег Тактаров, продюсер и актер Игорь Жижикин`: a role joined to the next by `и`
        # is that role's people's, not the name's before it
        rules = [name_after_role] if joined and words else LINK_RULES
        for rule in rules:
            people = rule(role, sent.tokens, mentions)
            if people:
                links += [Link(p, role, rule.__name__) for p in people]
                linked[k] = people
                break
        else:
            if joined:
                linked[k] = linked[nxt]
                links += [Link(p, role, "coordinated_role") for p in linked[nxt]]
    for k in range(1, len(roles)):
        role, before = roles[k], roles[k - 1]
        if k in linked or k - 1 not in linked or role.plural != before.plural:
            continue
        between = [
            t.text.lower()
            for t in sent.tokens
            if before.tokens[-1].end <= t.start < role.tokens[0].start
        ]
        # `занимает должность руководителя …, а также заместителя …`: a role added after a
        # linked one is the same people's
        if between in (
            ["и"],
            [",", "а", "также"],
            ["а", "также"],
            ["и", "также"],
            [",", "а", "ныне"],
        ):
            linked[k] = linked[k - 1]
            links += [Link(p, role, "coordinated_role") for p in linked[k]]
    return links


def _cases(word: str) -> set[str]:
    """Cases pymorphy3 reads a person word in (animate readings when there are any)."""
    readings = parses(word)
    animate = [p for p in readings if "anim" in p.tag] or readings
    return {str(p.tag.case) for p in animate}


def split_leading_role(mention: Mention, sent: Sent) -> list[Mention]:
    """`Премьер-министр Джон Говард`, `Экс-президент Борис Ельцин`: the tagger reads a role before
    a name into the person; the person is the name after it, and the role is left for
    `find_roles` to find and link. Not when the name does not agree with the role (the
    genitive `Трампа` is whom the adviser serves, which slovnet may read as nominative),
    and a capitalised role word inside a sentence is part of a name (`Эмира Кустурицу`,
    `Доктора Лизу`)."""
    tokens = mention.tokens
    end = _match(tokens, 0) if mention.type == "PER" else 0
    if (
        0 < end < len(tokens)
        and tokens[end].text[:1].isupper()
        and (tokens[0].text[:1].islower() or tokens[0] is sent.tokens[0])
        and _cases(tokens[end - 1].text) & _cases(tokens[end].text)
    ):
        rest = tokens[end:]
        return [Mention(rest[0].start, rest[-1].end, "PER", rest)]
    return [mention]


@lru_cache(maxsize=50_000)
def lexicon_class(word: str) -> str:
    """What the lexicon says of a word, a feature of the role tagger: a one-word role
    (`entry`), the first word of a longer one (`first`), a stop word, a role suffix."""
    if _lemmas(word) & _stop():
        return "stop"
    entries = _entries_from(word)
    if any(len(e) == 1 for e in entries):
        return "entry"
    if entries:
        return "first"
    return "suffix" if _role_suffixed(word) else ""


# Whether roles are the CRF's spans (`role_tagger`) or the lexicon rules' alone.
USE_TAGGER = True


def tagged_roles(
    sent: Sent, mentions: list[Mention], found: list[Role], spans: list[tuple[int, int]]
) -> list[Role]:
    """Roles of one sentence from the CRF's `spans` (token ranges; `role_tagger.tag`, given
    the rules' roles `found` as features) and the rules' own.

    The span is the CRF's (its edges follow NEREL better), but a role is read over the
    rules' extent too when they reach further: `редактор ежемесячной газеты «Радикальная
    политика»` keeps its organisation and links the name after it, though NEREL's span is
    `редактор` alone. A span the rules did not touch is read by `role_of_span`."""
    tokens = sent.tokens
    index = {t.start: k for k, t in enumerate(tokens)}
    ranges = [
        (index[r.tokens[0].start], index[r.tokens[0].start] + len(r.tokens), r) for r in found
    ]
    in_person = {t.start for m in mentions if m.type == "PER" for t in m.tokens}
    out = []
    for i, j in _acting_split(tokens, spans):
        if all(t.start in in_person for t in tokens[i:j]):
            continue  # the tagger's person named `Адвокат` is a nickname, as the rules read it
        near = [(a, b, r) for a, b, r in ranges if a < j and i < b]
        first, last = min([i] + [a for a, _, _ in near]), max([j] + [b for _, b, _ in near])
        ruled = next((r for a, b, r in near if (a, b) == (first, last)), None)
        if ruled and ruled.title and _title_elsewhere(ruled, tokens, (i, j), spans):
            # the tagger cut the rules' role in two (`заместитель главы вооружённых сил` |
            # `генерал-лейтенанта`): the part without the rules' title has a title of its own
            ruled, first, last = None, i, j
        role = ruled or role_of_span(tokens, first, last, mentions)
        if role is not None:
            edges = Role.of(tokens[i:j], [], None)
            out.append(replace(role, start=edges.start, end=edges.end))
    dropped = [r for a, b, r in ranges if r.title and not any(a < j and i < b for i, j in spans)]
    if dropped:
        # a role the rules read in apposition to a name is one, though the tagger missed it
        # (`эксперты Айтбай Жұмағұлов, …`, `Виктор Виноградов, языковед и литературовед`):
        # on NEREL dev half of these are NEREL's, against a fifth of the other dropped ones
        linked = {id(link.role) for link in link_roles(sent, found, mentions)}
        out += [r for r in dropped if id(r) in linked]
    return sorted(out, key=lambda r: r.start)


def _title_elsewhere(
    role: Role, tokens: list[Token], span: tuple[int, int], spans: list[tuple[int, int]]
) -> bool:
    """Whether another of the tagger's `spans`, not `span`, holds the title of `role`."""
    title = role.title[0].start
    return any((i, j) != span and tokens[i].start <= title < tokens[j - 1].end for i, j in spans)


# `и. о.` (исполняющий обязанности, acting) as our tokens read it.
_ACTING = ("и", ".", "о", ".")


def _acting_split(tokens: list[Token], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The tagger's spans, one that runs on into `и.о.` split before it: `руководителем
    Федеральной службы … и.о. главы ведомства` are two roles (the tagger reads the `и` as
    a conjunction)."""
    out = []
    for i, j in spans:
        k = next(
            (
                k
                for k in range(i + 1, j - len(_ACTING))
                if tuple(t.text.lower() for t in tokens[k : k + len(_ACTING)]) == _ACTING
            ),
            None,
        )
        out += [(i, j)] if k is None else [(i, k), (k, j)]
    return out


def role_of_span(tokens: list[Token], i: int, j: int, mentions: list[Mention]) -> Role | None:
    """A role over tokens [i, j): the title runs to the end of the first lexicon match (or
    the first noun: `Федеральный министр`), a place phrase or a person served starts no
    organisation (see `split_title`)."""
    span = tokens[i:j]
    head = next((k for k in range(i, j) if _match(tokens, k) > k), None)
    if head is not None:
        matched = min(_match(tokens, head), j) - i
    else:
        noun = next((k for k, t in enumerate(span) if t.pos in ("NOUN", "PROPN")), None)
        if noun is None:
            return None
        matched = noun + 1
    people = {t.start for m in mentions if m.type == "PER" for t in m.tokens}
    # a preposition inside a name is the name's: `МЧС по Санкт-Петербургу`
    named = [(m.start, m.end) for m in mentions if m.type in ("ORG", "LOC")]
    dependants = next(
        (
            k
            for k in range(matched, len(span))
            if (
                span[k].text.lower() in _PLACE_PREPOSITIONS
                and not any(a < span[k].start < b for a, b in named)
            )
            or span[k].start in people
        ),
        None,
    )
    return split_title(span, matched, mentions, dependants)


def tag_roles(sents: list[Sent], mentions: list[Mention]) -> list[Mention]:
    """The document's mentions with its roles added; a named-entity mention lying inside a
    role's title is dropped (`Главы` in `Главы государства` is no place)."""
    out: list[Mention] = []
    ruled = []
    for sent, inside in _by_sentence(sents, mentions):
        inside = [part for m in inside for part in split_leading_role(m, sent)]
        ruled.append((sent, inside, find_roles(sent, inside)))
    tagged = role_tagger.tag(ruled, lexicon_class) if USE_TAGGER else [None] * len(ruled)
    for (sent, inside, found), spans in zip(ruled, tagged):
        if spans is not None:
            found = tagged_roles(sent, inside, found, spans)
        titles = [(r.title[0].start, r.title[-1].end) for r in found if r.title]
        inside = [name_past_role(m, found) for m in inside]
        here = [m for m in inside if not any(s <= m.start and m.end <= e for s, e in titles)]
        here += found
        here += adjective_roles(sent, inside + found)
        here += _headed_organisations(found, inside)
        bodies = _role_bodies(found, here)  # the sentence's own mentions: not quadratic
        # a body that adjectives widen replaces the shorter one (`управления Генпрокуратуры`)
        here = [m for m in here if not any(_widens(b, m) for b in bodies)] + bodies
        # `гендиректор ОАО "Башкирэнерго"`; outside roles the legal form stays, a subject
        # (`В ГУП «Водоканал» утверждают`) for the quote speakers
        here = [
            ner.without_legal_form(m) if any(r.start <= m.start < r.end for r in found) else m
            for m in here
        ]
        here = ner.lone_bodies(sent, here)
        out += here
    return sorted(out, key=lambda m: (m.start, -m.end))


def name_past_role(mention: Mention, found: list[Role]) -> Mention:
    """A name that starts inside a role and runs on past it starts after the role
    (`Австралийский Премьер-министр Джон Говард`, `король Тонги Тауфаахау Тупу IV`: the
    tagger took the role's last words for the name's first)."""
    if mention.type != "PER":
        return mention
    for role in found:
        if role.start <= mention.start < role.end < mention.end:
            rest = [t for t in mention.tokens if t.start >= role.end]
            if rest and rest[0].text[:1].isupper():
                return Mention(rest[0].start, rest[-1].end, "PER", rest)
    return mention


def adjective_roles(sent: Sent, mentions: list[Mention]) -> list[Mention]:
    """`президентские выборы`, `депутатский мандат`: NEREL marks an adjective of a post
    (`models/roles_adjectives.txt`) as a role on its own. Outside other mentions only
    (`глава президентской администрации` is one role); a bare ROLE mention, not a `Role`
    with a title, so no link takes it for a person's post."""
    inside = {t.start for m in mentions for t in m.tokens}
    return [
        Mention(t.start, t.end, "ROLE", [t])
        for t in sent.tokens
        if t.pos == "ADJ" and t.start not in inside and _lemmas(t.text) & _adjectives()
    ]


def _adjectives() -> frozenset[str]:
    return word_set("roles_adjectives.txt")


def _headed_organisations(found: list[Role], mentions: list[Mention]) -> list[Mention]:
    """`главой администрации США`, `председателю правительства РФ`: the organisation of a
    role that opens with an organisation noun is an ORG mention of its own."""
    spans = {(m.start, m.end) for m in mentions if m.type == "ORG"}
    out = []
    for role in found:
        org = role.organisation
        if org and org.type == "ORG" and (org.start, org.end) not in spans:
            # `Московского академического театра Сатиры`: adjectives may open it
            first = next((t for t in org.tokens if t.pos != "ADJ"), org.tokens[0])
            if first.pos == "NOUN" and first.lemma in ner.org_heads():
                out.append(Mention(org.start, org.end, "ORG", org.tokens))
    return out


def _body_heads() -> frozenset[str]:
    return word_set("role_bodies.txt")


_BODY_ENDS = _PLACE_PREPOSITIONS - {"по", "при"}


_ORDINAL = re.compile(r"\d+-(?:го|й|ой|ого)")


def _body_adjective(token: Token) -> bool:
    """An adjective of a body inside a role: a genitive one, a hyphenated one the tagger
    leaves without a case (`главного организационно-инспекторского управления`), or an
    ordinal (`75-го отдела полиции`)."""
    if token.pos != "ADJ":
        return bool(_ORDINAL.fullmatch(token.text))
    return _is_genitive(token) or ("-" in token.text and "Case" not in token.feats)


def _role_bodies(found: list[Role], mentions: list[Mention]) -> list[Mention]:
    """`глава правительства`, `спикер нижней палаты парламента`, `начальник департамента
    внешнеэкономической деятельности «Газпрома»`: NEREL marks the body a role names,
    from its noun (`models/role_bodies.txt`) with the adjectives before it to the role's
    end, as an organisation, and mostly ties the role's holder to it rather than to the
    name inside (`Газпрома`)."""
    spans = {(m.start, m.end) for m in mentions if m.type == "ORG"}
    out = []
    for role in found:
        tokens = [t for t in role.tokens if role.start <= t.start and t.end <= role.end]
        k = next(
            (
                k
                for k in range(1, len(tokens))
                if tokens[k].pos == "NOUN"
                and tokens[k].text.islower()
                and _is_genitive(tokens[k])
                and tokens[k].lemma in _body_heads()
            ),
            None,
        )
        if k is None:
            continue
        while k > 1 and _body_adjective(tokens[k - 1]):
            k -= 1  # `нижней палаты парламента`
        body = tokens[k:]
        # a place phrase is no part of it: `судья Европейского суда … от России`
        end = next((j for j, t in enumerate(body) if t.text.lower() in _BODY_ENDS), len(body))
        body = body[:end]
        after = [t for t in role.tokens if t.start >= body[-1].end][:1]
        opened = sum(t.text in _OPENING for t in body) - sum(t.text in _CLOSING for t in body)
        if opened > 0 and after and after[0].text in _CLOSING:
            body = body + after  # the role leaves out the closing mark, NEREL's organisation
            # mostly keeps it (20 to 10 on train): `совета «Единой России»`
        if (body[0].start, body[-1].end) not in spans:
            out.append(Mention(body[0].start, body[-1].end, "ORG", body))
    return out


def _widens(body: Mention, mention: Mention) -> bool:
    """Whether `body` is `mention`, a lower-case organisation, with words before it."""
    return (
        mention.type == "ORG"
        and body.start < mention.start < body.end
        and mention.end == body.end
        and mention.tokens[0].text.islower()
    )


def _by_sentence(sents: list[Sent], mentions: list[Mention]):
    """(sentence, its mentions) pairs; mentions never cross sentences."""
    ordered = sorted(mentions, key=lambda m: m.start)
    k = 0
    for sent in sents:
        inside = []
        while k < len(ordered) and ordered[k].start < sent.end:
            inside.append(ordered[k])
            k += 1
        yield sent, inside


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


# How many sentences back a role noun may find the person it refers to.
ANAPHORA_SENTENCES = 1


def anaphoric_links(by_sentence: list[tuple[Sent, list[Mention]]], linked: set[int]) -> list[Link]:
    """`Джонсон получал кислородную поддержку. 9 апреля премьер был переведен …`: a singular
    nominative role linked to no one in its sentence stands for the person last named
    before it, in its sentence or the one before (there, only one the text names again)."""
    named = Counter(_name_key(m) for _, ms in by_sentence for m in ms if m.type == "PER")
    out = []
    for k, (_, inside) in enumerate(by_sentence):
        scope = by_sentence[max(0, k - ANAPHORA_SENTENCES) : k + 1]
        window = [m for _, ms in scope for m in ms]
        tokens = [t for sent, _ in scope for t in sent.tokens]
        for role in inside:
            if not isinstance(role, Role) or not role.title or role.plural or role.start in linked:
                continue
            if role.title[0].feats.get("Case") != "Nom":
                continue  # an oblique role is mostly someone else: `позвонить адвокату`
            if any(m.type == "PER" and role.start <= m.start <= role.end + 1 for m in inside):
                # `представитель Обамы` is not Обама; a role a name follows is that
                # person's someone, not the one named before: `… Насир должен быть оставлен
                # под стражей. Адвокат Насира заявил` (NEREL train: 5 such links, all wrong)
                continue
            if any(m.type == "PER" and m.start >= role.end and _nominative(m) for m in inside):
                # `После этого глава МВД лишился погон, а пост министра занял … А.Кулешов`:
                # with a subject named after it, the role is theirs or another's
                continue
            before = [m for m in window if m.type == "PER" and m.end <= role.start]
            if before and not _reported_between(tokens, before[-1].end, role.start):
                person = _unbracketed(before, tokens)
                # `правительство А.Колчака пало, инженер …`: a name a noun governs is
                # seldom the role's (on NEREL train a genitive one 24 times in 84)
                if (
                    not _governed_genitive(person, tokens)
                    and not _not_theirs(person, role, tokens)
                    # `… и сценарист Дэвид О. Расселл. Выступая …, актёр признался`: a
                    # person of the sentence before whom the text names once is seldom
                    # the role's (NEREL train 6 right links in 27, dev 0 in 1)
                    and (person.start >= by_sentence[k][0].start or named[_name_key(person)] > 1)
                ):
                    out.append(Link(person, role, "anaphoric_role"))
    return out


def _name_key(person: Mention) -> str:
    """A person mention's last word as name clustering compares it (`people.name_key`)."""
    last = person.tokens[-1]
    return people.name_key(last.lemma or last.text)


# Possessives that make a role someone's else: `Ковальчук был заочно арестован, а его
# адвокат обвинил …`.
POSSESSIVES = frozenset({"его", "её", "ее", "их", "свой"})


def _not_theirs(person: Mention, role: Role, tokens: list[Token]) -> bool:
    """A role that is not the person named before it: one a possessive governs (`его
    адвокат`), or one whose gender or verb's gender is not the person's (`Жюльет Бинош.
    Актёр отметил`, `Денис … будущий премьер-министр работала адвокатом`). On NEREL
    train 2 of the 22 anaphoric links these would drop are right (dev: 1 of 3)."""
    i = _index(tokens, role.tokens[0].start) - 1
    while i >= 0 and tokens[i].pos == "ADJ" and tokens[i].text.lower() not in POSSESSIVES:
        i -= 1
    if i >= 0 and tokens[i].text.lower() in POSSESSIVES:
        return True
    gender = next((t.feats["Gender"] for t in person.tokens if "Gender" in t.feats), None)
    if gender is None:
        return False
    if role.title[0].feats.get("Gender") == "Fem" and gender == "Masc":
        return True  # a masculine role noun names women too (`президент Джойс Банда`)
    j = _index(tokens, role.end)
    for t in tokens[j : j + 6]:
        if t.text in _CLAUSE_MARKS:
            return False
        if t.pos in ("VERB", "AUX") and t.feats.get("Tense") == "Past":
            return t.feats.get("Number") == "Sing" and t.feats.get("Gender") not in (None, gender)
    return False


# How far into a bracket a name may stand and still be an aside to the name before it.
_ASIDE_REACH = 6


def _unbracketed(people: list[Mention], tokens: list[Token]) -> Mention:
    """The last of `people`, or the name it spells in brackets: `Аарон Шварц (Aaron
    Swartz) — американский программист, интернет-активист` is Аарон Шварц, and `Боб Дилан
    (, при рождении Роберт Аллен Циммерман, ; род. 24 мая 1941) — американский
    автор-исполнитель` Боб Дилан."""
    last = people[-1]
    i = _index(tokens, last.start)
    opening = next(
        (k for k in range(i - 1, max(-1, i - 1 - _ASIDE_REACH), -1) if tokens[k].text in "()"),
        -1,
    )
    if len(people) > 1 and opening >= 1 and tokens[opening].text == "(":
        return people[-2] if people[-2].end == tokens[opening - 1].end else last
    return last


def _governed_genitive(person: Mention, tokens: list[Token]) -> bool:
    """A genitive name a noun governs (`правительство А.Колчака`), not a preposition
    (`без Раймонда Паулса`)."""
    i = _index(tokens, person.start)
    return _is_genitive(person.tokens[0]) and not (i > 0 and tokens[i - 1].pos == "ADP")


def _nominative(mention: Mention) -> bool:
    return mention.tokens[0].feats.get("Case") == "Nom"


_OPENING_MARKS = {"«", "„", "“"}


def _reported_between(tokens: list[Token], start: int, end: int) -> bool:
    """Whether words someone reports begin between `start` and `end`: a quotation or a
    `что` clause (`Есенбаев: «… Глава государства …»`, `Есенбаев отметил, что Президент …`)
    names others, so a role there is not the person named before it."""
    return any(
        start <= t.start < end and (t.text in _OPENING_MARKS or t.lemma in ("что", "чтобы"))
        for t in tokens
    )


# Verbs that tie their subject to the organisation after them, and the title they give:
# heading verbs take it in the accusative or instrumental, working verbs after `в`.
_HEADING = {"возглавлять", "возглавить", "руководить", "управлять"}
_WORKING = {
    "работать": "сотрудник",
    "служить": "сотрудник",
    "трудиться": "сотрудник",
    "входить": "участник",  # `Кит Флинт входил в The Prodigy`
    "состоять": "член",
}
_SUBJECT_REACH = 8  # tokens between the subject and its verb


def verb_links(
    sent: Sent, mentions: list[Mention], text: str, before: list[Mention] = ()
) -> list[RoleLink]:
    """`Варичев возглавил «Михайловский ГОК»`, `Глебова, управлявшая Рособрнадзором`,
    `работала в Госдепартаменте`: a heading or working verb ties its subject to the
    organisation after it; a pronoun subject stands for the person named last, in the
    sentence or in `before` (the mentions of the sentences before it). There is no role
    noun: the role mention is the verb."""
    tokens = sent.tokens
    orgs = {m.start: m for m in mentions if m.type == "ORG"}
    out = []
    for i, verb in enumerate(tokens):
        if verb.lemma in _HEADING:
            j, title = i + 1, "руководитель"
        elif verb.lemma in _WORKING and i + 1 < len(tokens) and tokens[i + 1].text in ("в", "во"):
            j, title = i + 2, _WORKING[verb.lemma]
        else:
            continue
        org = _organisation_at(tokens, j, orgs) or _body_at(tokens, j, mentions)
        person = (
            _subject(tokens, i, mentions)
            or _pronoun_subject(tokens, i, mentions, before)
            or _unnamed_subject(tokens, i, mentions, before, text)
        )
        if org is None or person is None:
            continue
        out.append(_cue_link(title, person, org, verb.start, verb.end, text))
    return out


# Instrumental pronouns naming who heads an organisation: `возглавляемая ею партия`.
_AGENT_PRONOUNS = frozenset({"им", "ею", "ей"})


def headed_by_links(
    sent: Sent, mentions: list[Mention], text: str, before: list[Mention] = ()
) -> list[RoleLink]:
    """`Народной партии, возглавляемой Бхутто`, `РСП, возглавляемый Никитой Михалковым`,
    `возглавляемая ею партия «Новый свет Мьянмы»`: a passive participle of a heading verb
    ties the person it names (or the person named last, for a pronoun) to the
    organisation it describes, the one before its comma or else the one after it. The
    role mention is the participle, as for `verb_links`."""
    tokens = sent.tokens
    orgs = {m.start: m for m in mentions if m.type == "ORG"}
    org_ends = {m.end: m for m in mentions if m.type == "ORG"}
    people = {m.start: m for m in mentions if m.type == "PER"}
    out = []
    for i, verb in enumerate(tokens[:-1]):
        if verb.lemma not in _HEADING or verb.feats.get("Voice") != "Pass":
            continue
        agent = tokens[i + 1]
        if agent.start in people:
            person = people[agent.start]
            after = i + 1 + len(person.tokens)
        elif agent.text.lower() in _AGENT_PRONOUNS and agent.feats.get("Case") == "Ins":
            named = [m for m in [*before, *mentions] if m.type == "PER" and m.end <= verb.start]
            if not named:
                continue
            person, after = named[-1], i + 2
        else:
            continue
        org = org_ends.get(tokens[i - 2].end) if i >= 2 and tokens[i - 1].text == "," else None
        org = org or _organisation_at(tokens, after, orgs)
        if org is None:
            continue
        out.append(_cue_link("руководитель", person, org, verb.start, verb.end, text))
    return out


# Pronouns that stand for a person as a verb's subject.
_SUBJECT_PRONOUNS = frozenset({"он", "она"})


def _pronoun_subject(
    tokens: list[Token], i: int, mentions: list[Mention], before: list[Mention]
) -> Mention | None:
    """`Игорь Малашенко — один из основателей телекомпании НТВ. В разные годы он возглавлял
    РГТРК «Останкино»`: the person named last before a pronoun subject of the verb at
    token i."""
    k = next(
        (
            k
            for k in range(i - 1, max(-1, i - _SUBJECT_REACH), -1)
            if tokens[k].text in ".;:()«»—"
            or tokens[k].text.lower() in _SUBJECT_PRONOUNS
            or tokens[k].lemma == "который"  # a relative's subject is its name's
        ),
        None,
    )
    if k is None or tokens[k].text.lower() not in _SUBJECT_PRONOUNS:
        return None
    people = [m for m in [*before, *mentions] if m.type == "PER" and m.end <= tokens[k].start]
    return people[-1] if people else None


def _unnamed_subject(
    tokens: list[Token], i: int, mentions: list[Mention], before: list[Mention], text: str
) -> Mention | None:
    """`Его отец, Ван Чжэнь, родился в бедности … . В 1927 году … вступил в Коммунистическую
    партию, служил в Красной армии`, `С 1967 года работал в Московском драматическом
    театре`: a biography's past-tense verb with no subject before it in its sentence (no
    nominative word, no name) is the person's named last in the sentences before, when
    the verb's gender fits theirs; a name in brackets is another name of the one before
    it (`Михаил Семёнович Светин (при рождении Михаил Соломонович Гольцман)`)."""
    verb = tokens[i]
    gender = verb.feats.get("Gender")
    if verb.feats.get("VerbForm") != "Fin" or verb.feats.get("Tense") != "Past" or not gender:
        return None
    if any(m.type == "PER" and m.start < verb.start for m in mentions):
        return None
    if any(t.pos in ("NOUN", "PROPN", "PRON") and t.feats.get("Case") == "Nom" for t in tokens[:i]):
        return None
    people = [m for m in before if m.type == "PER" and not _bracketed(m, text)]
    if not people:
        return None
    named = people[-1].tokens[0].feats.get("Gender")
    return None if named and named != gender else people[-1]


def _bracketed(mention: Mention, text: str) -> bool:
    """Whether a mention stands inside brackets opened in its sentence."""
    opened = text.rfind("(", 0, mention.start)
    return opened > max(text.rfind(")", 0, mention.start), text.rfind(". ", 0, mention.start))


def _organisation_at(tokens: list[Token], j: int, orgs: dict[int, Mention]) -> Mention | None:
    """The organisation named at token j, past an opening mark (`возглавляет
    «Металлоинвест»`) or an organisation noun the name does not take in (`в группу
    «Альянс»`)."""
    if (
        j + 1 < len(tokens)
        and tokens[j].start not in orgs
        and tokens[j].pos == "NOUN"
        and tokens[j].text.islower()
        and (tokens[j].lemma in ner.org_heads() or _is_genitive(tokens[j]))
    ):
        j += 1  # `из команды Chicago Bulls`
    if j + 1 < len(tokens) and tokens[j].text in _OPENING and tokens[j].start not in orgs:
        j += 1
    return orgs.get(tokens[j].start) if j < len(tokens) else None


# Prepositions that go on a body's field: `по связям с общественностью`.
_WITH = {"с", "за"}


def _body_at(tokens: list[Token], j: int, mentions: list[Mention]) -> Mention | None:
    """A body named by a lower-case noun at token j, where no ORG mention stands
    (`руководил департаментом потребрынка`, `служил в британской армии`): agreeing
    adjectives, an organisation head noun (`models/org_heads.txt`) and the genitives
    after it, or the lower-case words up to a name; NEREL marks it as the workplace,
    factRuEval marks no Org there. A name right after the noun is the organisation
    itself (`возглавляет влиятельную партию «Вперёд, Италия»`)."""
    k = j
    while k < len(tokens) and tokens[k].pos == "ADJ" and tokens[k].text.islower():
        k += 1
    if k >= len(tokens) or tokens[k].pos != "NOUN" or not tokens[k].text.islower():
        return None
    if tokens[k].lemma not in ner.org_heads():
        return None
    named = {m.start: m for m in mentions if m.type in ("ORG", "LOC")}
    after = k + 2 if k + 2 < len(tokens) and tokens[k + 1].text in _OPENING else k + 1
    name = named.get(tokens[after].start) if after < len(tokens) else None
    if name is not None and name.type == "ORG":
        return name
    reach = k + 1
    while reach < min(len(tokens), k + 9) and tokens[reach].start not in named:
        word = tokens[reach]
        if not word.text.islower() or not (word.pos in ("NOUN", "ADJ") or word.text == "и"):
            break
        reach += 1
    if reach < len(tokens) and tokens[reach].start in named:
        # `департаментом управления программами и конкурсных процедур Минобрнауки`: the
        # lower-case words up to a name are the body's
        body = tokens[j : reach + len(named[tokens[reach].start].tokens)]
        return Mention(body[0].start, body[-1].end, "ORG", body)
    end = k + 1
    while end < len(tokens) and _is_genitive(tokens[end]):
        if tokens[end].start in named:
            end += len(named[tokens[end].start].tokens)
            break
        if not tokens[end].text.islower() or tokens[end].pos not in ("NOUN", "ADJ"):
            break
        end += 1
    while tokens[end - 1].pos == "ADJ":
        end -= 1  # a genitive adjective opens the next phrase's noun, none here
    end = _field_end(tokens, end)  # `комитете по делам СНГ`
    if end < len(tokens) and tokens[end].start in named and _is_genitive(tokens[end]):
        end += len(named[tokens[end].start].tokens)
    elif end + 1 < len(tokens) and tokens[end - 1].pos == "NOUN" and tokens[end].text in _WITH:
        # `комитет по связям с религиозными организациями`, `по надзору за следствием`
        k = end + 1
        while k < len(tokens) and tokens[k].pos == "ADJ" and tokens[k].text.islower():
            k += 1
        if k < len(tokens) and tokens[k].pos == "NOUN" and tokens[k].text.islower():
            end = k + 1
    body = tokens[j:end]
    return Mention(body[0].start, body[-1].end, "ORG", body)


def _cue_link(
    title: str, person: Mention, org: Mention, start: int, end: int, text: str
) -> RoleLink:
    """A link read from a cue word at [start, end) (a heading verb, `из`), not from a role
    mention: the cue is its role mention, `title` the post it implies."""
    return RoleLink(
        title=title,
        organisation=normal(org.tokens, org.type, text),
        person_mention=_span(text, person.start, person.end),
        role_mention=_span(text, start, end),
        organisation_mention=_span(text, org.start, org.end),
    )


def member_links(sent: Sent, mentions: list[Mention], text: str) -> list[RoleLink]:
    """`Игорь Журавлёв из группы «Альянс»`: a person named right before `из` and an
    organisation belongs to it; the role mention is the preposition."""
    tokens = sent.tokens
    orgs = {m.start: m for m in mentions if m.type == "ORG"}
    out = []
    for person in (m for m in mentions if m.type == "PER"):
        i = _index(tokens, person.end)
        if i + 1 >= len(tokens) or tokens[i].text.lower() != "из":
            continue
        org = _organisation_at(tokens, i + 1, orgs)
        if org is None:
            continue
        out.append(_cue_link("представитель", person, org, tokens[i].start, tokens[i].end, text))
    return out


def _subject(tokens: list[Token], i: int, mentions: list[Mention]) -> Mention | None:
    """The person a verb at token i says something of: the last name before it in its
    clause, nominative unless the verb is a participle (`Глебова, управлявшая …`)."""
    people = [m for m in mentions if m.type == "PER" and m.end <= tokens[i].start]
    if not people:
        return None
    person = _unbracketed(people, tokens)
    between = [t for t in tokens[:i] if t.start >= people[-1].end]
    participle = tokens[i].feats.get("VerbForm") == "Part"
    if person is not people[-1] and between and between[0].text == ")":
        between = between[1:]  # `Дэвид Уэстин (David Westin), … занимавший пост`
    if participle and between and between[0].text in "—–":
        between = between[1:]  # `Барак Обама — в то время занимавший пост президента США`
    if len(between) > _SUBJECT_REACH or any(t.text in ".;:()«»—" for t in between):
        return None
    if [t.text for t in between[:1]] == [","] and _relative_subject(between[1:]):
        return person  # `уволил Азамата Сагитова, который возглавил …`: the relative's name
    if not participle and person.tokens[0].feats.get("Case") != "Nom":
        return None
    return person


def _relative_subject(tokens: list[Token]) -> bool:
    """Whether a clause opens with a nominative `который` (its subject)."""
    return bool(tokens) and tokens[0].lemma == "который" and tokens[0].feats.get("Case") == "Nom"


def name_after_sentence_break(
    by_sentence: list[tuple[Sent, list[Mention]]], linked: set[int], text: str
) -> list[Link]:
    """`Сопредседатель группы «Экозащита!» Владимир Сливяк отметил …`: razdel ends a
    sentence after `!»`, so a role ending in a quoted name with `!` or `?` is linked to
    the person opening the next sentence of its line."""
    links = []
    for (sent, inside), (following, after) in pairwise(by_sentence):
        last = sent.tokens[-1]
        if (
            len(sent.tokens) < 3
            or last.text not in _CLOSING
            or sent.tokens[-2].text not in "!?"
            or "\n" in text[sent.end : following.start]
        ):
            continue
        roles = [m for m in inside if isinstance(m, Role) and m.title and m.tokens[-1] is last]
        person = _person_at(following.tokens[0].start, after)
        if roles and person and roles[-1].start not in linked and not roles[-1].plural:
            links.append(Link(person, roles[-1], "name_after_sentence_break"))
    return links


# How many tokens before a post noun its verb may stand: `заявил об уходе с поста`.
_POST_VERB_REACH = 5
_CLAUSE_MARKS = frozenset(",.;:()«»—–")


def _post_nouns() -> frozenset[str]:
    """Nouns naming a post a role after them fills (`models/post_nouns.txt`)."""
    return word_set("post_nouns.txt")


def _candidacy() -> frozenset[str]:
    """Words that make a candidate for the post after them (`models/post_candidacy.txt`)."""
    return word_set("post_candidacy.txt")


def _post_giving() -> frozenset[str]:
    """Verbs whose object takes or leaves a post (`models/post_giving_verbs.txt`)."""
    return word_set("post_giving_verbs.txt")


def _unlinked_roles(
    by_sentence: list[tuple[Sent, list[Mention]]], linked: set[int]
) -> Iterator[tuple[int, list[Token], list[Mention], Role]]:
    """Each titled role no link has taken yet (`linked`: role starts), with its sentence's
    index, tokens and mentions: what the document-wide link rules look at."""
    for k, (sent, inside) in enumerate(by_sentence):
        for role in inside:
            if isinstance(role, Role) and role.title and role.start not in linked:
                yield k, sent.tokens, inside, role


def post_links(by_sentence: list[tuple[Sent, list[Mention]]], linked: set[int]) -> list[Link]:
    """`Дэвид Уэстин (David Westin), в течение 13 лет занимавший пост президента
    телекомпании ABC News`, `он и покинул пост генерального директора Apple`, `Обама
    назначит доктора Томаса Фридена на пост директора …`, `должность главкома Сухопутных
    войск займет … Александр Постников`: a singular role right after a noun naming a post
    is held by whom the verb before that noun moves into it or out of it."""
    out = []
    for k, tokens, inside, role in _unlinked_roles(by_sentence, linked):
        i = _index(tokens, role.tokens[0].start)
        # the head's number: `министра финансов` is one post
        plural = role.title[0].feats.get("Number") == "Plur"
        if plural or i == 0 or tokens[i - 1].lemma not in _post_nouns():
            continue
        if any(t.lemma in _candidacy() for t in tokens[max(0, i - 5) : i - 1]):
            continue  # `кандидатом на пост главы ФСЭГ будет Леонид Бохановский`
        before = _mentions_before(by_sentence, k)
        person = _post_holder(tokens, i - 1, inside, before) or _subject_after(
            tokens, _index(tokens, role.end), inside
        )
        if person is not None:
            out.append(Link(person, role, "post_holder"))
    return out


def _post_holder(
    tokens: list[Token], p: int, mentions: list[Mention], before: list[Mention]
) -> Mention | None:
    """Who the verb shortly before the post noun at token p puts in the post: its subject
    (`Поленти … занимал пост`; `он занимал пост`: the person named last), or the object of
    a verb that gives posts (`назначит Томаса Фридена на пост`, `назначил его на должность`)
    unless the verb is passive (`был назначен на должность`: the subject again)."""
    v = _verb_before(tokens, p)
    if v is None:
        return None
    verb = tokens[v]
    subject = _subject(tokens, v, mentions) or _pronoun_subject(tokens, v, mentions, before)
    if verb.lemma in _post_giving() and verb.feats.get("Voice") != "Pass":
        objects = [
            m
            for m in mentions
            if m.type == "PER" and verb.end <= m.start and m.end <= tokens[p].start
        ]
        if objects:
            return objects[0]
        if any(t.text.lower() in _OBJECT_PRONOUNS for t in tokens[v + 1 : p]):
            people = [
                m
                for m in [*before, *mentions]
                if m.type == "PER" and m.end <= verb.start and m is not subject
            ]
            return people[-1] if people else None
        return None  # the subject gives the post: `Трамп уволил с поста …`
    return subject


def _verb_before(tokens: list[Token], p: int) -> int | None:
    """The verb a few words before token p in its clause, past a bracketed spelling of a
    name (`назначит доктора Томаса Фридена (Thomas Frieden) на пост`), or None."""
    j, words = p - 1, 0
    while j >= 0 and words < _POST_VERB_REACH:
        if tokens[j].text == ")":
            opening = next(
                (k for k in range(j - 1, max(-1, j - 8), -1) if tokens[k].text == "("), None
            )
            if opening is None:
                return None
            j = opening - 1
            continue
        if tokens[j].pos in ("VERB", "AUX"):
            return j
        if tokens[j].text in _CLAUSE_MARKS:
            return None
        j, words = j - 1, words + 1
    return None


# Pronouns that stand for a person as a verb's object: `назначил его на должность`.
_OBJECT_PRONOUNS = frozenset({"его", "её", "ее"})


def _subject_after(tokens: list[Token], j: int, mentions: list[Mention]) -> Mention | None:
    """`Пост вице-президента Bundesbank займет представитель … Сабина Лаутеншлегер`: the
    first nominative name after a verb that follows the role ending before token j, in
    its clause."""
    starts = {m.start: m for m in mentions if m.type == "PER"}
    verb = False
    for t in tokens[j : j + _SUBJECT_REACH + 4]:
        if t.text in _CLAUSE_MARKS:
            return None
        person = starts.get(t.start)
        if person is not None:
            return person if verb and _nominative(person) else None
        verb = verb or t.pos in ("VERB", "AUX")
    return None


# Pronouns and relatives that stand for a person as the subject of a copula.
_COPULA_SUBJECTS = frozenset({"он", "она", "который", "тот"})
_PRONOUN_GENDERS = {"он": "Masc", "она": "Fem"}


def pronoun_copula_links(
    by_sentence: list[tuple[Sent, list[Mention]]], linked: set[int]
) -> list[Link]:
    """`В мае 1994 года он стал первым чернокожим президентом ЮАР`, `Кристина де Киршнер,
    которая и является президентом`: an instrumental role after a copula whose subject is
    a pronoun is the person's the pronoun stands for: the name before `, который`, or the
    one named last before `он` (in its sentence or the two before) when its gender fits."""
    out = []
    for k, tokens, inside, role in _unlinked_roles(by_sentence, linked):
        if role.title[0].feats.get("Case") != "Ins":
            continue
        i = _index(tokens, role.tokens[0].start)
        scope = by_sentence[max(0, k - PRONOUN_SENTENCES) : k + 1]
        person = _copula_pronoun_person(
            tokens,
            i,
            inside,
            _mentions_before(by_sentence, k),
            [t for s, _ in scope for t in s.tokens],
        )
        if person is not None:
            out.append(Link(person, role, "pronoun_copula"))
    return out


def _copula_pronoun_person(
    tokens: list[Token], i: int, mentions: list[Mention], before: list[Mention], scope: list[Token]
) -> Mention | None:
    """The person a pronoun subject of the copula before token i stands for, or None;
    `scope` holds the tokens of the sentences `before` comes from and of this one."""
    back = i - 1
    while back >= 0 and tokens[back].pos in ("ADJ", "ADV", "NUM", "DET"):
        back -= 1  # `стал первым чернокожим`, `был также`
    if back < 1 or tokens[back].lemma not in _COPULAS or _appoints(tokens[back]):
        return None
    k = back - 1
    while k > 0 and tokens[k].pos in ("ADV", "PART", "CCONJ", "AUX") and back - k < 3:
        k -= 1  # `которая и является`, `он сам служил`
    pronoun = tokens[k].lemma
    if pronoun not in _COPULA_SUBJECTS and tokens[k].text.lower() not in _COPULA_SUBJECTS:
        return None
    if pronoun == "который" or tokens[k].text.lower().startswith("котор"):
        if k < 2 or tokens[k - 1].text != ",":
            return None
        return next((m for m in mentions if m.type == "PER" and m.end == tokens[k - 2].end), None)
    people = [m for m in [*before, *mentions] if m.type == "PER" and m.end <= tokens[k].start]
    if not people:
        return None
    person = _unbracketed(people, scope)  # `Шейк Модибо Диарра (Cheick Modibo Diarra). … он`
    gender = _PRONOUN_GENDERS.get(tokens[k].text.lower())
    named = person.tokens[0].feats.get("Gender")
    return None if gender and named and named != gender else person


def one_of_links(by_sentence: list[tuple[Sent, list[Mention]]], linked: set[int]) -> list[Link]:
    """`Харви Вайнштейн — один из самых известных голливудских продюсеров`, `Рэй Манзарек
    стал одним из самых знаменитых клавишников`, `Маттео Ренци, считающегося одним из …
    политиков`: a plural role after `один из` counts the person of the copula or dash
    before `один` among them."""
    out = []
    for k, tokens, inside, role in _unlinked_roles(by_sentence, linked):
        if role.title[0].feats.get("Number") != "Plur":
            continue
        i = _index(tokens, role.tokens[0].start) - 1
        while i > 0 and tokens[i].pos in ("ADJ", "ADV", "DET"):
            i -= 1  # `самых известных голливудских`
        if i < 2 or tokens[i].text.lower() != "из" or tokens[i - 1].lemma != "один":
            continue
        j = i - 2
        if tokens[j].text in (",", "—", "–"):
            person = next(
                (m for m in inside if m.type == "PER" and m.end == tokens[j - 1].end), None
            )
        elif tokens[j].pos in ("VERB", "AUX"):
            before = _mentions_before(by_sentence, k)
            person = _subject(tokens, j, inside) or _pronoun_subject(tokens, j, inside, before)
        else:
            person = None
        if person is not None:
            out.append(Link(person, role, "one_of"))
    return out


def rule_links(by_sentence: list[tuple[Sent, list[Mention]]], text: str) -> list[Link]:
    """The person–role links the rules read in a document: in each sentence by the sieve
    of `link_roles`, then across a sentence break and by anaphora."""
    links = [
        link
        for sent, inside in by_sentence
        for link in link_roles(sent, [m for m in inside if isinstance(m, Role) and m.title], inside)
    ]
    links += name_after_sentence_break(by_sentence, {link.role.start for link in links}, text)
    links += post_links(by_sentence, {link.role.start for link in links})
    links += pronoun_copula_links(by_sentence, {link.role.start for link in links})
    links += one_of_links(by_sentence, {link.role.start for link in links})
    return links + anaphoric_links(by_sentence, {link.role.start for link in links})


def _role_link(link: Link, text: str) -> RoleLink:
    """The public form of a person–role link."""
    role, org = link.role, link.role.organisation
    return RoleLink(
        title=title_normal(role, text),
        organisation=normal(org.tokens, org.type, text) if org else None,
        person_mention=_span(text, link.person.start, link.person.end),
        role_mention=_span(text, role.title[0].start, role.title[-1].end),
        organisation_mention=_span(text, org.start, org.end) if org else None,
    )


def _placed_link(
    link: Link,
    title: list[Token],
    text: str,
    organisation: str,
    where: Token | Mention | posts.CountryMention,
    inferred: bool = False,
) -> RoleLink:
    """The public form of a link whose title is `title` and whose organisation the rules
    read elsewhere than in the role: `organisation`, written at `where`."""
    public = _role_link(Link(link.person, replace(link.role, title=title), link.rule), text)
    mention = _span(text, where.start, where.end)
    return public.model_copy(
        update={"organisation": organisation, "organisation_mention": mention, "inferred": inferred}
    )


def _adjective_country_link(link: Link, before: Token | None, text: str) -> RoleLink | None:
    """A state post without organisation whose country an adjective names: `российский
    президент Дмитрий Медведев` → президент, Россия (the organisation mention is the
    adjective), `британского премьера`; None for any other link."""
    role = link.role
    if role.organisation is not None or not role.title:
        return None
    read = posts.adjective_country(role.title, before)
    if read is None:
        return None
    country, adjective = read
    body = posts.state_body(role.title)  # `Глава российского государства`: `глава`
    title = [t for t in role.title if t is not adjective and all(t is not b for b in body)]
    return _placed_link(link, title, text, country, adjective)


def _adjective_region_link(
    link: Link, before: Token | None, text: str, mentions: list[Mention]
) -> RoleLink | None:
    """A regional post without organisation whose place an adjective names: `подмосковного
    губернатора Бориса Громова` → губернатор, подмосковный; `свердловского губернатора`
    → губернатор, Свердловская область (the organisation mention is the place's name
    in the text when there is one, as factRuEval's Where is, else the adjective); None
    for any other link."""
    role = link.role
    if role.organisation is not None or not role.title:
        return None
    adjective = posts.place_adjective(role.title, before)
    if adjective is None:
        return None
    # a city's post is no region's (`нижегородский мэр`, `Нижегородской области`)
    regional = posts.regional_post(role.title) == "region"
    place = posts.place_named(adjective, mentions) if regional else None
    title = [t for t in role.title if t is not adjective]
    organisation = normal(place.tokens, place.type, text) if place else adjective.lemma
    return _placed_link(link, title, text, organisation, place or adjective)


def _inferred_country_link(
    link: Link, text: str, country: str | None, candidates: list[posts.CountryMention]
) -> RoleLink | None:
    """A bare state post, no organisation or country named at it, in a text about the
    home country is that country's (`Премьер-министр Михаил Фрадков` in a text about
    Russia, see `posts.unnamed_country`): the organisation mention is the country's name
    nearest to the role (of its `candidates`), and the link says it was inferred. None for
    any other link."""
    role = link.role
    if role.organisation is not None or not role.title or not posts.is_state_post(role.title):
        return None
    where = posts.nearest(candidates, role.start) if country else None
    if where is None:
        return None
    body = posts.state_body(role.title)  # `Глава государства`: the title is `глава`
    title = [t for t in role.title if all(t is not b for b in body)]
    return _placed_link(link, title, text, country, where, inferred=True)


def learned_links(by_sentence: list[tuple[Sent, list[Mention]]], links: list[Link]) -> list[Link]:
    """Person–role pairs the rules did not link and the pair classifier (`linker`) is sure
    of: the role is the person's, its organisation with it. A genitive role a kin noun
    governs is held by a genitive name (`дочь маршала Е Цзяньина`), not by the relative
    (`брат "короля поп-музыки" Жермен Джексон`)."""
    model = linker.weights()
    ruled = {(k.person.start, k.person.end, k.role.start, k.role.end) for k in links}
    return [
        Link(c.person, c.role, "learned")
        for c in linker.candidates(by_sentence, ruled)
        if not c.ruled
        and (_is_genitive(c.person.tokens[0]) or not _kin_before(c.role, c.tokens))
        and model.probability(linker.features(c)) >= model.threshold
    ]


# Whether the pair classifier adds links to the rules' (`learned_links`).
USE_LINKER = True


def document_links(
    sents: list[Sent], mentions: list[Mention], text: str, home: str | None = posts.HOME_COUNTRY
) -> list[RoleLink]:
    """Role links of a document whose `mentions` include its roles (see `tag_roles`): the
    rules' (`rule_links`), the pair classifier's (`learned_links`), those of heading
    and membership verbs, which have no role mention, and the workplace classifier's,
    which have no title (`workplaces`). A bare state post is the `home` country's when
    the text names it most (None: never inferred)."""
    by_sentence = list(_by_sentence(sents, mentions))
    links, out = role_links(by_sentence, text, home)
    if USE_WORKPLACES:
        out += workplaces.workplace_links(by_sentence, links, out, text)
    return out


# How many sentences back a pronoun subject may find the person it stands for.
PRONOUN_SENTENCES = 2


def _mentions_before(by_sentence: list[tuple[Sent, list[Mention]]], k: int) -> list[Mention]:
    return [m for _, inside in by_sentence[max(0, k - PRONOUN_SENTENCES) : k] for m in inside]


# Prepositions that place a role in an organisation: `адвокатом в хедж-фонде …`.
_IN = {"в", "во", "на"}


def _placed_organisations(
    by_sentence: list[tuple[Sent, list[Mention]]], links: list[Link]
) -> list[Link]:
    """`работал адвокатом в хедж-фонде Bridgewater Associates`, `является старшим
    исследователем в Колумбийском университете`: a linked role with no organisation of
    its own, followed by `в` and an organisation, holds its post there."""
    where = {id(m): (sent, inside) for sent, inside in by_sentence for m in inside}
    out = []
    for link in links:
        role = link.role
        if role.organisation is None and role.title and id(role) in where:
            sent, inside = where[id(role)]
            i = _index(sent.tokens, role.tokens[-1].end)
            if i + 1 < len(sent.tokens) and sent.tokens[i].text.lower() in _IN:
                orgs = {m.start: m for m in inside if m.type == "ORG"}
                org = _organisation_at(sent.tokens, i + 1, orgs)
                if org is not None:
                    link = Link(link.person, replace(role, organisation=org), link.rule)
        out.append(link)
    return out


# Words whose role is a post contested, not held: `выборы главы государства`,
# `кандидатом на пост главы Франции`, `баллотироваться на пост президента России`.
_CONTESTS = {"выборы", "кандидат", "претендент", "баллотироваться", "претендовать", "выдвигаться"}
# Words between such a noun and the role: `на пост`, `на должность`; after them a
# candidacy is one too (`кандидатуры на должность президента`, but `кандидатуру спикера
# Нижней палаты Мирославы Немцовой` is the speaker's).
_TO_POST = {"на", "пост", "должность"}


def _contested(role: Role, sent: Sent) -> bool:
    """`Кандидатом на выборы главы государства стала …`, `Марин Ле Пен стала кандидатом на
    пост главы Франции`: a genitive role after `выборы`, or after a candidate's (or a
    running verb's) `на пост`, names the post voted for, which its candidate does not
    hold."""
    first = role.tokens[0]
    if not _is_genitive(first):
        return False
    i = j = _index(sent.tokens, first.start) - 1
    while i > 0 and sent.tokens[i].text.lower() in _TO_POST:
        i -= 1
    lemma = sent.tokens[i].lemma if i >= 0 else ""
    return lemma in _CONTESTS or (lemma == "кандидатура" and i < j)


# Whether the workplace classifier adds person–organisation links (`workplaces`).
USE_WORKPLACES = True


def role_links(
    by_sentence: list[tuple[Sent, list[Mention]]], text: str, home: str | None = posts.HOME_COUNTRY
) -> tuple[list[Link], list[RoleLink]]:
    """The person–role links of the rules and the pair classifier, and the public links
    they make with those of heading and membership verbs."""
    links = rule_links(by_sentence, text)
    if USE_LINKER:
        links += learned_links(by_sentence, links)
    links = _placed_organisations(by_sentence, links)
    starts = [sent.start for sent, _ in by_sentence]
    links = [
        link
        for link in links
        if not _contested(link.role, by_sentence[bisect_right(starts, link.role.start) - 1][0])
    ]
    sents = [sent for sent, _ in by_sentence]
    mentions = [m for _, inside in by_sentence for m in inside]
    before = {b.start: a for sent in sents for a, b in pairwise(sent.tokens)}
    # a country is looked for only when a bare state post needs one
    bare = any(k.role.organisation is None and posts.is_state_post(k.role.title) for k in links)
    found = posts.country_mentions(sents, mentions, text) if bare else []
    country = posts.unnamed_country(found, home)
    candidates = posts.candidates(found, country)
    out = [
        _adjective_country_link(link, before.get(link.role.start), text)
        or _adjective_region_link(link, before.get(link.role.start), text, mentions)
        or _inferred_country_link(link, text, country, candidates)
        or _role_link(link, text)
        for link in links
    ]
    out += [
        link
        for k, (sent, inside) in enumerate(by_sentence)
        for rule in (verb_links, headed_by_links)
        for link in rule(sent, inside, text, _mentions_before(by_sentence, k))
    ]
    out += [link for sent, inside in by_sentence for link in member_links(sent, inside, text)]
    return links, out
