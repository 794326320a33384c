"""From a word to a source: the noun phrase a subject heads, the person a name,
pronoun or role stands for, the organisation or unnamed source a noun names."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter

from ..model import Entity, Person, Span, Speaker
from ..morph import inflect, parses
from ..norm import normal_phrase
from ..people import name_parts
from ..resources import word_set
from ..roles import POSSESSIVES
from ..segment import Token
from .context import Candidate, Context
from .coref import (
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    listed,
    people_before,
    person_gender,
    resolve_org_noun,
    resolve_pronoun,
    resolve_role,
    role_window,
    role_words,
)
from .countries import is_state_post, main_country, person_country
from .indirect import cue_nouns

# pymorphy3 gender → the UD gender of slovnet's tags (`masc` → `Masc`).
UD_GENDER = {"masc": "Masc", "femn": "Fem"}
# Nouns that name an unnamed source when first introduced (`источник в правительстве`).
_UNNAMED_SOURCES = frozenset({"источник"})
STOP = frozenset({",", ".", "!", "?", "…", ";", ":", "(", ")", "«", "»", '"', "—", "–"})


def anaphoric_nouns() -> frozenset[str]:
    """Lemmas of nouns that refer back to a source named before (`собеседник агентства`)."""
    return word_set("anaphoric_sources.txt")


def source_nouns() -> frozenset[str]:
    """Lemmas of inanimate nouns that can still be a source (`источник`, `СМИ`, `следствие`)."""
    return word_set("source_nouns.txt")


def can_speak(token: Token) -> bool:
    """Whether a noun can head a source: a person's noun, a body's, or a source noun; not
    the time, place or topic a clause is about (`часов`, `Динамика`)."""
    last = token.lemma.rsplit("-", 1)[-1]  # `интернет-издание` is an `издание`
    return token.feats.get("Animacy") != "Inan" or any(
        lemma in words
        for lemma in (token.lemma, last)
        for words in (org_words(), source_nouns(), role_words())
    )


def org_words() -> frozenset[str]:
    """Lemmas of nouns naming a body, not a person (`пресс-служба`, `министерство`)."""
    return word_set("org_words.txt")


def channel_words() -> frozenset[str]:
    """Lemmas of nouns for where a body publishes (models/channels.txt): `сайт`, `страница`."""
    return word_set("channels.txt")


def noun_phrase(ctx: Context, h: int, limit: int) -> tuple[int, int]:
    """Token range around head `h`: adjectives before it, genitive dependants and one
    prepositional phrase after it (`источник в правительстве`), up to token `limit`."""
    tokens = ctx.tokens
    a = h
    while (
        a - 1 >= 0
        and tokens[a - 1].pos in ("ADJ",)
        and tokens[a - 1].text not in STOP
        and not _line_break(ctx, a - 1, a)
    ):
        a -= 1
    b = h + 1
    while b < limit and b - h < 8 and not _line_break(ctx, b - 1, b):
        t = tokens[b]
        if t.pos in ("NOUN", "PROPN", "ADJ") and t.feats.get("Case") == "Gen":
            b += 1
        elif (
            t.pos == "ADP"
            and t.text.lower() in {"в", "от", "при", "из"}  # `представителя из окружения пары`
            and b + 1 < limit
            and tokens[b + 1].pos in ("NOUN", "PROPN", "ADJ")
            and tokens[b + 1].lemma not in cue_nouns()  # `премьер в речи перед министрами`
        ):
            b += 2
            while b < limit and tokens[b - 1].pos == "ADJ" and tokens[b].pos in ("NOUN", "ADJ"):
                b += 1  # `в башкирской администрации`: the adjectives' noun too
        elif t.pos == "PROPN" or (t.text[:1].isupper() and t.pos in ("NOUN", "X")):
            b += 1
        elif _same_name(ctx, b - 1, b):
            b += 1  # `газеты Corriere della Sera`: a name's lower-case word
        elif t.text in '«"„“' and (close := _closing(ctx, b, limit)) is not None:
            b = close + 1  # `газета «Труд»`, `агентство «Интерфакс»`
        elif t.text == "'" and b + 1 < limit and tokens[b + 1].text == "'":
            b += 2  # wiki italics around a name: `газеты ''The Washington Post''`
        else:
            break
    return a, b


def _line_break(ctx: Context, i: int, j: int) -> bool:
    """Whether a line break stands between tokens `i` and `j` (a caption's `Мсвати III`
    above `МИД России сообщил` is no part of its phrase)."""
    return "\n" in ctx.text[ctx.tokens[i].end : ctx.tokens[j].start]


def _same_name(ctx: Context, i: int, j: int) -> bool:
    """Whether tokens `i` and `j` are words of one organisation's name."""
    tokens = ctx.tokens
    entity = ctx.entity_at(tokens[i].start, tokens[i].end, ("ORG",))
    return entity is not None and entity.start <= tokens[j].start and tokens[j].end <= entity.end


