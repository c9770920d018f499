"""The bk-report command line: commands, formats, exit codes, summary, progress bar, python -m."""
from __future__ import annotations

import csv
import io
import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

import bk_report
from bk_report.cli import main
from bk_report.export import COLUMNS
from bk_report.models import Report

SRC = str(Path(bk_report.__file__).resolve().parent.parent)
TEXT_A = "Năm 2023, HĐND huyện đã tổ chức 05 kỳ họp, ban hành 27 nghị quyết. Kết nạp 48 đảng viên."
TEXT_B = "Năm 2024, Ủy ban Kiểm tra đã kiểm tra 9 tổ chức đảng và 31 đảng viên; có 0 57% hộ nghèo."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "reports"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(TEXT_A, encoding="utf-8")
    (d / "sub" / "b.txt").write_bytes(TEXT_B.encode("utf-16"))
    (d / "ignored.md").write_text("99 kỳ họp", encoding="utf-8")
    return d


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_json_includes_the_text_spans_index(capsys, folder: Path) -> None:
    code, out, err = run(capsys, "extract", str(folder))
    assert code == 0
    docs = json.loads(out)
    assert [Path(d["source"]).name for d in docs] == ["a.txt", "b.txt"]
    assert docs[1]["encoding"] == "utf-16"
    for doc in docs:
        report = Report.model_validate({k: v for k, v in doc.items() if k not in ("source", "format", "encoding", "text")})
        assert report == bk_report.extract(doc["text"])
        for n in doc["numbers"]:
            assert doc["text"][n["span"]["start"]:n["span"]["end"]] == n["span"]["text"]
    assert "2 files read" in err and "failed" not in err


def test_jsonl_no_text_and_output_file(capsys, folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "extract", "--format", "jsonl", "--no-text", "-o", str(target), "-q", str(folder / "a.txt"))
    assert code == 0 and out == "" and err == ""
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "text" not in json.loads(lines[0]) and json.loads(lines[0])["year"] == 2023


@pytest.mark.parametrize("argv", [["table"], ["extract", "--format", "csv"]])
def test_csv_table(capsys, folder: Path, tmp_path: Path, argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv, str(folder))
    assert code == 0
    table = list(csv.reader(io.StringIO(out)))
    assert table[0] == list(COLUMNS)
    expected = sum(len(bk_report.extract(t).to_rows()) for t in (TEXT_A, TEXT_B))
    assert len(table) - 1 == expected
    for row in table[1:]:
        row = dict(zip(COLUMNS, row))
        text = TEXT_A if row["source"].endswith("a.txt") else TEXT_B
        assert text[int(row["span_start"]):int(row["span_end"])] == row["span_text"]


def test_excel_bom(capsys, folder: Path, tmp_path: Path) -> None:
    target = tmp_path / "bang.csv"
    assert run(capsys, "table", "--excel", "-o", str(target), str(folder))[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + b"source,")
    plain = tmp_path / "plain.csv"
    run(capsys, "table", "-o", str(plain), str(folder))
    assert plain.read_bytes().startswith(b"source,")


def test_some_failed_exit_1_rest_written(capsys, folder: Path, tmp_path: Path) -> None:
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 broken")
    missing = tmp_path / "khong-co.txt"
    code, out, err = run(capsys, "extract", "-f", "jsonl", str(folder), str(missing))
    assert code == 1
    docs = [json.loads(line) for line in out.splitlines()]
    assert [Path(d["source"]).name for d in docs] == ["a.txt", "scan.pdf", "b.txt", "khong-co.txt"]
    assert "error" in docs[1] and "error" in docs[3] and docs[0]["year"] == 2023 and docs[2]["year"] == 2024
    assert "2 files read" in err and "2 failed" in err
    assert "scan.pdf: SourceError: not a readable PDF" in err
    assert "khong-co.txt: FileNotFoundError: no such file" in err


