"""Train the workplace classifier (`models/workplaces.json`, see `quotewho.workplaces`).

    PYTHONPATH=src .venv/bin/python scripts/train_workplaces.py \
        --nerel ../shared/corpora/nerel-1.1/train --dev ../shared/corpora/nerel-1.1/dev \
        [--cache /tmp/workplaces] [--folds 2] [--out models/workplaces.json]

Each text goes through our own pipeline up to its mentions and role links, so the
candidates and features are those `workplaces` sees at run time (`roles.document_links`).
A candidate (person mention, organisation mention) is positive when NEREL has a WORKPLACE
pair between exactly those two mentions, straight or through a role the person holds, as
the shared scorer reads them (`../shared/tools/ner/gold.py`). The logistic regression is
`train_links.fit`; `--folds 2` and `--dev` print WORKPLACE precision, recall and F1 with
the classifier at a few thresholds, next to the role links alone (`never`). The
threshold is chosen on those (train folds and NEREL dev), never on test.
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

from train_links import arguments, fit, save

from quotewho import linker, roles, workplaces
from quotewho.draft import Draft
from quotewho.pipeline import Pipeline
from quotewho.segment import segment

THRESHOLDS = (0.25, 0.3, 0.4, 0.5)


def prepared(folder: Path, nlp: Pipeline, cache: Path | None = None) -> list[tuple]:
    """(text, sentences, mentions, gold WORKPLACE pairs) of every text of a NEREL folder;
    pickled to `cache` when given."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    import gold  # the shared scorer's reader (see --shared)

    out = []
    for ann in sorted(folder.glob("*.ann")):
        truth, _ = gold.load_nerel_doc(str(ann.with_suffix("")), ann.name)
        draft = Draft(truth.text)
        draft.sents = segment(draft.text)
        Pipeline.tag_entities(draft, nlp.tag_sentences(draft.sents))
        pairs = {
            ((p.head.start, p.head.end), (p.tail.start, p.tail.end))
            for p in truth.pairs["WORKPLACE"]
        }
        out.append((draft.text, draft.sents, draft.mentions, pairs))
    if cache:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps(out))
    return out


def examples(docs: list[tuple]) -> list[dict]:
    """Per document: the candidates' features and labels, the pairs the role links give
    (as `benchmarks/ner.py` reads them: the first organisation inside the link's) and the
    gold pairs."""
    out = []
    for text, sents, mentions, pairs in docs:
        by_sentence = list(roles._by_sentence(sents, mentions))
        links, public = roles.role_links(by_sentence, text)
        orgs = [m for m in mentions if m.type == "ORG"]
        given = set()
        for link in public:
            where = link.organisation_mention
            org = where and next(
                (o for o in orgs if where.start <= o.start and o.end <= where.end), None
            )
            role = link.title and next(
                (
                    m
                    for m in mentions
                    if m.type == "ROLE"
                    and m.start < link.role_mention.end
                    and link.role_mention.start < m.end
                ),
                None,
            )
            if org and role:
                # the outermost organisation of the role, as `benchmarks/ner.py` reads it
                org = min(
                    (
                        o
                        for o in orgs
                        if role.start <= o.start <= org.start and org.end <= o.end <= role.end
                    ),
                    key=lambda o: (o.start, -o.end),
                    default=org,
                )
            if org:
                person = link.person_mention
                given.add(((person.start, person.end), (org.start, org.end)))
        found = list(workplaces.document_candidates(by_sentence, links, public))
        keys = [((c.person.start, c.person.end), (c.org.start, c.org.end)) for c in found]
        out.append(
            {
                "features": [workplaces.features(c) for c in found],
                "keys": keys,
                "labels": [int(key in pairs) for key in keys],
                "given": given,
                "gold": pairs,
            }
        )
    return out


def fit_apart(features: list[list[str]], labels: list[int], l2: float, steps: int) -> dict:
    """One regression for the candidates of one sentence and one for a person named
    sentences before (`workplaces.previous_candidates`, whose features all open with
    `far:`): their features are disjoint, so the weights merge into one file, and the
    first keeps the fit it has alone."""
    far = [f[0].startswith("far:") for f in features]
    weights = {}
    for side in (False, True):
        rows = [(f, y) for f, y, x in zip(features, labels, far) if x == side]
        weights |= fit([f for f, _ in rows], [y for _, y in rows], l2, steps)
    return weights


def report(name: str, model: linker.Weights, docs: list[dict]) -> None:
    """WORKPLACE P/R/F1 of the role links with the classifier's pairs from each threshold."""
    gold = sum(len(d["gold"]) for d in docs)
    line = f"{name}:"
    for threshold in (*THRESHOLDS, float("inf")):
        right = wrong = 0
        for d in docs:
            pairs = set(d["given"])
            pairs |= {
                key for f, key in zip(d["features"], d["keys"]) if model.probability(f) >= threshold
            }
            right += len(pairs & d["gold"])
            wrong += len(pairs - d["gold"])
        p, r = right / max(1, right + wrong), right / max(1, gold)
        label = "never" if threshold == float("inf") else f"≥{threshold}"
        line += f"  {label} P {p:.3f} R {r:.3f} F {2 * p * r / max(1e-9, p + r):.3f}"
    print(line)


def main() -> None:
    args = arguments(__doc__, workplaces.MODEL, l2=1e-3, threshold=0.3)
    sys.path.insert(0, str(args.shared / "tools" / "ner"))
    started = time.perf_counter()
    nlp = Pipeline()
    train = examples(prepared(args.nerel, nlp, args.cache / "train.pkl" if args.cache else None))
    features = [f for d in train for f in d["features"]]
    labels = [y for d in train for y in d["labels"]]
    print(
        f"{len(labels)} candidates ({sum(labels)} linked) in {time.perf_counter() - started:.0f} s"
    )
    weights = fit_apart(features, labels, args.l2, args.steps)
    about = (
        "workplace classifier (quotewho.workplaces): logistic regression trained on "
        f"NEREL 1.1 train by scripts/train_workplaces.py (l2 {args.l2}, {args.steps} steps); "
        "threshold chosen on train folds and NEREL dev"
    )
    save(args, about, weights)
    print(f"-> {args.out}: {len(weights)} weights, {time.perf_counter() - started:.0f} s")
    for k in range(args.folds):
        held = train[k :: args.folds]
        rest = [doc for j, doc in enumerate(train) if j % args.folds != k]
        fold = fit_apart(
            [f for d in rest for f in d["features"]],
            [y for d in rest for y in d["labels"]],
            args.l2,
            args.steps,
        )
        report(f"train fold {k + 1}/{args.folds}", linker.Weights(fold, args.threshold), held)
    if args.dev:
        dev = examples(prepared(args.dev, nlp, args.cache / "dev.pkl" if args.cache else None))
        report("dev", linker.Weights(weights, args.threshold), dev)


if __name__ == "__main__":
    main()