def _closing(ctx: Context, i: int, limit: int) -> int | None:
    """The closing mark of a short name in quotation marks opening at token `i`."""
    for j in range(i + 1, min(limit, i + 6)):
        if ctx.tokens[j].text in '»"“”':
            return j if j > i + 1 else None
    return None


def nominative_phrase(ctx: Context, a: int, b: int, inflecting: bool = True) -> str:
    """The phrase's text with its head and the adjectives before it in the nominative,
    agreeing (`делегации ОБСЕ` → `делегация ОБСЕ`, `влиятельного издания` → `влиятельное
    издание`); a phrase's tail (`inflecting=False`) stays as written."""
    tokens = ctx.tokens[a:b]
    if inflecting:
        return normal_phrase(tokens, ctx.text)
    return ctx.text[tokens[0].start : tokens[-1].end]


def speaker_from_token(ctx: Context, h: int, cand: Candidate, limit: int) -> Speaker | None:
    """The source a head token names: a person (through a name, a pronoun or a role), an
    organisation, or an unnamed source described by its noun phrase."""
    tokens = ctx.tokens
    token = tokens[h]
    mention = Span(start=token.start, end=token.end, text=token.text)
    entity = ctx.entity_at(token.start, token.end, ("PER",))
    if entity is not None:
        person = ctx.person(entity)
        if person is not None:
            return person_speaker(person, ctx, entity)
        return Speaker(name=entity.normal, kind="person", mention=_span(entity))
    word = token.text.lower()
    if word in PRONOUN_GENDER:
        same = _same_speaker(ctx, cand, PRONOUN_GENDER[word], token.start)
        if same is not None:
            return same
        unnamed = _one_of_before(ctx, token.start, PRONOUN_GENDER[word])
        if unnamed is not None:
            return unnamed
        cited = _cited_before(ctx, token.start, PRONOUN_GENDER[word])
        if cited is not None:
            return speaker_from_token(ctx, cited, cand, ctx.sentence_range(cited)[1])
        person = resolve_pronoun(ctx, word, token.start, [(cand.start, cand.end)])
        if person is not None:
            return person_speaker(person, ctx, mention)
        body = _body_before(ctx, token.start, PRONOUN_GENDER[word])
        if body is None:
            return None
        return speaker_from_token(ctx, body, cand, ctx.sentence_range(body)[1])
    if word in PLURAL_PRONOUNS:
        return _plural_antecedent(ctx, cand, token.start)
    entity = ctx.entity_at(token.start, token.end, ("ORG",))
    if entity is not None:
        a, b = noun_phrase(ctx, h, limit)
        if tokens[a].start <= entity.start and entity.end <= tokens[b - 1].end and b - a > 1:
            return Speaker(
                name=nominative_phrase(ctx, a, b), kind="organisation", mention=_span(entity)
            )
        return Speaker(name=entity.normal, kind="organisation", mention=_span(entity))
    foreign = token.pos == "X" and token.text[:1].isascii() and token.text[:1].isalpha()
    if token.pos not in ("NOUN", "PROPN") and not foreign:
        return None  # a name in Latin letters the tagger left untagged (`comScore`) may speak
    a, b = noun_phrase(ctx, h, limit)
    # `— сказал собеседник агентства`, and a statement with no owner (`Согласно
    # сообщению, …`): the source named before
    if token.lemma in anaphoric_nouns() or (token.lemma in cue_nouns() and b == h + 1):
        previous = cand.extra.get("previous")
        source = _unnamed_source_before(ctx, h, previous.end if previous is not None else 0)
        if token.lemma in anaphoric_nouns() and source is not None:
            # `источник "Ъ" в администрации назвал …` … `— рассказал собеседник "Ъ"`
            return speaker_from_token(ctx, source, cand, ctx.sentence_range(source)[1])
        if previous is not None and previous.speaker is not None:
            return previous.speaker
    if token.lemma in role_words() and token.feats.get("Number") != "Plur":
        # `— сказал министр`; `глава МИДа отметил` only after `глава МИДа Сэйдзи Маэхара`
        tail = tokens[h + 1].lemma if b > h + 1 else ""
        person = resolve_role(ctx, token.lemma, token.start, tail)
        feminine = token.feats.get("Gender") == "Fem" or _verb_gender(ctx, h) == "Fem"
        if person is not None and feminine and person_gender(person) == "masc":
            person = None  # `актриса` is no man, whatever role words they share
        if person is None and feminine and b == h + 1:
            person = only_woman_before(ctx, token.start)
        if person is None and b == h + 1:
            same = _same_descriptor(ctx, cand, token.lemma)
            if same is not None:  # `Его адвокат сообщил, что … По словам адвоката, …`
                return same
        bare = b == h + 1 or ctx.entity_at(tokens[h + 1].start, tokens[b - 1].end, ("LOC",))
        if person is None and bare and not feminine and not _possessed(ctx, h):
            # `Как отметил премьер` after `глава правительства … Нетаньяху`: a bare role
            # word (or one of a country: `— сказал президент РФ`) takes up the subject of
            # the sentences before, as `он` would; not a possessed one (`Би Би Кинг
            # скончался … Его адвокат сообщил`)
            person = resolve_pronoun(ctx, "он", token.start, [(cand.start, cand.end)], True)
        if person is not None:
            return person_speaker(person, ctx, mention)
    if token.lemma in channel_words():
        # `на официальном сайте московского клуба`: the body owning the channel speaks (a
        # person's site stays the source, as the train gold has it: `сайт президента России`)
        owner = next((j for j in range(h + 1, b) if tokens[j].pos in ("NOUN", "PROPN")), None)
        if owner is not None and _body(ctx, owner):
            return speaker_from_token(ctx, owner, cand, limit)
    if token.lemma in org_words() and b == h + 1:
        # a bare singular `организация` may stand for the body named last; not
        # `Правозащитные организации`, bodies of a kind
        bare = a == h and token.feats.get("Number") != "Plur"
        named = resolve_org_noun(ctx, token.lemma, token.start, bare)
        if named is not None:  # `в заявлении телекомпании` after `телекомпания НВО`
            return Speaker(name=named.normal, kind="organisation", mention=mention)
    if token.pos == "NOUN" and not can_speak(token):
        return None
    named = token.pos == "PROPN" or foreign
    kind = "organisation" if token.lemma in org_words() or named else "descriptor"
    # an unnamed holder of a post has that post (`представитель Мосгоризбиркома`)
    role = role_phrase(ctx, h, b) if kind == "descriptor" else None
    body = None
    if kind == "descriptor" and b > h + 1:  # `исследователи Брукхейвенской лаборатории`
        body = ctx.entity_at(tokens[h + 1].start, tokens[b - 1].end, ("ORG",))
    if (
        tokens[h].feats.get("Case") == "Loc"
        and h + 1 < b
        and tokens[h + 1].text in '«"„“'
        and _closing(ctx, h + 1, b) == b - 1
    ):
        b = h + 1  # `В уфимской мэрии "Ъ" сообщили`: the outlet in marks is the one told
    name = nominative_phrase(ctx, a, b).replace("''", "")  # wiki italics are no part of it
    if kind == "descriptor" and h + 4 < b and _closing(ctx, h + 1, b) == h + 3:
        # `Источник "Ъ" в правительстве`: the outlet is whom the source spoke to
        name = nominative_phrase(ctx, a, h + 1) + " " + nominative_phrase(ctx, h + 4, b, False)
    if kind == "descriptor" and b < len(tokens) and _NICKNAME.fullmatch(tokens[b].text):
        # `Пользователь ЖЖ zyalt сообщает`: the one described is named by a nickname
        name += ctx.text[tokens[b - 1].end : tokens[b].end]
        b += 1
    return Speaker(
        name=name,
        kind=kind,
        role=role[0] if role else None,
        organisation=role[1] if role else body.normal if body is not None else None,
        mention=Span(
            start=tokens[a].start,
            end=tokens[b - 1].end,
            text=ctx.text[tokens[a].start : tokens[b - 1].end],
        ),
    )


