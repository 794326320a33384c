"""Entities, roles and role links of quotewho against raw natasha, scored by the shared scorer.

    .venv/bin/python benchmarks/ner.py                    # test splits: the numbers we report
    .venv/bin/python benchmarks/ner.py --dev --limit 40   # dev splits: where rules are tuned
    .venv/bin/python benchmarks/ner.py --dev --errors 20 --only factrueval

Corpora and the scorer are read from `--shared` (default ../shared): factRuEval-2016
(PER/ORG/LOC and OCCUPATION facts) and NEREL 1.1 (PER/ORG, ROLE = PROFESSION, WORKS_AS
and WORKPLACE links). Raw natasha is its `NewsNERTagger` run over the whole document, as
natasha is normally used; it has no roles or links, so those cells are empty for it.
The main table is the scorer's exact mode (identical spans), as the issue's headline
numbers are; a second table gives lenient mode (quote marks and punctuation at a span's
edges do not count). `--mode` picks the second table's mode.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import quotewho
from quotewho.model import Document, Entity, RoleLink, Span
from quotewho.places import countries, lemmas
from quotewho.resources import word_set

ROWS = {
    "factrueval": ["PER", "ORG", "LOC", "OCCUPATION"],
    "nerel": ["PER", "ORG", "ROLE", "WORKS_AS", "WORKPLACE"],
}


def corpus_texts(shared: Path, split: str) -> list[tuple[str, str]]:
    """(doc name relative to shared/, text) of one scorer split."""
    folder = {
        "factrueval-test": "corpora/factrueval-2016/testset",
        "factrueval-dev": "corpora/factrueval-2016/devset",
        "nerel-test": "corpora/nerel-1.1/test",
        "nerel-dev": "corpora/nerel-1.1/dev",
    }[split]
    marker = ".objects" if split.startswith("factrueval") else ".ann"
    out = []
    for path in sorted((shared / folder).glob("*" + marker)):
        txt = path.with_suffix(".txt")
        if txt.exists():
            out.append((f"{folder}/{txt.name}", txt.read_text(encoding="utf-8")))
    return out


def span(s) -> list[int]:
    return [s.start, s.end]


def where_of(link: RoleLink, named: list[Entity]) -> Span:
    """The mention a fact's Where is scored on: factRuEval's Where is an entity, any of
    whose mentions will do, and a country read from an adjective (`российский президент`)
    is matched to the country's name in the text when there is one (`России`), as
    annotators did; else the mention the organisation was read from."""
    where = link.organisation_mention
    same = [e for e in named if countries().get(lemmas(e.text)) == link.organisation]
    if not same or link.organisation not in countries().values():
        return where
    return min(same, key=lambda e: abs(e.start - where.start))


# First words of the titles of a party's members, whom NEREL ties to the party by
# MEMBER_OF, not WORKPLACE (`член партии «Лига Севера»`, `представитель Демократической
# партии`: on NEREL 1.1 train a person is MEMBER_OF a party 62 times, WORKPLACE 25, mostly
# as its `лидер` or `глава`).
MEMBERS = frozenset({"член", "представитель", "представительница", "депутат", "кандидат"})


def member_of_party(link: RoleLink, org: Entity) -> bool:
    return bool(link.title) and link.title.split()[0] in MEMBERS and "парти" in org.normal.lower()


# Organisation head nouns (`департамент`, `армия`, `комитет`): a body named in lower case.
BODIES = word_set("org_heads.txt")


def body_from_verb(link: RoleLink, org: Entity | None) -> bool:
    """Whether a link read from a verb names a lower-case body as its organisation
    (`руководил департаментом потребрынка`, `служил в британской армии`, see
    `roles._body_at`) that no ORG mention spans: NEREL marks the whole body as the
    workplace, with or without a name inside it (`департаментом … процедур Минобрнауки`),
    factRuEval marks no Org there."""
    where = link.organisation_mention
    if where is None or titled(link) or not where.text[:1].islower():
        return False
    if org is not None and org.start <= where.start:
        return False  # an ORG mention spans it (`правительство Италии`)
    return bool(BODIES & set(lemmas(where.text)))


def titled(link: RoleLink) -> bool:
    """Whether a link's role mention spells its title (`член`), though no ROLE mention
    covers it; a verb's (`возглавлявший` → руководитель) or a preposition's does not."""
    words = link.role_mention.text.lower().split()
    return bool(link.title and words) and lemmas(words[0])[0] == link.title.split()[0]


# A field after a role's organisation: `директор НАСА по космическим полётам`.
_FIELD_AFTER = re.compile(r" по [а-яё]")


def position_of(link: RoleLink, role: Entity | None, text: str) -> Span | Entity | None:
    """The span a fact's Position is scored on: the title the link was read from, or None
    for a link read from a verb or a preposition (`возглавил`, `из`); the whole ROLE
    mention when a field follows the organisation inside it (`директор НАСА по
    космическим полётам`), as both factRuEval's positions and NEREL's professions run
    on over it."""
    if role is None and not titled(link):
        return None
    where = link.organisation_mention
    if role and where and where.end < role.end and _FIELD_AFTER.match(text, where.end):
        return role
    return link.role_mention


def quotewho_row(name: str, doc: Document) -> dict:
    """Entities and links of one document in the scorer's predictions format.

    WORKS_AS ties the person to the whole ROLE mention (`председатель Правления КИОР`, as
    NEREL marks a profession); a link read from a verb (`возглавил «Металлоинвест»`) has
    no ROLE mention, so no WORKS_AS and an OCCUPATION without position; WORKPLACE to the
    first ORG mention inside the link's organisation (a place is no workplace), widened to
    the outermost ORG mention around it within the role (`департамента … «Газпрома»` of
    `начальник департамента … «Газпрома»`: NEREL mostly links the outermost), or to the
    whole lower-case body a verb link names (`body_from_verb`); an
    OCCUPATION fact is (person, title, organisation) as factRuEval marks it, so a link
    without an organisation makes none, nor one without a title (a workplace alone); a
    fact is stated once, on its first link (a person's links are by position), as
    annotators mark it on one position mention, not on every `президент` that repeats
    it, nor again for a shorter name of the same person."""
    entities = [{"type": e.type, "start": e.start, "end": e.end} for e in doc.entities]
    # the ROLE mention around a link's title (it may leave out an `экс-` the title keeps)
    wholes = [e for e in doc.entities if e.type == "ROLE"]
    orgs = [e for e in doc.entities if e.type == "ORG"]
    named = [e for e in doc.entities if e.type in ("LOC", "ORG")]
    relations = []
    # a name's words -> (title, organisation) of the facts stated for that person
    facts: dict[frozenset[str], set[tuple[str, str | None]]] = {}
    for person in doc.people:
        words = frozenset(person.name.lower().split())
        # a person the clustering left apart from a fuller name (`Борис Николаевич`,
        # `Борис Николаевич Ельцин`) is the same holder: their facts are stated once too
        stated = set().union(*(seen for w, seen in facts.items() if w <= words or words <= w))
        facts[words] = stated
        for link in person.roles:
            who, where = span(link.person_mention), link.organisation_mention
            mention = link.role_mention
            # None: read from a verb (`возглавил`)
            role = next(
                (e for e in wholes if e.start < mention.end and mention.start < e.end), None
            )
            if link.title is None:
                role = None  # a workplace alone: its mention is the organisation's
            if role:
                relations.append({"type": "WORKS_AS", "head": who, "tail": span(role)})
            if where is None:
                continue
            org = next((e for e in orgs if where.start <= e.start and e.end <= where.end), None)
            if org and role:
                # NEREL ties the person to the outermost organisation of the role:
                # `правления ЕЦБ` in `член правления ЕЦБ`, not `ЕЦБ`
                org = min(
                    (
                        e
                        for e in orgs
                        if role.start <= e.start <= org.start and org.end <= e.end <= role.end
                    ),
                    key=lambda e: (e.start, -e.end),
                    default=org,
                )
            if body_from_verb(link, org):
                relations.append({"type": "WORKPLACE", "head": who, "tail": span(where)})
            elif org and not member_of_party(link, org):
                relations.append({"type": "WORKPLACE", "head": who, "tail": span(org)})
            if link.title is None:
                continue  # factRuEval's occupations name the position (195 of 207 on dev)
            if (link.title, link.organisation) in stated:
                continue
            stated.add((link.title, link.organisation))
            position = position_of(link, role, doc.text)
            relations.append(
                {
                    "type": "OCCUPATION",
                    "who": who,
                    "position": span(position) if position else None,
                    "where": span(where_of(link, named)),
                }
            )
    return {"doc": name, "entities": entities, "relations": relations}


def natasha_rows(docs: list[tuple[str, str]]) -> list[dict]:
    from natasha import NewsEmbedding, NewsNERTagger

    tagger = NewsNERTagger(NewsEmbedding())
    rows = []
    for name, text in docs:
        spans = tagger(text).spans
        rows.append(
            {
                "doc": name,
                "entities": [{"type": s.type, "start": s.start, "end": s.stop} for s in spans],
            }
        )
    return rows


def score(shared: Path, split: str, rows: list[dict], errors: int, types: str = "") -> dict:
    """The scorer's numbers for one predictions list (its printout too, with --errors)."""
    with tempfile.TemporaryDirectory() as tmp:
        pred, out = Path(tmp) / "pred.jsonl", Path(tmp) / "scores.json"
        pred.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        command = [
            sys.executable,
            str(shared / "tools/ner/score.py"),
            "--split",
            split,
            "--shared",
            str(shared),
            "--json",
            str(out),
            str(pred),
        ]
        if errors:
            command += ["--errors", str(errors)]
        if types:
            command += ["--types", types]
        run = subprocess.run(command, capture_output=True, text=True, check=True)
        if errors:
            print(run.stdout)
        return json.loads(out.read_text())["scores"]


def cell(scores: dict | None, mode: str, row: str) -> str:
    if not scores or row not in scores[mode]:
        return f"{'—':>5} {'—':>5} {'—':>5}"
    s = scores[mode][row]
    return f"{s['precision']:.3f} {s['recall']:.3f} {s['f1']:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared"
    )
    parser.add_argument("--dev", action="store_true", help="dev splits instead of test")
    parser.add_argument("--only", choices=sorted(ROWS), help="one corpus only")
    parser.add_argument(
        "--limit", type=int, default=0, help="first N documents (recall still counts all gold)"
    )
    parser.add_argument(
        "--mode", choices=["lenient", "overlap"], default="lenient", help="second table's mode"
    )
    parser.add_argument("--errors", type=int, default=0, help="print quotewho's N errors a type")
    parser.add_argument("--no-natasha", action="store_true", help="skip the natasha baseline")
    args = parser.parse_args(argv)
    shared = args.shared.resolve()

    pipeline = quotewho.Pipeline()
    tables: dict[str, list[str]] = {"exact": [], args.mode: []}
    for corpus in ROWS:
        if args.only and corpus != args.only:
            continue
        split = f"{corpus}-{'dev' if args.dev else 'test'}"
        docs = corpus_texts(shared, split)
        if args.limit:
            docs = docs[: args.limit]
        started = time.perf_counter()
        ours = [
            quotewho_row(name, doc)
            for (name, _), doc in zip(docs, pipeline.pipe(text for _, text in docs))
        ]
        seconds = time.perf_counter() - started
        mine = score(shared, split, ours, args.errors)
        # natasha has no roles: its ROLE row would be a column of zeros, not a measurement
        named = ",".join(t for t in ("PER", "ORG", "LOC") if t in ROWS[corpus])
        theirs = None if args.no_natasha else score(shared, split, natasha_rows(docs), 0, named)
        for mode, lines in tables.items():
            lines.append(f"{split}: {len(docs)} docs, quotewho {seconds:.1f} s")
            for row in ROWS[corpus]:
                lines.append(f"  {row:11} {cell(theirs, mode, row)}   {cell(mine, mode, row)}")
    for mode, lines in tables.items():
        print(f"{mode} P/R/F1 ({'dev' if args.dev else 'test'} splits)")
        print(f"  {'':11} {'natasha':^17}   {'quotewho':^17}")
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
