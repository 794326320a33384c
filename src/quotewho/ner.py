"""Named entities: slovnet's news NER, then small rules that mend what it gets wrong."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from .morph import parses
from .places import place_names
from .resources import read_lexicon, word_set
from .segment import Sent, Token


@dataclass
class Mention:
    """An entity mention before normalisation (internal)."""

    start: int
    end: int
    type: str
    tokens: list[Token]


# A rule takes the mentions of one sentence and returns them mended.
Rule = Callable[[list[Mention], Sent, str], list[Mention]]

OPENING, CLOSING = "«„“", "»”"


def tag_sentences(
    sents: list[Sent], text: str, found: list[list[tuple[int, int, str]]], rules: list[Rule]
) -> list[Mention]:
    """Mentions of all sentences from the tagger's spans of each (first token, end token,
    type; see `taggers.Taggers.tag`), mended by `rules`."""
    out: list[Mention] = []
    for sent, spans in zip(sents, found):
        mentions = []
        for first, end, kind in spans:
            tokens = sent.tokens[first:end]
            mentions.append(Mention(tokens[0].start, tokens[-1].end, kind, tokens))
        for rule in rules:
            mentions = rule(mentions, sent, text)
        out += mentions
    out = split_named_pairs(split_named_owners(split_owners(out)))
    out = split_kin_owners(out, sents)
    return names_typed_elsewhere(places_read_as_people(names_seen_elsewhere(out, sents)))


def split_kin_owners(mentions: list[Mention], sents: list[Sent]) -> list[Mention]:
    """`сын Акихито Нарухито`, `внучка Шаймиева Камиля`: a PER mention after a kin noun
    (`models/kin.txt`) whose first words the document names as a person elsewhere (a
    whole name, or a full name's surname) is two people, the relative's owner and the
    relative; the tagger runs them together. Not when it opens with a first name (`дочь
    Юлия Скрипаль`), holds a patronymic (`внучке Тихоновой Татьяне Васильевне`) or is
    named whole elsewhere (`супругу Мехрибан Алиеву` … `Мехрибан Алиева`): then it is
    the relative's own name."""
    starts = {m.start for m in mentions if m.type == "PER"}
    before = {b.start: a for sent in sents for a, b in pairwise(sent.tokens) if b.start in starts}
    counts = Counter(tuple(map(_key, m.tokens)) for m in mentions if m.type == "PER")
    named = set(counts)
    named |= {(_key(m.tokens[-1]),) for m in mentions if m.type == "PER" and len(m.tokens) > 1}
    out = []
    for m in mentions:
        previous = before.get(m.start)
        keys = tuple(map(_key, m.tokens))
        owned = (
            m.type == "PER"
            and previous is not None
            and _key(previous) in word_set("kin.txt")
            and not _first_name(m.tokens[0])
            and len(m.tokens[0].text) > 3  # `дочь Ван Цзюня`
            and not any(_reading(t, "Patr") for t in m.tokens)
            and counts[keys] == 1
        )
        cut = next(
            (
                k
                for k in range(len(keys) - 1, 0, -1)
                if keys[:k] in named
                and _capitalised(m.tokens[k].text)
                and not _initial(m.tokens[k])
            ),
            None,
        )
        out += _two_people(m, cut if owned else None)
    return out


def names_typed_elsewhere(mentions: list[Mention]) -> list[Mention]:
    """`«Зенит» … нападающий Зенита`, `Феррари`: a one-word PER mention whose word the
    document names alone more often as an organisation or a place is that organisation
    or place, unless it is the surname of a full name there (`Джордж Вашингтон`)."""
    surnames = {_key(m.tokens[-1]) for m in mentions if m.type == "PER" and len(m.tokens) > 1}
    kinds: dict[str, Counter] = {}
    for m in mentions:
        if len(m.tokens) == 1:
            kinds.setdefault(_key(m.tokens[0]), Counter())[m.type] += 1
    out = []
    for m in mentions:
        if m.type == "PER" and len(m.tokens) == 1 and _key(m.tokens[0]) not in surnames:
            counts = kinds[_key(m.tokens[0])]
            kind, n = max(((k, counts[k]) for k in ("ORG", "LOC")), key=lambda x: x[1])
            if n > counts["PER"]:
                m = Mention(m.start, m.end, kind, m.tokens)
        out.append(m)
    return out


def places_read_as_people(mentions: list[Mention]) -> list[Mention]:
    """`в Алабаму`, `покорения Эверест`, `переплыть Неву`: a one-word PER mention that
    pymorphy3 reads only as a place's name is that place, unless it is the surname of a
    longer name in the document (`Джордж Вашингтон … Вашингтона`)."""
    surnames = {_key(m.tokens[-1]) for m in mentions if m.type == "PER" and len(m.tokens) > 1}
    return [
        Mention(m.start, m.end, "LOC", m.tokens)
        if m.type == "PER"
        and len(m.tokens) == 1
        and _key(m.tokens[0]) not in surnames
        and _place_only(m.tokens[0])
        else m
        for m in mentions
    ]


def _place_only(word: Token) -> bool:
    readings = parses(word.text)
    return readings[0].is_known and all("Geox" in p.tag for p in readings)


def split_owners(mentions: list[Mention]) -> list[Mention]:
    """`оператор Аль-Джазиры Сами аль-Хадж`, `король Эсватини Мсвати III`: a PER mention
    whose first word is a place or an organisation named alone elsewhere in the document
    (or a country, or a name of `models/entity_types.txt`) and whose other words are a
    name of two or more is that place or organisation, in the genitive of the title
    before it, and the person."""
    kinds = {}
    for m in mentions:
        if m.type in ("LOC", "ORG") and len(m.tokens) == 1:
            kinds.setdefault(_key(m.tokens[0]), m.type)
    out = []
    for m in mentions:
        first, rest = m.tokens[0], m.tokens[1:]
        key = _key(first)
        kind = (
            kinds.get(key)
            or known_types().get((key,))
            or ("LOC" if (key,) in place_names() else None)
        )
        kind = "ORG" if kind == "SEAT" else kind
        if m.type == "PER" and kind and len(rest) > 1 and rest[0].text[:1].isupper():
            out.append(Mention(first.start, first.end, kind, [first]))
            m = Mention(rest[0].start, m.end, "PER", rest)
        out.append(m)
    return out


def split_named_pairs(mentions: list[Mention]) -> list[Mention]:
    """`Рафаэль Корреа Эдвард Сноуден` (a photo caption): a PER mention that is two names
    of two words or more, each named on its own elsewhere in the document, is two people."""
    named = {tuple(map(_key, m.tokens)) for m in mentions if m.type == "PER"}
    out = []
    for m in mentions:
        keys = tuple(map(_key, m.tokens))
        cut = next(
            (
                k
                for k in range(2, len(keys) - 1)
                if m.type == "PER" and keys[:k] in named and keys[k:] in named
            ),
            None,
        )
        out += _two_people(m, cut)
    return out


def split_named_owners(mentions: list[Mention]) -> list[Mention]:
    """`Вдова Арафата Суха`, `защитник Алёхиной Александр Подрабинёк`: a PER mention whose
    first word is the surname of a full name the document names elsewhere, and no first
    name, is two people, the owner in the genitive and the person; the tagger, or
    `join_split_names`, runs them together. A surname before a first name alone
    (`подружка Фриске Жанна`), a patronymic (`Тихоновой Татьяне Васильевне`), initials
    (`Жириновский В. В`), a first word that opens other names too (`Ван Чжэнь`, `Ван
    Бин`), a short one (`Пак Кын Хе`: Korean names are a surname first) or two words that
    go on together in a longer name (`Каприлес Радонски`, `Энрике Каприлес Радонски`)
    keep one name."""
    surnames, opening, pairs = set(), {}, {}
    for m in mentions:
        words = [t for t in m.tokens if t.text.isalpha() or "-" in t.text]
        if m.type == "PER" and len(words) > 1 and _capitalised(words[-1].text):
            surnames |= {_key(words[-1]), words[-1].text.lower()}
        if m.type == "PER" and len(words) > 1:
            opening.setdefault(_key(words[0]), set()).add(_key(words[1]))
        for a, b in zip(m.tokens, m.tokens[1:]):
            pairs[_key(a), _key(b)] = pairs.get((_key(a), _key(b)), 0) + 1
    out = []
    for m in mentions:
        first, rest = m.tokens[0], m.tokens[1:]
        cut = (
            m.type == "PER"
            and rest
            and (_key(first) in surnames or first.text.lower() in surnames)
            and len(opening.get(_key(first), ())) < 2
            and len(first.text) > 3
            and first.pos != "ADJ" != rest[0].pos  # `Патриархом Болгарским`: a title
            and pairs[_key(first), _key(rest[0])] == 1
            and _capitalised(first.text)
            and not _first_name(first)
            and _capitalised(rest[0].text)
            and not _initial(rest[0])
            and not any(_reading(t, "Patr") for t in rest)
            and not (len(rest) == 1 and _first_name(rest[0]))
        )
        out += _two_people(m, 1 if cut else None)
    return out


def _capitalised(word: str) -> bool:
    """`Фаяда`, `Акуфо-Аддо`: each part a capital and small letters."""
    return all(p[:1].isupper() and p[1:].islower() and p.isalpha() for p in word.split("-"))


def names_seen_elsewhere(mentions: list[Mention], sents: list[Sent]) -> list[Mention]:
    """`Салам Фаяд … ⏎Фаяда в Палестине критиковали`: a capitalised word no mention
    covers, that is (by lemma or word) the surname of a full name tagged elsewhere in the
    document, or its first name (`Егора Свиридова … «40 дней без Егора»`), or a name
    tagged alone (`Акихито`), is that person; so is such a first name and surname side by
    side (`«Политика с Ларри Кингом»`). The tagger misses a bare name most often where a
    sentence opens, and a foreign one anywhere."""
    surnames = set()
    for mention in mentions:
        words = [t for t in mention.tokens if t.text.isalpha() or "-" in t.text]
        if mention.type == "PER" and len(words) > 1 and _capitalised(words[-1].text):
            surnames |= {_key(words[-1]), words[-1].text.lower()}
    names = set(surnames)
    firsts = set()
    for mention in mentions:
        words = [t for t in mention.tokens if t.text.isalpha() or "-" in t.text]
        if mention.type == "PER" and len(words) > 1 and _lone_name(words[0]):
            firsts |= {_key(words[0]), words[0].text.lower()}
        if mention.type == "PER" and len(words) > 1 and _first_name(words[0]):
            names |= {_key(words[0]), words[0].text.lower()}
        if (
            mention.type == "PER"
            and len(mention.tokens) == len(words) == 1
            and _lone_name(words[0])
        ):
            names |= {_key(words[0]), words[0].text.lower()}
    if not names:
        return mentions
    covered = {t.start for m in mentions for t in m.tokens}
    found = []
    for sent in sents:
        tokens = sent.tokens
        for k, t in enumerate(tokens):
            if not t.text[:1].isupper() or t.start in covered:
                continue  # both readings below open with a capitalised word no mention has
            if (
                len(t.text) > 2
                and t.pos != "ADJ"  # `Папа Римский`, `Патриарх Болгарский`: titles
                and _capitalised(t.text)
                and (_key(t) in names or t.text.lower() in names)
                and not _quoted(tokens, k)  # `«Порше»`, `«Биг-Бен»`: a brand, a title
                # a capitalised neighbour makes a longer name (`Иосифа Бродского`,
                # `Larry King Live`) whose bounds are the tagger's to find
                and not any(
                    _capitalised(n.text) for n in tokens[max(k - 1, 0) : k + 2] if n is not t
                )
            ):
                found.append(Mention(t.start, t.end, "PER", [t]))
            elif (
                k + 1 < len(tokens)
                and tokens[k + 1].start not in covered
                and _capitalised(t.text)
                and _capitalised(tokens[k + 1].text)
                and tokens[k + 1].pos != "ADJ"
                and (_key(t) in firsts or t.text.lower() in firsts)
                and (_key(tokens[k + 1]) in surnames or tokens[k + 1].text.lower() in surnames)
                and not (k > 0 and _capitalised(tokens[k - 1].text))
                and not (k + 2 < len(tokens) and _capitalised(tokens[k + 2].text))
            ):
                found.append(Mention(t.start, tokens[k + 1].end, "PER", tokens[k : k + 2]))
                covered.add(tokens[k + 1].start)
    mentions = [_retyped_surname(m, surnames) for m in mentions]
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def _lone_name(token: Token) -> bool:
    """A one-word PER mention worth looking for elsewhere: a first name or a surname to
    pymorphy3, or a word it does not know (`Акихито`, `Монеточка` are; `Папа` is not)."""
    return (
        len(token.text) > 3
        and _capitalised(token.text)
        and (_first_name(token) or _reading(token, "Surn") or not parses(token.text)[0].is_known)
    )


def _quoted(tokens: list[Token], k: int) -> bool:
    """Token k stands alone between quote marks."""
    return (
        0 < k < len(tokens) - 1 and tokens[k - 1].text in OPENING and tokens[k + 1].text in CLOSING
    )


def _retyped_surname(mention: Mention, surnames: set[str]) -> Mention:
    """`Махамой и Акуфо-Аддо` read as places after `Джон Махама` was a person: a one-word
    organisation or place that is a surname named in full in the document is that person."""
    token = mention.tokens[0]
    if (
        mention.type in ("LOC", "ORG")
        and len(mention.tokens) == 1
        and not _reading(token, "ADJF")  # `герцогини Кембриджской`: a title
        and _capitalised(token.text)
        and (_key(token) in surnames or token.text.lower() in surnames)
        and (_key(token),) not in place_names()
        and (_key(token),) not in known_types()
    ):
        return Mention(mention.start, mention.end, "PER", mention.tokens)
    return mention


def split_parenthesised(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Джошуа Вольфа (Joshua Wolf)` is two mentions of one name, as the corpora mark it."""
    out = []
    for mention in mentions:
        words = [t.text for t in mention.tokens]
        if "(" in words and words[-1] == ")" and 0 < words.index("(") < len(words) - 2:
            k = words.index("(")
            for part in (mention.tokens[:k], mention.tokens[k + 1 : -1]):
                out.append(Mention(part[0].start, part[-1].end, mention.type, part))
        else:
            out.append(mention)
    return out


def balance_quotes(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`институтом «Рухани жаңғыру` → `… «Рухани жаңғыру»`: a span opening a quote ends
    after its closing mark, one closing a quote starts at its opening mark."""
    out = []
    for mention in mentions:
        inside = [t.text for t in mention.tokens]
        opened = sum(w in OPENING for w in inside) - sum(w in CLOSING for w in inside)
        tokens = mention.tokens
        if opened > 0:
            after = [t for t in sent.tokens if t.start >= mention.end]
            closing = next((i for i, t in enumerate(after[:12]) if t.text in CLOSING), None)
            if closing is not None:
                tokens = tokens + after[: closing + 1]
        elif opened < 0:
            before = [t for t in sent.tokens if t.end <= mention.start][::-1]
            opening = next((i for i, t in enumerate(before[:12]) if t.text in OPENING), None)
            if opening is not None:
                tokens = before[: opening + 1][::-1] + tokens
        out.append(Mention(tokens[0].start, tokens[-1].end, mention.type, tokens))
    return out


def without_legal_form(mention: Mention) -> Mention:
    """`ОАО "Башкирэнерго"` → `Башкирэнерго`: the quoted name of an organisation without
    its legal form (`models/legal_forms.txt`) and quotes, as NEREL mostly marks it inside a
    role (factRuEval accepts the name alone). An acronym keeps both (`ООО "МНКТ"`, three
    times in one NEREL dev text)."""
    tokens = mention.tokens
    if mention.type != "ORG" or tokens[0].text not in word_set("legal_forms.txt"):
        return mention
    k = 1
    while k < len(tokens) and tokens[k].text.isupper() and tokens[k].text.isalpha():
        k += 1  # `ООО УК «Металлоинвест»`
    if k + 1 >= len(tokens) or tokens[k].text not in OPENING + '"':
        return mention
    name = tokens[k + 1 : -1] if tokens[-1].text in CLOSING + '"' else tokens[k + 1 :]
    if not name or (len(name) == 1 and name[0].text.isupper()):
        return mention
    return Mention(name[0].start, name[-1].end, mention.type, name)


def org_heads() -> frozenset[str]:
    """Lemmas of nouns that head organisations (`models/org_heads.txt`)."""
    return word_set("org_heads.txt")


def org_head_before_name(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`правительства Китая`, `мэрии Москвы`: an organisation head noun with a place or an
    organisation in the genitive after it is one organisation. Not when the head itself
    depends on a noun before it (`Председатель Правления КИОР`: a title)."""
    out = []
    tokens = sent.tokens
    for mention in mentions:
        k = next((i for i, t in enumerate(tokens) if t.start == mention.start), None)
        first = mention.tokens[0]
        genitive = first.feats.get("Case") == "Gen" or first.text.isupper()
        if mention.type in ("LOC", "ORG") and k and genitive:
            head = tokens[k - 1]
            before = tokens[k - 2] if k > 1 else None
            if (
                head.pos == "NOUN"
                and head.lemma in org_heads()
                and not any(m.end == head.end for m in mentions)
                and not (before and before.pos in ("NOUN", "PROPN"))
            ):
                start = k - 1
                while (
                    start > 0
                    and tokens[start - 1].pos == "ADJ"
                    and tokens[start - 1].feats.get("Case") == head.feats.get("Case")
                    and tokens[start - 1].feats.get("Variant") != "Short"
                ):
                    start -= 1  # agreeing adjectives: `нижней палаты`, not `способен парламент`
                merged = tokens[start:k] + mention.tokens
                mention = Mention(merged[0].start, merged[-1].end, "ORG", merged)
        out.append(mention)
    return out


def body_of_person(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`администрации Билла Клинтона`, `коалиционном правительстве Владимира Шпидлы`,
    `штаб Любови Соболь и Ивана Жданова`: a body named after the person who leads it
    (`models/person_bodies.txt`) and that person in the genitive are one organisation, as
    NEREL marks it; the person stays a mention of their own."""
    tokens = sent.tokens
    index = {t.start: k for k, t in enumerate(tokens)}
    people = {m.start: m for m in mentions if m.type == "PER"}
    out = list(mentions)
    for k, head in enumerate(tokens[:-1]):
        person = people.get(tokens[k + 1].start)
        if (
            person is None
            or head.pos != "NOUN"
            or not head.text.islower()
            or head.lemma not in word_set("person_bodies.txt")
            or person.tokens[0].feats.get("Case") != "Gen"
        ):
            continue
        end = index[person.tokens[-1].start] + 1
        while (
            end + 1 < len(tokens)
            and tokens[end].text == "и"
            and tokens[end + 1].start in people
            and people[tokens[end + 1].start].tokens[0].feats.get("Case") == "Gen"
        ):
            end = index[people[tokens[end + 1].start].tokens[-1].start] + 1  # `и Ивана Жданова`
        start = k
        while (
            start > 0
            and tokens[start - 1].pos == "ADJ"
            and tokens[start - 1].text.islower()
            and tokens[start - 1].feats.get("Case") == head.feats.get("Case")
        ):
            start -= 1  # `одесском предвыборном штабе`
        if not any(
            m.start <= tokens[start].start and tokens[end - 1].end <= m.end
            for m in mentions
            if m.type == "ORG"
        ):
            body = tokens[start:end]
            out.append(Mention(body[0].start, body[-1].end, "ORG", body))
    return sorted(out, key=lambda m: (m.start, -m.end))


def lone_bodies(sent: Sent, mentions: list[Mention]) -> list[Mention]:
    """`сборная Японии`, `правительство Словении`, `министерстве иностранных дел Японии`: a
    lower-case noun NEREL mostly reads as an organisation on its own
    (`models/org_bodies.txt`), with the agreeing adjectives before it and the genitives
    after it, is one organisation with a place or organisation in the genitive that
    follows it, where no mention covers it. A bare one (`в британском правительстве`) is
    left out: NEREL marks it, factRuEval does not (dev ORG .824 → .802 with them). Run
    after the roles, which may hold it (`глава правительства России`)."""
    tokens = sent.tokens
    named = {m.start: m for m in mentions if m.type in ("LOC", "ORG")}
    out = list(mentions)
    for k, head in enumerate(tokens):
        if (
            head.pos != "NOUN"
            or not (head.text.islower() or (k == 0 and head.text.istitle()))
            or head.lemma not in word_set("org_bodies.txt")
            or any(m.start <= head.start < m.end for m in out)
        ):
            continue
        start = k
        while (
            start > 0
            and tokens[start - 1].pos == "ADJ"
            and (tokens[start - 1].text.islower() or start == 1)
            and tokens[start - 1].feats.get("Case") == head.feats.get("Case")
            and not any(m.start <= tokens[start - 1].start < m.end for m in mentions)
        ):
            start -= 1  # `японской полиции Токио`
        end = k + 1
        while (
            end < len(tokens)
            and end - k <= 3
            and tokens[end].text.islower()
            and tokens[end].pos in ("ADJ", "NOUN")
            and tokens[end].feats.get("Case") == "Gen"
        ):
            end += 1  # `министерство иностранных дел России`
        after = named.get(tokens[end].start) if end < len(tokens) else None
        if after not in out or after.tokens[0].feats.get("Case") != "Gen":
            continue
        out.remove(after)  # `сборная Японии`: the place is the body's
        body = tokens[start:end] + after.tokens
        out.append(Mention(body[0].start, body[-1].end, "ORG", body))
    return out


def place_of_organisation(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Верховный суд Испании`, `Военно-морских сил США`, `Главного управления МВД`,
    `ГУ МВД России по Нижегородской области`: a place or an organisation in the genitive
    right after an organisation, or a place after `по`, is part of its name (both corpora
    mark it so)."""
    out: list[Mention] = []
    for mention in mentions:
        last = out[-1] if out else None
        first = mention.tokens[0]
        between = text[last.end : mention.start].split() if last else []
        if (
            last is not None
            and last.type == "ORG"
            and mention.type in ("LOC", "ORG")
            and (
                (not between and (first.feats.get("Case") == "Gen" or first.text.isupper()))
                or (between == ["по"] and mention.type == "LOC")
            )
        ):
            out[-1] = Mention(last.start, mention.end, "ORG", last.tokens + mention.tokens)
            continue
        out.append(mention)
    return out


# Dative nouns after `по` that open a source or a cause, not a role's field:
# `председатель, по словам которого`, `глава по приглашению`.
_NOT_FIELDS = {
    "слово",
    "мнение",
    "данные",
    "информация",
    "сообщение",
    "оценка",
    "итог",
    "результат",
    "причина",
    "приглашение",
    "просьба",
    "инициатива",
    "требование",
    "указание",
    "поручение",
    "приказ",
    "решение",
    "предложение",
    "повод",
    "телефон",
    "время",
    "случай",
    "адрес",
    "мера",
    "версия",
    "образование",
    "профессия",
    "специальность",
}


def field_phrase(tokens: list[Token], j: int) -> int:
    """End of the field of a role, `по` and a dative noun with its adjectives
    (`по национальной безопасности`, `по правам человека`: genitives after it are read
    on as the role's), starting at token j; j if there is none."""
    k = j + 1
    while k < len(tokens) and tokens[k].pos == "ADJ" and tokens[k].feats.get("Case") == "Dat":
        k += 1
    noun = tokens[k] if k < len(tokens) else None
    if (
        noun is None
        or noun.pos != "NOUN"
        or noun.feats.get("Case") != "Dat"
        or not noun.text.islower()
        or noun.lemma in _NOT_FIELDS
        or (noun.lemma == "дело" and noun.feats.get("Number") == "Sing")  # `по делу`: a case
    ):
        return j
    if k + 2 < len(tokens) and tokens[k + 1].text == "и":
        return max(k + 1, field_phrase(tokens, k + 1))  # `… законодательству и госстроительству`
    return k + 1


def field_of_organisation(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Европейского суда по правам человека`, `Совета Федерации по экономической
    политике`: an organisation named by a head noun takes the field after `по` and the
    genitives after it (NEREL marks it so)."""
    tokens = sent.tokens
    out = []
    for mention in mentions:
        k = next((i for i, t in enumerate(tokens) if t.start >= mention.end), len(tokens))
        headed = any(
            t.lemma.lower() in org_heads() for t in mention.tokens if t.pos in ("NOUN", "PROPN")
        )
        if mention.type == "ORG" and headed and k < len(tokens) and tokens[k].text == "по":
            end = field_phrase(tokens, k)
            while (
                end > k
                and end < len(tokens)
                and tokens[end].feats.get("Case") == "Gen"
                and (tokens[end].pos in ("NOUN", "ADJ") and tokens[end].text.islower())
            ):
                end += 1  # `по правам человека`
            while end > k and tokens[end - 1].pos == "ADJ":
                end -= 1
            if end > k:
                grown = mention.tokens + tokens[k:end]
                mention = Mention(grown[0].start, grown[-1].end, "ORG", grown)
        out.append(mention)
    return out


# Separators of a list that the tagger reads through: `Монако • Намибия`; a person's
# name holds no comma or bracket either (`Овечкин, Фёдоров`, `Хитли (Гецлаф`).
_SEPARATORS = {"•", "·", "|", "/", ";"}
_NAME_SEPARATORS = _SEPARATORS | {",", "(", ")"}


def split_lists(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Бахрейн • Барбадос • Бермуды` is three places, not one. A word in brackets inside
    a name, with the name going on after it, is the name's (`Арсен (Арсений) Сергеевич
    Павлов`, `James (Buddy) McGirt`: both corpora mark the whole)."""
    out = []
    for mention in mentions:
        separators = _NAME_SEPARATORS if mention.type == "PER" else _SEPARATORS
        inner = _inner_brackets(mention.tokens) if mention.type == "PER" else set()
        part: list[Token] = []
        for k, token in enumerate([*mention.tokens, None]):
            if token is None or (token.text in separators and k not in inner):
                if part:
                    out.append(Mention(part[0].start, part[-1].end, mention.type, part))
                part = []
            else:
                part.append(token)
    return out


def _inner_brackets(tokens: list[Token]) -> set[int]:
    """Indices of the brackets around one capitalised word inside a name, the name going
    on after them."""

    def word(t: Token) -> bool:
        return t.text[:1].isupper() and t.text.replace("-", "").isalpha()  # `McGirt` too

    return {
        i
        for k in range(1, len(tokens) - 3)
        if tokens[k].text == "("
        and tokens[k + 2].text == ")"
        and all(word(t) for t in (tokens[k - 1], tokens[k + 1], tokens[k + 3]))
        for i in (k, k + 2)
    }


def place_of_place(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`мысе Канаверал`, `Восточного побережья США`, `Гагаузской автономии Молдавской
    республики`: a place ending in a common noun (`мыс`, `побережье`) and the place named
    right after it are one place."""
    out: list[Mention] = []
    for mention in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and last.type == mention.type == "LOC"
            and not text[last.end : mention.start].strip()
            and last.tokens[-1].pos == "NOUN"
            and last.tokens[-1].text.islower()
        ):
            out[-1] = Mention(last.start, mention.end, "LOC", last.tokens + mention.tokens)
            continue
        out.append(mention)
    return out


@cache
def known_types() -> dict[tuple[str, ...], str]:
    """Lemma sequences of names with a fixed type (`models/entity_types.txt`)."""
    out = {}
    for line in read_lexicon("entity_types.txt"):
        name, kind = line.rsplit(None, 1)
        out[tuple(name.split())] = kind
    return out


def fixed_types(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`ЕС`, `Евросоюза` are organisations, `МКС` a place, whatever the tagger read (it
    mixes bodies and the places they sit in); a seat of government (`SEAT`: `Кремль`,
    `Белый дом`) is the body, but the place after `в` (`в Белом доме`)."""
    out = []
    starts = [t.start for t in sent.tokens]
    for mention in mentions:
        kind = known_types().get(tuple(map(_key, mention.tokens)), mention.type)
        if kind == "SEAT":
            k = bisect_left(starts, mention.start)
            kind = "LOC" if k and sent.tokens[k - 1].text.lower() in ("в", "во") else "ORG"
        out.append(Mention(mention.start, mention.end, kind, mention.tokens))
    return out


def people_read_as_places(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`первого президента Ахмат-Хаджи Кадырова`, `играет в супертурнире Гата Камский`: a
    place or an organisation of a first name and a surname is a person; so is one of a
    first name and a capitalised adjective (`архиепископ Лонгин Клинский`: a cleric's
    name with his see)."""
    out = []
    for m in mentions:
        words = m.tokens
        if (
            m.type in ("LOC", "ORG")
            and len(words) in (2, 3)
            and all(_capitalised(t.text) for t in words)
            and _first_name(words[0])
            and (
                any("Surn" in p.tag for p in parses(words[-1].text))
                or (len(words) == 2 and parses(words[-1].text)[0].tag.POS == "ADJF")
            )
            and tuple(map(_key, words)) not in place_names()
        ):
            m = Mention(m.start, m.end, "PER", words)
        out.append(m)
    return out


def people_named_as_places(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`• Эль Сальвадор • Эфиопия •`, `Коффи Коджа (Бенин)`: a PER mention that is all the
    name of a country or part of the world (`places.place_names`) is that place; the tagger
    reads a list of unfamiliar countries as people."""
    names = place_names()
    return [
        Mention(m.start, m.end, "LOC", m.tokens)
        if m.type == "PER" and tuple(map(_key, m.tokens)) in names
        else m
        for m in mentions
    ]


def places_by_name(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`чемпионат Европы`, `в Мьянме`: a capitalised country or part of the world
    (`places.place_names`) that no mention covers is a place the tagger missed."""
    names, (firsts, longest) = place_names(), _place_starts()
    covered = {t.start for m in mentions for t in m.tokens}
    tokens = sent.tokens
    found: list[Mention] = []
    for k, token in enumerate(tokens):
        if found and token.start < found[-1].end:
            continue
        if not token.text[:1].isupper() or _key(token) not in firsts:
            continue  # most tokens open no name of a place
        for n in range(min(longest, len(tokens) - k), 0, -1):
            words = tokens[k : k + n]
            if tuple(map(_key, words)) in names and not any(t.start in covered for t in words):
                found.append(Mention(token.start, words[-1].end, "LOC", words))
                break
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


@cache
def _place_starts() -> tuple[frozenset[str], int]:
    """The first words of the names of places, and the most words a name has."""
    return frozenset(name[0] for name in place_names()), max(map(len, place_names()))


def _key(token: Token) -> str:
    """A token's lemma as names are looked up (lower case, ё as е)."""
    return token.lemma.lower().replace("ё", "е")


def not_names() -> frozenset[str]:
    """Lemmas of capitalised nouns never a one-word name (`models/not_names.txt`)."""
    return word_set("not_names.txt")


def drop_documents_and_posts(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`в Послании Главы государства`: a one-word mention that is a document or a post is
    no name (the tagger read `Послании` as ORG, `Главы` as LOC); posts come back as ROLE.
    So is a one-word PER mention that is a title (`напомнил Папа`, `Хакер взломал`)."""
    return [
        m
        for m in mentions
        if len(m.tokens) > 1
        or (_key(m.tokens[0]) not in not_names() and not (m.type == "PER" and _title(m.tokens[0])))
    ]


def _title(word: Token) -> bool:
    """`Папа`, `Генерала`, `Экс-советник`, `Пресс-агент`: a one-word role, no name in any
    reading (of a compound pymorphy3 does not know, its last part's)."""
    lemma = parses(word.text)[0].normal_form.removeprefix(_FORMER)
    last = word.text.rsplit("-", 1)[-1]
    known = _known_no_name(word) or ("-" in word.text and _no_name(last))
    return known and lemma in _one_word_roles()


def _known_no_name(word: Token) -> bool:
    """A word pymorphy3 knows (an unknown one it reads as a verb may be a foreign name:
    `Мишел Темер`) and reads as no name in any reading (`Вера`, `Дон`, `Гордон`)."""
    return _no_name(word.text)


def _no_name(word: str) -> bool:
    readings = parses(word)
    return readings[0].is_known and not any(_NAMELIKE & p.tag.grammemes for p in readings)


def join_split_names(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Нейл` + `Патрик Харрис`: a one-word PER mention and a capitalised one right after
    it, a space apart, are one name the tagger broke after its first word; a full name
    before another stays apart (`пресс-секретарю … Билла Клинтона Джо Локхарту`), and so
    does a name in another case (`вдова Ельцина Наина Иосифовна`: the parts of one name
    agree). Initials glued to the name after them are its own (`Дж.` + `Коми`), and a
    surname is one name with the first name and patronymic before it."""
    out: list[Mention] = []
    for mention in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and last.type == mention.type == "PER"
            and mention.tokens[0].text[:1].isupper()
            and (
                (
                    text[last.end : mention.start] == " "
                    and len(last.tokens) == 1
                    and last.tokens[0].feats.get("Case") == mention.tokens[0].feats.get("Case")
                )
                or (last.end == mention.start and last.tokens[-1].text == ".")
                or (text[last.end : mention.start] == " " and _patronymic_split(last, mention))
            )
        ):
            out[-1] = Mention(last.start, mention.end, "PER", last.tokens + mention.tokens)
        else:
            out.append(mention)
    return out


def _patronymic_split(last: Mention, mention: Mention) -> bool:
    """`Марина Филипповна` + `Ходорковская`: a first name and patronymic and a surname
    alone after them, in one case, are one name. (A surname before them may be an owner's:
    `вдова Ельцина Наина Иосифовна`.)"""
    return (
        _reading(last.tokens[-1], "Patr")
        and len(mention.tokens) == 1
        and bool(_singular_cases(last.tokens[-1]) & _singular_cases(mention.tokens[0]))
    )


def _singular_cases(token: Token) -> set[str]:
    """The cases pymorphy3 reads a word in, as one person."""
    return {str(p.tag.case) for p in parses(token.text) if p.tag.number != "plur"}


def _first_name(token: Token) -> bool:
    """A capitalised word pymorphy3 reads first as a first name (`Геннадия`, `Эдвард`);
    a syllable of an Asian name (`Ким Ю На`) is too short to tell."""
    text = token.text
    return len(text) > 2 and text[:1].isupper() and "Name" in parses(text)[0].tag


def _reading(token: Token, grammeme: str) -> bool:
    """pymorphy3's first reading of a word has the grammeme (`Surn`, `Patr`)."""
    return grammeme in parses(token.text)[0].tag


def split_glued_names(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`друга Путина Геннадия Тимченко`: a first name and a surname after a surname in an
    oblique case (the owner's genitive) begin a second person the tagger glued to the
    first; a patronymic after the first name keeps them one (`Грызлова Бориса
    Вячеславовича`), and a surname in the nominative opens a foreign name (`Ким Ю На`)."""
    out: list[Mention] = []
    for mention in mentions:
        tokens = mention.tokens
        cut = next(
            (
                k
                for k in range(1, len(tokens) - 1)
                if _first_name(tokens[k])
                and _reading(tokens[k - 1], "Surn")
                and tokens[k - 1].feats.get("Case") not in (None, "Nom")
                and tokens[k + 1].text[:1].isupper()
                and not _reading(tokens[k + 1], "Patr")
            ),
            None,
        )
        out += _two_people(mention, cut)
    return out


def split_full_names(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Сергей Анатольевич Лебедев Путин назначил`, `брата Бодуэна I. Альберт`: a name
    complete in itself (a first name, a patronymic and a surname; or a sentence's period
    after it) and the name after it are two people the tagger ran together."""
    return [part for m in mentions for part in _two_people(m, _full_name_end(m.tokens))]


def _full_name_end(tokens: list[Token]) -> int | None:
    """Where a second name begins after a full one in a PER mention's tokens, if it does."""
    for k in range(2, len(tokens)):
        before, prev, word = tokens[k - 2], tokens[k - 1], tokens[k]
        if not _capitalised(word.text):
            continue
        if prev.text == "." and (not _initial(before) or before.text in _ROMAN):
            return k  # `Бодуэна I. Альберт`: the period is dropped with the first name's
        if (
            k > 2
            and _reading(before, "Patr")
            and _capitalised(prev.text)
            and len(prev.text) > 2  # `Марина Александровна Де Энден`
            and not _reading(prev, "Patr")
        ):
            return k  # `Сергей Анатольевич Лебедев Путин`
    return None


def _two_people(mention: Mention, cut: int | None) -> list[Mention]:
    """A PER mention cut into two people at token `cut`; any other mention, or no cut,
    stays whole."""
    if mention.type != "PER" or cut is None:
        return [mention]
    tokens = mention.tokens
    return [
        Mention(mention.start, tokens[cut - 1].end, "PER", tokens[:cut]),
        Mention(tokens[cut].start, mention.end, "PER", tokens[cut:]),
    ]


_AGE = re.compile(r"(?:\d+-|[а-яё]+)летн[а-яё]{1,3}", re.IGNORECASE)


def first_name_before_name(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Лёша Тихонов и Ваня Ямщиков`, `Селене Гомес пересадили почку`, `Айдар Наилевич
    Губайдулин родился`: a capitalised word that can be a first name, right before a PER
    mention (or before a patronymic opening one), that no mention covers is the name's
    first word; the tagger drops it most often where a sentence opens."""
    tokens = sent.tokens
    starts = {t.start: k for k, t in enumerate(tokens)}
    taken = {t.start for m in mentions for t in m.tokens}
    out = []
    for m in mentions:
        k = starts.get(m.start, 0) - 1
        if m.type == "PER" and k >= 0 and tokens[k].start not in taken:
            word = tokens[k]
            if (
                text[word.end : m.start] == " "
                and _capitalised(word.text)
                and len(word.text) > 2
                and (
                    any("Name" in p.tag for p in parses(word.text)) or _reading(m.tokens[0], "Patr")
                )
            ):
                grown = [word, *m.tokens]
                m = Mention(word.start, m.end, "PER", grown)
        out.append(m)
    return out


def surname_after_first_name(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Виктор Понедельник:`: a first name tagged alone and the capitalised word right
    after it, in no mention, are one name (a surname that is a common word too)."""
    tokens = sent.tokens
    starts = {t.start: k for k, t in enumerate(tokens)}
    taken = {t.start for m in mentions for t in m.tokens}
    out = []
    for m in mentions:
        k = starts.get(m.tokens[-1].start, -1) + 1
        if (
            m.type == "PER"
            and len(m.tokens) == 1
            and 0 < k < len(tokens)
            and _first_name(m.tokens[0])
            and tokens[k].start not in taken
            and text[m.end : tokens[k].start] == " "
            and _capitalised(tokens[k].text)
            and len(tokens[k].text) > 2
            and not (k + 1 < len(tokens) and _capitalised(tokens[k + 1].text))
            and _singular_cases(m.tokens[0]) & _singular_cases(tokens[k])
        ):
            grown = [*m.tokens, tokens[k]]
            m = Mention(m.start, tokens[k].end, "PER", grown)
        out.append(m)
    return out


def drop_leading_age(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Восьмидесятилетний Маккейн`, `56-летний С.Джобс`: an age before a name is no part
    of it (the tagger takes it in when it opens a sentence)."""
    out = []
    for m in mentions:
        if m.type == "PER" and len(m.tokens) > 1 and _AGE.fullmatch(m.tokens[0].text):
            rest = m.tokens[1:]
            m = Mention(rest[0].start, m.end, "PER", rest)
        out.append(m)
    return out


def drop_leading_word(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Космонавта Волкова`, `Митрополита Никодима`, `Пресс-агент Гибсона`, `Отрешить
    Соловьева Александра Васильевича`: a capitalised title (a one-word role) or
    infinitive opening a PER mention, before a name, is no part of it; the tagger takes
    it in where a sentence or a headline opens, or in a street's name. Not a word
    pymorphy3 reads as a name in any reading, nor before an adjective (`Патриархом
    Болгарским`).
    (A title that is a first name too is lost: `Эмир Кустурица`.)"""
    out = []
    for m in mentions:
        if m.type == "PER" and len(m.tokens) > 1 and _leading_word(m.tokens[0], m.tokens[1]):
            rest = m.tokens[1:]
            m = Mention(rest[0].start, m.end, "PER", rest)
        out.append(m)
    return out


@cache
def _one_word_roles() -> frozenset[str]:
    """Roles of one word (`генерал`, `пресс-агент`) of `models/roles*.txt`."""
    lines = [*read_lexicon("roles.txt"), *read_lexicon("roles_news.txt")]
    return frozenset(line for line in lines if " " not in line)


_FORMER = "экс-"


def _leading_word(word: Token, after: Token) -> bool:
    if after.pos == "ADJ" or not (_opens_capitalised(word.text) and _capitalised(after.text)):
        return False
    return _title(word) or (_known_no_name(word) and parses(word.text)[0].tag.POS == "INFN")


def _opens_capitalised(word: str) -> bool:
    """`Генерала`, `Экс-советник`, `Пресс-агент`: a capital, then small letters (a
    compound's later parts are small where a sentence opens)."""
    return word[:1].isupper() and word[1:].replace("-", "").isalpha() and word[1:].islower()


def _initial(token: Token) -> bool:
    """`Б`, `Дж`: a one-letter capital or a capital and one small letter (a name cut short)."""
    text = token.text
    return (
        text.isalpha()
        and text[:1].isupper()
        and (len(text) == 1 or text[1:].islower())
        and (len(text) <= 2)
    )


def initials_open_sentence(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Б.Обама выдвинул …`, `Ю. Чайка заверил …`: initials with their periods and a
    capitalised word opening a sentence are a name. The tagger misses them there (it
    reads the first period as a sentence's end), though it finds them inside a sentence
    (`назначил А.Бастрыкина`)."""
    tokens = sent.tokens
    k = 0
    while k + 2 < len(tokens) and _initial(tokens[k]) and tokens[k + 1].text == ".":
        k += 2
    if k == 0 or k >= len(tokens):
        return mentions
    surname = tokens[k]
    parts = surname.text.split("-")
    if not all(part[:1].isupper() and part[1:].islower() and part.isalpha() for part in parts):
        return mentions
    if any(m.start < surname.end for m in mentions):
        return mentions
    name = tokens[: k + 1]
    return [Mention(name[0].start, surname.end, "PER", name), *mentions]


_ROMAN = frozenset("IVX")


def _edge_mark(word: str) -> bool:
    """A token of punctuation alone (`—`, `»''`)."""
    return not any(c.isalnum() for c in word)


def trim_punctuation(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Мишель —`, `'Стив Ирвин'`, `«Гордон»`: a person's name begins and ends with a word;
    dashes and quote marks the tagger took in at its edges are not the name's (both
    corpora mark the words)."""
    out = []
    for m in mentions:
        tokens = m.tokens
        if m.type == "PER":
            while tokens and _edge_mark(tokens[-1].text) and tokens[-1].text not in ").":
                tokens = tokens[:-1]  # `.` is `drop_final_period`'s to judge
            while tokens and _edge_mark(tokens[0].text) and tokens[0].text != "(":
                tokens = tokens[1:]
            if not tokens:
                continue
            m = Mention(tokens[0].start, tokens[-1].end, "PER", tokens)
        out.append(m)
    return out


def initials_after_name(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Указ «О Суркове В. Ю.»`, `Михальчука И. Ф. о досрочном`: initials with their
    periods right after a name are the name's (the tagger stops before them, or before the
    last period); `drop_final_period` then decides whether the last period stays."""
    tokens = sent.tokens
    starts = {t.start: k for k, t in enumerate(tokens)}
    taken = {t.start for m in mentions for t in m.tokens}
    out = []
    for m in mentions:
        k = starts.get(m.tokens[-1].start, len(tokens)) + 1
        end = k
        if m.type == "PER" and _initial(m.tokens[-1]) and m.tokens[-1].text not in _ROMAN:
            end += k < len(tokens) and tokens[k].text == "."  # `Михальчука И. Ф` + `.`
        while (
            m.type == "PER"
            and end + 1 < len(tokens)
            and _initial(tokens[end])
            and tokens[end].text not in _ROMAN
            and tokens[end + 1].text == "."
            and tokens[end].start not in taken
        ):
            end += 2
        if m.type == "PER" and end > k:
            grown = m.tokens + tokens[k:end]
            m = Mention(grown[0].start, grown[-1].end, "PER", grown)
        out.append(m)
    return out


def drop_final_period(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Харальд V.`, `В.Л.`: a name ends at its last word, before a period (the sentence's,
    or an initial's: factRuEval marks name words, and NEREL mostly agrees). An initial's
    period the sentence goes on after is the initial's (`губернатора Михальчука И. Ф. о
    досрочном прекращении`: NEREL keeps it)."""
    starts = {t.start: k for k, t in enumerate(sent.tokens)}
    out = []
    for m in mentions:
        k = starts.get(m.tokens[-1].start, len(sent.tokens)) + 1
        if (
            m.type == "PER"
            and len(m.tokens) > 1
            and m.tokens[-1].text == "."
            and not (
                _initial(m.tokens[-2])
                and m.tokens[-2].text not in _ROMAN
                and k < len(sent.tokens)
                and sent.tokens[k].text.isalpha()
            )
        ):
            rest = m.tokens[:-1]
            m = Mention(m.start, rest[-1].end, "PER", rest)
        out.append(m)
    return out


def _after_quote(text: str, start: int, floor: int) -> bool:
    """Whether a straight quote comes right before `start` (spaces aside), after `floor`."""
    j = start - 1
    while j >= floor and text[j].isspace():
        j -= 1
    return j >= floor and text[j] == '"'


def drop_half_quotes(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`партия "Объединение за Мали"`: the tagger takes a name's closing straight quote but
    not its opening one; the name is the words inside (NEREL marks 162 names in straight
    quotes on train so, none with them)."""
    out = []
    for m in mentions:
        tokens = m.tokens
        if (
            len(tokens) > 1
            and tokens[-1].text == '"'
            and sum(t.text == '"' for t in tokens) % 2 == 1
            and _after_quote(text, m.start, sent.start)
        ):
            m = Mention(m.start, tokens[-2].end, m.type, tokens[:-1])
        out.append(m)
    return out


def drop_wiki_quotes(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`главой ''Samsung Group''`: wiki markup quotes a name with doubled apostrophes; the
    name is the words inside (NEREL mostly marks them so)."""
    out = []
    for m in mentions:
        tokens = m.tokens
        while tokens and tokens[0].text == "'":
            tokens = tokens[1:]
        while tokens and tokens[-1].text == "'":
            tokens = tokens[:-1]
        if tokens and len(tokens) < len(m.tokens):
            m = Mention(tokens[0].start, tokens[-1].end, m.type, tokens)
        out.append(m)
    return out


# pymorphy3 parts of speech a name never is
_NOT_NAME_POS = frozenset(
    ["VERB", "INFN", "PRTS", "PRTF", "GRND", "ADVB", "NPRO", "PRED", "PREP", "CONJ", "PRCL", "INTJ"]
)
_NAMELIKE = {"Name", "Surn", "Patr", "Geox", "Orgn"}


def drop_function_words(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`Подавлен кончиной`, `Надеюсь она разнообразит`, `Доподлинное место рождения`: a
    one-word PER mention that is a verb, an adverb, a pronoun, a particle or an adjective
    (no reading of it a name) is none; the tagger reads capitalised words so where a
    transcript or a headline runs on unpunctuated, or a sentence opens. (Not nouns:
    `Макрон`, `Лебедь` are common nouns to pymorphy3.) Not
    when the morphology tagger reads it as a proper noun (`Серена` is a short participle
    to pymorphy3)."""
    out = []
    for m in mentions:
        if m.type == "PER" and len(m.tokens) == 1:
            readings = parses(m.tokens[0].text)
            if (
                m.tokens[0].pos != "PROPN"
                and readings[0].is_known
                and (readings[0].tag.POS in _NOT_NAME_POS or readings[0].tag.POS == "ADJF")
                and not any(_NAMELIKE & p.tag.grammemes for p in readings)
            ):
                continue
        out.append(m)
    return out


def _same_word(a: Token, b: Token) -> bool:
    """Two forms of one name word: one lemma, or one the other with an ending of at most
    two letters (`Кима`, `Ким`: pymorphy3 guesses lemmas of foreign names apart)."""
    x, y = sorted((a.text.lower(), b.text.lower()), key=len)
    return _key(a) == _key(b) or (y.startswith(x) and len(y) - len(x) <= 2)


def split_repeated_names(mentions: list[Mention], sent: Sent, text: str) -> list[Mention]:
    """`отец Кима Чен Ира Ким Ир Сен`: the first word of a PER mention coming back in
    another form begins a second name the tagger ran on into (the owner's genitive, then
    the person); in the same form it is one name (`Мухаммад Ахмад Мухаммад Джабарин`)."""
    out = []
    for m in mentions:
        tokens = m.tokens
        cut = next(
            (
                k
                for k in range(2, len(tokens))
                if len(tokens[k].text) > 2
                and _same_word(tokens[0], tokens[k])
                and tokens[k].text != tokens[0].text  # another case
                and tokens[k - 1].text != "("  # `Арсен (Арсений) Сергеевич`: another form
            ),
            None,
        )
        out += _two_people(m, cut)
    return out


RULES: list[Rule] = [
    initials_open_sentence,
    initials_after_name,
    join_split_names,
    split_glued_names,
    split_full_names,
    split_repeated_names,
    first_name_before_name,
    surname_after_first_name,
    drop_leading_age,
    drop_leading_word,
    drop_documents_and_posts,
    drop_function_words,
    fixed_types,
    places_by_name,
    split_lists,
    split_parenthesised,
    drop_final_period,
    drop_wiki_quotes,
    drop_half_quotes,
    trim_punctuation,
    people_read_as_places,
    people_named_as_places,
    balance_quotes,
    org_head_before_name,
    body_of_person,
    place_of_organisation,
    field_of_organisation,
    place_of_place,
]