def _body(ctx: Context, j: int) -> bool:
    """Whether token `j` names an organisation (by name or by a body noun)."""
    token = ctx.tokens[j]
    return token.lemma in org_words() or bool(ctx.entity_at(token.start, token.end, ("ORG",)))


def _possessed(ctx: Context, h: int) -> bool:
    """Whether a possessive pronoun governs the noun at `h` (`его адвокат`): someone's
    else, not the one it would stand for."""
    return h > 0 and ctx.tokens[h - 1].text.lower() in POSSESSIVES


def _same_descriptor(ctx: Context, cand: Candidate, lemma: str) -> Speaker | None:
    """The previous quote's unnamed speaker when it was described by this noun too."""
    previous = cand.extra.get("previous")
    if previous is None or previous.speaker is None or previous.speaker.kind != "descriptor":
        return None
    mention = previous.speaker.mention
    if mention is None:
        return None
    first = ctx.token_at(mention.start)
    words = ctx.tokens[first : ctx.token_at(mention.end - 1) + 1]
    return previous.speaker if any(t.lemma == lemma for t in words) else None


_NICKNAME = re.compile(r"@?[A-Za-z][A-Za-z0-9_.-]*")


def _verb_gender(ctx: Context, h: int) -> str | None:
    """The gender of the past-tense verb a subject at token `h` governs (`судья заявила`:
    a role noun of either gender is a woman's when its verb says so)."""
    for token in ctx.tokens[h + 1 : h + 4]:
        if token.pos in ("VERB", "AUX"):
            return token.feats.get("Gender") if token.feats.get("VerbForm") == "Fin" else None
        if token.pos != "ADV":
            return None
    return None


