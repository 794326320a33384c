"""Who said it: a sieve of small rules, first answer wins.

Each rule reads one kind of attribution a finder recorded (a cue clause after a dash, a
colon, a frame, a subject before the cue, an earlier quote) and answers a Speaker, the
sentinel NOBODY (the text names no source: `сообщается, что`), or None (not mine).
The order is the precision order measured on shared/gold/train.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Entity, Span, Speaker
from ..segment import Token
from .context import Candidate, Context, is_nominative
from .coref import PLURAL_PRONOUNS, PRONOUN_GENDER, listed, person_gender
from .indirect import cue_nouns, is_finite, quoting_cues
from .sources import STOP, UD_GENDER, one_of, org_words, source_nouns, speaker_from_token

_MARKS = frozenset('«»"„“”')
_CLAUSE_JOINERS = frozenset({"а", "но", "однако", "зато"})
# Determiners that point or take in everyone rather than count: `Эти считают`, `Все
# говорят` name no source in particular.
_DEMONSTRATIVES = frozenset({"этот", "тот", "такой", "весь", "сам", "свой"})
NOBODY = Speaker(name="-", kind="descriptor")  # a rule's answer "the text names no source"


def _subject_after(ctx: Context, cue: int, b: int, cand: Candidate) -> Speaker | None:
    """The first nominative after the cue (`— сказал министр`), a person preferred."""
    tokens = ctx.tokens
    common = org = quoted = None
    skip_to = cue
    for j in range(cue + 1, b):
        if j <= skip_to:
            continue
        if tokens[j].text == "," and common is None and org is None:
            aside = _date_aside(ctx, j, b)
            if aside is not None:  # `сообщили в воскресенье, 8 июля 2018 года, представители`
                skip_to = aside
                continue
        if tokens[j].text == "(":
            close = next((k for k in range(j + 1, min(b, j + 8)) if tokens[k].text == ")"), None)
            if close is not None:  # `президент Фонда (Human Rights Foundation) Тор Халворссен`
                skip_to = close
                continue
        if tokens[j].text in STOP and tokens[j].text not in {"«", "»", '"'}:
            if common is not None and tokens[j].text == ",":
                named = _name_after_titles(ctx, j + 1, b)
                if named is not None:  # `— заявил актер, продюсер и директор Нейл Харрис`
                    return speaker_from_token(ctx, named, cand, b)
            break
        if tokens[j].lemma == "один" and j + 1 < b and tokens[j + 1].text.lower() == "из":
            return one_of(ctx, j, b)  # `— рассказал "Ъ" один из участников встречи`
        if _quoted_name(ctx, j) and j <= cue + 3:
            quoted = j if quoted is None else quoted
            continue  # `как пояснили "Ъ" в Минэнерго`: the outlet is the addressee
        if not is_nominative(tokens[j]) and tokens[j].feats.get("Case") is not None:
            continue
        if ctx.entity_at(tokens[j].start, tokens[j].end, ("PER",)):
            return speaker_from_token(ctx, j, cand, b)
        if ctx.entity_at(tokens[j].start, tokens[j].end, ("ORG",)):
            org = j if org is None else org
        elif common is None and is_nominative(tokens[j]):
            common = j
    # `сообщил РИА Новости представитель облправительства`: the outlet is the addressee
    if common is None and org is not None:
        # `сообщили РИА Новости в пресс-службе базы`: the outlet is told, the body speaks
        for j in range(org + 1, min(b, org + 4)):
            if tokens[j].text.lower() in {"в", "во"}:
                found = _source_in(ctx, j, b, cand)
                if found is not None:
                    return found
    best = common if common is not None else org
    if best is not None:
        return speaker_from_token(ctx, best, cand, b)
    for j in range(cue + 1, min(b, cue + 5)):
        if tokens[j].text.lower() in _SOURCE_PLACE:
            found = _source_in(ctx, j, b, cand)
            if found is not None:
                return found
    # `как сообщал "Ъ"`: the quoted outlet is the subject after all
    return speaker_from_token(ctx, quoted, cand, b) if quoted is not None else None


# How many tokens a date set off by commas may have (`, 8 июля 2018 года,`).
_DATE_LENGTH = 6


def _date_aside(ctx: Context, j: int, b: int) -> int | None:
    """The closing comma of a date set off by commas after the comma at `j`: numbers,
    genitive nouns (the month) and `года`, one number at least."""
    for k in range(j + 2, min(b, j + 2 + _DATE_LENGTH)):
        if ctx.tokens[k].text == ",":
            inside = ctx.tokens[j + 1 : k]
            dated = all(
                t.text.isdigit()
                or t.lemma == "год"
                or (t.pos == "NOUN" and t.feats.get("Case") == "Gen")
                for t in inside
            )
            return k if dated and any(t.text.isdigit() for t in inside) else None
    return None


def _name_after_titles(ctx: Context, j: int, b: int) -> int | None:
    """The person a list of titles runs up to (`продюсер и директор Нейл Патрик Харрис`),
    from token `j`: nominative nouns and their adjectives, `и` and commas, then a name."""
    tokens = ctx.tokens
    for k in range(j, min(b, j + 8)):
        token = tokens[k]
        if ctx.entity_at(token.start, token.end, ("PER",)) and is_nominative(token):
            return k if k > j else None
        title = token.pos in ("NOUN", "ADJ") and is_nominative(token)
        if not (title or token.text in {",", "и"}):
            return None
    return None


# `сообщили в МВД`, `на сайте …`, `сообщили из федеральной прокуратуры`
_SOURCE_PLACE = frozenset({"в", "во", "на", "из"})
# How many tokens before a plural cue `в МВД` may open (`В пресс-службе ГИМ журналистам
# ИА Красная Весна также сообщили`).
_SOURCE_PLACE_REACH = 9


def _source_in(ctx: Context, a: int, b: int, cand: Candidate) -> Speaker | None:
    """`говорится в заявлении НВО`, `сообщается на сайте Верховной Рады`: the genitive
    after a document word; `сообщили в МВД`: the body itself."""
    tokens = ctx.tokens
    if a + 1 < b and tokens[a].text.lower() in _SOURCE_PLACE:
        first = tokens[a + 1]
        if first.lemma in cue_nouns() and all(t.pos == "ADV" for t in tokens[a + 2 : b]):
            # `В сообщении (также) говорится`: no owner named, the body quoted last (a
            # person's words are no publication)
            previous = cand.extra.get("previous")
            speaker = previous.speaker if previous is not None else None
            return speaker if speaker is not None and speaker.kind == "organisation" else None
        if first.lemma in org_words() or ctx.entity_at(first.start, first.end, ("ORG",)):
            return speaker_from_token(ctx, a + 1, cand, b)  # `сообщили в пресс-службе МВД`
        for j in range(a + 2, min(b, a + 6)):
            named = ctx.entity_at(tokens[j].start, tokens[j].end, ("ORG",))  # `Roem.ru`: X
            if (tokens[j].pos in ("NOUN", "PROPN") or named) and tokens[j].text not in STOP:
                return speaker_from_token(ctx, j, cand, b)
    return None


def _quoted_name(ctx: Context, j: int) -> bool:
    """A one-word name in quotation marks (`"Ъ"`), the outlet a source talks to."""
    tokens = ctx.tokens
    return 0 < j < len(tokens) - 1 and tokens[j - 1].text in _MARKS and tokens[j + 1].text in _MARKS


def _dependent_name(ctx: Context, j: int) -> bool:
    """A name that only names the noun before it (`организации «Справедливость»`, `газета
    «Труд»`): not a subject unless that noun is one."""
    k = j - 1
    while k >= 0 and ctx.tokens[k].text in _MARKS:
        k -= 1
    if k == j - 1 or k < 0:
        return False
    before = ctx.tokens[k]
    return before.pos == "NOUN" and before.feats.get("Case") not in (None, "Nom")


def _addressee(ctx: Context, entity: Entity) -> bool:
    """A name right after a noun in the dative names whom a source spoke to, not the
    source (`В пресс-службе ГИМ журналистам ИА Красная Весна сообщили`); not after a
    preposition's dative (`директор НАСА по космическим полётам Билл Герстенмайер`)."""
    i = ctx.token_at(entity.start) - 1
    if i < 0 or ctx.tokens[i].pos != "NOUN" or ctx.tokens[i].feats.get("Case") != "Dat":
        return False
    i -= 1
    while i >= 0 and ctx.tokens[i].pos == "ADJ":
        i -= 1
    return i < 0 or ctx.tokens[i].pos != "ADP"


