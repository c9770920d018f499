"""The period whose results a report covers: a year, a part of it, or a multi-year term.

Parts are read from ``data/period_words.tsv`` (``quý I``, ``6 tháng đầu năm``, ``9 tháng``,
``11 tháng`` …): a part counts when it is named in the lead (title and first lines) or at
least twice, and not as a plan for the rest of the year (``6 tháng cuối năm``).  A term
(``nhiệm kỳ 2016-2021``, ``giai đoạn 2016-2020``) counts when it leads a sentence or the title
and is not only the designation of a council (``HĐND tỉnh khóa X, nhiệm kỳ 2021-2026``).

>>> from bk_report.rules import Context
>>> detect_period(Context.from_text("6 tháng đầu năm 2025, thu ngân sách đạt 812 tỷ đồng."), None)
Period(year=2025, part='6M', term_start=None, term_end=None, span=Span(start=0, end=20, text='6 tháng đầu năm 2025'))
>>> detect_period(Context.from_text("Nhiệm kỳ 2015-2020, huyện kết nạp 950 đảng viên."), 2020).model_dump(exclude={"span"})
{'year': None, 'part': 'term', 'term_start': 2015, 'term_end': 2020}
>>> detect_period(Context.from_text("Năm 2023, xã trồng 40 ha rừng."), 2023).part is None
True
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Optional

import regex

from .errors import LexiconError
from .lexicon import FirstWords, alternation, canonical, compile_pattern, load_table
from .models import Period
from .rules import Context

#: How far into the text the lead (title and first lines) reaches.
LEAD_CHARS = 300

_YEAR = r"(?P<year>(?:19|20)\d{2})(?!\d)"


@lru_cache(maxsize=None)
def _parts() -> dict[str, str]:
    return {canonical(r["phrase"]).lower(): r["part"] for r in load_table("period_words")}


@lru_cache(maxsize=None)
def _context(name: str) -> str:
    """The alternation of the ``period_context.tsv`` words of one context."""
    return alternation(r["word"] for r in load_table("period_context") if r["context"] == name)


@lru_cache(maxsize=None)
def _part_source() -> str:
    """The part pattern: its words are all lower-case (the table's phrases, lowered)."""
    parts = [p for p, v in _parts().items() if v != "term"]
    words = alternation(parts) + _context("not_part_after")
    if words != words.lower():
        raise LexiconError("period words must be lower-case for the lower-cased view")
    return (rf"(?<![\w.,])(?P<phrase>{alternation(parts)})(?![\w])(?!\s+{_context('not_part_after')})"
            rf"(?:\s*(?:/|-|–|,)?\s*(?:của\s+)?(?:năm\s+)?{_YEAR})?")


@lru_cache(maxsize=None)
def _patterns() -> tuple[regex.Pattern, regex.Pattern, regex.Pattern]:
    """The part pattern, the same case-sensitive for a lower-cased view, and the term
    pattern (anchored: tried where a term's first word is)."""
    terms = [p for p, v in _parts().items() if v == "term"]
    f = regex.IGNORECASE | regex.VERSION1
    term = compile_pattern(
        rf"\m(?P<phrase>{alternation(terms)})\s+(?P<start>(?:19|20)\d{{2}})\s*[-–—]\s*(?P<end>(?:19|20)\d{{2}})(?!\d)",
        f,
        anchored=True,
    )
    return compile_pattern(_part_source(), f), compile_pattern(_part_source(), regex.VERSION1), term


@lru_cache(maxsize=None)
def _term_words() -> FirstWords:
    return FirstWords(p for p, v in _parts().items() if v == "term")


@lru_cache(maxsize=None)
def _context_patterns() -> tuple[regex.Pattern, regex.Pattern]:
    council_term = compile_pattern(r"khóa\s+[\w]+\s*,?\s*$", regex.IGNORECASE)
    sentence_lead = compile_pattern(rf"(?:^|[.!?:;\n]\s*|\n\s*)(?:{_context('lead_prep')}\s+)?$", regex.IGNORECASE)
    return council_term, sentence_lead


@lru_cache(maxsize=None)
def _duration_before() -> regex.Pattern:
    """A duration word and spaces ending where it is matched (``trên`` of ``trên 6 tháng``).

    Matched backwards from a phrase's start: the same test as a look-behind in the
    phrase pattern, which would be tried at every position of the text instead."""
    return compile_pattern(rf"{_context('duration_before')}\s+", regex.IGNORECASE | regex.VERSION1 | regex.REVERSE)


def _parts_named(view: str, low: Optional[str] = None) -> list[tuple[str, regex.Match]]:
    """Every part-of-year phrase of ``view`` that is not a length of time, in text order.

    ``low``: :func:`~bk_report.text.lowered` of ``view``, searched case-sensitively (faster)."""
    part_re, lower_re, _ = _patterns()
    searched = view
    if low is not None:
        part_re, searched = lower_re, low
    duration = _duration_before()
    found: list[tuple[str, regex.Match]] = []
    pos = 0
    while (m := part_re.search(searched, pos)) is not None:
        if duration.match(view, 0, m.start()) is not None:  # "trên 6 tháng": no match starts here
            pos = m.start() + 1
            continue
        found.append((_norm_part(m.group("phrase")), m))
        pos = m.end()
    return found


def _first_line_end(view: str) -> int:
    """End of the title: a short first line followed by more lines (0 when there is none)."""
    nl = view.find("\n")
    return nl if 0 < nl <= 200 and view[nl:].strip() else 0


def detect_period(ctx: Context, year: Optional[int] = None) -> Optional[Period]:
    """The period of the report in ``ctx``; ``year`` is the report's main year (or None).

    >>> from bk_report.rules import Context
    >>> detect_period(Context.from_text("Kinh tế quý III/2024 tăng trưởng khá"), None).model_dump(exclude={"span"})
    {'year': 2024, 'part': 'Q3', 'term_start': None, 'term_end': None}
    """
    view = ctx.view
    title_end = _first_line_end(view)
    lead_end = max(LEAD_CHARS, title_end)

    # a part of the year
    low = ctx.doc.lowered()
    found = _parts_named(view, low)
    if found:
        counts = Counter(p for p, _ in found)
        lead = [(p, m) for p, m in found if m.start() < lead_end]
        ranked = sorted(counts, key=lambda p: (-(counts[p] + 2 * any(q == p for q, _ in lead)), min(m.start() for q, m in found if q == p)))
        best = ranked[0]
        if counts[best] >= 2 or any(p == best for p, _ in lead):
            mentions = [m for p, m in found if p == best]
            with_year = [m for m in mentions if m.group("year")]
            m = with_year[0] if with_year else mentions[0]
            y = int(m.group("year")) if m.group("year") else year
            return Period(year=y, part=best, span=ctx.span(m.start(), m.end()))

    # a multi-year term
    council_term, sentence_lead = _context_patterns()
    for m in _term_words().finditer(_patterns()[2], view, low):
        before = view[max(0, m.start() - 40) : m.start()]
        if council_term.search(before):
            continue
        in_title = m.start() < title_end
        leads = bool(sentence_lead.search(before)) or m.start() == 0
        start, end = int(m.group("start")), int(m.group("end"))
        if end <= start or end - start > 10:
            continue
        if in_title or (leads and (year is None or m.start() < lead_end)):
            return Period(year=None, part="term", term_start=start, term_end=end, span=ctx.span(m.start(), m.end()))

    if year is None:
        return None
    for n in ctx.numerals:
        if n.kind == "year" and n.value == year:
            return Period(year=year, span=ctx.span(n.start, n.end))
    return Period(year=year)


def _norm_part(phrase: str) -> str:
    """The part (``Q1``, ``6M``, …) a matched phrase names, whatever its spacing and case."""
    key = " ".join(canonical(phrase).lower().split())
    return _parts().get(key, "")


def period_label(period: Optional[Period]) -> Optional[str]:
    """A short label for tables: ``2023``, ``2025-6M``, ``2024-Q3``, ``2016-2021`` (a term), or None.

    >>> period_label(Period(year=2025, part="6M")), period_label(Period(part="term", term_start=2016, term_end=2021))
    ('2025-6M', '2016-2021')
    >>> period_label(None) is None
    True
    """
    if period is None:
        return None
    if period.part == "term":
        return f"{period.term_start}-{period.term_end}"
    if period.year is None:
        return period.part
    return f"{period.year}-{period.part}" if period.part else str(period.year)