def only_woman_before(ctx: Context, offset: int) -> Person | None:
    """`По словам актрисы` where no one was introduced as an actress: a feminine role noun
    stands for the one woman named before it, when there is exactly one."""
    women = {
        person.id: person
        for entity in people_before(ctx, offset, [])
        if (person := ctx.person(entity)) is not None and person_gender(person) == "femn"
    }
    return next(iter(women.values())) if len(women) == 1 else None


def one_of(ctx: Context, j: int, b: int) -> Speaker:
    """`один из участников встречи`: an unnamed source, the phrase as written but for
    `один` in the nominative (`по словам одного из советников` → `один из советников`)."""
    tokens = ctx.tokens
    end = j + 2
    while end < b and tokens[end].text not in STOP and not ctx.cue[end]:
        end += 1
    start, stop = tokens[j].start, tokens[end - 1].end
    first = tokens[j].text
    gender = "femn" if first.lower() in {"одна", "одной", "одну"} else "masc"
    nominative = next((inflect(p, {"nomn", gender}) for p in parses(first)), None)
    word = nominative.word if nominative is not None else first.lower()
    if first[:1].isupper():
        word = word[:1].upper() + word[1:]
    return Speaker(
        name=word + ctx.text[tokens[j].end : stop],
        kind="descriptor",
        mention=Span(start=start, end=stop, text=ctx.text[start:stop]),
    )


