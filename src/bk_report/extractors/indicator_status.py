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

from functools import lru_cache
from typing import Optional

import regex

from ..lexicon import alternation, load_table
from ..models import Status

_F = regex.IGNORECASE | regex.VERSION1


@lru_cache(maxsize=None)
def _patterns() -> dict[str, regex.Pattern]:
    rows = load_table("indicator_status")
    by = lambda st, sc: alternation(r["phrase"] for r in rows if r["status"] == st and r["scope"] == sc)  # noqa: E731
    return {
        "estimate": regex.compile(rf"(?<!\w){by('estimate', 'figure')}(?!\w)", _F),
        "target": regex.compile(rf"(?<!\w){by('target', 'sentence')}(?!\w)", _F),
        "plan_year": regex.compile(
            rf"(?<!\w){by('target', 'plan')}(?:\s+\w+){{0,3}}?\s+(?:năm|đến\s+năm|giai\s+đoạn)\s+(?P<y>(?:19|20)\d\d)(?!\d)", _F
        ),
        # the time frame of a clause: "Năm 2024, …", "đến năm 2025 …", "trong năm 2024 …"
        "year_frame": regex.compile(r"(?<!so\s+với\s+|so\s+)(?<!\w)(?:năm|đến\s+năm|trong\s+năm)\s+(?P<y>(?:19|20)\d\d)(?!\d)", _F),
    }


def status(view: str, sent_start: int, lead_start: int, pos: int, report_year: Optional[int]) -> Status:
    """Status of the figure at view offset ``pos``: its lead clause starts at
    ``lead_start`` and its sentence at ``sent_start``.
    """
    pats = _patterns()
    if pats["target"].search(view, sent_start, pos):
        return Status.target
    if report_year is not None:
        for m in pats["plan_year"].finditer(view, sent_start, pos):
            if int(m.group("y")) > report_year:
                return Status.target
        frames = list(pats["year_frame"].finditer(view, sent_start, pos))
        if frames and int(frames[-1].group("y")) > report_year:
            return Status.target
    if pats["estimate"].search(view, lead_start, pos):
        return Status.estimate
    return Status.actual
