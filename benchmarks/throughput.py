"""Throughput and memory: quotewho's `pipe` against natasha's standard pipeline.

    python benchmarks/throughput.py [CORPUS_DIR ...] [--skip-long] [--rounds N]

Reads every ``book_*.txt`` of the given folders (default: factRuEval-2016 testset and
devset under ../shared, 254 news articles) and runs, each in its own fresh process:

* natasha: ``Doc(text)``, ``segment``, ``tag_morph``, ``parse_syntax``, ``tag_ner`` per text;
* quotewho ``Pipeline.pipe`` with ``n_process=1`` and with ``n_process=2``.

For each it prints characters and documents per second, the ratio to natasha (and the
rates of a second pass over the same texts, once quotewho's word caches are warm, as in a
long run; natasha gets its second pass too), import
and model-load time, CPU seconds (wall ≫ CPU means the machine was busy) and peak RSS
of the process and of its largest child. Then it times one ~1 MB and one ~5 MB text
(articles joined) to show time grows linearly and memory stays bounded.

With ``--rounds N`` every system is measured N times, taking turns, and the table shows
each one's median round; the goal ratios are also printed round by round (a shared host's
speed drifts by a quarter from minute to minute).

Models load before the clock starts, in the workers too (a pipeline keeps its workers from
one `pipe` to the next); the "steady" rate of n_process=2 counts from the first batch out.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = [
    ROOT.parent / "shared" / "corpora" / "factrueval-2016" / "testset",
    ROOT.parent / "shared" / "corpora" / "factrueval-2016" / "devset",
]
# name → (what runs, extra environment). natasha as installed lets OpenBLAS start a thread
# per core, which on a busy machine is slower than one; quotewho limits itself to one.
SYSTEMS = {
    "natasha": ("natasha", {}),
    "natasha 1 BLAS thread": ("natasha", {"OPENBLAS_NUM_THREADS": "1"}),
    "quotewho n_process=1": ("quotewho-1", {}),
    "quotewho n_process=2": ("quotewho-2", {}),
}


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def cpu_seconds() -> float:
    """User and system CPU time of this process and its finished children."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def run_natasha(texts: list[str]) -> dict:
    started = time.perf_counter()
    import natasha

    imported = time.perf_counter()
    embedding = natasha.NewsEmbedding()
    segmenter = natasha.Segmenter()
    morph = natasha.NewsMorphTagger(embedding)
    syntax = natasha.NewsSyntaxParser(embedding)
    ner = natasha.NewsNERTagger(embedding)
    loaded = time.perf_counter()
    cpu = cpu_seconds()

    def analyse() -> None:
        for text in texts:
            doc = natasha.Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.parse_syntax(syntax)
            doc.tag_ner(ner)

    analyse()
    done = time.perf_counter()
    result = {
        "import": imported - started,
        "load": loaded - imported,
        "wall": done - loaded,
        "cpu": cpu_seconds() - cpu,
    }
    analyse()  # a second pass, as quotewho gets one
    result["warm"] = time.perf_counter() - done
    return result


def run_quotewho(texts: list[str], n_process: int, batch_size: int) -> dict:
    started = time.perf_counter()
    import quotewho

    imported = time.perf_counter()
    nlp = quotewho.Pipeline()
    warm = ["«Мы готовы», — сказал Есенбаев."] * 2 * n_process
    # loads every model, in each worker too: the workers stay for the timed run
    list(nlp.pipe(warm, batch_size=1, n_process=n_process))
    loaded = time.perf_counter()
    cpu = cpu_seconds()
    arrivals = []  # (time, chars) of each document as it comes out
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        arrivals.append((time.perf_counter(), len(doc.text)))
    done = time.perf_counter()
    # After the first batch is out, workers are loaded and busy: the steady rate.
    after = arrivals[min(batch_size, len(arrivals)) - 1 :]
    steady = sum(chars for _, chars in after[1:]) / (done - after[0][0]) if len(after) > 1 else 0
    result = {
        "import": imported - started,
        "load": loaded - imported,
        "wall": done - loaded,
        "steady_chars_s": steady,
        "cpu": cpu_seconds() - cpu,
    }
    if n_process == 1:
        # the same texts again: word caches (pymorphy3 parses, lemmas, features) now warm,
        # as they are after the first few hundred articles of a long run
        again = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=batch_size):
            pass
        result["warm"] = time.perf_counter() - again
    nlp.close()  # workers stopped and reaped: their peak RSS now counts as the child's
    return result


