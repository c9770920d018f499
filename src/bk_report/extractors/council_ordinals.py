"""Session ordinals: the N of ``kỳ họp thứ N`` in digits, words or Roman numerals.

The scanner gives most ordinals (``thứ 12``, ``thứ hai``, ``thứ III``, ``lần thứ
Mười bốn``) as numerals of kind ``ordinal``; words that are ordinal-only (``thứ
nhất``) or that the scanner leaves alone (``thứ tư``, ``thứ năm``) are read here with
:func:`numerals.parse_number` and ``council_ordinal_words.tsv``.

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("kỳ họp thứ tư và thứ nhất")
>>> read_ordinal(ctx, ctx.view.index("tư"))[:2]
(4, 13)
>>> read_ordinal(ctx, ctx.view.index("nhất"))[:2]
(1, 25)
>>> ctx = Context.from_text("Kỳ họp thứ VIII")
>>> read_ordinal(ctx, 11)[0]
8
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from ..errors import NumberError
from ..lexicon import cached_pattern, canonical, column_map
from ..numerals import parse_number
from ..rules import Context
from ..scanner import Numeral


@lru_cache(maxsize=None)
def _ordinal_words() -> dict[str, str]:
    return column_map("council_ordinal_words", "word", "value")


def read_ordinal(ctx: Context, pos: int) -> Optional[tuple[int, int, Optional[Numeral]]]:
    """``(value, end, numeral or None)`` of the ordinal written at view offset ``pos``."""
    n = ctx.numeral_at(pos)
    if n is not None:
        if n.kind in ("ordinal", "number") and n.value is not None and n.value == int(n.value) and n.value > 0:
            return int(n.value), n.end, n
        return None
    view = ctx.view
    m = cached_pattern(r"\p{L}+").match(view, pos)
    if not m:
        return None
    word = canonical(m.group()).lower()
    if word in _ordinal_words():
        return int(_ordinal_words()[word]), m.end(), None
    # a run of number words the scanner did not take (``tư``, ``năm``): longest that parses
    words = list(cached_pattern(r"\p{L}+").finditer(view[pos : pos + 40]))
    run = []
    for w in words:
        if run and view[pos + run[-1].end() : pos + w.start()].strip():
            break
        run.append(w)
    for k in range(min(len(run), 4), 0, -1):
        try:
            value = parse_number(" ".join(w.group() for w in run[:k]))
        except NumberError:
            continue
        if value > 0 and value == int(value):
            return int(value), pos + run[k - 1].end(), None
    return None
