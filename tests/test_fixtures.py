"""Every fixture text in ``fixtures/`` against its gold JSON.

A fixture is ``NAME.txt`` (a report text written for this project) beside
``NAME.json`` (its gold extraction in the shape of SCHEMA.md).  Each fixture must
be extracted exactly: the same multiset of discipline, membership, council and
tally tuples, the same indicators (value, unit and every attribute), the same
year.  Known gaps are listed in ``KNOWN_GAPS`` as strict xfails with what is
missing, so the list stays true when one starts passing.
"""
from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import bk_report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

TUPLE_KEYS = {
    "discipline": ("body", "action", "target", "count"),
    "membership": ("action", "count"),
    "council": ("measure", "count"),
    "targets": ("met", "total", "missed"),
}
INDICATOR_KEYS = ("value", "unit", "qualifier", "status", "kind", "value_high", "of_total", "plan_percent", "change_percent")
DEFAULTS = {"qualifier": "exact", "status": "actual", "kind": "level"}

#: fixture name → what the library does not do yet (strict xfail).
KNOWN_GAPS: dict[str, str] = {
    "eval-hoa-binh-lac-son-discipline-2019": "a rounded lead ('gần 30 đảng viên') with no exact restatement of the same action is kept as a figure",
}


def _dec(x):
    if x is None or x == "":
        return None
    d = Decimal(str(x))
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()


def _norm(key, v):
    if key in ("count", "met", "total", "missed", "value", "value_high", "of_total", "plan_percent", "change_percent"):
        return _dec(v)
    if v is None:
        return DEFAULTS.get(key)
    return v


def _tuples(items, keys):
    return Counter(tuple(_norm(k, x.get(k)) for k in keys) for x in items)


def _fixture_names():
    return sorted(p.stem for p in FIXTURES.glob("*.json") if p.with_suffix(".txt").exists())


def _params():
    out = []
    for name in _fixture_names():
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[name])] if name in KNOWN_GAPS else []
        out.append(pytest.param(name, id=name, marks=marks))
    return out


def diff(gold: dict, pred: dict) -> list[str]:
    """Human-readable differences between a gold and a predicted extraction."""
    problems = []
    for cat, keys in list(TUPLE_KEYS.items()) + [("indicators", INDICATOR_KEYS)]:
        g, p = _tuples(gold.get(cat, []), keys), _tuples(pred.get(cat, []), keys)
        for t in (g - p).elements():
            problems.append(f"{cat} missed {dict(zip(keys, map(str, t)))}")
        for t in (p - g).elements():
            problems.append(f"{cat} extra {dict(zip(keys, map(str, t)))}")
    if gold.get("year") != pred.get("year"):
        problems.append(f"year: gold {gold.get('year')} got {pred.get('year')}")
    return problems


def test_there_are_fixtures():
    assert len(_fixture_names()) >= 1


@pytest.mark.parametrize("name", _params())
def test_fixture(name):
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    pred = bk_report.extract(text).model_dump(mode="json")
    problems = diff(gold, pred)
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


def test_diff_reports_a_miss():
    gold = {"year": 2020, "council": [{"measure": "sessions_held", "count": 5}]}
    assert diff(gold, {"year": 2020, "council": []}) == ["council missed {'measure': 'sessions_held', 'count': '5'}"]
