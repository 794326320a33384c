"""Train the pair classifier of person–role links (`models/links.json`, see `quotewho.linker`).

    PYTHONPATH=src .venv/bin/python scripts/train_links.py \
        --nerel ../shared/corpora/nerel-1.1/train --dev ../shared/corpora/nerel-1.1/dev \
        [--cache /tmp/links] [--out models/links.json]

Each text goes through our own pipeline up to its mentions and rule links, so the
candidates and features are those `linker` sees at run time (`roles.learned_links`). A
candidate (person mention, role mention) is positive when NEREL has a WORKS_AS between
exactly those two mentions (the role: the outermost PROFESSION or one inside it, as the
shared scorer reads them, `../shared/tools/ner/gold.py`). A logistic regression with an L2
penalty, fitted by Adam in numpy (no other library needed). `--folds 2` prints what the
classifier would add to the rules on held-out halves of train (the rules were written
looking at dev, so dev understates it); the threshold is chosen on that and on NEREL and
factRuEval dev with `benchmarks/ner.py --dev`, never on test.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

from quotewho import linker, roles
from quotewho.draft import Draft
from quotewho.pipeline import Pipeline
from quotewho.segment import segment

ROOT = Path(__file__).resolve().parents[1]


def prepared(folder: Path, nlp: Pipeline, cache: Path | None = None) -> list[tuple]:
    """(text, sentences, mentions with roles) of every text of a NEREL folder, with the
    gold pairs; pickled to `cache` when given."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    import gold  # the shared scorer's reader (see --shared)

    out = []
    for ann in sorted(folder.glob("*.ann")):
        base = str(ann.with_suffix(""))
        truth, _ = gold.load_nerel_doc(base, ann.name)
        draft = Draft(truth.text)
        draft.sents = segment(draft.text)
        Pipeline.tag_entities(draft, nlp.tag_sentences(draft.sents))
        pairs = {
            ((p.head.start, p.head.end), tail)
            for p in truth.pairs["WORKS_AS"]
            for tail in [(p.tail.start, p.tail.end), *p.tail.alts]
        }
        out.append((draft.text, draft.sents, draft.mentions, pairs))
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(out))
    return out


def examples(
    docs: list[tuple], held_out: bool = False
) -> tuple[list[list[str]], list[int], list[bool]]:
    """The features and gold label of every candidate pair of the documents, and whether
    the rules link it. For training (`held_out` False) a candidate is left out when NEREL
    links its role to another mention of the same person: NEREL links one mention of a
    person (`Лиам … артиста`, the role tied to `Лиама Флинта`), so such a pair is no sign
    the role is someone else's."""
    features, labels, ruled = [], [], []
    for text, sents, mentions, pairs in docs:
        by_sentence = list(roles._by_sentence(sents, mentions))
        links = roles.rule_links(by_sentence, text)
        linked = {(k.person.start, k.person.end, k.role.start, k.role.end) for k in links}
        holders: dict[tuple[int, int], list[str]] = {}
        for (start, end), tail in sorted(pairs):
            holders.setdefault(tail, []).append(_last_word(text[start:end]))
        for c in linker.candidates(by_sentence, linked):
            label = int(((c.person.start, c.person.end), (c.role.start, c.role.end)) in pairs)
            name = _last_word(text[c.person.start : c.person.end])
            others = holders.get((c.role.start, c.role.end), [])
            if not held_out and not label and any(_same_name(name, o) for o in others):
                continue
            features.append(linker.features(c))
            labels.append(label)
            ruled.append(c.ruled)
    return features, labels, ruled


def _last_word(name: str) -> str:
    words = name.lower().split()
    return words[-1] if words else ""


def _same_name(a: str, b: str) -> bool:
    """Two forms of one surname (`флинт`, `флинта`): Russian cases change the ending only."""
    return len(a) >= 3 and len(b) >= 3 and a[:4] == b[:4]


