"""Benchmark ``bk_report.extract``: throughput, workers, import time, memory, scaling.

Run from the repository root (nothing to install beyond the package's own
dependencies; ``src/`` is put on the path when ``bk_report`` is not installed)::

    python3 benchmarks/bench.py                   # every section except --adversarial
    python3 benchmarks/bench.py --adversarial     # also the adversarial inputs, 10 KB to 5 MB
    python3 benchmarks/bench.py --only scale --profile   # cProfile the largest scaled input

It prints, for the texts of ``fixtures/`` and ``../shared/corpus`` (or ``--corpus``):

* documents and MB per second of ``extract`` on one core (wall and CPU time);
* the same with ``--workers`` processes (``bk_report.extract_many``), and the speed-up;
* the import time of ``bk_report`` in a fresh interpreter;
* peak memory (tracemalloc) per MB of input;
* the throughput of one ``regex.finditer`` pass finding every number followed by a
  word over the same texts, and how many times faster than ``extract`` it is;
* the cost per MB of ``extract`` as the input grows from 10 KB to 5 MB (the corpus
  texts repeated), and with ``--adversarial`` the same for each input of
  ``tests/test_adversarial.py``, flagging growth beyond 2x.

A size whose predicted run time exceeds ``--budget`` seconds is skipped and
reported as such (a super-linear pattern would otherwise run for hours).
MB means 10^6 bytes of UTF-8.  Timings are minima over repeats on a machine that
may be shared: compare runs made on the same machine.
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import importlib.util
import io
import os
import pstats
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if os.environ.get("BK_REPORT_BENCH_SRC", "1") == "1":  # BK_REPORT_BENCH_SRC=0: benchmark the installed package
    sys.path.insert(0, str(ROOT / "src"))

import regex  # noqa: E402

import bk_report  # noqa: E402

#: One regex pass: every number (with separators) followed by a word.
BASELINE = regex.compile(r"\d+(?:[.,]\d+)*\s*\w+")

MB = 1_000_000
SCALE_SIZES = (10_000, 30_000, 100_000, 300_000, 1_000_000, 2_000_000, 5_000_000)
ADVERSARIAL_SIZES = (10_000, 100_000, 1_000_000, 5_000_000)


def mbytes(text: str) -> float:
    return len(text.encode("utf-8")) / MB


def load_texts(dirs: list[Path]) -> list[tuple[str, str]]:
    out = []
    for d in dirs:
        for p in sorted(d.glob("*.txt")):
            out.append((f"{d.name}/{p.name}", p.read_text(encoding="utf-8")))
    return out


def timed(fn, min_time: float = 2.0, max_repeats: int = 50) -> tuple[float, float, int]:
    """(best wall seconds, best CPU seconds, repeats) of ``fn()`` run until ``min_time`` has passed."""
    walls, cpus = [], []
    start = time.perf_counter()
    while len(walls) < max_repeats and (not walls or time.perf_counter() - start < min_time):
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return min(walls), min(cpus), len(walls)


def header(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 70 - len(title)))


# --------------------------------------------------------------------------- sections


def section_import() -> dict:
    header("import time (fresh interpreter, median of 7)")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # as installed by pip, with bytecode compiled: the first run writes the caches
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    cold_env = dict(env, PYTHONDONTWRITEBYTECODE="1", PYTHONPYCACHEPREFIX=str(Path(os.devnull)))
    probe = "import time; t=time.perf_counter(); import {mod}; print(time.perf_counter()-t)"  # {mod} may hold more statements

    def measure(mod: str, env: dict) -> float:
        runs = []
        for _ in range(7):
            out = subprocess.run([sys.executable, "-c", probe.format(mod=mod)], capture_output=True, text=True, env=env, check=True)
            runs.append(float(out.stdout.strip().splitlines()[-1]))
        return statistics.median(runs)

    measure("bk_report", env)  # writes the bytecode caches
    measure("bk_report.pipeline", env)
    deps = measure("regex; from pydantic import BaseModel, Field; from pydantic.dataclasses import dataclass", env)
    full = measure("bk_report", env)
    api = measure("bk_report; bk_report.extract", env)
    no_cache = measure("bk_report; bk_report.extract", cold_env)
    first = subprocess.run(
        [sys.executable, "-c", "import time, bk_report; bk_report.extract; t=time.perf_counter(); bk_report.extract('Năm 2023, HĐND tổ chức 05 kỳ họp.'); print(time.perf_counter()-t)"],
        capture_output=True, text=True, env=env, check=True,
    )
    first_call = float(first.stdout.strip().splitlines()[-1])
    print(f"import bk_report                 {full * 1000:8.1f} ms   (target < 250 ms; public names load on first use)")
    print(f"import + first use of a name     {api * 1000:8.1f} ms   (loads pydantic and the extractors; bytecode cached, as after pip install)")
    print(f"  of which pydantic + regex      {deps * 1000:8.1f} ms   (BaseModel, Field, dataclasses: the floor)")
    print(f"  with no bytecode cache         {no_cache * 1000:8.1f} ms   (every source compiled at import)")
    print(f"first extract() after that       {first_call * 1000:8.1f} ms   (patterns built on first use)")
    return {"import_ms": full * 1000, "api_ms": api * 1000, "deps_ms": deps * 1000, "no_cache_ms": no_cache * 1000, "first_call_ms": first_call * 1000}


def section_throughput(texts: list[tuple[str, str]]) -> dict:
    header(f"throughput on {len(texts)} texts, one core")
    docs = [t for _, t in texts]
    size = sum(mbytes(t) for t in docs)
    t0, c0 = time.perf_counter(), time.process_time()
    for t in docs:  # the first pass builds the lazily compiled patterns: timed on its own
        bk_report.extract(t)
    cold_wall, cold_cpu = time.perf_counter() - t0, time.process_time() - c0

    def run_extract():
        for t in docs:
            bk_report.extract(t)

    def run_regex():
        for t in docs:
            for _ in BASELINE.finditer(t):
                pass

    # The two are timed in turns, a pass of extract and then a few of the regex, so that both
    # see the same machine: a shared machine's speed drifts by a third within seconds, and
    # timing one after the other made the ratio swing between 140x and 320x.
    walls, cpus, rwalls, rcpus, ratios = [], [], [], [], []
    start = time.perf_counter()
    while len(cpus) < 3 or (len(cpus) < 15 and time.perf_counter() - start < 12.0):
        w, c, _ = timed(run_extract, min_time=0.0, max_repeats=1)
        rw, rc, _ = timed(run_regex, min_time=0.0, max_repeats=5)
        walls.append(w), cpus.append(c), rwalls.append(rw), rcpus.append(rc), ratios.append(c / rc)
    wall, cpu, rwall, rcpu = min(walls), min(cpus), min(rwalls), min(rcpus)
    mbps, rmbps = size / cpu, size / rcpu
    ratio = statistics.median(ratios)
    print(f"input                            {len(docs)} documents, {size:.3f} MB")
    print(f"first pass (builds patterns)     {cold_wall:8.3f} s wall  {cold_cpu:8.3f} s CPU")
    print(f"extract                          {len(docs) / cpu:8.1f} docs/s  {mbps:8.3f} MB/s CPU  ({size / wall:.3f} MB/s wall, best of {len(cpus)})")
    print(f"regex.finditer number+word pass  {len(docs) / rcpu:8.1f} docs/s  {rmbps:8.3f} MB/s CPU  ({size / rwall:.3f} MB/s wall, best of {5 * len(rcpus)})")
    print(f"ratio regex / extract            {ratio:8.1f}x      (target <= 100x; median of {len(ratios)} turns, "
          f"{min(ratios):.0f}-{max(ratios):.0f}x; of the best times {rmbps / mbps:.0f}x)")
    slowest = sorted(((mbytes(t) / _once(t), name) for name, t in texts))[:3]
    print("slowest documents (MB/s)         " + ", ".join(f"{name} {v:.3f}" for v, name in slowest))
    return {"docs_per_s": len(docs) / wall, "mb_per_s": mbps, "regex_mb_per_s": rmbps, "ratio": ratio}


def _once(text: str) -> float:
    t = time.perf_counter()
    bk_report.extract(text)
    return max(time.perf_counter() - t, 1e-9)


def _extract_len(text: str) -> int:
    return len(bk_report.extract(text).numbers)


def _warm_worker(docs: list[str]) -> None:
    for t in docs:
        bk_report.extract(t)


def _pid(_: int) -> int:
    time.sleep(0.2)
    return os.getpid()


def section_workers(texts: list[tuple[str, str]], workers: int, target_seconds: float) -> dict:
    header(f"{workers} worker processes vs one")
    docs = [t for _, t in texts]
    for t in docs:
        bk_report.extract(t)  # warm
    one = sum(_once(t) for t in docs)
    repeat = max(1, int(target_seconds / max(one, 1e-3)))
    batch = docs * repeat
    size = sum(mbytes(t) for t in batch)
    print(f"input                            {len(batch)} documents ({repeat} x corpus), {size:.3f} MB")

    t0 = time.perf_counter()
    for t in batch:
        bk_report.extract(t)
    t_one = time.perf_counter() - t0
    print(f"1 process                        {len(batch) / t_one:8.1f} docs/s  {size / t_one:8.3f} MB/s")

    result = {"one_mb_per_s": size / t_one}
    if hasattr(bk_report, "extract_many"):
        t0 = time.perf_counter()
        out = list(bk_report.extract_many(batch, workers=workers))
        t_many = time.perf_counter() - t0
        assert all(r.ok for r in out)
        print(f"extract_many(workers={workers})          {len(batch) / t_many:8.1f} docs/s  {size / t_many:8.3f} MB/s  speed-up {t_one / t_many:.2f}x (target >= 1.7x; pool start and reports sent back included)")
        result["extract_many_speedup"] = t_one / t_many

    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_warm_worker, initargs=(docs,)) as pool:
        pids: set[int] = set()
        while len(pids) < workers:  # every worker started and warmed (patterns built)
            pids.update(pool.map(_pid, range(workers * 2)))
        t0 = time.perf_counter()
        list(pool.map(_extract_len, batch, chunksize=max(1, len(batch) // (workers * 8))))
        t_pool = time.perf_counter() - t0
    print(f"warm pool, counts only ({workers})       {len(batch) / t_pool:8.1f} docs/s  {size / t_pool:8.3f} MB/s  speed-up {t_one / t_pool:.2f}x (the ceiling: no reports sent back)")
    result["pool_speedup"] = t_one / t_pool
    return result


def section_memory(texts: list[tuple[str, str]]) -> dict:
    header("peak memory per MB of input (tracemalloc)")
    joined = "\n\n".join(t for _, t in texts)
    for _, t in texts:
        bk_report.extract(t)  # patterns built before measuring
    rows = []
    for label, text in [("largest document", max((t for _, t in texts), key=len)), ("corpus as one text", joined), ("corpus x 10", "\n\n".join([joined] * 10))]:
        gc.collect()
        tracemalloc.start()
        report = bk_report.extract(text)
        kept, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del report
        size = mbytes(text) * MB
        per = peak / size
        rows.append(per)
        print(f"{label:24} {mbytes(text):7.3f} MB input  peak {peak / MB:7.2f} MB = {per:5.1f}x input (target < 20x); the Report alone {kept / size:5.1f}x")
    return {"peak_per_input": max(rows)}


def grown_corpus(texts: list[tuple[str, str]], size: int) -> str:
    """Corpus texts repeated and joined until ``size`` bytes of UTF-8, cut at a paragraph."""
    parts, total, i = [], 0, 0
    docs = [t for _, t in texts]
    while total < size:
        t = docs[i % len(docs)]
        parts.append(t)
        total += len(t.encode("utf-8")) + 2
        i += 1
    text = "\n\n".join(parts)
    raw = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    cut = raw.rfind("\n", 0, len(raw))
    return raw[:cut] if cut > len(raw) // 2 else raw


def scaling(label: str, make, sizes, budget: float, profile: bool = False) -> dict:
    """Cost per MB of ``extract(make(size))`` for each size; skip sizes predicted over ``budget``."""
    print(f"{label}")
    base = None
    last_cost = None
    worst = 1.0
    largest = None
    for size in sizes:
        text = make(size)
        mb = mbytes(text)
        if last_cost is not None:
            predicted = last_cost * mb * 3  # allow for growth up to 3x per step
            if predicted > budget:
                print(f"  {mb * 1000:9.0f} KB   skipped: predicted {predicted:.0f} s > budget {budget:.0f} s (cost/MB {last_cost:.2f} s at the previous size)")
                break
        if mb < 0.2:
            wall, cpu, _ = timed(lambda: bk_report.extract(text), min_time=1.0, max_repeats=20)
        else:
            gc.collect()
            c0 = time.process_time()
            t0 = time.perf_counter()
            bk_report.extract(text)
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        cost = cpu / mb
        base = cost if base is None else base
        growth = cost / base if base else float("nan")
        worst = max(worst, growth)
        flag = "   <-- more than 2x the 10 KB cost per MB" if growth > 2 else ""
        print(f"  {mb * 1000:9.0f} KB   {wall:8.3f} s wall  {cpu:8.3f} s CPU  {cost:8.3f} s/MB   x{growth:5.2f}{flag}")
        last_cost = cost
        largest = text
    if profile and largest is not None:
        run_profile(largest, f"{label} at {mbytes(largest) * 1000:.0f} KB")
    return {"worst_growth": worst}


def run_profile(text: str, label: str, top: int = 25) -> None:
    header(f"cProfile: {label}")
    prof = cProfile.Profile()
    prof.enable()
    bk_report.extract(text)
    prof.disable()
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
        lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
        start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
        print(f"-- by {key}")
        print("\n".join(lines[start : start + top + 1]))


def section_scale(texts, budget: float, max_mb: float, profile: bool) -> dict:
    header("cost per MB as the input grows (corpus texts repeated)")
    sizes = [s for s in SCALE_SIZES if s <= max_mb * MB]
    for _, t in texts:
        bk_report.extract(t)  # warm
    return scaling("corpus repeated", lambda n: grown_corpus(texts, n), sizes, budget, profile)


def section_adversarial(budget: float, max_mb: float, profile: bool, names: list[str] | None) -> dict:
    header("adversarial inputs (tests/test_adversarial.py) from 10 KB up")
    spec = importlib.util.spec_from_file_location("_bench_adversarial", ROOT / "tests" / "test_adversarial.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    sizes = [s for s in ADVERSARIAL_SIZES if s <= max_mb * MB]
    for make in mod.INPUTS.values():
        bk_report.extract(make(2_000))  # patterns built before anything is timed
    worst = {}
    for name, make in sorted(mod.INPUTS.items()):
        if names and name not in names:
            continue
        worst[name] = scaling(name, make, sizes, budget, profile)["worst_growth"]
    bad = {k: v for k, v in worst.items() if v > 2}
    print("super-linear (cost per MB grew > 2x): " + (", ".join(f"{k} x{v:.1f}" for k, v in bad.items()) or "none"))
    return worst


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", type=Path, help="folder of *.txt (default: fixtures/ and ../shared/corpus)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--only", action="append", choices=["import", "throughput", "workers", "memory", "scale", "adversarial"])
    ap.add_argument("--adversarial", action="store_true", help="also run the adversarial inputs from 10 KB to 5 MB")
    ap.add_argument("--inputs", nargs="*", help="only these adversarial inputs")
    ap.add_argument("--max-mb", type=float, default=5.0, help="largest input of the scaling sections")
    ap.add_argument("--budget", type=float, default=60.0, help="skip a size predicted to take longer (seconds)")
    ap.add_argument("--workers-seconds", type=float, default=8.0, help="single-process seconds of work for the workers comparison")
    ap.add_argument("--profile", action="store_true", help="cProfile the largest input of each scaling run")
    args = ap.parse_args(argv)

    dirs = args.corpus or [d for d in (ROOT / "fixtures", ROOT.parent / "shared" / "corpus") if d.is_dir()]
    texts = load_texts(dirs)
    if not texts:
        ap.error("no *.txt texts found")
    sections = args.only or ["import", "throughput", "workers", "memory", "scale"] + (["adversarial"] if args.adversarial else [])
    print(f"bk_report {getattr(bk_report, '__version__', '?')} from {Path(bk_report.__file__).parent}")
    print(f"python {sys.version.split()[0]}, regex {regex.__version__}, {os.cpu_count()} CPUs; texts from " + ", ".join(str(d) for d in dirs))
    if "import" in sections:
        section_import()
    if "throughput" in sections:
        section_throughput(texts)
    if "workers" in sections:
        section_workers(texts, args.workers, args.workers_seconds)
    if "memory" in sections:
        section_memory(texts)
    if "scale" in sections:
        section_scale(texts, args.budget, args.max_mb, args.profile)
    if "adversarial" in sections:
        section_adversarial(args.budget, args.max_mb, args.profile, args.inputs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
