"""Rebuild `models/roles.txt`, `roles_stop.txt` and `org_heads.txt` from NEREL 1.1 train.

    .venv/bin/python scripts/build_roles.py [--nerel ../shared/corpora/nerel-1.1/train]

Every PROFESSION mention of the train split is cut before its first named word (a
capitalised word after the first, Latin, digits, quote marks: `министр энергетики РФ` →
`министр энергетики`) and lemmatised word by word with pymorphy3. A lemma sequence is
kept when it ends in a noun and was seen at least twice, or once when it is one word
(`электромонтёр`, `диджей`), unless the train texts show it mostly outside PROFESSION
mentions (`полиция`, `кандидат`: see `MIN_SHARE`). What Kazakh and other news need
beyond NEREL is hand-written in `models/roles_news.txt`, which this script leaves alone.

`roles_adjectives.txt`: lemmas of adjectives NEREL marks as a role on their own
(`президентские выборы`, `депутатский мандат`): one-word PROFESSION mentions read as
adjectives, seen so at least `MIN_ADJECTIVE` times and as at least `MIN_SHARE_ADJECTIVE` of
the lemma's occurrences in the train texts (`военный`, `королевский` are mostly not).

`org_heads.txt`: lemmas of the lower-case nouns that open ORGANIZATION mentions at least
three times (`правительство`, `администрация`): a head noun that makes a place after it
an organisation (`правительства Китая`).

`role_bodies.txt`: lemmas of the lower-case nouns after a PROFESSION mention's first word
that an ORGANIZATION mention within it opens with, or with lower-case adjectives before
them (`правительства` in `глава правительства`, `нижней палаты` in `спикер нижней палаты`)
at least `MIN_BODY` times and in at least `MIN_SHARE_BODY` of the PROFESSION mentions
holding them.

`org_bodies.txt`: lemmas of the lower-case nouns outside PROFESSION mentions that open an
ORGANIZATION mention, alone or after lower-case adjectives (`правительство`, `британском
правительстве`, `сборная Японии`), at least `MIN_ORG_BODY` times and in at least
`MIN_SHARE_ORG_BODY` of their uses outside PROFESSION mentions.

`legal_forms.txt`: abbreviations before a quoted name that the train ORGANIZATION mentions
leave out more often than they keep (`ОАО "Башкирэнерго"` is marked `Башкирэнерго`).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from razdel import tokenize

from quotewho.morph import parses

ROOT = Path(__file__).resolve().parents[1]
_NAMED = re.compile(r"[A-Za-z0-9«»\"„“”'(]")


def core_words(mention: str) -> list[str]:
    """The words of a PROFESSION mention up to its first named word."""
    words = [t.text for t in tokenize(mention)]
    out = []
    for i, word in enumerate(words):
        if _NAMED.search(word) or (i > 0 and word[:1].isupper()) or not word[:1].isalpha():
            break
        out.append(word)
    return out


def lemmas(words: list[str]) -> tuple[str, ...]:
    return tuple(_parse(w).normal_form.replace("ё", "е") for w in words)


def _parse(word: str):
    """pymorphy3's likeliest parse, or the likeliest noun one when the likeliest is a verb
    form (`нападающего` is the forward `нападающий`, not `нападать`; `замсекретаря`)."""
    found = parses(word.lower())
    if found[0].tag.POS in ("PRTF", "GRND", "ADJS"):
        return next((p for p in found if p.tag.POS == "NOUN"), found[0])
    return found[0]


def is_noun(word: str) -> bool:
    return _parse(word).tag.POS == "NOUN"


def mentions_of(folder: Path, label: str) -> list[str]:
    """Texts of the train split's entities of one brat type."""
    out = []
    for ann in sorted(folder.glob("*.ann")):
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if line.startswith("T") and len(fields) == 3 and fields[1].startswith(label + " "):
                out.append(fields[2])
    return out


def build_org_heads(folder: Path) -> list[str]:
    counts: Counter[str] = Counter()
    for mention in mentions_of(folder, "ORGANIZATION"):
        words = [t.text for t in tokenize(mention)]
        if words and words[0].isalpha() and words[0].islower() and is_noun(words[0]):
            counts[lemmas(words[:1])[0]] += 1
    return sorted(head for head, n in counts.items() if n >= 3)


# A body noun is an organisation inside roles this often, and in this share of the roles
# holding it (`партия`: `лидер партии` is mostly a role alone).
MIN_BODY, MIN_SHARE_BODY = 2, 0.3

# A lower-case word, hyphenated ones included (`пресс-службы`, `вице-президента`).
_LOWER_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")


def build_role_bodies(folder: Path) -> list[str]:
    """Lemmas of the nouns that NEREL reads as a body inside a role (see the docstring)."""
    marked: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        orgs = spans_of(ann, "ORGANIZATION")
        for start, end in spans_of(ann, "PROFESSION"):
            words = [(start + t.start, t.text) for t in tokenize(text[start:end])]
            for at, word in words[1:]:
                if not (_LOWER_WORD.fullmatch(word) and is_noun(word)):
                    continue
                lemma = lemmas([word])[0]
                seen[lemma] += 1
                # the organisation opens with it or with lower-case adjectives before it
                marked[lemma] += any(
                    start < s <= at < e <= end
                    and all(
                        _LOWER_WORD.fullmatch(w) and not is_noun(w) for a, w in words if s <= a < at
                    )
                    for s, e in orgs
                )
    return sorted(
        lemma for lemma, n in marked.items() if n >= MIN_BODY and n >= MIN_SHARE_BODY * seen[lemma]
    )