def _one_of_before(ctx: Context, offset: int, gender: str) -> Speaker | None:
    """`Это подтвердил "Ъ" один из участников встречи. «…», — сказал он`: `он` stands for
    the `один из …` that reported in the sentence before, when the gender agrees."""
    here = ctx.sent_of[min(ctx.token_at(offset), len(ctx.tokens) - 1)]
    if here == 0:
        return None
    a = ctx.sent_first[here - 1]
    b = a + len(ctx.draft.sents[here - 1].tokens)
    word = "один" if gender == "masc" else "одна"
    tokens = ctx.tokens
    for j in range(a, b - 1):
        if (
            tokens[j].text.lower() == word
            and tokens[j + 1].text.lower() == "из"
            and any(ctx.cue[k] for k in range(max(a, j - 4), j))
        ):
            return one_of(ctx, j, b)
    return None


def _cited_before(ctx: Context, offset: int, gender: str) -> int | None:
    """`… сообщает издание Expressen со ссылкой на представителя IKEA. По его словам`:
    `его` stands for the one the sentence before cites, when the gender agrees (the head
    token of what follows `со ссылкой на`)."""
    here = ctx.sent_of[min(ctx.token_at(offset), len(ctx.tokens) - 1)]
    if here == 0:
        return None
    a, b = ctx.sent_first[here - 1], ctx.sent_first[here]
    tokens = ctx.tokens
    for j in range(a, b - 3):
        if (tokens[j].text.lower(), tokens[j + 1].text.lower(), tokens[j + 2].text.lower()) != (
            "со",
            "ссылкой",
            "на",
        ):
            continue
        k = j + 3
        while k < b and tokens[k].pos == "ADJ":
            k += 1
        if k < b and tokens[k].pos in ("NOUN", "PROPN") and tokens[k].feats.get("Number") != "Plur":
            entity = ctx.entity_at(tokens[k].start, tokens[k].end, ("PER",))
            person = ctx.person(entity) if entity is not None else None
            if person is not None:
                agrees = person_gender(person) in (gender, None)
            else:
                agrees = tokens[k].feats.get("Gender") == UD_GENDER[gender]
            if agrees:
                return k
    return None


def _unnamed_source_before(ctx: Context, h: int, since: int) -> int | None:
    """The nearest `источник` of the two sentences before token `h`, after offset `since`
    (the previous quote): the source a later `собеседник` stands for."""
    first = ctx.sent_first[max(0, ctx.sent_of[h] - 2)]
    for j in range(h - 1, first - 1, -1):
        token = ctx.tokens[j]
        if token.start < since:
            break
        if token.pos == "NOUN" and token.lemma in _UNNAMED_SOURCES:
            return j
    return None


def _written_surname(ctx: Context, span, name: list[str]) -> str | None:
    """The span's last word when the text writes it capitalised in the nominative, and
    the words before it as in the canonical `name` (`Аксары Кердпола`, the subject of a
    garbled sentence the tagger read as a nominative, writes no nominative)."""
    last = ctx.tokens[max(ctx.token_before(span.end), 0)]
    before = span.text.lower().split()[:-1]
    if before and before != [w.lower() for w in name[-len(before) - 1 : -1]]:
        return None
    if last.feats.get("Case") == "Nom" and last.text[:1].isupper() and last.end == span.end:
        return last.text
    return None


def display_name(person, ctx: Context, mention) -> str:
    """The person's canonical name without glosses (`Джон Говард (John Howard)`), with the
    surname as the text writes it in the nominative when the canonical one differs only in
    its ending (names the normaliser does not know, `Маэхара`, stay as written)."""
    name = person.name.split("(")[0].strip() or person.name
    words = name.split()
    surname = words[-1].lower()
    written: Counter[str] = Counter()
    form = _written_surname(ctx, mention, words)
    if form is not None:
        written[form] += 1
    # counted once per person, not once per quote: a long interview was quadratic
    if person.id not in ctx.written_surnames:
        forms = (_written_surname(ctx, span, words) for span in person.mentions)
        ctx.written_surnames[person.id] = Counter(f for f in forms if f is not None)
    written.update(ctx.written_surnames[person.id])
    # the canonical surname written as such stands (`Вадим Амстель`, not a misread genitive
    # `Амстеля` the tagger took for a nominative)
    if written and not any(form.lower() == surname for form in written):
        best = max(written, key=written.__getitem__)
        stem = best.lower()[:-2]
        # a stem of three letters at least: a pronoun (`Он`) shares the empty one
        if best.lower() != surname and len(stem) >= 3 and stem == surname[: len(stem)]:
            name = " ".join([*words[:-1], best])
    return name


