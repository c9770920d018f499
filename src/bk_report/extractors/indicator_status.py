"""The status of an indicator: actual, estimate or target.

Cue words come from ``data/indicator_status.tsv``.  A *figure* cue (``ước đạt``,
``dự kiến``) must stand in the figure's own clause before it; a *sentence* cue
(``phấn đấu``) governs the rest of its sentence; a *plan* word (``mục tiêu``,
``chỉ tiêu``, ``kế hoạch``) sets target only for a later period than the report's
year.  A clause about a year later than the report's year is a target too.

>>> from bk_report.models import Status
>>> v = "Năm 2024, tỉnh phấn đấu tốc độ tăng trưởng đạt 7%; thu ngân sách ước đạt 500 tỷ đồng."
>>> status(v, 0, v.index("tốc"), v.index("7%"), report_year=2023)
<Status.target: 'target'>
>>> status("thu ngân sách ước đạt 500 tỷ đồng", 0, 0, 22, report_year=2023)
<Status.estimate: 'estimate'>
>>> status("Năm 2023, thu ngân sách đạt 500 tỷ đồng", 0, 10, 28, report_year=2023)
<Status.actual: 'actual'>
"""
from __future__ import annotations

from functools import cache

import regex

from ..lexicon import alternation, load_table, compile_pattern
from ..models import Status
from .indicator_cues import cue

_F = regex.IGNORECASE | regex.VERSION1


@cache
def _patterns() -> dict[str, regex.Pattern]:
    rows = load_table("indicator_status")
    # a year after a comparison word is the period compared with, not the clause's frame
    refs = alternation(r["phrase"] for r in load_table("indicator_compare") if r["role"] == "ref")
    by = lambda st, sc: alternation(r["phrase"] for r in rows if r["status"] == st and r["scope"] == sc)
    return {
        "estimate": compile_pattern(rf"(?<!\w){by('estimate', 'figure')}(?!\w)", _F),
        "target": compile_pattern(rf"(?<!\w){by('target', 'sentence')}(?!\w)", _F),
        "plan_year": compile_pattern(
            rf"(?<!\w){by('target', 'plan')}(?:\s+\w+){{0,3}}?\s+(?:{cue('year_frame')}|{cue('period_word')})\s+(?P<y>(?:19|20)\d\d)(?!\d)", _F
        ),
        # a year, which every match of "plan_year" and "year_frame" holds
        "year": compile_pattern(r"(?:19|20)\d\d"),
        # the time frame of a clause: "Năm 2024, …", "đến năm 2025 …", "trong năm 2024 …"
        # (the frame is looked for first: the look-behind for a comparison word is slow)
        "year_frame": compile_pattern(
            rf"(?<!\w)(?={cue('year_frame')}\s+(?:19|20)\d\d(?!\d))(?<!(?<!\w){refs}\s+){cue('year_frame')}\s+(?P<y>(?:19|20)\d\d)(?!\d)", _F
        ),
    }


def status(view: str, sent_start: int, lead_start: int, pos: int, report_year: int | None) -> Status:
    """Status of the figure at view offset ``pos``: its lead clause starts at
    ``lead_start`` and its sentence at ``sent_start``.
    """
    pats = _patterns()
    if pats["target"].search(view, sent_start, pos):
        return Status.target
    if report_year is not None and _may_hold_year(view, sent_start, pos) and pats["year"].search(view, sent_start, pos):
        for m in pats["plan_year"].finditer(view, sent_start, pos):
            if int(m.group("y")) > report_year:
                return Status.target
        frames = list(pats["year_frame"].finditer(view, sent_start, pos))
        if frames and int(frames[-1].group("y")) > report_year:
            return Status.target
    if pats["estimate"].search(view, lead_start, pos):
        return Status.estimate
    return Status.actual


def _may_hold_year(view: str, start: int, end: int) -> bool:
    """Whether ``view[start:end]`` holds ``19`` or ``20``, as every match of ``pats["year"]``
    does (two substring searches instead of a pattern search)."""
    return view.find("20", start, end) >= 0 or view.find("19", start, end) >= 0
