"""Extractor: the single calendar year whose results the text mainly reports.

Every calendar year of the text (numerals of kind ``year``; dates such as a
publication date are not years) is weighed by where it stands and what words
surround it (``year_cues.tsv``):

``year.lead``        a year opening a sentence or clause (``Năm 2023, …``): weight 3
``year.headline``    a year in the headline line: weight + 2
``year.mention``     any other mention: weight 1
``year.comparison``  ``so với năm 2022``, ``đến năm 2030``: weight 0
``year.plan``        the year of a plan (``nhiệm vụ năm 2024``, ``Năm 2024, tỉnh
                     phấn đấu …``): weight 0

The heaviest year wins (ties: the one named first).  A text framed by a term
(``nhiệm kỳ 2015-2020`` in the headline or opening a sentence) with no year in its
headline, and a text with no weighed year, give None.

>>> from bk_report.rules import Context
>>> detect(Context.from_text("Năm 2023, thành phố đạt 5 chỉ tiêu."))
2023
>>> detect(Context.from_text("nhiệm kỳ 2016-2021")) is None
True
>>> detect(Context.from_text("Năm 2023, doanh thu tăng 9% so với năm 2022. Năm 2024, tỉnh phấn đấu tăng 10%."))
2023
>>> detect(Context.from_text("Nhiệm kỳ 2015-2020, tỉnh kết nạp 900 đảng viên; riêng năm 2019 kết nạp 200.")) is None
True
>>> detect(Context.from_text("Năm thứ hai của nhiệm kỳ 2021-2026\\n\\nNăm 2022, hội đồng họp 4 kỳ."))
2022
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..lexicon import alternation, cached_pattern, compile_pattern, load_table
from ..models import NumberRole
from ..rules import Context, Rule, sentences
from ..scanner import Numeral

_F = regex.IGNORECASE | regex.VERSION1


@lru_cache(maxsize=None)
def _cue(role: str, anchor: str = "") -> regex.Pattern:
    words = [r["phrase"] for r in load_table("year_cues") if r["role"] == role]
    if not words:
        raise ValueError(f"year_cues.tsv has no row with role {role!r}")
    return compile_pattern(rf"(?<!\w){alternation(words)}(?!\w){anchor}", _F)


_COUNCIL_TERM = r"(?<!\w)khóa\s+\w+\s*,?\s*\S+\s+\S+\s*$"
_LEAD = r"^\W*(?:trong\s+)?(?:cả\s+)?năm\s*$"
_CLAUSE_BREAK = r"[,;:(–—]|\s-\s"


@dataclass(frozen=True)
class Weighed:
    """One calendar year of the text with its weight and the rule that gave it."""

    year: int
    weight: int
    rule: str
    start: int


def _headline_end(view: str) -> int:
    end = view.find("\n")
    first = view[: max(end, 0)]
    if end >= 0 and len(first.strip()) <= 200 and not first.rstrip().endswith((".", ";")):
        return end
    return 0


#: how many characters around a year are read for its cue words
_WINDOW = 300


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return pos, pos


def _has_figure(ctx: Context, s: int, e: int) -> bool:
    return any(n.kind in ("number", "percent", "range", "fraction") for n in ctx.numerals_in(s, e))


def _plan_sentence(ctx: Context, start: int, end: int) -> bool:
    """Whether the rest of a sentence opened by ``Năm X,`` states a plan, not results."""
    rest = ctx.view[start:end]
    plan = _cue("plan_after").search(rest)
    result = _cue("result_after").search(rest)
    weak = _cue("weak_plan_after").search(rest)
    if weak and not _has_figure(ctx, start, end) and not _cue("result_after", "").match(rest, weak.end() + 1):
        if not plan or weak.start() < plan.start():
            plan = weak
    if plan is None:
        return False
    return result is None or plan.start() < result.start()


def _clause_start(before: str) -> int:
    """Where the last clause of ``before`` starts: after its last clause break, or 0.

    The break ending last is found searching backwards; only a dash between spaces
    chained to another (`` - - ``) may pair otherwise in a forward search, which then decides.
    """
    m = cached_pattern(_CLAUSE_BREAK, regex.REVERSE).search(before)
    if m is None:
        return 0
    if m.end() - m.start() > 1 and m.start() > 0 and before[m.start() - 1] == "-":
        return max([0] + [m.end() for m in cached_pattern(_CLAUSE_BREAK).finditer(before)])
    return m.end()


def _weigh(ctx: Context, n: Numeral, sentence: tuple[int, int], head_end: int) -> Weighed:
    view = ctx.view
    s, e = sentence
    cut = s < n.start - _WINDOW  # a run-on sentence: only its last words before the year are read
    before = view[max(s, n.start - _WINDOW) : n.start]
    e = min(e, n.end + _WINDOW)
    clause_start = _clause_start(before)
    clause = before[clause_start:]
    year = int(n.value)
    if _cue("comparison", r"(?:\s+năm)?\s*$").search(clause) or _cue("horizon", r"\s*$").search(clause):
        return Weighed(year, 0, "year.comparison", n.start)
    plan = None
    for m in _cue("plan").finditer(clause):
        plan = m
    if plan is not None and not _cue("result").search(clause, 0, plan.start()):
        return Weighed(year, 0, "year.plan", n.start)
    lead = (bool(cached_pattern(_LEAD, _F).match(clause)) and (clause_start > 0 or not cut)) or (not cut and bool(cached_pattern(_LEAD, _F).match(before)))
    if lead:
        if _plan_sentence(ctx, n.end, e):
            return Weighed(year, 0, "year.plan", n.start)
    weight = 3 if lead else 1
    rule = "year.lead" if lead else "year.mention"
    if n.start < head_end:
        weight += 2
        rule = "year.headline"
    return Weighed(year, weight, rule, n.start)


_SCRATCH = "year.sentences"


def sentence_spans(ctx: Context) -> tuple[tuple[int, int], ...]:
    """:func:`rules.sentences` of the document, found once (kept in ``ctx.scratch``)."""
    found = ctx.scratch.get(_SCRATCH)
    if found is None or found[0] is not ctx.doc:
        found = ctx.scratch[_SCRATCH] = (ctx.doc, tuple(sentences(ctx.view)))
    return found[1]


def weigh_years(ctx: Context) -> list[Weighed]:
    """Every calendar year of the text with its weight, in text order."""
    head_end = _headline_end(ctx.view)
    out = []
    for n in ctx.numerals:
        if is_year(ctx, n):
            out.append(_weigh(ctx, n, _sentence_of(sentence_spans(ctx), n.start), head_end))
            if n.kind != "year":
                # ``năm 2019 huyện`` left a number by the scanner: claim it so that no
                # extractor counts it (a scanner that marks it ``year`` needs no claim)
                ctx.claim(n, NumberRole.year, "year", out[-1].rule)
    return out


_YEAR_WORD_BEFORE = r"(?<!\w)năm\s+$"


def is_year(ctx: Context, n: Numeral) -> bool:
    """A calendar year: the scanner's ``year`` kind, or ``năm 2019`` before a counted noun.

    >>> ctx = Context.from_text("Năm 2019 huyện đạt kết quả tốt.")
    >>> is_year(ctx, ctx.numerals[0])
    True
    """
    if n.value is None:
        return False
    if n.kind == "year":
        return True
    return (
        n.kind == "number"
        and n.text.isdigit()
        and len(n.text) == 4
        and 1900 <= n.value <= 2100
        and bool(cached_pattern(_YEAR_WORD_BEFORE, _F).search(ctx.view[max(0, n.start - 8) : n.start]))
    )


@lru_cache(maxsize=None)
def _term_year() -> regex.Pattern:
    """``năm đầu (của) nhiệm kỳ`` right before a term's period."""
    years = [r["phrase"] for r in load_table("year_cues") if r["role"] == "term_year"]
    terms = [r["phrase"] for r in load_table("year_cues") if r["role"] == "term"]
    return compile_pattern(rf"(?<!\w){alternation(years)}\s+(?:của\s+)?{alternation(terms)}\s*$", _F)