# A masculine pronoun stands for a neuter noun as well (`агентство …, по его данным`).
_BODY_GENDERS = {"femn": {"Fem"}, "masc": {"Masc", "Neut"}}


def _body_before(ctx: Context, offset: int, gender: str) -> int | None:
    """`Об этом пишет газета "Коммерсант". По ее данным, …`: with no person of its gender
    before it, `её`/`его` stands for the body named by a nominative noun in that sentence
    or the one before (`газета`, `агентство`), or for an unnamed holder of a post
    (`Представитель Министерства … сообщил … . … он заявил`)."""
    i = min(ctx.token_at(offset), len(ctx.tokens) - 1)
    first = ctx.sent_first[max(0, ctx.sent_of[i] - 1)]
    for j in range(i - 1, first - 1, -1):
        token = ctx.tokens[j]
        if (
            (token.lemma in org_words() or token.lemma in role_words())
            and token.feats.get("Case") == "Nom"
            and token.feats.get("Gender") in _BODY_GENDERS[gender]
        ):
            return j
    return None


def _plural_antecedent(ctx: Context, cand: Candidate, offset: int) -> Speaker | None:
    """`они`: the nearest plural subject of the two sentences before (`Врачи … Они
    предупреждают`, `ГИБДД и МЧС опровергли … По их информации`), unless the previous
    quote, with a plural or collective source, comes after it."""
    i = min(ctx.token_at(offset), len(ctx.tokens) - 1)
    here = ctx.sent_of[i]
    a = ctx.sent_first[max(0, here - 2)]
    subject = next((j for j in range(i - 1, a - 1, -1) if _plural_subject(ctx, j)), None)
    previous = cand.extra.get("previous")
    if (
        previous is not None
        and previous.speaker is not None
        and offset - previous.end < 600
        and (previous.speaker.kind != "person" or " и " in previous.speaker.name)
        and (subject is None or ctx.tokens[subject].start < previous.end)
    ):
        return previous.speaker
    if subject is None:
        return None
    pair = _coordinated(ctx, subject) if ctx.tokens[subject].text == "и" else None
    if pair is not None:
        first, last = pair
        name = ctx.text[first.start : last.end]
        return Speaker(
            name=name, kind="organisation", mention=Span(start=first.start, end=last.end, text=name)
        )
    return speaker_from_token(ctx, subject, cand, ctx.sentence_range(subject)[1])


def _plural_subject(ctx: Context, j: int) -> bool:
    """A plural nominative noun (or one counted by a numeral), or the `и` joining two
    named sources before a plural verb (`ГИБДД и МЧС опровергли`)."""
    token = ctx.tokens[j]
    if token.text == "и":
        return _coordinated(ctx, j) is not None
    return (
        token.pos == "NOUN"
        and token.feats.get("Number") == "Plur"
        and (token.feats.get("Case") == "Nom" or _counted(ctx, j))
    )


def _coordinated(ctx: Context, j: int) -> tuple[Entity, Entity] | None:
    """The two organisations joined by the `и` at token `j` as the subject of the plural
    verb after them."""
    tokens = ctx.tokens
    if j == 0 or j + 1 >= len(tokens):
        return None
    first = ctx.entity_at(tokens[j - 1].start, tokens[j - 1].end, ("ORG",))
    last = ctx.entity_at(tokens[j + 1].start, tokens[j + 1].end, ("ORG",))
    if first is None or last is None or last.end != tokens[j + 1].end:
        return None
    k = ctx.token_at(last.end)
    verb = tokens[k] if k < len(tokens) else None
    plural = verb is not None and verb.pos == "VERB" and verb.feats.get("Number") == "Plur"
    return (first, last) if plural else None


