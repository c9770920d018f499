"""A folder of reports -> one panel table (localities x indicator keys) and a plot of one indicator.

Usage::

    python examples/pivot.py REPORTS_DIR [--key economic_growth] [--csv pivot.csv] [--png plot.png]

Every report is extracted with :func:`bk_report.batch.extract_many`.  Each row of the pivot is
one report's locality and period (``Mèo Vạc (district, Hà Giang) 2016``); each column is a
canonical indicator key of ``indicator_keys.tsv``; a cell is the report's level figure for that
key (the first one in the text, totals before sector breakdowns), in the key's unit.  The
pivot is written as CSV; with matplotlib installed (``pip install bk_report[plot]``) a bar
chart of ``--key`` across localities is written as PNG.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Optional

from bk_report.batch import extract_many, find_files
from bk_report.keys import label, with_keys
from bk_report.locality import detect_locality
from bk_report.models import Kind, Locality, Period, Report
from bk_report.period import detect_period, period_label
from bk_report.rules import Context


def panel(report: Report, text: str) -> tuple[Report, Optional[Locality], Optional[Period]]:
    """The report with keys, its locality and its period (computed here if the pipeline left them empty)."""
    locality, period = report.locality, report.period
    if report.indicators and all(i.key is None for i in report.indicators):
        report = report.model_copy(update={"indicators": with_keys(report.indicators, text)})
    if locality is None or period is None:
        ctx = Context.from_text(text)
        locality = locality or detect_locality(ctx, report.year)
        period = period or detect_period(ctx, report.year)
    return report, locality, period


def locality_label(loc: Optional[Locality]) -> str:
    if loc is None:
        return "(unknown)"
    where = ", ".join(x for x in (loc.level, loc.province if loc.province != loc.name else None) if x)
    return f"{loc.name} ({where})" if where else loc.name


def build(folder: Path) -> tuple[list[str], list[str], dict[tuple[str, str], Decimal], dict[str, str]]:
    """(row labels, keys, {(row, key): value}, {key: unit}) for every report under ``folder``."""
    cells: dict[tuple[str, str], Decimal] = {}
    units: dict[str, str] = {}
    rows: list[str] = []
    for result in extract_many(find_files([folder])):
        if not result.ok or result.report is None:
            print(f"skipped {result.source}: {result.error}", file=sys.stderr)
            continue
        report, loc, per = panel(result.report, result.text or "")
        row = f"{locality_label(loc)} {period_label(per) or ''}".strip()
        if row in rows:
            row = f"{row} [{Path(result.source).name}]"
        rows.append(row)
        ranked = sorted(report.indicators, key=lambda i: (i.sector is not None, i.span.start))  # headline figures first
        for ind in ranked:
            if ind.key is None or ind.kind != Kind.level or (row, ind.key) in cells:
                continue
            cells[(row, ind.key)] = ind.value
            units.setdefault(ind.key, ind.unit.value)
    count = Counter(k for _, k in cells)
    keys = sorted(count, key=lambda k: (-count[k], k))
    return rows, keys, cells, units


def write_csv(path: Path, rows: list[str], keys: list[str], cells: dict, units: dict) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["locality_period", *[f"{k} ({units[k]})" for k in keys]])
        for r in rows:
            w.writerow([r, *[cells.get((r, k), "") for k in keys]])


def plot(path: Path, key: str, rows: list[str], cells: dict, units: dict) -> bool:
    """A horizontal bar chart of ``key`` across localities; False without matplotlib or data."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install bk_report[plot]): no plot", file=sys.stderr)
        return False
    data = [(r, float(cells[(r, key)])) for r in rows if (r, key) in cells]
    if not data:
        print(f"no report has a level figure for {key!r}: no plot", file=sys.stderr)
        return False
    data.sort(key=lambda d: d[1])
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.45 * len(data)))
    ax.barh([d[0] for d in data], [d[1] for d in data], color="#3b6ea5")
    ax.set_xlabel(f"{label(key)} ({units[key]})")
    ax.set_title(f"{key} across localities")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return True


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--key", help="indicator key to plot (default: the most common one)")
    ap.add_argument("--csv", type=Path, default=Path("pivot.csv"))
    ap.add_argument("--png", type=Path, default=Path("pivot.png"))
    args = ap.parse_args(argv)
    rows, keys, cells, units = build(args.folder)
    if not rows:
        print("no reports found", file=sys.stderr)
        return 1
    write_csv(args.csv, rows, keys, cells, units)
    print(f"{len(rows)} reports x {len(keys)} indicator keys -> {args.csv}")
    key = args.key or (keys[0] if keys else None)
    if key and plot(args.png, key, rows, cells, units):
        print(f"{key} across localities -> {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
