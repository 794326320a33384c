"""Normal (nominative) forms of entity mentions, through pymorphy3 and slovnet's case.

slovnet reads each token's case and gender in context; pymorphy3 only knows the word, and
for the Kazakh and other foreign names of our news it guesses. So the case and gender
come from slovnet (agreed across the whole name), and pymorphy3 is asked only for a form
that agrees with them; surnames it does not know are put in the nominative by their
Slavic surname endings, and what fits none of these stays as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pymorphy3.analyzer import Parse

from .morph import UD_CASE, inflect, parses, pos_and_case
from .segment import Token

# An abbreviation with a Russian case ending glued on: КИОРа, МВД-шники, ООНом.
_ABBR_WITH_ENDING = re.compile(r"^([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,})(-?[а-яё]{1,3})$")
_NAME_TAGS = ("Name", "Surn", "Patr")
_UD_GENDER = {"Masc": "masc", "Fem": "femn"}
_LETTER = "а-яёәғқңөұүһі"
# Surnames in -ов/-ев/-ин/-ын with an oblique ending: Есенбаевым, Жұмағұлова, Айкеновой.
_SURNAME_MASC = re.compile(rf"^(.*[{_LETTER}](?:ов|ев|ёв|ин|ын))(?:а|у|ым|е)$", re.IGNORECASE)
_SURNAME_FEMN = re.compile(rf"^(.*[{_LETTER}](?:ов|ев|ёв|ин|ын))(?:ой|у)$", re.IGNORECASE)
_INDECLINABLE_ENDINGS = ("у", "ю", "о", "и", "е", "ё", "э")
_SURNAME_NOMINATIVE = re.compile(rf"[{_LETTER}]{{2}}(?:ов|ев|ёв|ин|ын)$", re.IGNORECASE)
# A masculine name on a consonant with an oblique ending: Асылбека, Байтуку, Нурланом.
_MASC_NAME_ENDINGS = {"gent": "а", "accs": "а", "datv": "у", "ablt": "ом", "loct": "е"}
_CONSONANT = re.compile(rf"[{_LETTER}]*[бвгджзклмнпрстфхцчшщғқңһ]$", re.IGNORECASE)


def strip_abbreviation_ending(word: str) -> str:
    """`КИОРа` → `КИОР`."""
    match = _ABBR_WITH_ENDING.match(word)
    return match.group(1) if match else word


def token_case(token: Token) -> str | None:
    """pymorphy3's name of the case slovnet read for a token."""
    return UD_CASE.get(token.feats.get("Case", ""))


@lru_cache(maxsize=50_000)
def _name_parses(word: str, gender: str | None = None) -> tuple[Parse, ...]:
    """A word's readings as a name (first name, surname, patronymic), of one gender if
    given (cached: each name is read many times, by each gender)."""
    return tuple(
        p
        for p in parses(word)
        if (gender is None or gender in p.tag) and any(tag in p.tag for tag in _NAME_TAGS)
    )


def name_gender(tokens: list[Token]) -> str | None:
    """masc or femn for a whole name, agreed across its words: each word votes for the
    genders its name-dictionary readings allow, twice for a reading in the case slovnet
    read, and slovnet's own (less sure, for foreign names) gender adds one vote."""
    votes = {"masc": 0, "femn": 0}
    for token in tokens:
        if not token.text[:1].isupper():
            continue
        case = token_case(token)
        for gender in votes:
            readings = _name_parses(token.text, gender)
            in_case = any(pos_and_case(p.tag)[1] == case for p in readings)
            votes[gender] += bool(readings) + 2 * in_case
        slovnet = _UD_GENDER.get(token.feats.get("Gender", ""))
        if slovnet:
            votes[slovnet] += 1
        if _SURNAME_FEMN.match(token.text) and token.text.endswith("ой"):
            votes["femn"] += 3  # Назарбаевой is never a man's name
    if votes["masc"] == votes["femn"]:
        return None
    return max(votes, key=votes.__getitem__)


