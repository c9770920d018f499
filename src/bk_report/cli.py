"""The ``bk-report`` command line (``python -m bk_report`` is the same).

Commands: ``extract`` (files and folders to JSON, JSONL or CSV), ``table`` (the
CSV of all figures), ``highlight`` (one file to a self-contained HTML page) and
``schema`` (the JSON Schema of a report).  Exit status: 0 when every file was
read, 1 when some failed (the others are still written), 2 for usage errors.

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Sequence

from . import __version__
from .batch import Result, extract_many, find_files, process
from .export import write_csv, write_json, write_jsonl
from .models import Report

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def _build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="bk-report",
        description="Extract figures from Vietnamese local-government and party reports "
        "(.txt in UTF-8/UTF-16/cp1258/TCVN3/VNI, .html, .docx, .pdf).",
        epilog="Exit status: 0 all files read, 1 some failed (the rest are written), 2 usage error.",
    )
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def batch_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders searched recursively for .txt .html .htm .docx .pdf")
        p.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
        p.add_argument("--workers", type=_workers, metavar="N", help="worker processes (default: the CPU count)")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary on standard error")

    ex = sub.add_parser("extract", help="extract files and folders to JSON, JSONL or CSV",
                        description="Extract every figure of each file. JSON and JSONL give one object per file "
                        "(source, format, encoding, the extracted text that spans index into, then the report); "
                        "CSV gives one row per figure.")
    batch_options(ex)
    ex.add_argument("-f", "--format", choices=("json", "jsonl", "csv"), default="json", help="output format (default: json)")
    ex.add_argument("--excel", action="store_true", help="CSV only: start with a UTF-8 byte order mark so Excel shows Vietnamese correctly")
    ex.add_argument("--no-text", action="store_true", help="JSON/JSONL: leave out the extracted text")

    tb = sub.add_parser("table", help="one CSV row per figure (same as extract --format csv)",
                        description="One CSV row per figure: source, year, category, every field of the figure, "
                        "span start/end/text and rule.")
    batch_options(tb)
    tb.add_argument("--excel", action="store_true", help="start with a UTF-8 byte order mark so Excel shows Vietnamese correctly")

    hl = sub.add_parser("highlight", help="one file to a self-contained HTML page with every figure highlighted")
    hl.add_argument("path", metavar="FILE")
    hl.add_argument("-o", "--output", metavar="FILE", help="the HTML file to write (default: standard output)")

    sc = sub.add_parser("schema", help="print the JSON Schema of a report")
    sc.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    return ap


@contextlib.contextmanager
def _output(path: Optional[str], newline: Optional[str] = None) -> Iterator[IO[str]]:
    if path is None or path == "-":
        stream = sys.stdout
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("_", "-") not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8")
        yield stream
        stream.flush()
        return
    try:
        fh = open(path, "w", encoding="utf-8", newline=newline)
    except OSError as exc:
        raise _UsageError(f"cannot write {path}: {exc.strerror or exc}") from exc
    with fh:
        yield fh


@dataclass
class _Stats:
    read: int = 0
    figures: int = 0
    warnings: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def add(self, r: Result) -> None:
        if r.ok and r.report is not None:
            self.read += 1
            self.figures += sum(len(getattr(r.report, c)) for c in ("discipline", "membership", "council", "targets", "indicators"))
            self.warnings += len(r.report.warnings)
        else:
            self.failed.append((r.source, r.error or "unknown error"))

    def summary(self) -> str:
        s = "" if self.read == 1 else "s"
        line = f"bk-report: {self.read} file{s} read, {self.figures} figures, {self.warnings} warnings"
        if not self.failed:
            return line
        lines = [f"{line}; {len(self.failed)} failed:"]
        lines += [f"  {source}: {error}" for source, error in self.failed]
        return "\n".join(lines)


def _progress(results: Iterable[Result], total: int, enabled: bool) -> Iterable[Result]:
    if not enabled:
        return results
    try:
        from tqdm import tqdm
    except ImportError:  # the progress bar is the optional [progress] extra
        return results
    try:
        width = os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        width = 0
    if width > 0:
        return tqdm(results, total=total, unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)
    # a terminal that reports no size (a bare pseudo-terminal): a bar of fixed width
    return tqdm(results, total=total, unit="file", file=sys.stderr, ncols=80, nrows=24, leave=False)


def _run_batch(args: argparse.Namespace, fmt: str) -> int:
    files = find_files(args.paths)
    if not files:
        raise _UsageError("no input files found (folders are searched for " + " ".join(sorted(_suffixes())) + ")")
    workers = min(args.workers or os.cpu_count() or 1, len(files))
    stats = _Stats()
    show_bar = not args.quiet and len(files) > 1 and sys.stderr.isatty()

    def results() -> Iterator[Result]:
        for r in _progress(extract_many(files, workers=workers), len(files), show_bar):
            stats.add(r)
            yield r

    include_text = not getattr(args, "no_text", False)
    with _output(args.output, newline="" if fmt == "csv" else None) as fh:
        if fmt == "csv":
            write_csv(results(), fh, excel=args.excel)
        elif fmt == "jsonl":
            write_jsonl(results(), fh, include_text=include_text)
        else:
            write_json(results(), fh, include_text=include_text)
    if not args.quiet:
        print(stats.summary(), file=sys.stderr)
    return EXIT_SOME_FAILED if stats.failed else EXIT_OK


def _suffixes() -> set[str]:
    from .sources import SUFFIXES

    return set(SUFFIXES)


def _run_highlight(args: argparse.Namespace) -> int:
    from .highlight import render_html

    path = Path(args.path)
    if path.is_dir():
        raise _UsageError(f"{path} is a folder: highlight takes one file")
    result = process(path)
    if not result.ok or result.report is None or result.text is None:
        print(f"bk-report: cannot read {path}: {result.error}", file=sys.stderr)
        return EXIT_SOME_FAILED
    note = f"read as {result.format}" + (f", {result.encoding}" if result.encoding else "")
    if result.legacy:
        note += f", converted from {result.legacy}"
    page = render_html(result.text, result.report, title=path.name, note=note)
    with _output(args.output) as fh:
        fh.write(page)
    return EXIT_OK


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; returns the exit status (usage errors exit 2 through argparse)."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            if args.excel and args.format != "csv":
                raise _UsageError("--excel applies to --format csv only")
            return _run_batch(args, args.format)
        if args.command == "table":
            return _run_batch(args, "csv")
        if args.command == "highlight":
            return _run_highlight(args)
        if args.command == "schema":
            with _output(args.output) as fh:
                fh.write(json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2) + "\n")
            return EXIT_OK
    except _UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"bk-report: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("bk-report: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a program that stopped reading (head, less)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_SOME_FAILED
    parser.error(f"unknown command {args.command!r}")
    return EXIT_USAGE
