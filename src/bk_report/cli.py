"""The ``bk-report`` command line.

>>> main(["--help"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
SystemExit: 0
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from .pipeline import extract


def _build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="bk-report", description="Extract figures from Vietnamese report texts.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract one or more UTF-8 text files and print JSON")
    ex.add_argument("paths", nargs="+", type=Path)
    return ap


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _build_parser().parse_args(argv)
    status = 0
    if args.command == "extract":
        for path in args.paths:
            try:
                text = path.read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                print(f"bk-report: cannot read {path}: {exc}", file=sys.stderr)
                status = 1
                continue
            sys.stdout.write(extract(text).model_dump_json(indent=1) + "\n")
    return status