def nominative_name_part(token: Token, gender: str | None) -> str:
    """One part of a person's name in the nominative: `Есенбаевым` → `Есенбаев`."""
    word = token.text
    if not word[:1].isupper() or word.endswith("."):
        return word  # lower-case particles (ибн, де) and initials
    case = token_case(token)
    # one person's name is singular and no address: `Харальд`, `Ир` are no genitive plurals
    # (nor `Ир` the vocative) of `Харальда`, `Ира` (which gave `Харальды V`, `Ким Иры Сен`)
    readings = [p for p in _name_parses(word) if p.tag.number != "plur" and p.tag.case != "voct"]
    if (
        case == "nomn"
        and readings
        and not any(p.tag.case == "nomn" for p in readings)
        and not word.lower().endswith(_INDECLINABLE_ENDINGS)
    ):
        # slovnet says nominative, yet the dictionary knows only other cases (`Амстеля`);
        # a name ending in -у, -о, -и, -е is a foreign one that does not decline
        # (`Криштиану Роналду забил`, not `Роналда`)
        case = None
    if case == "nomn" or (gender == "masc" and _SURNAME_NOMINATIVE.search(word)):
        # `Олег Тактаров`, whatever case the tagger read: -ов, -ин is a man's nominative
        return word
    if "-" in word:
        parts = [Token(0, 0, part, token.pos, token.feats) for part in word.split("-")]
        return "-".join(nominative_name_part(part, gender) for part in parts)
    surname = _SURNAME_FEMN.match(word) if gender == "femn" else _SURNAME_MASC.match(word)
    if surname and (case is not None or gender == "femn"):
        return surname.group(1) + ("а" if gender == "femn" else "")
    in_case = [p for p in readings if case is None or p.tag.case == case]
    # no reading in slovnet's case (it reads `Локхарту` as genitive): the dictionary's own
    for parse in in_case or [p for p in readings if p.tag.case != "nomn"]:
        if gender is None or gender in parse.tag or "ms-f" in parse.tag:
            form = inflect(parse, {"nomn", gender} if gender else {"nomn"}) or inflect(
                parse, {"nomn"}
            )
            if form:
                return _restore_case(word, form.word)
    ending = _MASC_NAME_ENDINGS.get(case or "", "")
    if gender != "femn" and ending and word.lower().endswith(ending):
        stem = word[: -len(ending)]
        if len(stem) > 1 and _CONSONANT.match(stem):  # `Епа` → `Еп` (Хван Чжан Еп)
            return stem
    return word  # unknown (Kazakh, foreign) names stay as written: guessing harms more


def normal_person(tokens: list[Token], text: str) -> str:
    """`Асылбека Есенбаева` → `Асылбек Есенбаев`, `Дина Айкенова` stays, `Д. Медведева`
    → `Д. Медведев` (the spacing between tokens is the text's)."""
    gender = name_gender(tokens)
    return _join(tokens, [nominative_name_part(t, gender) for t in tokens], text)


def _restore_case(original: str, form: str) -> str:
    """pymorphy3 answers in lower case and with ё; give the form the original's capitals,
    and its е where it wrote е for ё (`Объединенной` → `Объединенная`)."""
    if "ё" in form and "ё" not in original.lower():
        form = form.replace("ё", "е")
    if original.isupper() and len(original) > 1:
        return form.upper()
    if "-" in original and original.count("-") == form.count("-"):
        # `Северо-Кавказский`, but `Экспертно-консультативный`
        return "-".join(_restore_case(o, f) for o, f in zip(original.split("-"), form.split("-")))
    return form[:1].upper() + form[1:] if original[:1].isupper() else form


