"""Extractor: People's Council (HĐND) activity counts (SCHEMA.md, CouncilFigure).

Three rules, all driven by ``council_measures.tsv``:

``council.count_before``  a count before its noun (``05 kỳ họp``, ``27 cuộc giám
                          sát``, ``tiếp 164 lượt công dân``, ``193đơn``)
``council.count_after``   a count after its phrase (``lấy phiếu tín nhiệm 17 người``,
                          ``tiếp công dân 45 lượt``)
``council.session_number`` every distinct ``kỳ họp (lần) thứ N`` (digits, words,
                          Roman; ``các kỳ họp thứ 5, 6 và 7``), each N once

Measures that need an HĐND actor (supervisions, resolutions, letters …) are kept
only when the nearest body before them is a council body (:mod:`council_context`).
Differences (``cùng kỳ năm trước là 71 lượt``) are claimed as differences, and the
same count stated in two paragraphs (headline, lead, summary) is counted once.

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("HĐND huyện tổ chức 04 kỳ họp, trong đó có 02 kỳ họp bất thường; "
...                         "tại kỳ họp thứ 15 đã thông qua bảy nghị quyết.")
>>> [(f.measure.value, f.count, f.span.text) for f in extract(ctx)]
[('sessions_held', 4, '04 kỳ họp'), ('thematic_sessions', 2, '02 kỳ họp bất thường'), ('session_number', 15, 'kỳ họp thứ 15'), ('resolutions', 7, 'bảy nghị quyết')]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..lexicon import alternation, canonical, load_table
from ..models import CouncilFigure, CouncilMeasure, NumberRole
from ..rules import Claim, Context, Rule, run_rules
from ..scanner import Numeral
from . import council_context
from .council_ordinals import read_ordinal

_F = regex.IGNORECASE | regex.VERSION1
CATEGORY = "council"


@lru_cache(maxsize=None)
def _measures() -> dict[tuple[str, str], dict[str, str]]:
    """``{(order, canonical lower phrase): row}`` of ``council_measures.tsv``."""
    out = {}
    for row in load_table("council_measures"):
        if row["measure"] != "-":
            CouncilMeasure(row["measure"])  # validate the table against the schema
        if row["order"] not in ("before", "after") or row["context"] not in ("intrinsic", "council", "voters"):
            raise ValueError(f"council_measures.tsv: bad order/context in {row}")
        out[(row["order"], canonical(row["phrase"]).lower())] = row
    return out


def _row(order: str, text: str) -> dict[str, str]:
    return _measures()[(order, canonical(regex.sub(r"\s+", " ", text)).lower())]


@lru_cache(maxsize=None)
def _difference_before() -> regex.Pattern:
    words = [r["phrase"] for r in load_table("council_differences")]
    return regex.compile(rf"(?<!\w){alternation(words)}\s*$", _F)


def _numeral_before(ctx: Context, pos: int) -> Optional[Numeral]:
    """The numeral that ends right before ``pos`` (only spaces between)."""
    for n in reversed(ctx.numerals_in(max(0, pos - 60), pos)):
        if n.end <= pos and not ctx.view[n.end : pos].strip():
            return n
        if n.end <= pos:
            return None
    return None


def _usable(ctx: Context, n: Optional[Numeral]) -> bool:
    return (
        n is not None
        and n.kind == "number"
        and n.value is not None
        and n.value == int(n.value)
        and not ctx.claimed(n)
    )


def _is_difference(ctx: Context, n: Numeral) -> bool:
    before = ctx.view[max(0, n.start - 40) : n.start]
    before = regex.split(r"[,;:(]", before)[-1]
    return bool(_difference_before().search(before))


def _figure(ctx: Context, rule: Rule, n: Numeral, measure: str, start: int, end: int) -> list[CouncilFigure]:
    if _is_difference(ctx, n):
        ctx.claim(n, NumberRole.difference, CATEGORY, rule.name)
        return []
    ctx.claim(n, NumberRole.figure, CATEGORY, rule.name)
    figure = CouncilFigure(measure=CouncilMeasure(measure), count=int(n.value), span=ctx.span(start, end), rule=rule.name)
    _record(ctx, figure, n)
    return [figure]


def _record(ctx: Context, figure: CouncilFigure, n: Numeral) -> None:
    """Remember the numeral behind a figure for the restatement check of :func:`extract`."""
    ctx.__dict__.setdefault("_council_numerals", {})[id(figure)] = n


def _count_before(m: regex.Match, ctx: Context, rule: Rule) -> Optional[list[CouncilFigure]]:
    row = _row("before", m.group("phrase"))
    n = _numeral_before(ctx, m.start())
    if row["measure"] == "-" or not _usable(ctx, n):
        return None
    if not council_context.ok(ctx, n.start, row["context"]):
        return None
    return _figure(ctx, rule, n, row["measure"], n.start, m.end())


@lru_cache(maxsize=None)
def _after_nouns(cell: str) -> regex.Pattern:
    return regex.compile(rf"\s*{alternation(w for w in cell.split('|') if w)}(?!\w)", _F)


def _count_after(m: regex.Match, ctx: Context, rule: Rule) -> Optional[list[CouncilFigure]]:
    row = _row("after", m.group("phrase"))
    nouns = [w for w in row["after_nouns"].split("|") if w]
    n = next(iter(ctx.numerals_in(m.end(), m.end() + 30)), None)
    if not _usable(ctx, n) or ctx.view[m.end() : n.start].strip():
        return None
    noun = _after_nouns(row["after_nouns"]).match(ctx.view, n.end) if nouns else None
    if nouns and not noun:
        return None
    if not council_context.ok(ctx, m.start(), row["context"]):
        return None
    end = noun.end() if noun else n.end
    return _figure(ctx, rule, n, row["measure"], m.start(), end)


@dataclass(frozen=True)
class _WordOrdinal:
    """Where an ordinal the scanner did not give (``thứ tư``) is written."""

    start: int


_LIST_SEP = regex.compile(r"\s*(?:,|và)\s*", _F)


def _session_number(m: regex.Match, ctx: Context, rule: Rule) -> Optional[list[CouncilFigure]]:
    if council_context.assembly_of_session(ctx, m.start(), m.end()) == "national_assembly":
        return None  # a session of the National Assembly (``Kỳ họp thứ 8, Quốc hội khóa XV``)
    seen: set[int] = ctx.__dict__.setdefault("_council_sessions", set())
    out = []
    pos, first = m.end(), True
    while True:
        got = read_ordinal(ctx, pos)
        if got is None:
            break
        value, end, numeral = got
        if numeral is not None and ctx.claimed(numeral):
            break
        if value in seen:
            if numeral is not None:
                ctx.claim(numeral, NumberRole.restatement, CATEGORY, rule.name)
        else:
            seen.add(value)
            start = m.start() if first else pos
            if numeral is not None:
                ctx.claim(numeral, NumberRole.ordinal, CATEGORY, rule.name)
            figure = CouncilFigure(measure=CouncilMeasure.session_number, count=value, span=ctx.span(start, end), rule=rule.name)
            _record(ctx, figure, numeral or _WordOrdinal(start))
            out.append(figure)
        first = False
        sep = _LIST_SEP.match(ctx.view, end)
        if not sep or sep.end() == end:
            break
        nxt = ctx.numeral_at(sep.end())
        # a list continues only with bare ordinals (``thứ 5, 6 và 7``), not other counts
        if nxt is None or nxt.kind not in ("ordinal", "number") or _followed_by_noun(ctx, nxt):
            break
        pos = sep.end()
    return out


_LIST_TAIL = regex.compile(r"\s*(?:[^\w\s]|$|(?:và|của|khóa|HĐND|HDND|Hội\s+đồng)(?!\w))", _F)


def _followed_by_noun(ctx: Context, n: Numeral) -> bool:
    """Whether ``n`` counts something (``thứ 3, 12 đại biểu``) rather than continuing a list."""
    return not _LIST_TAIL.match(ctx.view, n.end)


def _phrases(order: str) -> list[str]:
    return [row["phrase"] for (o, _), row in _measures().items() if o == order]


RULES: tuple[Rule, ...] = (
    Rule(
        "council.session_number",
        regex.compile(r"(?<!\w)kỳ\s+họp\s+(?:lần\s+)?thứ\s+", _F),
        _session_number,
    ),
    Rule(
        "council.count_after",
        regex.compile(rf"(?<!\w)(?P<phrase>{alternation(_phrases('after'))})(?!\w)", _F),
        _count_after,
    ),
    Rule(
        "council.count_before",
        regex.compile(rf"(?<![^\W\d])(?P<phrase>{alternation(_phrases('before'))})(?!\w)", _F),
        _count_before,
    ),
)


def _headline_end(view: str) -> int:
    """End of a headline line at the top of the text (no final full stop), or 0."""
    first = view.split("\n", 1)[0]
    if "\n" in view and len(first.strip()) <= 200 and not first.rstrip().endswith((".", ":", ";")):
        return len(first)
    return 0


def _drop_restated(ctx: Context, found: list[tuple[CouncilFigure, Numeral]]) -> list[CouncilFigure]:
    """The same count stated in two paragraphs (headline, lead, summary) is counted once.

    The first statement outside the headline is kept; the others are claimed as
    restatements.  Counts repeated inside one paragraph (two bodies with equal
    counts) are all kept.  Session numbers are already distinct.
    """
    found = sorted(found, key=lambda fn: fn[1].start)
    head_end = _headline_end(ctx.view)
    ordered = [fn for fn in found if fn[1].start >= head_end] + [fn for fn in found if fn[1].start < head_end]
    kept: dict[tuple, int] = {}  # (measure, count) -> paragraph start of the kept statement
    keep_ids = set()
    for f, n in ordered:
        key = (f.measure, f.count)
        para = council_context.paragraph_start(ctx.view, n.start)
        if f.measure != CouncilMeasure.session_number and key in kept and kept[key] != para:
            ctx.claims[n.start] = Claim(NumberRole.restatement, CATEGORY, f.rule)
            continue
        kept.setdefault(key, para)
        keep_ids.add(id(f))
    return [f for f, _ in found if id(f) in keep_ids]


def extract(ctx: Context) -> list[CouncilFigure]:
    """Council figures of the document, in text order."""
    ctx.__dict__.pop("_council_sessions", None)
    ctx.__dict__["_council_numerals"] = numerals = {}
    figures = run_rules(RULES, ctx)
    ctx.__dict__.pop("_council_sessions", None)
    ctx.__dict__.pop("_council_numerals", None)
    return _drop_restated(ctx, [(f, numerals[id(f)]) for f in figures])
