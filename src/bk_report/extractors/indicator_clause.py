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

from typing import Iterator, Sequence

import regex

_SEGMENT_END = regex.compile(r"[;:](?!\d)")
_BULLET = regex.compile(r"[-–•+*]\s")
_PIECE_CUT = regex.compile(r",(?=\s)|[()\[\]]")
_DIGIT = regex.compile(r"\d")


def segments(view: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """View offsets of the segments of ``view[start:end]`` (cut at ``;`` and ``:``)."""
    pos = start
    for m in _SEGMENT_END.finditer(view, start, end):
        yield from _trimmed(view, pos, m.start())
        pos = m.end()
    yield from _trimmed(view, pos, end)


def pieces(view: str, start: int, end: int, protected: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Comma pieces of a segment; brackets cut only when they hold a digit.

    ``protected`` lists view ranges (numerals) whose commas never cut.
    """
    cuts: list[tuple[int, int]] = []
    for m in _PIECE_CUT.finditer(view, start, end):
        p = m.start()
        if any(s <= p < e for s, e in protected):
            continue
        if m.group() in "([":
            close = _matching(view, p, end)
            if not _DIGIT.search(view, p, close):
                continue  # (GRDP), (An Giang): part of the name
        elif m.group() in ")]":
            open_ = view.rfind("(" if m.group() == ")" else "[", start, p)
            if open_ < 0 or not _DIGIT.search(view, open_, p):
                continue
        cuts.append((m.start(), m.end()))
    out: list[tuple[int, int]] = []
    pos = start
    for s, e in cuts:
        out.extend(_trimmed(view, pos, s))
        pos = e
    out.extend(_trimmed(view, pos, end))
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


def _matching(view: str, p: int, end: int) -> int:
    close = view.find(")" if view[p] == "(" else "]", p, end)
    return end if close < 0 else close


def _trimmed(view: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    while s < e and (view[s].isspace() or view[s] in ",;:." or _BULLET.match(view, s, e)):
        s += 1
    while e > s and (view[e - 1].isspace() or view[e - 1] in ",;:."):
        e -= 1
    if e > s:
        yield s, e