# A noun opens an organisation on its own this often, and in this share of its uses
# outside roles (`правительство` 160 of 187; `власть` 44 of 178 and `суд` 26 of 204 are
# mostly no organisation NEREL marks).
MIN_ORG_BODY, MIN_SHARE_ORG_BODY = 3, 0.5


def build_org_bodies(folder: Path) -> list[str]:
    """Lemmas of the lower-case nouns that NEREL reads as an organisation on their own,
    outside roles (see the docstring)."""
    marked: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        orgs = spans_of(ann, "ORGANIZATION")
        roles = spans_of(ann, "PROFESSION")
        tokens = list(tokenize(text))
        for i, token in enumerate(tokens):
            if not (_LOWER_WORD.fullmatch(token.text) and is_noun(token.text)):
                continue
            if any(s <= token.start < e for s, e in roles):
                continue  # bodies inside roles are role_bodies.txt's
            lemma = lemmas([token.text])[0]
            seen[lemma] += 1
            j = i  # the organisation may open with lower-case adjectives before it
            while j > 0 and _LOWER_WORD.fullmatch(tokens[j - 1].text):
                if is_noun(tokens[j - 1].text):
                    break
                j -= 1
            starts = {t.start for t in tokens[j : i + 1]}
            marked[lemma] += any(s in starts and e >= token.stop for s, e in orgs)
    return sorted(
        lemma
        for lemma, n in marked.items()
        if n >= MIN_ORG_BODY and n >= MIN_SHARE_ORG_BODY * seen[lemma]
    )


# An abbreviation before a quoted name: `ОАО "Башкирэнерго"`, `ФК «Тамбов»`.
_BEFORE_QUOTE = re.compile(r"(?<![А-ЯЁA-Za-zа-яё])([А-ЯЁ]{2,6}) ?[«\"„“]")


def build_legal_forms(folder: Path) -> list[str]:
    """Abbreviations before a quoted name that NEREL mostly leaves out of the organisation
    (`ОАО`: 5 to 0), not those it keeps (`ФК`, `РИА`; see the docstring)."""
    inner: Counter[str] = Counter()
    outer: Counter[str] = Counter()
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        starts = {s for s, _ in spans_of(ann, "ORGANIZATION")}
        for found in _BEFORE_QUOTE.finditer(text):
            form = found.group(1)
            outer[form] += found.start() in starts
            inner[form] += bool({found.end() - 1, found.end()} & starts)
    return sorted(form for form, n in inner.items() if n > outer[form])


def spans_of(ann: Path, label: str) -> list[tuple[int, int]]:
    """Character spans of one brat file's continuous entities of one type."""
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) == 3 and fields[1].startswith(label + " "):
            offsets = fields[1].split(" ")[1:]
            if len(offsets) == 2 and ";" not in fields[1]:
                out.append((int(offsets[0]), int(offsets[1])))
    return out


Entry = tuple[str, ...]


def precision(folder: Path, entries: set[Entry]) -> dict[Entry, tuple[int, int]]:
    """(times seen, times inside a PROFESSION mention) of each entry in the train texts,
    counted where its first word is read as a noun (`после` is no `посол`)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        by_first.setdefault(entry[0], []).append(entry)
    seen: Counter[tuple[str, ...]] = Counter()
    tagged: Counter[tuple[str, ...]] = Counter()
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        spans = spans_of(ann, "PROFESSION")
        tokens = list(tokenize(text))
        words = [lemmas([t.text])[0] for t in tokens]
        for i, token in enumerate(tokens):
            if not is_noun(token.text):
                continue
            for entry in by_first.get(words[i], ()):
                if tuple(words[i : i + len(entry)]) != entry:
                    continue
                seen[entry] += 1
                tagged[entry] += any(s <= token.start and token.stop <= e for s, e in spans)
    return {entry: (seen[entry], tagged[entry]) for entry in seen}


# An entry seen this often in the train texts but inside a PROFESSION mention less than
# this share of the time is mostly something else (`полиция`, `кандидат`, `защита`).
MIN_SEEN, MIN_SHARE = 5, 0.3


def build(folder: Path) -> tuple[list[str], list[str]]:
    """The lexicon's entries and those dropped as mostly something else (the stop list)."""
    counts: Counter[tuple[str, ...]] = Counter()
    for mention in mentions_of(folder, "PROFESSION"):
        words = core_words(mention)
        if words and is_noun(words[-1]):
            counts[lemmas(words)] += 1
    keep = {entry for entry, n in counts.items() if n >= 2 or len(entry) == 1}
    dropped = {
        entry
        for entry, (seen, tagged) in precision(folder, keep).items()
        if seen >= MIN_SEEN and tagged < MIN_SHARE * seen
    }
    return sorted(" ".join(e) for e in keep - dropped), sorted(" ".join(e) for e in dropped)