def _antecedent(ctx: Context, j: int, a: int) -> int | None:
    """The noun a relative `который` at token `j` stands for: the last noun (or name)
    before the comma that opens its clause."""
    k = j - 1
    if k < a or ctx.tokens[k].text != ",":
        return None
    nouns = [
        i for i in range(k - 1, max(a, k - 4) - 1, -1) if ctx.tokens[i].pos in ("NOUN", "PROPN")
    ]
    # the one `который` agrees with in gender and number (`представителя американского
    # правительства, который заявил`: the representative, not the government)
    agreeing = [i for i in nouns if _agrees(ctx.tokens[i], ctx.tokens[j])]
    return (agreeing or nouns or [None])[0]


def _agrees(noun: Token, relative: Token) -> bool:
    """Whether a noun and a relative pronoun agree in number and (singular) gender."""
    number = relative.feats.get("Number")
    if number is not None and noun.feats.get("Number") not in (None, number):
        return False
    gender = relative.feats.get("Gender")
    return number == "Plur" or gender is None or noun.feats.get("Gender") in (None, gender)


def _apposed_name(ctx: Context, h: int, a: int) -> int | None:
    """The name a common-noun subject is set after (`Андрей Столбунов, председатель
    правления … уверен`): a nominative person just before the comma before it."""
    k = h - 1
    while k >= a and ctx.tokens[k].pos == "ADJ":
        k -= 1
    if k < a or ctx.tokens[k].text != ",":
        return None
    for j in range(k - 1, max(a, k - 4) - 1, -1):
        token = ctx.tokens[j]
        entity = ctx.entity_at(token.start, token.end, ("PER",))
        if (
            entity is not None
            and token.feats.get("Case") in (None, "Nom")
            and not listed(ctx, entity)  # `имена — Алёша и Соня, она отмечала`
        ):
            return j
    return None


