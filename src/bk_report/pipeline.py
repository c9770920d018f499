"""``extract(text) -> Report``: run every extractor and account for every numeral.

>>> r = extract("Năm 2023, HĐND thành phố đã tổ chức 05 kỳ họp.")
>>> r.year
2023
>>> [n.span.text for n in r.numbers]
['2023', '05']
"""
from __future__ import annotations

import gc

from . import keys, locality, period
from .extractors import EXTRACTORS
from .extractors import year as year_extractor
from .models import NumberMention, NumberRole, Report, ReportWarning, unchecked_mention
from .lexicon import time_budget
from .rules import Context

#: The role a numeral has by its kind alone, when no extractor claimed it.
_ROLE_BY_KIND = {
    "year": NumberRole.year,
    "date": NumberRole.date,
    "period": NumberRole.period,
    "document_number": NumberRole.document_number,
    "ordinal": NumberRole.ordinal,
}


def extract(text: str) -> Report:
    """Extract every figure of a Vietnamese report text.

    Raises ``TypeError`` for anything but ``str`` (bytes: read files with
    ``extract_file``).
    """
    if isinstance(text, (bytes, bytearray)):
        raise TypeError("extract() takes str, not bytes: decode the text first, or use bk_report.extract_file(path)")
    if not isinstance(text, str):
        raise TypeError(f"extract() takes str, got {type(text).__name__}")
    # An extraction allocates many small objects and no reference cycles; the cyclic
    # collector, set off by the allocations, would walk every long-lived object (tables,
    # compiled patterns) again and again: a third of the time.  It is paused meanwhile.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return _extract(text)
    finally:
        if collecting:
            gc.enable()


def _extract(text: str) -> Report:
    ctx = Context.from_text(text)
    ctx.year = year_extractor.detect(ctx)
    # read before the extractors, while little is held: they search a lower-cased copy
    where = locality.detect_locality(ctx, ctx.year)
    when = period.detect_period(ctx, ctx.year)
    ctx.doc.forget_lowered()
    found = {name: _guarded(name, module, ctx) for name, module in EXTRACTORS}
    ctx.scratch.clear()  # the extractors' working state, freed before the report is built
    found["indicators"] = keys.with_keys(found["indicators"], text)
    warnings = _warnings(ctx)
    return Report(year=ctx.year, locality=where, period=when, numbers=_numbers(ctx), warnings=warnings, **found)


def _guarded(name: str, module, ctx: Context) -> list:
    """The figures of one extractor; none, with a warning, if a pattern ran out of time."""
    claimed = len(ctx.claims)
    try:
        return list(module.extract(ctx))
    except TimeoutError:
        for start in list(ctx.claims)[claimed:]:  # its numerals are figures of nothing now
            del ctx.claims[start]
        ctx.warn("pattern_timeout", f"the {name} extractor took over {time_budget(len(ctx.view)):.0f} s on one "
                 f"pattern and was stopped: this report has no {name} figures")
        return []


def _numbers(ctx: Context) -> list[NumberMention]:
    """A mention per numeral; the numerals are released as they are read (``ctx`` is spent)."""
    out = []
    numerals = ctx.numerals
    for i, n in enumerate(numerals):
        numerals[i] = None  # type: ignore[call-overload]  # the peak memory of a report is here
        claim = ctx.claims.get(n.start)
        if claim is not None:
            role, category, rule = claim.role, claim.category, claim.rule
        else:
            role, category, rule = _ROLE_BY_KIND.get(n.kind, NumberRole.unassigned), None, None
        out.append(unchecked_mention(ctx.span(n.start, n.end), n.value, role, category, rule))
    return out


def _warnings(ctx: Context) -> list[ReportWarning]:
    out = list(ctx.warnings)
    for n in ctx.numerals:
        if n.warning:
            code = "broken_number" if n.kind == "broken" else "suspicious_number"
            out.append(ReportWarning(code=code, message=n.warning, span=ctx.span(n.start, n.end)))
    return out
