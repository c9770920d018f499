"""Batches: extract_file, extract_many (input order, errors as values, workers), find_files, Dask."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import bk_report
from bk_report import batch
from bk_report.batch import Result, extract_many, find_files, process

TEXTS = [f"Năm {year}, HĐND xã đã tổ chức 0{i % 9 + 1} kỳ họp, ban hành {i + 10} nghị quyết." for i, year in enumerate(range(2001, 2013))]


def test_extract_file_matches_extract(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXTS[0], encoding="utf-8")
    assert bk_report.extract_file(path) == bk_report.extract(TEXTS[0])
    assert bk_report.extract_file(str(path)) == bk_report.extract(TEXTS[0])


def test_extract_file_raises_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        bk_report.extract_file(tmp_path / "none.txt")


def test_extract_many_keeps_order_and_errors_as_values(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(TEXTS[1], encoding="utf-8")
    bad_pdf = tmp_path / "bad.pdf"
    bad_pdf.write_bytes(b"not a pdf")
    items = [TEXTS[0], good, tmp_path / "missing.txt", 42, bad_pdf, TEXTS[2]]
    results = list(extract_many(items, workers=2))
    assert [r.source for r in results] == ["<text 0>", str(good), str(tmp_path / "missing.txt"), "<text 3>", str(bad_pdf), "<text 5>"]
    assert [r.ok for r in results] == [True, True, False, False, False, True]
    assert results[0].report == bk_report.extract(TEXTS[0]) and results[0].text == TEXTS[0]
    assert results[1].report.year == 2002 and results[1].encoding == "utf-8" and results[1].format == "text"
    assert results[2].error == "FileNotFoundError: no such file" and results[2].report is None
    assert results[3].error.startswith("TypeError")
    assert "PDF" in results[4].error
    assert results[5].report.year == 2003


def test_parallel_equals_serial() -> None:
    serial = list(extract_many(TEXTS, workers=1))
    parallel = list(extract_many(TEXTS, workers=2))
    assert serial == parallel
    assert [r.report.year for r in parallel] == list(range(2001, 2013))


def test_parallel_equals_serial_across_chunks(tmp_path: Path) -> None:
    # more inputs than one chunk holds, a file and bad inputs between them, and one text
    # long enough to close a chunk by size: order, texts and errors survive the chunking
    good = tmp_path / "good.txt"
    good.write_text(TEXTS[4], encoding="utf-8")
    joined = " ".join(TEXTS) + " "
    long_text = joined * (batch._CHUNK_CHARS // len(joined) + 1)
    items = TEXTS * 3 + [good, 7, long_text, tmp_path / "missing.txt"] + TEXTS
    serial = list(extract_many(items, workers=1))
    parallel = list(extract_many(items, workers=2))
    assert len(parallel) == len(items) > 40
    assert serial == parallel
    assert parallel[len(TEXTS) * 3].text == TEXTS[4] and parallel[len(TEXTS) * 3 + 2].text == long_text


def test_generator_input_and_default_workers() -> None:
    results = list(extract_many(t for t in TEXTS[:3]))
    assert [r.report.year for r in results] == [2001, 2002, 2003]


def test_bad_worker_count() -> None:
    with pytest.raises(ValueError):
        list(extract_many(TEXTS, workers=0))


def test_process_is_picklable_and_total() -> None:
    assert pickle.loads(pickle.dumps(process)) is process
    r = process(TEXTS[0])
    assert pickle.loads(pickle.dumps(r)) == r
    assert process(None).error.startswith("TypeError") and not process(None).ok
    assert isinstance(r, Result) and r.ok


def test_find_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("<p>1</p>", encoding="utf-8")
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "c.DOCX").write_bytes(b"")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x", encoding="utf-8")
    explicit = tmp_path / "notes.md"
    found = find_files([tmp_path, explicit, tmp_path / "nope.txt"])
    rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert rel == ["a.txt", "b/2.html", "c.DOCX", "notes.md", "nope.txt"]


def test_dask_bag_on_the_local_scheduler(tmp_path: Path) -> None:
    db = pytest.importorskip("dask.bag", reason="dask is the [dask] extra")
    paths = []
    for i, text in enumerate(TEXTS[:4]):
        p = tmp_path / f"{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    bag = db.from_sequence(paths, npartitions=2).map(process)
    results = bag.compute(scheduler="processes", num_workers=2)
    assert [r.report.year for r in results] == [2001, 2002, 2003, 2004]
    rows = db.from_sequence(paths, npartitions=2).map(process).map(lambda r: r.report.to_rows(r.source)).flatten().compute(scheduler="threads")
    assert all(row["source"] in {str(p) for p in paths} for row in rows)
