"""Flat exports: Report.to_rows, CSV (with the Excel BOM), JSON/JSONL documents, to_dataframe."""
from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

import bk_report
from bk_report.batch import Result, process
from bk_report.export import COLUMNS, document, report_rows, rows, write_csv, write_json, write_jsonl
from bk_report.models import (
    CouncilFigure,
    CouncilMeasure,
    DisciplineAction,
    DisciplineFigure,
    DisciplineTarget,
    Indicator,
    Qualifier,
    Report,
    Span,
    TargetTally,
    Unit,
)

TEXT = "Kiểm tra 12 tổ chức đảng; tổ chức 03 kỳ họp; đạt 17/20 chỉ tiêu; thu ngân sách hơn 3.645 tỷ đồng."


def sp(s: str) -> Span:
    i = TEXT.index(s)
    return Span(start=i, end=i + len(s), text=s)


REPORT = Report(
    year=2023,
    discipline=[DisciplineFigure(action=DisciplineAction.inspection, target=DisciplineTarget.organization, count=12,
                                 span=sp("12 tổ chức đảng"), rule="d.rule")],
    council=[CouncilFigure(measure=CouncilMeasure.sessions_held, count=3, span=sp("03 kỳ họp"), rule="c.rule")],
    targets=[TargetTally(met=17, total=20, span=sp("17/20 chỉ tiêu"), rule="t.rule")],
    indicators=[Indicator(name="thu ngân sách", value=Decimal("3.645E+12"), unit=Unit.VND, qualifier=Qualifier.more_than,
                          span=sp("hơn 3.645 tỷ đồng"), rule="i.rule")],
)


def test_rows_are_flat_and_typed() -> None:
    out = REPORT.to_rows("a.txt")
    assert out == report_rows(REPORT, "a.txt")
    assert [r["category"] for r in out] == ["discipline", "council", "targets", "indicators"]
    assert all(list(r) == list(COLUMNS) for r in out)
    d, c, t, i = out
    assert (d["action"], d["target"], d["count"], d["body"]) == ("inspection", "organization", 12, None)
    assert (t["met"], t["total"], t["missed"]) == (17, 20, None)
    assert i["value"] == Decimal("3645000000000") and i["qualifier"] == "more_than" and i["unit"] == "VND"
    for r in out:
        assert TEXT[r["span_start"]:r["span_end"]] == r["span_text"]
        assert r["source"] == "a.txt" and r["year"] == 2023 and r["rule"].endswith(".rule")
    assert Report().to_rows() == []


def test_columns_cover_every_figure_field() -> None:
    for cat, model in (("discipline", DisciplineFigure), ("council", CouncilFigure), ("targets", TargetTally), ("indicators", Indicator)):
        for name in model.model_fields:
            if name not in ("span", "rule"):
                assert name in COLUMNS, (cat, name)


def test_rows_accept_results_pairs_and_reports() -> None:
    failed = Result(source="x.pdf", error="SourceError: no text layer")
    got = list(rows([REPORT, ("b.txt", REPORT), failed]))
    assert [r["source"] for r in got] == [None] * 4 + ["b.txt"] * 4
    with pytest.raises(TypeError):
        list(rows([42]))


@pytest.mark.parametrize("excel", [False, True])
def test_csv(excel: bool) -> None:
    buf = io.StringIO(newline="")
    n = write_csv([("a.txt", REPORT)], buf, excel=excel)
    data = buf.getvalue()
    assert n == 4
    assert data.startswith("\ufeff") is excel
    table = list(csv.reader(io.StringIO(data.lstrip("\ufeff"))))
    assert table[0] == list(COLUMNS)
    by_col = [dict(zip(table[0], row)) for row in table[1:]]
    assert by_col[3]["value"] == "3645000000000"  # no exponent
    assert by_col[0]["body"] == "" and by_col[0]["count"] == "12"
    assert by_col[1]["span_text"] == "03 kỳ họp"
    assert data.encode("utf-8").decode("utf-8") == data


def test_json_documents_keep_the_text_that_spans_index() -> None:
    r = process(TEXT)
    doc = document(r)
    assert list(doc)[:4] == ["source", "format", "encoding", "text"]
    assert doc["text"] == TEXT
    for n in doc["numbers"]:
        assert TEXT[n["span"]["start"]:n["span"]["end"]] == n["span"]["text"]
    assert "text" not in document(r, include_text=False)
    assert document(Result(source="x", error="boom")) == {"source": "x", "error": "boom"}
    assert document(REPORT) == REPORT.model_dump(mode="json")


def test_jsonl_and_json() -> None:
    results = [process(TEXT), Result(source="bad.txt", error="FileNotFoundError: no such file")]
    buf = io.StringIO()
    assert write_jsonl(results, buf) == 2
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["error"].startswith("FileNotFoundError")
    assert json.loads(lines[0])["text"] == TEXT
    buf = io.StringIO()
    write_json(results, buf)
    assert [d["source"] for d in json.loads(buf.getvalue())] == ["<text>", "bad.txt"]
    buf = io.StringIO()
    write_json([], buf)
    assert json.loads(buf.getvalue()) == []


def test_to_dataframe() -> None:
    pd = pytest.importorskip("pandas", reason="pandas is the [pandas] extra")
    frame = bk_report.to_dataframe([("a.txt", REPORT), ("b.txt", REPORT)])
    assert list(frame.columns) == list(COLUMNS) and len(frame) == 8
    assert str(frame["value"].dtype) == "float64" and str(frame["count"].dtype) == "Int64"
    assert frame.loc[3, "value"] == 3.645e12
    assert pd.isna(frame.loc[0, "value"])
    assert len(bk_report.to_dataframe(REPORT)) == 4
    assert len(bk_report.to_dataframe([])) == 0


def test_to_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"bk_report\[pandas\]"):
        bk_report.to_dataframe(REPORT)


def test_rows_carry_locality_level_province_and_period():
    text = "Huyện Đồng Lâm: 6 tháng đầu năm 2024, giải quyết việc làm cho 1.460 lao động."
    rows = bk_report.extract(text).to_rows("a.txt")
    assert rows, "expected at least one figure row"
    row = rows[0]
    assert (row["locality"], row["level"]) == ("Đồng Lâm", "district")
    assert row["period"] == "2024-6M"
    assert {"locality", "level", "province", "period", "key"} <= set(row)
