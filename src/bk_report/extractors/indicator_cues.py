"""The small function words of ``data/indicator_cues.tsv``, by role, as pattern pieces.

>>> import regex
>>> bool(regex.fullmatch(cue("range_to"), "tới"))
True
>>> words("level_to")
('xuống', 'lên')
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache

import regex

from ..errors import LexiconError
from ..lexicon import alternation, canonical, compile_pattern, load_table


@cache
def words(role: str) -> tuple[str, ...]:
    """The phrases of ``role`` in table order; an unknown role is an error."""
    out = tuple(r["phrase"] for r in load_table("indicator_cues") if r["role"] == role)
    if not out:
        raise LexiconError(f"indicator_cues.tsv has no row with role {role!r}")
    return out


@cache
def cue(role: str) -> str:
    """A non-capturing alternation of the phrases of ``role`` (longest first)."""
    return alternation(words(role))


@cache
def tail_guard(phrases: tuple[str, ...], tail: str = r"\s*+") -> Callable[[str, int, int], object]:
    """A cheap precondition of a pattern that ends with one of ``phrases`` and then
    ``tail`` (a pattern with no word character) at view offset ``pos``.

    ``may_end(view, lo, pos)`` is false when the word before ``pos`` (before ``tail``,
    not before ``lo``) is not the last word of any phrase: no such pattern can match
    there.  It is always true when a phrase does not end with a word character.  It is
    one match, anchored at ``pos`` and read backwards, instead of a search.

    >>> may_end = tail_guard(("so với", "tăng"))
    >>> [bool(may_end(v, 0, len(v))) for v in ("GRDP Tăng  ", "GRDP đạt ", "nó vớI ", "thăng ")]
    [True, False, True, False]
    """
    runs = [regex.search(r"\w+\Z", canonical(p)) for p in phrases]
    if not runs or any(r is None for r in runs):
        return lambda view, lo, pos: True
    words_then_tail = alternation(r.group() for r in runs) + tail
    return compile_pattern(rf"(?<!\w){words_then_tail}", regex.IGNORECASE | regex.REVERSE | regex.VERSION1).match
