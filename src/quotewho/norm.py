"""Normal (nominative) forms of entity mentions, through pymorphy3."""

from __future__ import annotations

import re

from .morph import parses
from .segment import Token

# An abbreviation with a Russian case ending glued on: КИОРа, МВД-шники, ООНом.
_ABBR_WITH_ENDING = re.compile(r"^([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,})(-?[а-яё]{1,3})$")
_NAME_TAGS = ("Name", "Surn", "Patr")


def strip_abbreviation_ending(word: str) -> str:
    """`КИОРа` → `КИОР`."""
    match = _ABBR_WITH_ENDING.match(word)
    return match.group(1) if match else word


def nominative_name_part(word: str, gender: str | None) -> str:
    """One part of a person's name in the nominative: `Есенбаевым` → `Есенбаев`."""
    if not word[:1].isupper() or not any(ch.isalpha() for ch in word):
        return word
    for parse in parses(word):
        if any(tag in parse.tag for tag in _NAME_TAGS) and (
            gender is None or parse.tag.gender in (gender, None, "ms-f")
        ):
            form = parse.inflect({"nomn", gender} if gender else {"nomn"}) or parse.inflect(
                {"nomn"}
            )
            if form:
                return _restore_case(word, form.word)
    return word  # unknown (Kazakh, foreign) names stay as written: guessing harms more


def name_gender(tokens: list[Token]) -> str | None:
    """masc or femn, read from first names, patronymics and surnames."""
    votes = {"masc": 0, "femn": 0}
    for token in tokens:
        for parse in parses(token.text):
            if any(tag in parse.tag for tag in _NAME_TAGS) and parse.tag.gender in votes:
                votes[parse.tag.gender] += 1
                break
    if votes["masc"] == votes["femn"]:
        return None
    return max(votes, key=votes.__getitem__)


def normal_person(tokens: list[Token]) -> str:
    """`Асылбека Есенбаева` → `Асылбек Есенбаев`."""
    gender = name_gender(tokens)
    return " ".join(nominative_name_part(t.text, gender) for t in tokens)


def _restore_case(original: str, form: str) -> str:
    """pymorphy3 answers in lower case; give the form the original's capitals."""
    if original.isupper() and len(original) > 1:
        return form.upper()
    if "-" in original:
        return "-".join(p[:1].upper() + p[1:] for p in form.split("-"))
    return form[:1].upper() + form[1:] if original[:1].isupper() else form


def normal_phrase(tokens: list[Token], text: str) -> str:
    """Nominative of an organisation or location phrase: its head noun and the adjectives
    before it are put in the nominative, what follows (genitive dependants) stays."""
    words = [strip_abbreviation_ending(t.text) for t in tokens]
    head = next((i for i, t in enumerate(tokens) if t.pos in ("NOUN", "PROPN")), None)
    if head is None or tokens[head].feats.get("Case") in (None, "Nom"):
        return _join(tokens, words, text)
    number = "plur" if tokens[head].feats.get("Number") == "Plur" else "sing"
    for i in range(head + 1):
        token = tokens[i]
        if token.pos not in ("NOUN", "PROPN", "ADJ") or token.text.isupper():
            continue
        for parse in parses(token.text):
            case_ok = parse.tag.case == _case(token)
            if case_ok and parse.tag.POS in ("NOUN", "ADJF"):
                form = parse.inflect({"nomn", number})
                if form:
                    words[i] = _restore_case(token.text, form.word)
                break
    return _join(tokens, words, text)


def _case(token: Token) -> str | None:
    return {"Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}.get(
        token.feats.get("Case", "")
    )


def _join(tokens: list[Token], words: list[str], text: str) -> str:
    """Words joined with the original spacing between tokens."""
    out = words[0]
    for prev, token, word in zip(tokens, tokens[1:], words[1:]):
        out += text[prev.end : token.start] + word
    return out


def normal(tokens: list[Token], type: str, text: str) -> str:
    """The normal form of a mention of the given entity type."""
    if type == "PER":
        return normal_person(tokens)
    if type == "ROLE":
        return " ".join(t.lemma or t.text.lower() for t in tokens)
    return normal_phrase(tokens, text)
