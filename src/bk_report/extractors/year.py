"""Extractor: the single calendar year whose results the text mainly reports.

>>> from bk_report.rules import Context
>>> detect(Context.from_text("Năm 2023, thành phố đạt 5 chỉ tiêu."))
2023
>>> detect(Context.from_text("nhiệm kỳ 2016-2021")) is None
True
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

from ..rules import Context, Rule

RULES: tuple[Rule, ...] = ()


def detect(ctx: Context) -> Optional[int]:
    """The most frequent calendar year of the text, or None (placeholder heuristic)."""
    years = Counter(int(n.value) for n in ctx.numerals if n.kind == "year" and n.value is not None)
    if not years:
        return None
    return years.most_common(1)[0][0]


def extract(ctx: Context) -> list:
    return []