def _counted(ctx: Context, j: int) -> bool:
    """Whether the genitive at `j` is counted by a nominative numeral, so the subject
    (`пишут несколько российских СМИ`)."""
    k = j - 1
    while k >= 0 and ctx.tokens[k].pos == "ADJ":
        k -= 1
    return (
        ctx.tokens[j].feats.get("Case") == "Gen"
        and k >= 0
        and ctx.tokens[k].pos == "NUM"
        and ctx.tokens[k].feats.get("Case") == "Nom"
    )


def _same_speaker(ctx: Context, cand: Candidate, gender: str, offset: int) -> Speaker | None:
    """`он`/`она` continuing the previous quote's speaker: when that quote is near, its
    speaker agrees in gender, and no other person is named as a subject in between."""
    previous = cand.extra.get("previous")
    if previous is None or previous.speaker is None or offset - previous.end > 600:
        return None
    speaker = previous.speaker
    if speaker.kind == "person" and speaker.person_id is not None:
        person = ctx.draft.people[speaker.person_id]
        found = person_gender(person)
        if found is not None and found != gender:
            return None
    elif speaker.mention is not None:
        head = ctx.tokens[min(ctx.token_at(speaker.mention.start), len(ctx.tokens) - 1)]
        if head.feats.get("Number") != "Sing" or head.feats.get("Gender") != UD_GENDER[gender]:
            return None
    else:
        return None
    # the subject of a reported clause is as good an antecedent as one after it (`По
    # словам советника, Антуфьев вёл торг … Он считает себя экспертом`); a name inside
    # a direct quote is not
    since = previous.start if previous.kind != "direct" else previous.end
    first = bisect_left(ctx.entity_starts, since)
    for entity in ctx.entities[first : bisect_left(ctx.entity_starts, offset)]:
        if entity.type == "PER":
            token = ctx.tokens[min(ctx.token_at(entity.start), len(ctx.tokens) - 1)]
            other = ctx.person(entity)
            if (
                token.feats.get("Case") == "Nom"
                and (other is None or other.id != speaker.person_id)
                and not listed(ctx, entity)
            ):
                return None
            if (
                speaker.kind != "person"
                and other is not None
                and person_gender(other) == gender
                and entity.start >= previous.end
            ):
                return None  # `В Твиттере шерифа Эда Гонсалеса …`: a man named beats `ученик`
    return speaker


def fuller_namesake(ctx: Context, person):
    """The person a one-word cluster in an oblique case belongs to (`Амстеля` → `Вадим
    Амстель`): a fuller name whose surname shares the stem, when the clustering split
    them."""
    if len(name_parts(person.name)) > 1:
        return person
    word = person.name.lower().replace("ё", "е")
    for other in ctx.draft.people:
        surname = name_parts(other.name)[-1].lower().replace("ё", "е") if other.name else ""
        if (
            other.id != person.id
            and len(name_parts(other.name)) > 1
            and len(surname) >= 4
            and word != surname
            and word[: len(surname) - 1] == surname[:-1]
            and abs(len(word) - len(surname)) <= 2
        ):
            return other
    return person


