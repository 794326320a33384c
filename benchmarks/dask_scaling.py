"""Throughput of quotewho.dask on a local cluster of 1 and 2 worker processes, and memory.

    .venv/bin/python benchmarks/dask_scaling.py                          # factRuEval devset
    .venv/bin/python benchmarks/dask_scaling.py ../shared/corpora/factrueval-2016/devset/book_1*.txt
    .venv/bin/python benchmarks/dask_scaling.py --workers 1 2 3 --partition 4

Every text goes through `quotewho.dask.extract` on a `LocalCluster` of N single-threaded
worker processes (loopback only, no dashboard), after the models are loaded on every
worker, so the time is analysis alone. The first row is one plain process without Dask,
for the overhead. Per run it prints wall-clock docs/s, the speed-up over one worker, the
CPU seconds the workers spent (on a busy machine wall time grows and CPU time does not:
CPU s per doc is the figure that does not depend on the neighbours), the share of the run
each worker spent on a CPU (under 100 %: it waited for one, or for work), how long the workers
took to load the models, and each worker's resident memory after loading them and at its
peak.

Dask's nanny starts workers with MALLOC_TRIM_THRESHOLD_=65536, which turns off glibc's
adaptive mmap threshold, so every large numpy buffer of the taggers is mapped and unmapped
afresh; `--no-malloc-trim` unsets it for the workers (see docs/dask.md).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import dask
import dask.bag as db
import psutil
from distributed import Client, LocalCluster

import quotewho
import quotewho.dask

DEVSET = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "factrueval-2016" / "devset"


def worker_usage() -> tuple[float, float, float]:
    """This process's CPU seconds, resident MiB now, and peak resident MiB."""
    process = psutil.Process()
    cpu = process.cpu_times()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return cpu.user + cpu.system, process.memory_info().rss / 2**20, peak


def run_plain(texts: list[str]) -> tuple[float, float]:
    """(seconds, CPU seconds) for one process with no Dask, models loaded beforehand."""
    pipeline = quotewho._default_pipeline()
    pipeline("«Мы готовы», — сказал Есенбаев.")
    cpu, wall = time.process_time(), time.perf_counter()
    list(pipeline.pipe(texts))
    return time.perf_counter() - wall, time.process_time() - cpu


def run_cluster(texts: list[str], workers: int, partition: int) -> dict:
    """Timing and memory of one run of `quotewho.dask.extract` on `workers` processes."""
    with (
        LocalCluster(
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        loading = time.perf_counter()
        quotewho.dask.load_models(client)
        loading = time.perf_counter() - loading
        before = client.run(worker_usage)
        bag = db.from_sequence(texts, partition_size=partition)
        wall = time.perf_counter()
        docs = client.compute(quotewho.dask.extract(bag)).result()
        wall = time.perf_counter() - wall
        after = client.run(worker_usage)
    assert len(docs) == len(texts)
    return {
        "seconds": wall,
        "loading": loading,
        "cpu": sum(after[w][0] - before[w][0] for w in after),
        "loaded": max(usage[1] for usage in before.values()),
        "peak": max(usage[2] for usage in after.values()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="texts (default: factRuEval devset)")
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--partition", type=int, default=8, help="texts per partition")
    parser.add_argument(
        "--no-malloc-trim", action="store_true", help="unset MALLOC_TRIM_THRESHOLD_ in workers"
    )
    args = parser.parse_args()
    if args.no_malloc_trim:
        # None unsets a variable the nanny would otherwise set (distributed's own rule).
        dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None})

    paths = args.paths or sorted(DEVSET.glob("book_*.txt"))
    if not paths:
        parser.error(f"no texts given and none in {DEVSET}")
    texts = [path.read_text(encoding="utf-8") for path in paths]
    chars = sum(map(len, texts))
    trim = dask.config.get("distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_")
    print(
        f"{len(texts)} texts, {chars} characters, {psutil.cpu_count()} cores, "
        f"load average {' '.join(f'{x:.1f}' for x in psutil.getloadavg())}, "
        f"workers' MALLOC_TRIM_THRESHOLD_={trim}"
    )

    print(
        "| setup | docs/s | speed-up | CPU s/doc | on CPU | model load s | worker MiB loaded "
        "| worker MiB peak |"
    )
    print("|---|---|---|---|---|---|---|---|")
    seconds, cpu = run_plain(texts)
    print(
        f"| 1 process, no Dask | {len(texts) / seconds:.1f} | | {cpu / len(texts):.3f} "
        f"| {cpu / seconds:.0%} | | | |"
    )
    one = None
    for workers in args.workers:
        run = run_cluster(texts, workers, args.partition)
        rate = len(texts) / run["seconds"]
        one = one or (rate if workers == 1 else None)
        speedup = f"{rate / one:.2f}×" if one else ""
        print(
            f"| {workers} worker{'s' * (workers > 1)} | {rate:.1f} | {speedup} "
            f"| {run['cpu'] / len(texts):.3f} | {run['cpu'] / run['seconds'] / workers:.0%} "
            f"| {run['loading']:.1f} | {run['loaded']:.0f} "
            f"| {run['peak']:.0f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
