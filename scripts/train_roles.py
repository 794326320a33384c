"""Train the role tagger (`models/roles.crfsuite`) on NEREL 1.1 train PROFESSION mentions.

    PYTHONPATH=src .venv/bin/python scripts/train_roles.py \
        --nerel ../shared/corpora/nerel-1.1/train [--out models/roles.crfsuite]

Each train text goes through our own segmentation, slovnet tags, NER and rule-based roles,
so the features are those `role_tagger` sees at run time; the labels are B/I/O over the
outermost PROFESSION mentions (a role nested in another is part of it: NEREL's
`заместитель министра финансов` holds `министра финансов`). Tune on NEREL dev only.
"""

from __future__ import annotations

import argparse
import pickle
import time
from dataclasses import replace
from pathlib import Path

import pycrfsuite

from quotewho import ner, role_tagger, roles
from quotewho.pipeline import Pipeline
from quotewho.segment import Sent, segment

ROOT = Path(__file__).resolve().parents[1]


def professions(ann: Path) -> list[tuple[int, int]]:
    """Outermost PROFESSION spans of one brat file (a broken span: its first fragment)."""
    spans = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) == 3 and fields[1].startswith("PROFESSION "):
            first = fields[1].split(" ", 1)[1].split(";")[0].split()
            spans.append((int(first[0]), int(first[1])))
    return [
        (s, e)
        for s, e in spans
        if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2 in spans)
    ]


def labels(sent: Sent, spans: list[tuple[int, int]]) -> list[str]:
    """B/I/O of each token: in a span when it overlaps it (`экс-` of `Экс-президент`)."""
    out = []
    current = None
    for t in sent.tokens:
        span = next(((s, e) for s, e in spans if t.start < e and s < t.end), None)
        out.append("O" if span is None else ("I" if span == current else "B"))
        current = span
    return out


def prepared(folder: Path, nlp: Pipeline, cache: Path | None = None) -> list:
    """(sentence, its mentions, the rules' roles, labels) of every sentence of the
    folder's texts; pickled to `cache` when given (features change more than tags do)."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    out = []
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        spans = professions(ann)
        sents = segment(text)
        mentions = ner.tag_sentences(sents, text, nlp.tag_sentences(sents), ner.RULES)
        for sent, inside in roles._by_sentence(sents, mentions):
            if sent.tokens:
                inside = [part for m in inside for part in roles.split_leading_role(m, sent)]
                out.append((sent, inside, roles.find_roles(sent, inside), labels(sent, spans)))
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def capitalised(item):
    """The sentence with its roles' first words capitalised, or None if none is lower case.
    Kazakh news writes posts so (`в Послании Главы государства`), NEREL almost never."""
    sent, inside, found, tags = item
    tokens = [
        replace(t, text=t.text[:1].upper() + t.text[1:])
        if tag == "B" and k > 0 and t.text[:1].islower()
        else t
        for k, (t, tag) in enumerate(zip(sent.tokens, tags))
    ]
    if all(a is b for a, b in zip(tokens, sent.tokens)):
        return None
    return replace(sent, tokens=tokens), inside, found, tags


def features(item) -> list[list[str]]:
    sent, inside, found, _ = item
    return role_tagger.sentence_features(sent, inside, found, roles.lexicon_class)


def span_scores(gold: list[list[str]], guess: list[list[str]]) -> str:
    """Exact token-span precision, recall and F1."""
    right = found = wanted = 0
    for g, p in zip(gold, guess):
        gs, ps = set(role_tagger.spans_of_tags(g)), set(role_tagger.spans_of_tags(p))
        right, found, wanted = right + len(gs & ps), found + len(ps), wanted + len(gs)
    precision, recall = right / max(found, 1), right / max(wanted, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nerel", type=Path, default=ROOT / "../shared/corpora/nerel-1.1/train")
    parser.add_argument("--dev", type=Path, help="NEREL dev folder: print token-span scores")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / role_tagger.MODEL)
    parser.add_argument("--cache", type=Path, help="folder for the tagged sentences")
    parser.add_argument("--c1", type=float, default=0.05, help="L1: fewer, surer features")
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument(
        "--capitalise", action="store_true", help="add copies with capitalised roles"
    )
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args()
    started = time.perf_counter()
    nlp = Pipeline()
    train = prepared(args.nerel, nlp, args.cache / "train.pkl" if args.cache else None)
    trainer = pycrfsuite.Trainer(verbose=False)
    for item in train:
        trainer.append(features(item), item[3])
        if args.capitalise and (upper := capitalised(item)):
            trainer.append(features(upper), upper[3])
    print(f"{len(train)} sentences read in {time.perf_counter() - started:.0f} s")
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(args.out))
    size = args.out.stat().st_size / 1e6
    print(f"-> {args.out} ({size:.1f} MB), {time.perf_counter() - started:.0f} s")
    if args.dev:
        dev = prepared(args.dev, nlp, args.cache / "dev.pkl" if args.cache else None)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(args.out))
        gold = [item[3] for item in dev]
        ruled = [[t[0] for t in role_tagger._bio(item[0].tokens, item[2], False)] for item in dev]
        print("rules", span_scores(gold, ruled))
        print("crf  ", span_scores(gold, [tagger.tag(features(item)) for item in dev]))


if __name__ == "__main__":
    main()