def person_speaker(person, ctx: Context, mention) -> Speaker:
    """A Speaker for one of draft.people, with their first stated role."""
    person = fuller_namesake(ctx, person)
    # a position with its organisation says more than a bare title (`общественный деятель
    # и проректор Ualikhanov University` → проректор, Ualikhanov University)
    # a link without a title (a workplace alone) gives no position to speak in; an
    # inferred country (a bare `президент` in a text about Russia) is no stated body: the
    # stated role near the quote may still say more, and the post's country is found
    # below; a title the state was cut from keeps it (`Глава государства` → глава, Россия)
    titled = [r for r in person.roles if r.title]
    link = next((r for r in titled if r.organisation and not r.inferred), None) or (
        titled[0] if titled else None
    )
    role, organisation = (
        (link.title, None if link.inferred and is_state_post(link.title) else link.organisation)
        if link
        else (None, None)
    )
    if role is None or organisation is None:
        stated = stated_role(ctx, person, mention.start)
        # the role written at the name with its organisation says more than a bare title
        # linked from elsewhere
        if stated is not None and (role is None or stated[0] == role or stated[1]):
            role, organisation = stated[0], organisation or stated[1]
    if organisation is None and (role is None or is_state_post(role)):
        organisation = person_country(ctx, person, mention.start)
        if organisation is None and role is not None:
            organisation = main_country(ctx)
    return Speaker(
        name=display_name(person, ctx, mention),
        kind="person",
        mention=Span(start=mention.start, end=mention.end, text=mention.text),
        person_id=person.id,
        role=role,
        organisation=organisation,
    )


def stated_role(ctx: Context, person, offset: int) -> tuple[str, str | None] | None:
    """The role (and its organisation) the text writes right before one of the person's
    mentions, the nearest before `offset` first: `заявил министр финансов Антон
    Силуанов`, `Сопредседатель группы «Экозащита!» Владимир Сливяк`."""
    # each mention is read once per document, not once per quote (quadratic in interviews)
    if person.id not in ctx.stated_roles:
        starts = [(m, ctx.token_at(m.start)) for m in person.mentions]
        found = ((m, role_phrase(ctx, role_window(ctx, i), i)) for m, i in starts)
        ctx.stated_roles[person.id] = [(m, role) for m, role in found if role is not None]
    hits = ctx.stated_roles[person.id]
    if not hits:
        return None
    return min(hits, key=lambda hit: (hit[0].start > offset, abs(offset - hit[0].start)))[1]


def _names_next(ctx: Context, j: int) -> bool:
    """Whether a name (in quotation marks or tagged as one) starts at token `j`: the noun
    before it is the organisation's own head (`группы «Экозащита!»`), not the role's."""
    if j >= len(ctx.tokens):
        return False
    token = ctx.tokens[j]
    return token.text in '«"„“' or (
        ctx.entity_at(token.start, token.end, ("ORG", "LOC")) is not None
        and token.text[:1].isupper()
    )


def role_phrase(ctx: Context, a: int, i: int) -> tuple[str, str | None] | None:
    """The first role word of tokens [a, i) with the adjectives before it and the
    genitives after it (`бывший президент`, `председатель правления`), nominative and
    lower case, and the organisation or place named after it (`группы «Экозащита!»`,
    `президент Украины`)."""
    tokens = ctx.tokens
    k = next(
        (j for j in range(a, i) if tokens[j].pos == "NOUN" and tokens[j].lemma in role_words()),
        None,
    )
    if k is None:
        return None
    s = k
    while s > a and tokens[s - 1].pos == "ADJ":
        s -= 1
    e = k + 1
    while (
        e < i
        and tokens[e].pos in ("NOUN", "ADJ")
        and tokens[e].feats.get("Case") == "Gen"
        and tokens[e].text.islower()
        and tokens[e].lemma not in org_words()
        and not ctx.entity_at(tokens[e].start, tokens[e].end, ("ORG", "LOC", "PER"))
        and not _names_next(ctx, e + 1)
    ):
        e += 1
    while e > k + 1 and tokens[e - 1].pos == "ADJ":
        e -= 1  # `министр иностранных` stops before the organisation's adjectives
    # a role is one post, whoever holds it (`официальные представители` → `официальный
    # представитель`)
    role = normal_phrase(ctx.tokens[s:e], ctx.text, "sing").lower()
    after = ctx.tokens[e].start if e < i else ctx.tokens[i - 1].end
    body = ctx.entity_at(after, ctx.tokens[i - 1].end, ("ORG",)) or ctx.entity_at(
        after, ctx.tokens[i - 1].end, ("LOC",)
    )
    return role, body.normal if body is not None else None


def _span(entity) -> Span:
    return Span(start=entity.start, end=entity.end, text=entity.text)
