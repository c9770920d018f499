"""Batches: read files and extract reports, in parallel, errors kept as values.

:func:`extract_file` reads one file (any format :mod:`bk_report.sources` knows)
and returns its :class:`~bk_report.models.Report`, with the reading's warnings
(a legacy encoding converted, undecodable bytes) in front of the report's own.
:func:`extract_many` runs over many files or texts with worker processes and
yields one :class:`Result` per input, in input order; an input that fails gives
a Result with ``error`` set instead of stopping the batch.

>>> results = list(extract_many(["HĐND xã đã tổ chức 04 kỳ họp.", "Năm 2022."], workers=1))
>>> [r.ok for r in results], results[1].report.year
([True, True], 2022)
>>> r = process(12)
>>> r.ok, r.error
(False, 'TypeError: expected a path (pathlib.Path) or a text (str), got int')

:func:`process` is the pure, picklable per-document function: map it over a Dask
bag or a Spark RDD of paths or texts to run corpora larger than one machine.
"""
from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from .models import Report
from .pipeline import extract
from .sources import SUFFIXES, Source, read_source

__all__ = ["Result", "extract_file", "extract_many", "process", "find_files"]

Input = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Result:
    """What one input gave: a report and the text its spans refer to, or an error."""

    #: the file path, or ``<text N>`` for the N-th text given directly (0-based)
    source: str
    report: Optional[Report] = None
    #: the extracted text: every span of ``report`` indexes into it
    text: Optional[str] = None
    format: Optional[str] = None
    encoding: Optional[str] = None
    #: ``"ExceptionType: message"`` when the input could not be read or extracted
    error: Optional[str] = None
    #: ``tcvn3`` or ``vni`` when the text was converted from a legacy font encoding
    legacy: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _with_source_warnings(report: Report, source: Source) -> Report:
    if not source.warnings:
        return report
    return report.model_copy(update={"warnings": list(source.warnings) + list(report.warnings)})


def extract_file(path: Input) -> Report:
    """Read one file (``.txt`` in any supported encoding, ``.html``, ``.docx``, ``.pdf``) and extract it.

    Spans index into the extracted text, ``bk_report.sources.read_source(path).text``.
    Raises ``OSError`` or :class:`~bk_report.sources.SourceError` when the file cannot be read.
    """
    source = read_source(path)
    return _with_source_warnings(extract(source.text), source)


def process(item: object, label: Optional[str] = None) -> Result:
    """Extract one input and never raise: a path (``pathlib.Path``) is read as a file, a ``str`` is the text.

    Picklable and free of shared state, so it can be mapped over a Dask bag,
    a Spark RDD or a process pool.
    """
    if isinstance(item, os.PathLike):
        name = label or os.fspath(item)
        try:
            source = read_source(item)
            report = _with_source_warnings(extract(source.text), source)
        except Exception as exc:  # errors are values: one bad file never stops a batch
            return Result(source=name, error=_describe(exc))
        return Result(source=name, report=report, text=source.text, format=source.format,
                      encoding=source.encoding, legacy=source.legacy)
    name = label or "<text>"
    if not isinstance(item, str):
        return Result(source=name, error=f"TypeError: expected a path (pathlib.Path) or a text (str), got {type(item).__name__}")
    try:
        return Result(source=name, report=extract(item), text=item, format="text")
    except Exception as exc:
        return Result(source=name, error=_describe(exc))


def _describe(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "FileNotFoundError: no such file"
    if isinstance(exc, IsADirectoryError):
        return "IsADirectoryError: is a folder"
    if isinstance(exc, PermissionError):
        return "PermissionError: permission denied"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{type(exc).__name__}: {exc.strerror}"
    return f"{type(exc).__name__}: {exc}"


def _process_labelled(job: tuple[object, str]) -> Result:
    return process(job[0], job[1])


#: A chunk of work for a worker closes at this many inputs or this many characters of
#: text (a file counts as ``_FILE_WEIGHT``): one task per document would spend more
#: on the pipes than on small documents.
_CHUNK_ITEMS = 16
_CHUNK_CHARS = 200_000
_FILE_WEIGHT = 50_000


def _chunks(jobs: Iterable[tuple[object, str]]) -> Iterator[list[tuple[object, str]]]:
    chunk: list[tuple[object, str]] = []
    weight = 0
    for job in jobs:
        chunk.append(job)
        weight += len(job[0]) if isinstance(job[0], str) else _FILE_WEIGHT
        if len(chunk) >= _CHUNK_ITEMS or weight >= _CHUNK_CHARS:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


def _process_chunk(chunk: list[tuple[object, str]]) -> list[tuple]:
    """Run in a worker: each Result as plain values, its report as JSON.

    JSON is exact for every report (a test checks the round trip) and about half
    the cost of pickling the objects on each side; a text given directly is not
    sent back.
    """
    out = []
    for item, label in chunk:
        r = process(item, label)
        text = None if isinstance(item, str) else r.text
        report = r.report.model_dump_json() if r.report is not None else None
        out.append((r.source, report, text, r.format, r.encoding, r.error, r.legacy))
    return out


def _from_wire(item: object, wire: tuple) -> Result:
    source, report, text, fmt, encoding, error, legacy = wire
    return Result(
        source=source,
        report=Report.model_validate_json(report) if report is not None else None,
        text=item if isinstance(item, str) and error is None else text,
        format=fmt,
        encoding=encoding,
        error=error,
        legacy=legacy,
    )


def extract_many(items: Iterable[object], workers: Optional[int] = None) -> Iterator[Result]:
    """Extract many inputs; yield one :class:`Result` per input, in input order.

    Each item is a file path (``pathlib.Path`` or any ``os.PathLike``) or a text
    (``str``: a string is always a text, never a file name — wrap file names in
    ``Path``).  ``workers`` processes run in parallel (default: the CPU count;
    ``1`` runs in this process).  Errors are values: a failed input gives a
    Result whose ``error`` says why, and the batch goes on.
    """
    jobs = ((item, _label(i, item)) for i, item in enumerate(items))
    if workers is None:
        workers = os.cpu_count() or 1
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    if workers == 1:
        for job in jobs:
            yield _process_labelled(job)
        return
    window = workers * 2  # bounded read-ahead, in chunks: results wait only for the slowest in flight
    from concurrent.futures import ProcessPoolExecutor  # here: multiprocessing costs 20 ms to import

    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        for chunk in _chunks(jobs):
            pending.append((chunk, pool.submit(_process_chunk, chunk)))
            if len(pending) >= window:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(chunk: list[tuple[object, str]], future) -> list[Result]:
    try:
        wires = future.result()
    except Exception as exc:  # a worker that died (out of memory, killed): still a value per input
        return [Result(source=label, error=f"{type(exc).__name__}: worker failed: {exc}") for _, label in chunk]
    return [_from_wire(item, wire) for (item, _), wire in zip(chunk, wires)]


def _label(index: int, item: object) -> str:
    if isinstance(item, os.PathLike):
        return os.fspath(item)
    return f"<text {index}>"


def find_files(paths: Iterable[Input]) -> list[Path]:
    """Expand folders (recursively, sorted, hidden files skipped) to the files of known suffixes.

    Files named directly are kept whatever their suffix (read as plain text when unknown);
    names that do not exist are kept too, so that they fail as values and are reported.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    if not f.startswith(".") and Path(f).suffix.lower() in SUFFIXES:
                        found.append(Path(root) / f)
            out.extend(sorted(found))
        else:
            out.append(p)
    return out
