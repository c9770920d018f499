"""The small function words of ``data/indicator_cues.tsv``, by role, as pattern pieces.

>>> import regex
>>> bool(regex.fullmatch(cue("range_to"), "tới"))
True
>>> words("level_to")
('xuống', 'lên')
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

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


@cache
def may_open(phrases: tuple[str, ...], flags: int = regex.IGNORECASE | regex.VERSION1) -> Callable[[str, int, int], bool]:
    """A cheap precondition of a pattern that matches one of ``phrases`` at ``s[i:end]``
    and no word character right after it: ``may_open(s, i, end)`` is false when the word
    there (its word characters, up to ``end``) is not the first word of any phrase,
    compared as the pattern compares it (the answer is remembered for each word).
    Always true if a phrase does not open with a word character.

    >>> ok = may_open(("trên địa bàn", "toàn"))
    >>> [ok(s, 0, len(s)) for s in ("Trên đó", "toàn, xã", "toàn-bộ", "trênx", "x")]
    [True, True, True, False, False]
    """
    heads = set()
    for p in phrases:
        m = regex.match(r"\w+", canonical(p))
        if m is None:
            return lambda s, i, end: True
        heads.add(m.group())
    is_head = char_test(alternation(heads), flags)
    word = compile_pattern(r"\w++", regex.VERSION1, anchored=True)

    def ok(s: str, i: int, end: int) -> bool:
        m = word.match(s, i, end)
        return m is not None and is_head(m.group())

    return ok


@cache
def char_test(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    """``pattern`` as a test of a short string (a character, a word), remembered for each.

    >>> char_test(r"[\\p{Lu}\\d]", regex.VERSION1)("Đ")
    True
    """
    compiled = compile_pattern(pattern, flags)
    return lru_cache(maxsize=1024)(lambda ch: compiled.fullmatch(ch) is not None)


def first_nonspace(s: str, i: int, end: int) -> int:
    """The first offset from ``i`` (before ``end``) that holds no space, or ``end``: where a
    pattern opening with ``\\s*`` (or ``[ \\t]*``) reads its first word, if it matches
    (``str.isspace`` holds for every character ``\\s`` matches, and for no word character).

    >>> first_nonspace("  x", 0, 3), first_nonspace("  ", 0, 2)
    (2, 2)
    """
    while i < end and s[i].isspace():
        i += 1
    return i