@lru_cache(maxsize=None)
def _term_lead() -> regex.Pattern:
    """A lead of a few words that names a term; compiled as ``regex.fullmatch`` did (its
    first words with full case folding)."""
    return regex.compile(rf"\W*(?:trong\s+)?(?:cả\s+)?{_cue('term').pattern}\s*", _F)


def _term_framed(ctx: Context) -> bool:
    """Whether a term (``nhiệm kỳ 2015-2020``) frames the text: headline or a sentence lead."""
    view = ctx.view
    head_end = _headline_end(view)
    term_before = _cue("term", r"\s*$")
    for n in ctx.numerals:
        if n.kind != "period":
            continue
        before = view[max(0, n.start - 30) : n.start]
        if not term_before.search(before) or cached_pattern(_COUNCIL_TERM, _F).search(before):
            continue  # ``khóa X, nhiệm kỳ 2021-2026`` names a council, it is no reporting period
        if _term_year().search(view[max(0, n.start - 60) : n.start]):
            continue  # ``Năm đầu nhiệm kỳ 2016-2021``: one year of the term is reported
        if n.start < head_end:
            return True
        # the words since the last line or sentence break (a lead is a few words long)
        w = max(0, n.start - 60)
        window = view[w : n.start]
        breaks = [w + m.end() - 1 for m in cached_pattern(r"[.!?]\s|\n").finditer(window)]
        if not breaks and w > 0:
            continue
        line_start = max(breaks) if breaks else -1
        lead = view[line_start + 1 : n.start]
        if _term_lead().fullmatch(lead):
            return True
    return False


def detect(ctx: Context) -> Optional[int]:
    """The year whose results the text mainly reports, or None (a term, or unclear)."""
    weighed = weigh_years(ctx)
    head_end = _headline_end(ctx.view)
    if _term_framed(ctx) and not any(w.start < head_end and w.weight for w in weighed):
        return None
    totals: dict[int, int] = defaultdict(int)
    first: dict[int, int] = {}
    for w in weighed:
        totals[w.year] += w.weight
        first.setdefault(w.year, w.start)
    best = sorted((y for y in totals if totals[y] > 0), key=lambda y: (-totals[y], first[y]))
    return best[0] if best else None


RULES: tuple[Rule, ...] = ()


def extract(ctx: Context) -> list:
    """The year is reported by :func:`detect`, not as a list of figures."""
    return []