def _as_named(token: Token, entity: Entity | None) -> bool:
    """A surname written as the name's own nominative (`Бекенбауэр свой интерес …`, which
    the tagger read as a dative): the nominative, whatever case the tagger gave."""
    return entity is not None and entity.type == "PER" and token.text == entity.normal.split()[-1]


def _fronted_name(ctx: Context, j: int, a: int, entity) -> bool:
    """A name opening its sentence right before a verb, or written as its own nominative,
    is its subject whatever case the tagger gave it (`Рено санкционировала …, и позднее
    назвала`; `Бекенбауэр свой интерес … облекал … и ссылался`)."""
    return (
        entity is not None
        and entity.type == "PER"
        and j == a
        and j + 1 < len(ctx.tokens)
        and (ctx.tokens[j + 1].pos == "VERB" or _as_named(ctx.tokens[j], entity))
    )


def _indefinite(token: Token) -> bool:
    """A plural finite verb (`обвиняют`, `сообщили`): with no subject of its own it says
    that someone unnamed did it."""
    feats = token.feats
    return (
        feats.get("Number") == "Plur"
        and feats.get("VerbForm") == "Fin"
        and feats.get("Person") in (None, "3")
        and feats.get("Mood") != "Imp"
    )


def _other_gender(ctx: Context, entity: Entity, cue: int) -> bool:
    """Whether the person named by `entity` is of the other gender than the past-tense
    singular cue (`сообщил` of `Дженнифер Лопес`), so not its subject."""
    verb = ctx.tokens[cue].feats
    if entity.type != "PER" or verb.get("Number") != "Sing" or verb.get("Gender") is None:
        return False
    person = ctx.person(entity)
    gender = person_gender(person) if person is not None else None
    return gender is not None and UD_GENDER.get(gender) != verb["Gender"]


def _disagrees(ctx: Context, j: int, cue: int, a: int) -> bool:
    """Whether the one person at token `j` cannot be the subject of a plural cue: `Смилянца
    обвиняют`, `ученик школы, его подозревают` (someone unnamed accuses him), unless
    coordinated (`Иванов и Петров заявили`, `Иванов с коллегами считают`) or a nominative
    in the cue's own clause (`один из адвокатов — Оксана Михалкина заявили`, a typo)."""
    token = ctx.tokens[j]
    if not _indefinite(ctx.tokens[cue]) or token.feats.get("Number") != "Sing":
        return False
    if token.pos not in ("NOUN", "PROPN", "PRON") or token.feats.get("Animacy") == "Inan":
        return False
    if token.feats.get("Case") in (None, "Nom") and all(t.text != "," for t in ctx.tokens[j:cue]):
        return False  # a nominative right before its verb is its subject, agreeing or not
    words = [t.text.lower() for t in ctx.tokens[max(a, j - 4) : cue]]
    return not {"и", "с", "со", "вместе"} & set(words)


