"""Tokens of a discipline or membership passage: phrases of the tables and counts.

:func:`units` cuts the view into paragraphs (a line and the bullet lines that
follow a line ending with a colon); :func:`tokenize` lists, in text order, the
phrases of the discipline tables (bodies, actions, markers) and the numerals,
each numeral with the target noun that follows it, if any.  Punctuation that
steers the reading (``;`` ``(`` ``)`` ``:``) is a token too.

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("UBKT các cấp kỷ luật 9 đảng viên (khiển trách 6).")
>>> [(t.kind, t.value) for t in tokenize(ctx, 0, len(ctx.view))]
[('body', 'inspection_commission'), ('action', 'disciplined'), ('number', 'member'), ('punct', '('), ('form', 'reprimand'), ('number', None), ('punct', ')')]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Optional

import regex

from ..rules import Context
from ..scanner import Numeral
from .discipline_lexicon import phrase_info, target_after, token_pattern

_PUNCT = regex.compile(r"[;()\[\]]")
_BULLET = regex.compile(r"[ \t]*(?:[-+•*–—]|[a-zđ]\)|\d{1,2}[.)])\s")
#: A numeral that can be a count (not a year, date, ordinal, percent …).
COUNT_KINDS = frozenset({"number"})


@dataclass
class Token:
    start: int
    end: int
    kind: str  # body, action, form, modifier, trailing, stop, marker, membership, membership_trailing, number, percent, punct
    value: Optional[str] = None
    numeral: Optional[Numeral] = None
    generic: bool = False

    @property
    def is_count(self) -> bool:
        return self.kind == "number"


def units(view: str) -> Iterator[tuple[int, int]]:
    """View offsets of each paragraph; the line after a line ending with ``:`` joins it,
    and so do the bullet lines after that one.

    >>> v = "Riêng UBKT:\\n- kiểm tra 3 chi bộ;\\n- giám sát 2 chi bộ.\\nDòng khác"
    >>> [v[s:e] for s, e in units(v)][-1]
    'Dòng khác'
    >>> len(list(units(v)))
    2
    """
    pos = 0
    start: Optional[int] = None
    last_end = 0
    in_list = False
    prev_colon = False
    for line in view.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        if not line.strip():
            continue
        if start is not None and (prev_colon or (in_list and _BULLET.match(line))):
            in_list = True
        else:
            if start is not None:
                yield start, last_end
            start = s
            in_list = False
        last_end = _rstrip_end(view, s, e)
        prev_colon = line.rstrip().endswith(":")
    if start is not None:
        yield start, last_end


def _rstrip_end(view: str, start: int, end: int) -> int:
    while end > start and view[end - 1].isspace():
        end -= 1
    return end


def tokenize(ctx: Context, start: int, end: int) -> list[Token]:
    """Tokens of view ``[start, end)`` in text order; phrases inside a count's noun are dropped."""
    view = ctx.view
    counts: list[Token] = []
    for n in ctx.numerals_in(start, end):
        if ctx.claimed(n):
            continue
        if n.kind in COUNT_KINDS and n.value is not None and n.value == n.value.to_integral_value():
            found = target_after(view, n.end)
            if found and found[0] <= end:
                noun_end, target, generic = found
                counts.append(Token(n.start, noun_end, "number", target, n, generic))
            else:
                counts.append(Token(n.start, n.end, "number", None, n))
        elif n.kind == "percent":
            counts.append(Token(n.start, n.end, "percent", None, n))
        else:
            counts.append(Token(n.start, n.end, "other_number", n.kind, n))
    phrases: list[Token] = []
    for m in token_pattern().finditer(view, start, end):
        info = phrase_info(m.group())
        if info is None:
            continue
        kind, value = info
        if kind == "body" and regex.match(r"\s*viên(?!\w)", view[m.end() : m.end() + 8]):
            continue  # cấp ủy viên, Tỉnh ủy viên: a person, not the body
        if regex.fullmatch(r"\p{Lu}{2,5}", m.group()) and regex.match(r"\s*[-–—&]\s*\w", view[m.end() : m.end() + 6]):
            continue  # KT – VHXH: another abbreviation
        phrases.append(Token(m.start(), m.end(), kind, value))
    for m in _PUNCT.finditer(view, start, end):
        ch = {"[": "(", "]": ")"}.get(m.group(), m.group())
        phrases.append(Token(m.start(), m.end(), "punct", ch))
    # drop phrases overlapping a count with its noun (the "chi bộ" of "88 chi bộ")
    spans = sorted((t.start, t.end) for t in counts)
    kept = []
    for t in phrases:
        if any(s < t.end and t.start < e for s, e in spans):
            continue
        kept.append(t)
    return sorted(counts + kept, key=lambda t: (t.start, t.end))


def gap(view: str, a: Token, b: Token) -> str:
    """The text between two tokens."""
    return view[a.end : b.start]
