"""The highlighted HTML page: self-contained, every figure highlighted, checked in headless Chromium."""
from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bk_report.highlight import COLOURS, render_html
from bk_report.models import (
    CouncilFigure,
    CouncilMeasure,
    DisciplineAction,
    DisciplineFigure,
    DisciplineTarget,
    Indicator,
    MembershipAction,
    MembershipFigure,
    NumberMention,
    NumberRole,
    Report,
    ReportWarning,
    Span,
    TargetTally,
    Unit,
)

TEXT = (
    "Năm 2024, Ủy ban Kiểm tra đã kiểm tra 14 tổ chức đảng <và> 52 đảng viên.\n"
    "Kết nạp 137 đảng viên mới. HĐND huyện tổ chức 04 kỳ họp & ban hành 31 nghị quyết.\n"
    "Có 18/21 chỉ tiêu đạt và vượt kế hoạch; thu ngân sách đạt 2.315 tỷ đồng, tăng 12,4%.\n"
    "Số liệu 0 57% cần xem lại; có 3 đoàn công tác."
)


def span(text: str, start: int = 0) -> Span:
    i = TEXT.index(text, start)
    return Span(start=i, end=i + len(text), text=text)


def sample_report() -> Report:
    budget = span("thu ngân sách đạt 2.315 tỷ đồng")
    growth = span("2.315 tỷ đồng, tăng 12,4%")  # crosses the budget span on purpose
    return Report(
        year=2024,
        discipline=[
            DisciplineFigure(action=DisciplineAction.inspection, target=DisciplineTarget.organization, count=14,
                             span=span("14 tổ chức đảng"), rule="discipline.test"),
            DisciplineFigure(action=DisciplineAction.inspection, target=DisciplineTarget.member, count=52,
                             span=span("52 đảng viên"), rule="discipline.test"),
        ],
        membership=[MembershipFigure(action=MembershipAction.admitted, count=137, span=span("Kết nạp 137 đảng viên"), rule="membership.test")],
        council=[
            CouncilFigure(measure=CouncilMeasure.sessions_held, count=4, span=span("04 kỳ họp"), rule="council.test"),
            CouncilFigure(measure=CouncilMeasure.resolutions, count=31, span=span("31 nghị quyết"), rule="council.test"),
        ],
        targets=[TargetTally(met=18, total=21, span=span("18/21 chỉ tiêu"), rule="targets.test")],
        indicators=[
            Indicator(name="thu ngân sách", value=Decimal("2315000000000"), unit=Unit.VND, span=budget, rule="indicators.test"),
            Indicator(name="thu ngân sách", value=Decimal("12.4"), unit=Unit.percent, span=growth, rule="indicators.growth"),
        ],
        numbers=[NumberMention(span=span("3 đoàn"), value=Decimal(3), role=NumberRole.unassigned)],
        warnings=[
            ReportWarning(code="broken_number", message="“0 57%” looks like a broken number", span=span("0 57%")),
            ReportWarning(code="legacy_encoding", message="converted from TCVN3"),
        ],
    )


def figure_count(report: Report) -> int:
    return sum(len(getattr(report, c)) for c in COLOURS)


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.in_text = 0
        self.text: list[str] = []
        self.figs: dict[int, list[str]] = {}
        self.void = {"meta", "br", "hr", "img", "input", "link"}
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in self.void:
            self.stack.append(tag)
        if a.get("id") == "text":
            self.in_text = len(self.stack)
        if self.in_text and "data-fig" in a and tag == "mark":
            for i in a["data-fig"].split():
                self.figs.setdefault(int(i), []).append(a.get("class", ""))

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False
        if self.in_text and len(self.stack) < self.in_text:
            self.in_text = 0

    def handle_data(self, data):
        if self.in_text:
            self.text.append(data)


def parse(page: str) -> _Collect:
    c = _Collect()
    c.feed(page)
    c.close()
    return c


def test_every_figure_is_highlighted_with_its_category_colour() -> None:
    report = sample_report()
    page = render_html(TEXT, report, title="huyen.txt")
    c = parse(page)
    assert c.balanced
    assert "".join(c.text) == TEXT  # the text is all there, escaped, in order
    assert sorted(c.figs) == list(range(figure_count(report)))
    order = [cat for cat in ("discipline", "membership", "council", "targets", "indicators") for _ in getattr(report, cat)]
    for i, cat in enumerate(order):
        assert any(f"cat-{cat}" in cls or "multi" in cls for cls in c.figs[i]), (i, cat, c.figs[i])
    for cat, colour in COLOURS.items():
        assert f"mark.cat-{cat} {{ background: {colour}; }}" in page


def test_page_is_self_contained() -> None:
    page = render_html(TEXT, sample_report(), title="x")
    lowered = page.lower()
    for needle in ("http:", "https:", "src=", "<link", "@import", "url(", "<script", "<iframe"):
        assert needle not in lowered, needle
    assert '<meta charset="utf-8">' in page