def _subject_before(ctx: Context, cue: int, a: int, cand: Candidate) -> Speaker | None:
    """The subject before the cue in its clause (`Он отметил, что`): the nearest
    nominative, except that a name before a comma-enclosed apposition wins over a noun
    inside it (`Бардо, известная как активистка …, заявила`); `который` stands for the
    noun before it; past `…, однако` only a name or pronoun is taken (`Она не знает …,
    однако уверена`); `в МВД сообщили` names the organisation; a nominative adjective
    stands for its people (`оставшиеся в живых утверждали`)."""
    tokens = ctx.tokens
    found: list[tuple[int, int]] = []  # (token, commas between it and the cue)
    commas = depth = 0
    crossed = verb_before = False
    adjective = None
    previous = cand.extra.get("previous")
    for j in range(cue - 1, a - 1, -1):
        token = tokens[j]
        word = token.text.lower()
        if token.start < cand.end and token.end > cand.start:
            break
        if (
            previous is not None
            and previous.attribution.how == "before"
            and a <= (previous.attribution.cue_token or -1)
            and previous.start <= token.start < previous.end
        ):
            # `Политик заявил, что … Сальвини осудили …, однако напомнил, что …`: the verb
            # after a quote of its sentence shares that quote's subject, not one inside it
            if not found and previous.speaker is not None:
                return previous.speaker
            break
        depth += (word == ")") - (word == "(")
        if depth > 0 or word == "(":
            continue  # `Джон Говард (John Howard) сказал`: glosses are not subjects
        if word == ";":
            break
        if (
            word == ","
            and j + 2 <= cue
            and tokens[j + 1].text.lower() in _CLAUSE_JOINERS
            and tokens[j + 2].text != ","
        ):
            if found:
                break
            crossed = True  # the subject, if any, is shared with the clause before
            verb_before = False
        if crossed and is_finite(token):
            verb_before = True
        commas += word == ","
        if token.lemma == "который" and token.feats.get("Case") in (None, "Nom") and not found:
            antecedent = _antecedent(ctx, j, a)
            if antecedent is not None:  # `обозревателей, которые предсказывали`
                return speaker_from_token(ctx, antecedent, cand, cue)
            continue
        if token.lemma == "который" and not found and commas == 0 and _indefinite(tokens[cue]):
            break  # `журналисты, которых обвиняли`: the cue's object; no subject before it
        entity = ctx.entity_at(token.start, token.end, ("PER", "ORG"))
        case = token.feats.get("Case")
        if not found and commas == 0 and not crossed and _counts(ctx, j, cue):
            # `Несколько розничных торговых сетей объявили`, `Некоторые считают`
            return _phrase_speaker(ctx, j, cue)
        if _quoted_name(ctx, j) and j >= cue - 3 and j - 1 > a:
            continue  # `В уфимской мэрии "Ъ" сообщили`; not `"Ведомости" также писали`
        if entity is not None and entity.type == "ORG" and _dependent_name(ctx, j):
            continue
        if entity is not None and _addressee(ctx, entity):
            continue
        if entity is not None and commas == 0 and _other_gender(ctx, entity, cue):
            continue  # `Представитель Лопес сообщил`: a woman's name, a masculine verb
        if crossed and not (entity is not None and entity.type == "PER") and token.pos != "PRON":
            continue
        if crossed and not verb_before and entity is not None:
            continue  # `Каспаров … отказался назвать фаворита в матче Топалов — Крамник, но
            # сказал`: a name after the shared clause's verb is its object, not its subject
        if (
            is_nominative(token)
            or (entity is not None and case in (None, "Nom"))
            or _fronted_name(ctx, j, a, entity)
        ) and not _disagrees(ctx, j, cue, a):
            found.append((j, commas))
            if (entity is not None and entity.type == "PER") or commas == 0:
                break
        elif (
            adjective is None
            and case == "Nom"
            and token.pos in ("ADJ", "VERB")
            and (j + 1 < len(tokens) and tokens[j + 1].pos not in ("NOUN", "PROPN", "ADJ"))
        ):
            adjective = j
    if found:
        # a name wins; else the subject outside an apposition or participial phrase
        # (`Врачи, прооперировавшие …, говорят`), i.e. the leftmost one found
        named = [j for j, _ in found if ctx.entity_at(tokens[j].start, tokens[j].end, ("PER",))]
        named += [
            j
            for j, _ in found
            if tokens[j].pos == "PROPN" or ctx.entity_at(tokens[j].start, tokens[j].end, ("ORG",))
        ]
        if named:
            return speaker_from_token(ctx, named[0], cand, cue)
        head = found[-1][0]
        name = _apposed_name(ctx, head, a)
        return speaker_from_token(ctx, head if name is None else name, cand, cue)
    for j in range(cue - 1, max(a, cue - _SOURCE_PLACE_REACH) - 1, -1):
        if tokens[j].text.lower() not in {"в", "во"} or j + 1 >= cue:
            continue
        k = j + 1 + (tokens[j + 1].text in _MARKS and j + 2 < cue)  # `в «Forbes» утверждали`
        if (
            ctx.entity_at(tokens[k].start, tokens[k].end, ("ORG",))
            or tokens[k].lemma in org_words()
            or tokens[k + 1 - (k + 1 >= cue)].lemma in org_words()
        ):  # `в МВД сообщили`, `в комитете образования пояснили`
            h = k if tokens[k].pos in ("NOUN", "PROPN", "X") else min(k + 1, cue - 1)
            return speaker_from_token(ctx, h, cand, cue)
        place = ctx.entity_at(tokens[k].start, tokens[k].end, ("LOC",))
        if place is not None and j + 2 == cue and _indefinite(tokens[cue]):
            # `в Иране считают`: the place right before a subjectless plural cue speaks
            return Speaker(name=place.normal, kind="organisation", mention=_as_span(place))
    if adjective is not None and not crossed:
        end = adjective + 1
        while end < cue and tokens[end].text not in STOP and not ctx.cue[end]:
            end += 1
        return _phrase_speaker(ctx, adjective, end)
    return None


