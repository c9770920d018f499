"""The last guard: a pattern pass that runs out of time is stopped and reported, never silent."""
from __future__ import annotations

import pytest

import bk_report
from bk_report import rules, scanner
from bk_report.lexicon import time_budget

TEXT = (
    "Năm 2023, UBKT Huyện ủy đã kiểm tra 12 tổ chức đảng và 45 đảng viên; "
    "HĐND huyện tổ chức 04 kỳ họp, ban hành 27 nghị quyết; sản lượng lúa đạt 3.915 tấn."
)


def _codes(report: bk_report.Report) -> list[str]:
    return [w.code for w in report.warnings]


def test_no_timeout_on_ordinary_text() -> None:
    report = bk_report.extract(TEXT)
    assert "pattern_timeout" not in _codes(report)
    assert report.discipline and report.council and report.indicators


def test_budget_grows_with_the_text() -> None:
    assert time_budget(0) < time_budget(1_000_000) < time_budget(5_000_000)


def test_rule_out_of_time_gives_a_warning_and_the_other_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rules, "time_budget", lambda length: 1e-9)
    report = bk_report.extract(TEXT)
    timeouts = [w for w in report.warnings if w.code == "pattern_timeout"]
    assert timeouts, "a rule that ran out of time must be reported"
    for w in timeouts:
        assert "was stopped" in w.message
    stopped = {name for name in ("discipline", "membership", "council", "targets", "indicators")
               if any(f"the {name} extractor" in w.message for w in timeouts)}
    for name in stopped:
        assert getattr(report, name) == [], f"{name} is reported as stopped: it must give no figures"
    assert report.numbers, "the numbers are still read"
    for mention in report.numbers:
        assert mention.category not in stopped, "a stopped extractor leaves no claimed numerals behind"


def test_scan_out_of_time_gives_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanner, "time_budget", lambda length: 1e-9)
    report = bk_report.extract(TEXT)
    assert "pattern_timeout" in _codes(report)
    assert report.numbers == [] and report.discipline == [] and report.indicators == []


def test_council_rules_out_of_time_are_stopped_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # council's own rule classes pass their timeout by position: it must still stop them
    from bk_report.extractors import council

    monkeypatch.setattr(council, "time_budget", lambda length: 1e-9)
    report = bk_report.extract(TEXT)
    assert any("the council extractor" in w.message for w in report.warnings if w.code == "pattern_timeout")
    assert report.council == [] and report.discipline and report.indicators