@pytest.mark.parametrize(
    "argv, message",
    [
        ([], "required"),
        (["extract"], "required"),
        (["frobnicate"], "invalid choice"),
        (["extract", "--format", "xml", "x.txt"], "invalid choice"),
        (["extract", "--workers", "0", "x.txt"], "at least 1"),
        (["extract", "--workers", "two", "x.txt"], "whole number"),
        (["extract", "--excel", "x.txt"], "--excel applies to --format csv"),
    ],
)
def test_usage_errors_exit_2(capsys, argv: list[str], message: str) -> None:
    with pytest.raises(SystemExit) as info:
        code = main(argv)
        raise SystemExit(code)
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_empty_folder_and_bad_output_are_usage_errors(capsys, tmp_path: Path, folder: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run(capsys, "extract", str(tmp_path / "empty"))
    assert code == 2 and "no input files" in err
    code, _, err = run(capsys, "extract", "-o", str(tmp_path / "no" / "such" / "dir.json"), str(folder))
    assert code == 2 and "cannot write" in err
    code, _, err = run(capsys, "highlight", str(folder))
    assert code == 2 and "folder" in err


def test_highlight(capsys, folder: Path, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    code, out, _ = run(capsys, "highlight", str(folder / "sub" / "b.txt"), "-o", str(page))
    assert code == 0 and out == ""
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "b.txt" in html and "utf-16" in html
    report = bk_report.extract(TEXT_B)
    n = sum(len(getattr(report, c)) for c in ("discipline", "membership", "council", "targets", "indicators"))
    assert html.count('<tr data-fig="') == n
    code, out, _ = run(capsys, "highlight", str(folder / "a.txt"))
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    code, _, err = run(capsys, "highlight", str(tmp_path / "none.txt"))
    assert code == 1 and "cannot read" in err


def test_schema(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema == Report.model_json_schema()
    assert {"year", "discipline", "membership", "council", "indicators", "targets"} <= set(schema["properties"])


def test_no_progress_bar_when_stderr_is_not_a_terminal(capsys, folder: Path) -> None:
    _, _, err = run(capsys, "extract", str(folder))
    assert "\r" not in err and "file/s" not in err and "it/s" not in err
    assert err.strip().splitlines()[-1].startswith("bk-report: 2 files read")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def test_python_m_is_the_same_command(folder: Path, capsys) -> None:
    argv = ["extract", "-f", "csv", "--workers", "1", str(folder)]
    code, out, err = run(capsys, *argv)
    proc = subprocess.run([sys.executable, "-m", "bk_report", *argv], capture_output=True, env=_env(), timeout=120)
    assert (proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")) == (code, out, err)
    usage = subprocess.run([sys.executable, "-m", "bk_report"], capture_output=True, text=True, env=_env(), timeout=60)
    assert usage.returncode == 2 and "usage: bk-report" in usage.stderr
    script = Path(sys.executable).parent / "bk-report"  # the console script of this environment, when installed
    if script.exists():
        installed = subprocess.run([str(script), *argv], capture_output=True, env=_env(), timeout=120)
        assert (installed.returncode, installed.stdout.decode("utf-8"), installed.stderr.decode("utf-8")) == (code, out, err)


def _stderr_on_a_terminal(argv: list[str]) -> tuple[int, str]:
    """Run ``python -m bk_report argv`` with standard error on a 100-column pseudo-terminal."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "bk_report", *argv], stdout=subprocess.DEVNULL, stderr=slave, env=_env())
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    code = proc.wait(timeout=60)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8", errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal(folder: Path, tmp_path: Path) -> None:
    pytest.importorskip("tqdm", reason="tqdm is the [progress] extra")
    code, err = _stderr_on_a_terminal(["extract", "-o", str(tmp_path / "o.json"), "--workers", "1", str(folder)])
    assert code == 0
    assert "/2 [" in err and "file" in err  # tqdm's bar: counts of files
    assert "bk-report: 2 files read" in err
    code, err = _stderr_on_a_terminal(["extract", "-o", str(tmp_path / "o.json"), str(folder / "a.txt")])
    assert code == 0 and "/1 [" not in err and "bk-report: 1 file read" in err  # one file: no bar


def test_a_folder_of_mixed_formats(capsys, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx is the [formats] extra")
    pytest.importorskip("selectolax", reason="selectolax is the [formats] extra")
    from bk_report.sources import to_legacy

    d = tmp_path / "mixed"
    d.mkdir()
    (d / "1-tcvn3.txt").write_bytes(to_legacy(TEXT_A, "tcvn3").encode("cp1252"))
    (d / "2-trang.html").write_text(f"<html><body><nav>Menu 12</nav><article><p>{TEXT_B}</p></article></body></html>", encoding="utf-8")
    document = docx.Document()
    document.add_paragraph(TEXT_A)
    document.save(str(d / "3-van-ban.docx"))
    code, out, err = run(capsys, "extract", "-f", "jsonl", "--workers", "1", str(d))
    assert code == 0
    docs = [json.loads(line) for line in out.splitlines()]
    assert [(doc["format"], doc.get("legacy_encoding")) for doc in docs] == [("text", "tcvn3"), ("html", None), ("docx", None)]
    assert docs[0]["text"] == TEXT_A and docs[1]["text"] == TEXT_B and docs[2]["text"] == TEXT_A
    assert docs[0]["warnings"][0]["code"] == "legacy_encoding"
    assert "Menu" not in docs[1]["text"]
    assert "3 files read" in err
