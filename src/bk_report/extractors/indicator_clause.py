"""Clauses of a socio-economic text: sentences, segments and comma pieces.

Indicator figures are read clause by clause.  A *sentence* (``rules.sentences``)
is cut into *segments* at ``;`` and ``:``: figures of one segment share their
comparisons (``…, tăng 5,2% so với cùng kỳ, đạt 45,5% kế hoạch``).  A segment is
cut into *pieces* at commas and at brackets that hold a number: each piece names
at most a few figures.  Offsets are view offsets.

>>> v = "Năm 2022, sản lượng đạt 3,2 triệu tấn, tăng 5%; tỷ lệ hộ nghèo còn 1,7% (giảm 0,5%)."
>>> [[v[s:e] for s, e in pieces(v, a, b, [])] for a, b in segments(v, 0, len(v))]
[['Năm 2022', 'sản lượng đạt 3,2 triệu tấn', 'tăng 5%'], ['tỷ lệ hộ nghèo còn 1,7%', 'giảm 0,5%']]
"""
from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence

import regex

from ..lexicon import compile_pattern

_SEGMENT_END = compile_pattern(r"[;:](?!\d)")
_BULLET_MARKS = "-–•+*"
_BULLET = compile_pattern(rf"[{_BULLET_MARKS}]\s")
_PIECE_CUT = compile_pattern(r",(?=\s)|[()\[\]]")
_DIGIT = compile_pattern(r"\d")


def segments(view: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """View offsets of the segments of ``view[start:end]`` (cut at ``;`` and ``:``)."""
    pos = start
    if view.find(";", start, end) < 0 and view.find(":", start, end) < 0:
        t = _trim(view, pos, end)  # no cut at all (most sentences): the pattern is not run
        if t is not None:
            yield t
        return
    for m in _SEGMENT_END.finditer(view, start, end):
        t = _trim(view, pos, m.start())
        if t is not None:
            yield t
        pos = m.end()
    t = _trim(view, pos, end)
    if t is not None:
        yield t


def pieces(
    view: str, start: int, end: int, protected: Sequence[tuple[int, int]], figures: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Comma pieces of a segment; brackets cut only when they hold a figure.

    ``protected`` lists view ranges (numerals) whose commas never cut; ``figures`` the
    ranges of numerals that may be figures (default: any digit), so that ``(giá so sánh
    2010)`` stays inside the name while ``(giảm 612 hộ)`` is a piece of its own.
    """
    prot = sorted(protected)
    prot_starts = [a for a, _ in prot]
    marks = []
    for m in _PIECE_CUT.finditer(view, start, end):
        p = m.start()
        i = bisect.bisect_right(prot_starts, p) - 1
        if i < 0 or p >= prot[i][1]:  # not inside a protected range
            marks.append(m)
    if not marks:
        t = _trim(view, start, end)
        return [] if t is None else [t]
    if figures is None:
        fig_starts = [m.start() for m in _DIGIT.finditer(view, start, end)]
    else:
        fig_starts = sorted(a for a, _ in figures)

    def holds_figure(a: int, b: int) -> bool:
        i = bisect.bisect_left(fig_starts, a)
        return i < len(fig_starts) and fig_starts[i] < b

    partner = _bracket_pairs(marks)
    out: list[tuple[int, int]] = []
    pos = start
    for m in marks:
        p = m.start()
        ch = m.group()
        if ch in "([":
            if not holds_figure(p, partner.get(p, end)):
                continue  # (GRDP), (An Giang): part of the name
        elif ch in ")]":
            open_ = partner.get(p)
            if open_ is None or not holds_figure(open_, p):
                continue
        t = _trim(view, pos, p)
        if t is not None:
            out.append(t)
        pos = m.end()
    t = _trim(view, pos, end)
    if t is not None:
        out.append(t)
    return out


def in_brackets(view: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside an open bracket of ``view[start:pos]``."""
    depth = 0
    for ch in view[start:pos]:
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
    return depth > 0


def _bracket_pairs(marks: Sequence[regex.Match]) -> dict[int, int]:
    """Offsets of matching brackets, both ways, in one pass (nesting allowed)."""
    pairs: dict[int, int] = {}
    stacks: dict[str, list[int]] = {"(": [], "[": []}
    for m in marks:
        ch = m.group()
        if ch in stacks:
            stacks[ch].append(m.start())
        elif ch in ")]":
            stack = stacks["(" if ch == ")" else "["]
            if stack:
                a = stack.pop()
                pairs[a], pairs[m.start()] = m.start(), a
    return pairs


def _trim(view: str, s: int, e: int) -> tuple[int, int] | None:
    """``view[s:e]`` without spaces, punctuation and a bullet at its edges; None if empty."""
    while s < e and (view[s].isspace() or view[s] in ",;:." or (view[s] in _BULLET_MARKS and _BULLET.match(view, s, e))):
        s += 1
    while e > s and (view[e - 1].isspace() or view[e - 1] in ",;:."):
        e -= 1
    return (s, e) if e > s else None
