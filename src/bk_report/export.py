"""Flat exports: one row per figure (CSV, pandas) and one JSON object per document (JSON, JSONL).

A row has the source, the report's year, the figure's category (the ``Report``
list it is in), every field of the figure, its span (start, end, text) and the
rule that produced it.  :data:`COLUMNS` is the fixed column order of the CSV.

>>> import bk_report
>>> from bk_report.models import CouncilFigure, CouncilMeasure, Report, Span
>>> fig = CouncilFigure(measure=CouncilMeasure.sessions_held, count=5, rule="council.sessions",
...                     span=Span(start=16, end=29, text="05 kỳ họp"))
>>> rows = report_rows(Report(year=2023, council=[fig]), source="a.txt")
>>> {k: v for k, v in rows[0].items() if v is not None}  # doctest: +NORMALIZE_WHITESPACE
{'source': 'a.txt', 'year': 2023, 'category': 'council', 'count': 5, 'measure': 'sessions_held',
 'span_start': 16, 'span_end': 29, 'span_text': '05 kỳ họp', 'rule': 'council.sessions'}
"""
from __future__ import annotations

import csv
import json
from decimal import Decimal
from enum import Enum
from typing import IO, Any, Iterable, Optional, Union

from .models import CouncilFigure, DisciplineFigure, Indicator, MembershipFigure, Report, TargetTally
from .period import period_label

__all__ = ["CATEGORIES", "COLUMNS", "report_rows", "rows", "document", "write_csv", "write_jsonl", "write_json", "to_dataframe"]

#: Report list -> figure model, in the order rows are written.
CATEGORIES = (
    ("discipline", DisciplineFigure),
    ("membership", MembershipFigure),
    ("council", CouncilFigure),
    ("targets", TargetTally),
    ("indicators", Indicator),
)


def _figure_fields() -> list[str]:
    names: list[str] = []
    for _, model in CATEGORIES:
        for name in model.model_fields:
            if name not in ("span", "rule") and name not in names:
                names.append(name)
    return names


#: Columns of a figure row, in order.
COLUMNS = ("source", "year", "locality", "level", "province", "period", "category", *_figure_fields(), "span_start", "span_end", "span_text", "rule")

_DECIMAL_COLUMNS = tuple(c for c in COLUMNS if c in ("value", "value_high", "of_total", "plan_percent", "change_percent"))
_INT_COLUMNS = ("year", "count", "met", "total", "missed", "span_start", "span_end")


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def report_rows(report: Report, source: Optional[str] = None) -> list[dict[str, Any]]:
    """One flat dict per figure of ``report``, keys :data:`COLUMNS` (missing fields are None).

    Values keep their Python types: ``Decimal`` values, ``int`` counts, enum values as ``str``.
    """
    loc = report.locality
    panel = {
        "locality": loc.name if loc else None,
        "level": loc.level if loc else None,
        "province": loc.province if loc else None,
        "period": period_label(report.period),
    }
    out = []
    for category, _ in CATEGORIES:
        for fig in getattr(report, category):
            row: dict[str, Any] = dict.fromkeys(COLUMNS)
            row.update(source=source, year=report.year, category=category, **panel)
            for name in type(fig).model_fields:
                if name not in ("span", "rule"):
                    row[name] = _plain(getattr(fig, name))
            row.update(span_start=fig.span.start, span_end=fig.span.end, span_text=fig.span.text, rule=fig.rule)
            out.append(row)
    return out


def _pairs(items: Iterable[Any]) -> Iterable[tuple[Optional[str], Optional[Report]]]:
    """(source, report) from Reports, batch Results or (source, Report) pairs; failed Results give None."""
    for i, item in enumerate(items):
        if isinstance(item, Report):
            yield None, item
        elif isinstance(item, tuple) and len(item) == 2:
            yield item[0], item[1]
        elif hasattr(item, "report") and hasattr(item, "source"):
            yield item.source, item.report
        else:
            raise TypeError(f"item {i}: expected a Report, a batch Result or a (source, Report) pair, got {type(item).__name__}")


def rows(items: Iterable[Any]) -> Iterable[dict[str, Any]]:
    """Figure rows of many reports (Reports, batch Results or (source, Report) pairs)."""
    for source, report in _pairs(items):
        if report is not None:
            yield from report_rows(report, source)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def write_csv(items: Iterable[Any], fh: IO[str], excel: bool = False) -> int:
    """Write the figure rows of ``items`` as CSV to a text stream; returns the number of rows.

    ``excel=True`` starts with a UTF-8 byte order mark so that Excel shows Vietnamese
    letters correctly (open the stream with ``encoding="utf-8"`` and ``newline=""``).
    """
    if excel:
        fh.write("\ufeff")
    writer = csv.writer(fh)
    writer.writerow(COLUMNS)
    n = 0
    for row in rows(items):
        writer.writerow([_cell(row[c]) for c in COLUMNS])
        n += 1
    return n


def document(result: Any, include_text: bool = True) -> dict[str, Any]:
    """The JSON object of one document: source, format, encoding, text, then the report's fields.

    A failed batch Result gives ``{"source": …, "error": …}``.  Spans index into ``text``.
    """
    if isinstance(result, Report):
        return result.model_dump(mode="json")
    out: dict[str, Any] = {"source": result.source}
    if result.report is None:
        out["error"] = result.error
        return out
    out.update(format=result.format, encoding=result.encoding)
    if getattr(result, "legacy", None):
        out["legacy_encoding"] = result.legacy
    if include_text:
        out["text"] = result.text
    out.update(result.report.model_dump(mode="json"))
    return out


def write_jsonl(items: Iterable[Any], fh: IO[str], include_text: bool = True) -> int:
    """One JSON object per line (see :func:`document`); returns the number of lines."""
    n = 0
    for item in items:
        fh.write(json.dumps(document(item, include_text), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_json(items: Iterable[Any], fh: IO[str], include_text: bool = True) -> int:
    """A JSON array of documents (see :func:`document`), written as the items arrive."""
    fh.write("[")
    n = 0
    for item in items:
        fh.write(",\n" if n else "\n")
        fh.write(json.dumps(document(item, include_text), ensure_ascii=False, indent=1))
        n += 1
    fh.write("\n]\n" if n else "]\n")
    return n


def to_dataframe(items: Union[Report, Iterable[Any]]):
    """A pandas DataFrame of figure rows (columns :data:`COLUMNS`); needs the ``pandas`` extra.

    Takes a Report, or many (Reports, batch Results or (source, Report) pairs).
    Decimal columns become float64 and counts nullable integers, for analysis;
    use :func:`rows` when exact decimals matter.
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError("to_dataframe needs pandas: pip install 'bk_report[pandas]'") from exc
    if isinstance(items, Report):
        items = [items]
    frame = pd.DataFrame(list(rows(items)), columns=list(COLUMNS))
    for col in _DECIMAL_COLUMNS:
        frame[col] = pd.to_numeric(frame[col].map(lambda v: None if v is None else float(v)), errors="coerce").astype("float64")
    for col in _INT_COLUMNS:
        frame[col] = frame[col].astype("Int64")
    return frame