def _phrase_speaker(ctx: Context, a: int, b: int) -> Speaker:
    """An unnamed source described by tokens [a, b) as the text writes them."""
    start, end = ctx.tokens[a].start, ctx.tokens[b - 1].end
    text = ctx.text[start:end]
    return Speaker(name=text, kind="descriptor", mention=Span(start=start, end=end, text=text))


def _counts(ctx: Context, j: int, cue: int) -> bool:
    """Whether token `j` opens a counted subject that runs up to a plural cue: a
    nominative numeral with its genitive phrase (`Несколько розничных торговых сетей`,
    `Двое из преступников`) or a quantifying determiner alone (`Некоторые считают`)."""
    tokens = ctx.tokens
    token = tokens[j]
    if token.feats.get("Case") != "Nom" or tokens[cue].feats.get("Number") != "Plur":
        return False
    if token.pos == "DET":
        return j + 1 == cue and token.lemma not in _DEMONSTRATIVES
    if token.pos != "NUM":
        return False
    rest = tokens[j + 1 : cue]
    if rest and rest[0].text.lower() == "из":
        rest = rest[1:]
    genitive = all(t.pos in ("ADJ", "NOUN") and t.feats.get("Case") == "Gen" for t in rest)
    return genitive and any(t.pos == "NOUN" for t in rest)


# --- the sieve ------------------------------------------------------------------------


def speaker_impersonal(cand: Candidate, ctx: Context) -> Speaker | None:
    """`Сообщается, что …`, `как сообщалось`: nobody, unless a document's owner is named."""
    att = cand.attribution
    if att.cue_token is None:
        return None
    if att.how == "before" and _passive(ctx.tokens[att.cue_token]):
        # `В заявлении Нобелевского комитета было сказано, что`: a passive names the owner
        # of the document it cites (not a place: `проведённой в Вашингтоне экспертизы`)
        cue = att.cue_token
        a, _ = ctx.sentence_range(cue)
        for j in range(max(a, cue - 8), cue - 1):
            if ctx.tokens[j].text.lower() in {"в", "во"} and ctx.tokens[j + 1].lemma in cue_nouns():
                return _source_in(ctx, j, cue, cand)
        return None
    if att.how != "impersonal":
        return None
    return _report_owner(ctx, att.cue_token, cand) or NOBODY


def _passive(token: Token) -> bool:
    """A short passive participle (`сказано`, `заявлено`)."""
    feats = token.feats
    return feats.get("VerbForm") == "Part" and feats.get("Voice") == "Pass" and token.pos == "VERB"


