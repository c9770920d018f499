"""Extractor: council (to be filled by its rules).

>>> from bk_report.rules import Context
>>> isinstance(extract(Context.from_text("")), list)
True
"""
from __future__ import annotations

from ..rules import Context, Rule, run_rules

RULES: tuple[Rule, ...] = ()


def extract(ctx: Context) -> list:
    """Figures of this domain found in the document."""
    return run_rules(RULES, ctx)