# An adjective is a role when NEREL marks it so this often, and this share of the times
# the train texts use it.
MIN_ADJECTIVE, MIN_SHARE_ADJECTIVE = 3, 0.5


def is_adjective(word: str) -> bool:
    return parses(word.lower())[0].tag.POS == "ADJF"


def build_adjectives(folder: Path) -> list[str]:
    """Lemmas of adjectives that are a PROFESSION mention on their own (see the docstring)."""
    marked: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        spans = set(spans_of(ann, "PROFESSION"))
        for token in tokenize(text):
            if token.text.isalpha() and is_adjective(token.text):
                lemma = lemmas([token.text])[0]
                seen[lemma] += 1
                marked[lemma] += (token.start, token.stop) in spans
    return sorted(
        lemma
        for lemma, n in marked.items()
        if n >= MIN_ADJECTIVE and n >= MIN_SHARE_ADJECTIVE * seen[lemma]
    )


def write_list(path: Path, header: str, lines: list[str], what: str) -> None:
    """A lexicon file: its header (comment lines) and one entry a line."""
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} {what} -> {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nerel", type=Path, default=ROOT / "../shared/corpora/nerel-1.1/train")
    parser.add_argument("--out", type=Path, default=ROOT / "models/roles.txt")
    args = parser.parse_args()
    models = args.out.parent
    entries, dropped = build(args.nerel)
    header = (
        "# Roles (positions, occupations) as pymorphy3 lemma sequences, one a line.\n"
        "# Lemmas of NEREL 1.1 train PROFESSION mentions (CC BY 2.5, Loukachevitch et al.\n"
        "# 2023) cut before their first named word, ending in a noun: seen >= 2 times, or once\n"
        f"# as one word; dropped when seen >= {MIN_SEEN} times in the train texts but inside a\n"
        f"# PROFESSION mention < {MIN_SHARE:.0%} of them. Rebuilt by scripts/build_roles.py; hand\n"
        "# additions: roles_news.txt.\n"
    )
    write_list(args.out, header, entries, "roles")
    header = (
        "# Words the train texts show mostly outside PROFESSION mentions (see roles.txt):\n"
        "# never roles, not even by their suffix (`турист`). Rebuilt by scripts/build_roles.py.\n"
    )
    write_list(models / "roles_stop.txt", header, dropped, "stop words")
    header = (
        "# Adjectives that are a role on their own (`президентские выборы`), pymorphy3 lemmas:\n"
        f"# one-word NEREL 1.1 train PROFESSION mentions >= {MIN_ADJECTIVE} times and >= "
        f"{MIN_SHARE_ADJECTIVE:.0%} of\n"
        "# the lemma's uses in the train texts. Rebuilt by scripts/build_roles.py.\n"
    )
    write_list(
        models / "roles_adjectives.txt", header, build_adjectives(args.nerel), "role adjectives"
    )
    header = (
        "# Organisation head nouns (pymorphy3 lemmas): lower-case nouns opening NEREL 1.1\n"
        "# train ORGANIZATION mentions >= 3 times. Rebuilt by scripts/build_roles.py.\n"
    )
    write_list(models / "org_heads.txt", header, build_org_heads(args.nerel), "organisation heads")
    header = (
        "# Bodies inside roles (pymorphy3 lemmas): lower-case nouns after a NEREL 1.1 train\n"
        "# PROFESSION mention's first word that an ORGANIZATION mention within it opens with,\n"
        "# or with adjectives before them (`глава правительства`, `пресс-службы`) >= "
        f"{MIN_BODY} times\n# and in >= {MIN_SHARE_BODY:.0%} of the PROFESSION mentions "
        "holding them. Rebuilt by\n# scripts/build_roles.py.\n"
    )
    write_list(models / "role_bodies.txt", header, build_role_bodies(args.nerel), "role bodies")
    header = (
        "# Organisations named by a lower-case noun (pymorphy3 lemmas): nouns outside NEREL 1.1\n"
        "# train PROFESSION mentions that open an ORGANIZATION mention, alone or after\n"
        f"# adjectives (`британском правительстве`), >= {MIN_ORG_BODY} times and in >= "
        f"{MIN_SHARE_ORG_BODY:.0%} of their uses\n# there. Rebuilt by scripts/build_roles.py.\n"
    )
    write_list(
        models / "org_bodies.txt", header, build_org_bodies(args.nerel), "organisation bodies"
    )
    header = (
        '# Legal forms: abbreviations before a quoted name (`ОАО "Башкирэнерго"`) that\n'
        "# NEREL 1.1 train leaves out of the ORGANIZATION mention more often than it keeps\n"
        "# them (`ФК`, `РИА` are kept). Rebuilt by scripts/build_roles.py.\n"
    )
    write_list(models / "legal_forms.txt", header, build_legal_forms(args.nerel), "legal forms")


if __name__ == "__main__":
    main()