def _report_owner(ctx: Context, cue: int, cand: Candidate) -> Speaker | None:
    """Whose document an impersonal report at token `cue` quotes: `со ссылкой на источник
    в Генштабе сообщалось`, `В заявлении МИД говорится`, `Как сообщается на сайте
    Верховной Рады` (a frame's cue token is its `как`, so the place may come one word
    after the verb); None when the sentence names no one."""
    a, b = ctx.sentence_range(cue)
    for j in range(a, cue - 2):
        if ctx.tokens[j].lemma == "ссылка" and ctx.tokens[j + 1].text.lower() == "на":
            return speaker_from_token(ctx, j + 2, cand, cue)
    for j in range(max(a, cue - 8), cue):
        found = _source_in(ctx, j, cue, cand)
        if found is not None:
            return found
    after = (_source_in(ctx, j, b, cand) for j in range(cue + 1, min(b, cue + 3)))
    found = next((found for found in after if found is not None), None)
    if found is not None:
        return found
    # `В сообщении Белого дома, выпущенном в воскресенье, 1 мая 2016 года, говорится:`:
    # a document word further back, past a participle and a date
    for j in range(max(a, cue - _FAR_DOCUMENT), max(a, cue - 8)):
        if ctx.tokens[j + 1].lemma in cue_nouns():
            found = _source_in(ctx, j, cue, cand)
            if found is not None:
                return found
    return None


# How far back from an impersonal cue the document it quotes may be named.
_FAR_DOCUMENT = 16


def speaker_quoted(cand: Candidate, ctx: Context) -> Speaker | None:
    """`— процитировал Амстеля собеседник агентства`, `— приводит Reuters слова
    представителя генсека ООН`: the person whose words are passed on."""
    att = cand.attribution
    if att.how != "after" or att.cue_token is None or att.region is None:
        return None
    if ctx.tokens[att.cue_token].lemma not in quoting_cues():
        return None
    tokens = ctx.tokens
    _, b = att.region
    for j in range(att.cue_token + 1, b):
        if tokens[j].lemma == "слово" and j + 1 < b:
            for k in range(j + 1, min(b, j + 5)):
                if tokens[k].pos in ("NOUN", "PROPN"):
                    return speaker_from_token(ctx, k, cand, _subject_start(ctx, k + 1, b))
        if tokens[j].feats.get("Case") in ("Acc", "Gen") and ctx.entity_at(
            tokens[j].start, tokens[j].end, ("PER",)
        ):
            return speaker_from_token(ctx, j, cand, b)
    return None


def speaker_after_cue(cand: Candidate, ctx: Context) -> Speaker | None:
    """`«…», — сказал Есенбаев`, `…, сообщил представитель облправительства`."""
    att = cand.attribution
    if att.how != "after" or att.cue_token is None or att.region is None:
        return None
    a, b = att.region
    found = _subject_after(ctx, att.cue_token, b, cand)
    return found or _subject_before(ctx, att.cue_token, a, cand)


def _subject_start(ctx: Context, k: int, b: int) -> int:
    """Where a name in the nominative starts in [k, b), or b: after the object of a citing
    verb it is the subject (`цитирует слова руководителя палаты РИА Новости`: the outlet
    is no part of the one quoted)."""
    tokens = ctx.tokens
    for i in range(k, b):
        named = ctx.entity_at(tokens[i].start, tokens[i].end, ("ORG", "PER"))
        if named is not None and tokens[i].feats.get("Case") == "Nom":
            return max(k, ctx.token_at(named.start))  # `РИА Новости`: `Новости` is Nom
    return b