def test_values_warnings_unassigned_and_table() -> None:
    page = render_html(TEXT, sample_report(), title="x")
    assert "count = 137" in page and "action = admitted" in page
    assert "value = 2315000000000" in page and "unit = VND" in page
    assert 'class="hl warn"' in page and "broken_number" in page
    assert 'class="hl unassigned"' in page and "unassigned numeral = 3" in page
    assert page.count('<tr data-fig="') == figure_count(sample_report())
    assert '<a href="#fig-6">' in page and 'id="fig-6"' in page
    assert "legacy_encoding" in page  # warnings without a span are listed too
    assert "&lt;và&gt;" in page and "&amp; ban hành" in page


def test_no_figures() -> None:
    page = render_html("Không có số liệu.", Report(), title="rong.txt")
    assert "No figures were found" in page and "Không có số liệu." in page


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 40)), max_size=12))
def test_any_spans_keep_the_text_and_every_figure(spans: list[tuple[int, int]]) -> None:
    figs = []
    for start, length in spans:
        end = min(len(TEXT), start + length)
        figs.append(CouncilFigure(measure=CouncilMeasure.resolutions, count=1, rule="t",
                                  span=Span(start=start, end=end, text=TEXT[start:end])))
    report = Report(council=figs)
    c = parse(render_html(TEXT, report))
    assert c.balanced
    assert "".join(c.text) == TEXT
    assert sorted(c.figs) == list(range(len(figs)))


# --------------------------------------------------------------------------- headless Chromium

CHECK = """
<script>
(function () {
  var out = {figures: {}, tips: {}, focusable: {}, n: 0};
  var rows = document.querySelectorAll('tr[data-fig]');
  out.n = rows.length;
  rows.forEach(function (row) {
    var i = row.getAttribute('data-fig');
    var els = Array.prototype.filter.call(document.querySelectorAll('#text mark[data-fig]'), function (el) {
      return el.getAttribute('data-fig').split(' ').indexOf(i) >= 0;
    });
    var visible = els.length > 0 && els.every(function (el) {
      var r = el.getBoundingClientRect(), s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.display !== 'none'
        && parseFloat(s.opacity) > 0 && s.backgroundColor !== 'rgba(0, 0, 0, 0)'
        && s.backgroundColor !== s.color;
    });
    out.figures[i] = {count: els.length, visible: visible,
                      background: els.length ? getComputedStyle(els[0]).backgroundColor : null};
    if (els.length) { out.tips[i] = els[0].getAttribute('data-tip'); out.focusable[i] = els[0].tabIndex >= 0; }
  });
  // the values show through a stylesheet rule on :hover and :focus (focus itself depends on the
  // headless window having focus, so the rule is checked rather than a focused element)
  out.rules = [];
  Array.prototype.forEach.call(document.styleSheets, function (sheet) {
    Array.prototype.forEach.call(sheet.cssRules, function (rule) {
      if (rule.selectorText && /::after/.test(rule.selectorText)) {
        out.rules.push({selector: rule.selectorText, content: rule.style.content, position: rule.style.position});
      }
    });
  });
  document.body.setAttribute('data-check', JSON.stringify(out));
})();
</script>
"""


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.skipif(_chromium() is None, reason="no headless Chromium (Debian package chromium; .ci/run installs it)")
def test_highlights_are_visible_in_headless_chromium(tmp_path: Path) -> None:
    report = sample_report()
    page = render_html(TEXT, report, title="huyen.txt")
    page_path = tmp_path / "page.html"
    page_path.write_text(page.replace("</body>", CHECK + "</body>"), encoding="utf-8")
    proc = subprocess.run(
        [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1200,2000",
         "--dump-dom", page_path.as_uri()],
        capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)},
    )
    m = re.search(r'data-check="([^"]*)"', proc.stdout)
    assert m, f"Chromium did not run the check (exit {proc.returncode}): {proc.stderr[-2000:]}"
    result = json.loads(html.unescape(m.group(1)))
    n = figure_count(report)
    assert result["n"] == n
    assert sorted(result["figures"], key=int) == [str(i) for i in range(n)]
    for i, fig in result["figures"].items():
        assert fig["count"] >= 1 and fig["visible"], (i, fig)
    # a colour per category: the discipline, membership, council and target figures differ
    backgrounds = {result["figures"][str(i)]["background"] for i in (0, 2, 3, 5)}
    assert len(backgrounds) == 4
    # the structured values show on hover and on keyboard focus
    assert "count = 137" in result["tips"]["2"]
    assert "measure = sessions_held" in result["tips"]["3"]
    assert all(result["focusable"].values()) and len(result["focusable"]) == n
    tip_rules = [r for r in result["rules"] if "attr(data-tip)" in r["content"]]
    assert tip_rules and ":hover::after" in tip_rules[0]["selector"] and ":focus::after" in tip_rules[0]["selector"]