def normal_phrase(tokens: list[Token], text: str, number: str | None = None) -> str:
    """Nominative of an organisation, location or role phrase: its head noun and the
    adjectives before it are put in the nominative; what follows the head (genitive
    dependants, quoted names) stays as written."""
    words = [strip_abbreviation_ending(t.text) for t in tokens]
    head = None
    for i, token in enumerate(tokens):
        if token.text in '«„“"(':
            break  # a quoted or bracketed name is never inflected
        if token.pos in ("NOUN", "PROPN"):
            head = i
            break
    if head is None:
        return _join(tokens, words, text)
    governing = _governing_participle(tokens, head)
    if governing is not None:
        return _nominative_participle(tokens, words, governing, text, number)
    own = "plur" if tokens[head].feats.get("Number") == "Plur" else "sing"
    if token_case(tokens[head]) in (None, "nomn") and number in (None, own):
        return _join(tokens, words, text)
    number = number or own
    gender = head_gender(tokens[head])
    for i in range(head + 1):
        token = tokens[i]
        participle = _is_participle(token)
        if (
            (token.pos not in ("NOUN", "PROPN", "ADJ") and not participle)
            or words[i].isupper()
            or words[i] != token.text
        ):
            continue
        readings = [
            p
            for p in parses(token.text)
            if p.tag.case == (token_case(token) or "nomn") and p.tag.POS in ("NOUN", "ADJF")
        ]
        # a participle agrees like an adjective (`Объединённого фронта`)
        adjectives = [p for p in parses(token.text) if p.tag.POS in ("ADJF", "PRTF")]
        if i < head and adjectives:
            # every adjective before the head agrees with it, whatever case or gender the
            # tagger read (`Тамбовский областной онкологический диспансер`, never
            # `… областное онкологическое …`)
            agreement = {"nomn", number} | ({gender} if gender and number == "sing" else set())
            forms = [
                inflect(p, agreement)
                for p in [*readings, *adjectives]
                if p.tag.POS in ("ADJF", "PRTF")
            ]
            form = next((f for f in forms if f), None)
            if form:
                words[i] = _restore_case(token.text, form.word)
            continue
        for parse in readings:
            form = inflect(parse, {"nomn", number})
            if form:
                words[i] = _restore_case(token.text, form.word)
            break
    return _join(tokens, words, text)


def _is_participle(token: Token) -> bool:
    return token.pos == "VERB" and token.feats.get("VerbForm") == "Part"


def _governing_participle(tokens: list[Token], head: int) -> int | None:
    """A participle before the first noun that does not agree with it in case governs it
    and heads the phrase (`исполняющим обязанности губернатора`: the noun is its object,
    not the noun it describes, as in `Объединённого фронта`)."""
    return next(
        (
            i
            for i in range(head)
            if _is_participle(tokens[i]) and token_case(tokens[i]) != token_case(tokens[head])
        ),
        None,
    )


def _nominative_participle(
    tokens: list[Token], words: list[str], i: int, text: str, number: str | None
) -> str:
    """A phrase headed by participle `i` with that participle alone put in the
    nominative, in its own gender (`исполняющим обязанности` → `исполняющий обязанности`)."""
    token = tokens[i]
    number = number or ("plur" if token.feats.get("Number") == "Plur" else "sing")
    gender = _GENDERS.get(token.feats.get("Gender", "")) if number == "sing" else None
    for parse in parses(token.text):
        if parse.tag.POS == "PRTF" and parse.tag.case == (token_case(token) or "nomn"):
            form = inflect(parse, {"nomn", number} | ({gender} if gender else set()))
            if form:
                words[i] = _restore_case(token.text, form.word)
                break
    return _join(tokens, words, text)


_GENDERS = {"Masc": "masc", "Fem": "femn", "Neut": "neut"}


def head_gender(head: Token) -> str | None:
    """The gender of a phrase's head noun: the tagger's, else pymorphy3's noun reading in
    the tagger's case (`Европейского` is masculine before `суда`, though its neuter
    reading is the same word)."""
    if head.feats.get("Gender") in _GENDERS:
        return _GENDERS[head.feats["Gender"]]
    nouns = [
        p
        for p in parses(head.text)
        if p.tag.POS == "NOUN" and p.tag.case == (token_case(head) or p.tag.case)
    ]
    return str(nouns[0].tag.gender) if nouns and nouns[0].tag.gender else None


def _join(tokens: list[Token], words: list[str], text: str) -> str:
    """Words joined with the original spacing between tokens."""
    out = words[0]
    for prev, token, word in zip(tokens, tokens[1:], words[1:]):
        out += text[prev.end : token.start] + word
    return out


def normal(tokens: list[Token], type: str, text: str) -> str:
    """The normal form of a PER, ORG or LOC mention (roles: `roles.role_normal`)."""
    if type == "PER":
        return normal_person(tokens, text)
    return normal_phrase(tokens, text)