def fit(features: list[list[str]], labels: list[int], l2: float, steps: int) -> dict[str, float]:
    """Weights of a logistic regression over binary features (Adam on the mean log loss)."""
    names = sorted({name for row in features for name in row})
    index = {name: k for k, name in enumerate(names)}
    rows = np.repeat(np.arange(len(features)), [len(row) for row in features])
    cols = np.array([index[name] for row in features for name in row])
    y = np.array(labels, dtype=float)
    w = np.zeros(len(names))
    m, v = np.zeros_like(w), np.zeros_like(w)
    for step in range(1, steps + 1):
        z = np.bincount(rows, weights=w[cols], minlength=len(y))
        g = 1 / (1 + np.exp(-z)) - y
        grad = np.bincount(cols, weights=g[rows], minlength=len(w)) / len(y) + l2 * w
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return {name: round(float(w[k]), 4) for name, k in index.items() if abs(w[k]) >= 1e-3}


def report(name: str, model: linker.Weights, docs: list[tuple]) -> None:
    """What the classifier adds to the rules at a few thresholds: right and wrong links."""
    features, labels, ruled = examples(docs, held_out=True)
    right = sum(y for y, r in zip(labels, ruled) if r)
    line = f"{name}: rules {right} right of {sum(ruled)}; adds"
    scored = [(model.probability(f), y) for f, y, r in zip(features, labels, ruled) if not r]
    for threshold in (0.3, 0.4, 0.5, 0.6):
        added = [y for p, y in scored if p >= threshold]
        line += f"  ≥{threshold}: +{sum(added)} -{len(added) - sum(added)}"
    print(line)


def arguments(doc: str, model: str, l2: float, threshold: float) -> argparse.Namespace:
    """The command line of a pair classifier's training script (this one's and
    `train_workplaces.py`'s): the corpora, the output and the fit's settings."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--nerel", type=Path, default=ROOT / "../shared/corpora/nerel-1.1/train")
    parser.add_argument("--dev", type=Path, help="NEREL dev folder: print what it would add")
    parser.add_argument("--folds", type=int, default=0, help="also cross-validate on train")
    parser.add_argument("--shared", type=Path, default=ROOT / "../shared")
    parser.add_argument("--out", type=Path, default=ROOT / "models" / model)
    parser.add_argument("--cache", type=Path, help="folder for the analysed texts")
    parser.add_argument("--l2", type=float, default=l2)
    parser.add_argument("--steps", type=int, default=600)
    parser.add_argument("--threshold", type=float, default=threshold)
    return parser.parse_args()


def save(args: argparse.Namespace, about: str, weights: dict[str, float]) -> None:
    """Write a weight file (`args.out`) as `linker.Weights` reads it."""
    data = {"about": about, "threshold": args.threshold, "weights": dict(sorted(weights.items()))}
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    args = arguments(__doc__, linker.MODEL, l2=1e-4, threshold=0.5)
    sys.path.insert(0, str(args.shared / "tools" / "ner"))
    started = time.perf_counter()
    nlp = Pipeline()
    train = prepared(args.nerel, nlp, args.cache / "train.pkl" if args.cache else None)
    features, labels, _ = examples(train)
    print(
        f"{len(labels)} candidates ({sum(labels)} linked) in {time.perf_counter() - started:.0f} s"
    )
    weights = fit(features, labels, args.l2, args.steps)
    about = (
        "pair classifier of person-role links (quotewho.linker): logistic regression "
        f"trained on NEREL 1.1 train by scripts/train_links.py (l2 {args.l2}, {args.steps} "
        "steps); threshold chosen on train folds and NEREL and factRuEval dev"
    )
    save(args, about, weights)
    print(f"-> {args.out}: {len(weights)} weights, {time.perf_counter() - started:.0f} s")
    for k in range(args.folds):
        held = train[k :: args.folds]
        rest = [doc for j, doc in enumerate(train) if j % args.folds != k]
        fold = fit(*examples(rest)[:2], args.l2, args.steps)
        report(f"train fold {k + 1}/{args.folds}", linker.Weights(fold, args.threshold), held)
    if args.dev:
        dev = prepared(args.dev, nlp, args.cache / "dev.pkl" if args.cache else None)
        report("dev", linker.Weights(weights, args.threshold), dev)


if __name__ == "__main__":
    main()