def speaker_before_colon(cand: Candidate, ctx: Context) -> Speaker | None:
    """`Председатель Правления КИОР Асылбек Есенбаев: «…»`, `Он сказал: «…»`."""
    att = cand.attribution
    if att.how != "colon" or att.region is None:
        return None
    previous = cand.extra.get("previous")
    if (
        previous is not None
        and previous.kind != "direct"
        and previous.speaker is not None
        and not ctx.text[previous.end : cand.start].strip(" :'«„“\"\u00a0\n\r")
    ):
        # `По словам актрисы, власти не отвечают …: «Я больше не поддерживаю …»`: the
        # report the colon ends goes on in the speaker's own words
        return previous.speaker
    a, b = att.region
    if att.cue_token is not None and ctx.impersonal[att.cue_token]:
        # `В заявлении МИД России говорится: «…»`
        return _report_owner(ctx, att.cue_token, cand)
    if att.cue_token is not None:
        return _subject_before(ctx, att.cue_token, a, cand) or _subject_after(
            ctx, att.cue_token, b, cand
        )
    tokens = ctx.tokens
    clause = any(t.pos in ("VERB", "AUX") or t.text in "—–" for t in tokens[a:b])
    for j in range(a, b):  # the clause's subject: its first nominative name or pronoun
        named = ctx.entity_at(tokens[j].start, tokens[j].end, ("PER", "ORG"))
        if (named or tokens[j].pos == "PRON") and (
            tokens[j].feats.get("Case") in (None, "Nom") or _as_named(tokens[j], named)
        ):
            if tokens[j].lemma == "который" and (k := _antecedent(ctx, j, a)) is not None:
                if any(ctx.cue[i] or tokens[i].lemma in cue_nouns() for i in range(j, b)):
                    # `Бекенбауэра, который отшучивается словами:`: the relative speaks
                    return speaker_from_token(ctx, k, cand, b)
                continue  # `с подругой Райсой, которая стала её донором:`: not the source
            return speaker_from_token(ctx, j, cand, b)
    if clause:
        return None  # `… — это иллюзия: «…»`: no source here, the previous quote's may do
    for j in range(a, b):  # a bare noun phrase naming a person: `Слова Сагдеева из интервью:`
        if ctx.entity_at(tokens[j].start, tokens[j].end, ("PER",)):
            return speaker_from_token(ctx, j, cand, b)
    for j in range(b - 1, a - 1, -1):  # a bare noun phrase: `Пресс-служба МВД: «…»`
        if tokens[j].pos in ("NOUN", "PROPN"):
            return speaker_from_token(ctx, j, cand, b)
    return None


def speaker_signature(cand: Candidate, ctx: Context) -> Speaker | None:
    """`— Татьяна Скригонюк, заместитель начальника пресс-службы` under a block quote."""
    att = cand.attribution
    if att.how != "signature" or att.region is None:
        return None
    a, b = att.region
    for j in range(a, b):
        if ctx.entity_at(ctx.tokens[j].start, ctx.tokens[j].end, ("PER", "ORG")):
            return speaker_from_token(ctx, j, cand, b)
    return None


def speaker_in_frame(cand: Candidate, ctx: Context) -> Speaker | None:
    """`по словам Ивана Петрова`, `по его мнению`, `как сообщил источник`."""
    att = cand.attribution
    if att.how != "frame" or att.region is None:
        return None
    a, b = att.region
    tokens = ctx.tokens
    for j in range(a, b):
        if tokens[j].text.lower() in PRONOUN_GENDER or tokens[j].text.lower() in PLURAL_PRONOUNS:
            return speaker_from_token(ctx, j, cand, b)  # `по его словам`, `по их словам`
    for j in range(a, b):
        if ctx.entity_at(tokens[j].start, tokens[j].end, ("PER",)):
            return speaker_from_token(ctx, j, cand, b)
    for j in range(a, b - 1):
        if tokens[j].lemma == "один" and tokens[j + 1].text.lower() == "из":
            return one_of(ctx, j, b)  # `по словам одного из советников губернатора`
    for j in range(a, b - 1):
        owner = ctx.entity_at(tokens[j + 1].start, tokens[j + 1].end, ("ORG",))
        lemma = tokens[j].lemma
        if owner is not None and (lemma in cue_nouns() or lemma in source_nouns()):
            # `Согласно докладу ФАО`: an organisation's statement speaks for it
            return speaker_from_token(ctx, j + 1, cand, b)
    for j in range(a, b):
        if (tokens[j].pos in ("NOUN", "PROPN") or _foreign_name(tokens[j])) and not ctx.cue[j]:
            # a noun that cannot speak (`Согласно предварительным данным`) names no one: the
            # quote is not the previous speaker's
            return speaker_from_token(ctx, j, cand, b) or NOBODY
        if ctx.entity_at(tokens[j].start, tokens[j].end, ("ORG",)):
            return speaker_from_token(ctx, j, cand, b)  # `По данным Global Times`
    return NOBODY


def _as_span(entity: Entity) -> Span:
    return Span(start=entity.start, end=entity.end, text=entity.text)


