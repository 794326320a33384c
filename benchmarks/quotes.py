"""Quote benchmark: run quotewho over the documents of gold dirs and score the quotes.

    python benchmarks/quotes.py [GOLD_DIR ...] [--out PRED.jsonl] [--shared DIR] [--details]

GOLD_DIR defaults to ../shared/gold/dev. Each gold file names its text by a path under
the shared dir (`--shared`, default ../shared); predictions are written as JSONL in the
scorer's format (`{"doc": ..., "quotes": [Quote.model_dump()]}`), then
`shared/tools/quote_score.py` prints its scores for each gold dir.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import quotewho

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def gold_docs(gold_dir: Path) -> list[str]:
    """The `doc` paths (under shared/) of a gold dir's files, in name order."""
    return [
        json.loads(path.read_text(encoding="utf-8"))["doc"]
        for path in sorted(gold_dir.glob("*.json"))
    ]


def predict(docs: list[str], shared: Path) -> tuple[list[dict], float]:
    """Prediction rows for the documents, and the seconds the pipeline took."""
    texts = [(shared / doc).read_text(encoding="utf-8") for doc in docs]
    began = time.perf_counter()
    results = list(quotewho.Pipeline().pipe(texts))
    seconds = time.perf_counter() - began
    rows = [
        {"doc": doc, "quotes": [quote.model_dump(mode="json") for quote in result.quotes]}
        for doc, result in zip(docs, results)
    ]
    return rows, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold_dirs", nargs="*", default=[str(SHARED / "gold" / "dev")])
    parser.add_argument("--out", default="/tmp/quotewho-quotes.jsonl", help="predictions JSONL")
    parser.add_argument("--shared", default=str(SHARED), help="the shared dir gold docs name")
    parser.add_argument("--details", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    scorer = shared / "tools" / "quote_score.py"
    for n, gold_dir in enumerate(map(Path, args.gold_dirs)):
        out = Path(args.out)
        if len(args.gold_dirs) > 1:  # one predictions file per gold dir
            out = out.with_name(
                f"{out.stem}-{n}-{gold_dir.parent.name}-{gold_dir.name}{out.suffix}"
            )
        rows, seconds = predict(gold_docs(gold_dir), shared)
        out.write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
        )
        print(f"# {gold_dir}: {len(rows)} documents in {seconds:.1f} s → {out}", flush=True)
        command = [sys.executable, str(scorer), str(gold_dir), str(out), "--root", str(shared)]
        subprocess.run(command + (["--details"] if args.details else []), check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