def run_long(text: str) -> dict:
    import quotewho

    nlp = quotewho.Pipeline()
    nlp("Он сказал.")
    started = time.perf_counter()
    doc = nlp(text)
    return {"wall": time.perf_counter() - started, "sentences": len(doc.sentences)}


def child(args: argparse.Namespace) -> None:
    """One measurement, in this fresh process; prints its result as JSON."""
    if args.run == "long":
        result = run_long(Path(args.text).read_text(encoding="utf-8"))
    else:
        texts = [Path(p).read_text(encoding="utf-8") for p in args.files]
        if args.run == "natasha":
            result = run_natasha(texts)
        else:
            result = run_quotewho(texts, int(args.run.split("-")[1]), args.batch_size)
        result.update(docs=len(texts), chars=sum(map(len, texts)))
    result["rss"], result["rss_child"] = peak_rss_mb()
    print(json.dumps(result))


def measure(run: str, extra: list[str], env: dict[str, str] | None = None) -> dict:
    """Run one measurement in a fresh interpreter."""
    command = [sys.executable, __file__, "--run", run, *extra]
    environment = {**os.environ, **(env or {})}
    out = subprocess.run(command, check=True, capture_output=True, text=True, env=environment)
    return json.loads(out.stdout.splitlines()[-1])


def import_time() -> float:
    """Fastest of three fresh `import quotewho` (what a user waits for)."""
    code = "import time; t = time.perf_counter(); import quotewho; print(time.perf_counter() - t)"
    times = [
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                             text=True).stdout)
        for _ in range(3)
    ]  # fmt: skip
    return min(times)


def report(results: dict[str, dict]) -> None:
    """The table of measurements, and the goals."""
    natasha = max(r["chars"] / r["wall"] for name, r in results.items() if "natasha" in name)
    head = ("system", "docs", "chars", "wall s", "cpu s", "chars/s", "docs/s", "×natasha",
            "import s", "load s", "RSS MB", "child")  # fmt: skip
    widths = (24, 6, 9, 8, 8, 9, 8, 9, 9, 8, 8, 7)
    print(
        "".join(
            f"{h:<{w}}" if i == 0 else f"{h:>{w}}" for i, (h, w) in enumerate(zip(head, widths))
        )
    )
    for name, r in results.items():
        chars_s = r["chars"] / r["wall"]
        cells = (name, r["docs"], r["chars"], f"{r['wall']:.2f}", f"{r['cpu']:.2f}",
                 f"{chars_s:.0f}", f"{r['docs'] / r['wall']:.1f}", f"{chars_s / natasha:.2f}",
                 f"{r['import']:.2f}", f"{r['load']:.2f}", f"{r['rss']:.0f}",
                 f"{r['rss_child']:.0f}")  # fmt: skip
        print(
            "".join(
                f"{c:<{w}}" if i == 0 else f"{c:>{w}}"
                for i, (c, w) in enumerate(zip(cells, widths))
            )
        )
    print("(×natasha: against natasha's faster row; RSS: this process, child: its largest worker;"
          " n_process=2's workers are loaded before the clock too)")  # fmt: skip
    one = results["quotewho n_process=1"]
    two = results["quotewho n_process=2"]
    print(
        f"\nquotewho n_process=1 / natasha: {one['chars'] / one['wall'] / natasha:.2f} (goal ≥ 2)"
    )
    natasha_warm = max(r["chars"] / r["warm"] for name, r in results.items() if "natasha" in name)
    warm = one["chars"] / one["warm"]
    print(
        f"the same texts a second time (word caches warm): quotewho n_process=1 {warm:.0f}"
        f" chars/s, natasha {natasha_warm:.0f}: {warm / natasha_warm:.2f} × natasha"
    )
    print(
        f"quotewho n_process=2 / n_process=1: {one['wall'] / two['wall']:.2f} whole run, "
        f"{two['steady_chars_s'] / one['steady_chars_s']:.2f} steady, after the first batch "
        "(goal ≥ 1.7)"
    )
    peak = max(max(r["rss"], r["rss_child"]) for r in results.values())
    print(f"peak RSS per process: {peak:.0f} MB (goal ≤ 500)")
    print(f"import quotewho: {import_time():.2f} s (fastest of 3 fresh processes; goal < 0.5)")