def _foreign_name(token: Token) -> bool:
    """A word in Latin letters the tagger gives no part of speech (`The Wall Street
    Journal`, `comScore`): a name, as a source (`По данным The Wall Street Journal`)."""
    return token.pos == "X" and token.text[:1].isascii() and token.text[:1].isalpha()


def speaker_of_gerund_host(cand: Candidate, ctx: Context) -> Speaker | None:
    """`…, сообщило агентство MAP, добавив, что …`: a gerund's subject is the speaker of
    the quote before it in the same sentence."""
    att = cand.attribution
    if att.cue_token is None or ctx.tokens[att.cue_token].feats.get("VerbForm") != "Conv":
        return None
    host = cand.extra.get("previous")
    if host is None or host.speaker is None:
        return None
    if ctx.sent_of[ctx.token_at(host.start)] != ctx.sent_of[att.cue_token]:
        return None
    return host.speaker


def speaker_subject_of_cue(cand: Candidate, ctx: Context) -> Speaker | None:
    """`Он отметил, что …`, `эксперты также отметили, что …`."""
    att = cand.attribution
    if att.how != "before" or att.cue_token is None:
        return None
    a, _ = ctx.sentence_range(att.cue_token)
    found = _subject_before(ctx, att.cue_token, a, cand)
    if found is None and _indefinite(ctx.tokens[att.cue_token]):
        return NOBODY  # `Насира обвинили в том, что`: someone unnamed, not the last speaker
    return found


def speaker_of_followed(cand: Candidate, ctx: Context) -> Speaker | None:
    """A quote continuing an attributed one has its speaker."""
    return cand.follows.speaker if cand.follows is not None else None


Rule = Callable[[Candidate, Context], "Speaker | None"]
SPEAKER_SIEVE: list[Rule] = [
    speaker_impersonal,
    speaker_quoted,
    speaker_after_cue,
    speaker_before_colon,
    speaker_signature,
    speaker_in_frame,
    speaker_of_gerund_host,
    speaker_subject_of_cue,
    speaker_of_followed,
]


def attribute(cands: list[Candidate], ctx: Context) -> None:
    """Run the sieve over candidates in text order; a quote no rule answers inherits the
    speaker of the previous quote in its sentence or paragraph (`добавив, что`, `они`)."""
    previous: Candidate | None = None
    for cand in sorted(cands, key=lambda c: c.start):
        cand.extra["previous"] = previous
        for rule in SPEAKER_SIEVE:
            found = rule(cand, ctx)
            if found is not None:
                cand.speaker = None if found is NOBODY else found
                cand.rule = rule.__name__
                break
        else:
            if previous is not None and previous.speaker is not None and _near(ctx, previous, cand):
                cand.speaker, cand.rule = previous.speaker, "speaker_of_previous_quote"
        previous = cand


def _near(ctx: Context, a: Candidate, b: Candidate) -> bool:
    """Whether quote `b` follows `a` closely enough to be the same voice: under 300
    characters and at most two paragraph breaks apart (a blank line between paragraphs is
    one break), unless `b`'s cue has an agent of its own that is nobody in particular."""
    if b.start - a.end >= 300 or _impersonal_cue(ctx, b):
        return False
    breaks = len(_PARAGRAPH_BREAK.findall(ctx.text, a.end, b.start))
    # `Ему сообщили, что` (someone told him) in a paragraph of its own; in the same
    # paragraph a plural cue goes on with the plural source before (`…, добавили они`)
    return breaks == 0 or (breaks <= 2 and not _plural_cue(ctx, b))


def _impersonal_cue(ctx: Context, cand: Candidate) -> bool:
    """`Было заявлено, что`, `Хочется отметить, что`, `слухи, что`: a passive, an
    infinitive or a noun of speech with no owner reports nobody's words in particular."""
    i = cand.attribution.cue_token
    if i is None:
        return False
    token = ctx.tokens[i]
    return (
        token.pos == "NOUN"
        or token.feats.get("VerbForm") == "Inf"
        or (token.feats.get("VerbForm") == "Part" and token.feats.get("Variant") == "Short")
    )


def _plural_cue(ctx: Context, cand: Candidate) -> bool:
    i = cand.attribution.cue_token
    feats = ctx.tokens[i].feats if i is not None else {}
    return feats.get("Number") == "Plur" and feats.get("VerbForm") == "Fin"


_PARAGRAPH_BREAK = re.compile(r"\n\s*")
