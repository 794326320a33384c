"""Adversarial input: time doubles, not explodes, when the input doubles; memory stays bounded.

    .venv/bin/python benchmarks/adversarial.py                # the sizes of issue #5
    .venv/bin/python benchmarks/adversarial.py --scale 0.1    # a quick look
    .venv/bin/python benchmarks/adversarial.py --only guillemets "a 1 MB word"

Each input is analysed at size n and at 2n, each time in a fresh process that loads the
models, warms up on one sentence and then times `quotewho.extract(text)` alone. A ratio
near 2 means linear; a regex that backtracks or a quadratic loop shows as 4 or more.
CPU seconds are printed next to wall seconds: on a machine shared with others wall time
grows with the neighbours' load, CPU time much less. Peak RSS is the whole process at 2n,
models included; "after load" is the same process before the timed call.

The last rows are factRuEval-2016 `testset/list.txt` (a list of file names, no sentence
punctuation: razdel reads it as one 22 000-token sentence, and natasha's syntax parser
needs 7.2 GB for it), as it is (one name pair per line) and with its newlines turned into
spaces, so that only the 150-token cut in segment.py bounds the sentences. Running the
test split here measures resources only; nothing is tuned on it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

LIST = Path(__file__).resolve().parents[2] / "shared/corpora/factrueval-2016/testset/list.txt"


def list_text(path: Path, flat: bool) -> Callable[[int], str]:
    """The factRuEval list n times over (n=1: the file itself)."""

    def build(n: int) -> str:
        text = path.read_text(encoding="utf-8")
        if flat:
            text = text.replace("\n", " ")
        return (" " if flat else "\n").join([text] * n)

    return build


def cases(list_path: Path) -> dict[str, tuple[int, str, Callable[[int], str]]]:
    """name → (n at scale 1, what n counts, text of size n)."""
    return {
        "guillemets": (100_000, "«", lambda n: "«" * n),
        "dashes": (100_000, "`— `", lambda n: "— " * n),
        "nested quotes": (50_000, "levels", lambda n: "«" * n + "да" + "»" * n),
        "mixed marks": (20_000, '`«„“”"»`', lambda n: '«„“”"»' * n),
        "a repeated word": (50_000, "`сказал `", lambda n: "Он сказал: «" + "сказал " * n),
        "a 1 MB word": (1_000_000, "letters", lambda n: "а" * n),
        "list.txt": (1, "file", list_text(list_path, flat=False)),
        "list.txt, one line": (1, "file", list_text(list_path, flat=True)),
    }


def child(name: str, n: int, list_path: Path) -> None:
    """Runs in a fresh process: analyse one input, print timings and memory as JSON."""
    import quotewho

    text = cases(list_path)[name][2](n)
    quotewho.extract("«Мы готовы», — сказал Есенбаев.")
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    doc = quotewho.extract(text)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        json.dumps(
            {
                "wall": wall,
                "cpu": cpu,
                "loaded_mb": loaded,
                "peak_mb": peak,
                "chars": len(text),
                "sentences": len(doc.sentences),
                "quotes": len(doc.quotes),
            }
        )
    )


def measure(name: str, n: int, list_path: Path) -> dict:
    """Run `child` in a new interpreter, so that peak RSS belongs to this input alone."""
    command = [sys.executable, __file__, "--child", name, str(n), "--list", str(list_path)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every n by this")
    parser.add_argument("--only", nargs="+", help="run only these inputs (names as printed)")
    parser.add_argument("--list", type=Path, default=LIST, help="factRuEval testset/list.txt")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]), args.list)
        return

    table = cases(args.list)
    names = args.only or [
        name for name in table if args.list.exists() or not name.startswith("list.txt")
    ]
    print(
        "| input | n | chars at 2n | time(n) s | time(2n) s | ratio | CPU ratio "
        "| sentences at 2n | RSS after load MB | peak RSS at 2n MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in names:
        base, unit, _ = table[name]
        n = max(1, round(base * args.scale)) if unit != "file" else base
        one, two = measure(name, n, args.list), measure(name, 2 * n, args.list)
        print(
            f"| {name} | {n:,} {unit} | {two['chars']:,} | {one['wall']:.2f} | {two['wall']:.2f} "
            f"| {two['wall'] / one['wall']:.2f} | {two['cpu'] / one['cpu']:.2f} "
            f"| {two['sentences']:,} | {two['loaded_mb']:.0f} | {two['peak_mb']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