def long_texts(texts: list[str]) -> None:
    """One ~1 MB and one ~5 MB text (the articles joined): time and peak memory."""
    print("\none long text (articles joined), n_process=1:")
    walls = {}
    for megabytes in (1, 5):
        parts, size = [], 0
        while size < megabytes * 1_000_000:
            parts.append(texts[len(parts) % len(texts)])
            size += len(parts[-1].encode("utf-8")) + 2
        text = "\n\n".join(parts)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            r = measure("long", ["--text", file.name])
        walls[megabytes] = r["wall"]
        rate = len(text) / r["wall"]
        print(f"  {megabytes} MB ({len(text)} chars, {r['sentences']} sentences): "
              f"{r['wall']:.1f} s, {rate:.0f} chars/s, peak RSS {r['rss']:.0f} MB")  # fmt: skip
    print(f"  time 5 MB / 1 MB: {walls[5] / walls[1]:.2f} (linear: ≈ 5)")


def print_rounds(rounds: list[dict[str, dict]]) -> None:
    """The goal ratios of each round, measured within it, and their medians."""

    def rate(r: dict) -> float:
        return r["chars"] / r["wall"]

    ratios: dict[str, list[float]] = {"n_process=1 / natasha": [], "n_process=2 / 1 steady": []}
    for r in rounds:
        natasha = max(rate(m) for name, m in r.items() if "natasha" in name)
        one, two = r["quotewho n_process=1"], r["quotewho n_process=2"]
        ratios["n_process=1 / natasha"].append(rate(one) / natasha)
        ratios["n_process=2 / 1 steady"].append(two["steady_chars_s"] / one["steady_chars_s"])
    print(f"\nby round ({len(rounds)}; the table above is each system's median round):")
    for name, values in ratios.items():
        listed = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name}: {listed} (median {sorted(values)[len(values) // 2]:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--skip-long", action="store_true", help="skip the 1 MB / 5 MB texts")
    parser.add_argument(
        "--rounds", type=int, default=1, help="measure every system N times, in turns"
    )
    parser.add_argument("--run", help=argparse.SUPPRESS)  # internal: one measurement
    parser.add_argument("--files", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--text", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        child(args)
        return
    files = sorted(str(p) for corpus in args.corpora for p in corpus.glob("book_*.txt"))
    if not files:
        sys.exit(f"no book_*.txt in {', '.join(map(str, args.corpora))}")
    extra = ["--batch-size", str(args.batch_size), "--files", *files]
    # systems take turns, round after round: a host whose speed drifts slows all alike
    rounds = [
        {name: measure(run, extra, env) for name, (run, env) in SYSTEMS.items()}
        for _ in range(args.rounds)
    ]
    middle = len(rounds) // 2
    results = {
        name: sorted((r[name] for r in rounds), key=lambda m: m["wall"])[middle] for name in SYSTEMS
    }
    report(results)
    if len(rounds) > 1:
        print_rounds(rounds)
    if not args.skip_long:
        long_texts([Path(p).read_text(encoding="utf-8") for p in files])


if __name__ == "__main__":
    main()
