"""Comparisons stated with a figure: ``tăng 9,4% so với cùng kỳ``, ``đạt 101,3% kế hoạch``.

The words come from ``data/indicator_compare.tsv``: a *verb* before the
percentage (tăng, giảm, bằng, đạt, vượt, gấp, chiếm) and a *reference* after it
(kế hoạch, dự toán, so với cùng kỳ …).  :func:`read` finds a comparison around a
numeral; :func:`effect` turns it into ``plan_percent`` / ``change_percent``.

>>> v = "Thu ngân sách đạt 7.160 tỷ đồng, vượt 12,6% dự toán"
>>> c = read(v, v.index("12,6"), v.index("12,6") + 5, 0, len(v))
>>> c.verb, c.ref
('over', 'plan')
>>> from decimal import Decimal
>>> effect(c, Decimal("12.6"), percent_figure=False)
('plan', Decimal('112.6'))
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

import regex

from ..lexicon import alternation, canonical, compile_pattern, load_table, may_open, opens_after_spaces
from .indicator_cues import cue, tail_guard, words

_F = regex.IGNORECASE | regex.VERSION1
_SPACES = compile_pattern(r"\s+")


@dataclass(frozen=True)
class Comparison:
    """A comparison read around a numeral (view offsets)."""

    verb: str | None  # up, down, ratio, reach, over, times, share, or None
    ref: str | None  # plan, period, or None
    start: int  # where the comparison words begin (the verb, or the numeral)
    end: int  # after the reference words (or the numeral)


@cache
def _table() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {"verb": {}, "ref": {}}
    for row in load_table("indicator_compare"):
        out[row["role"]][canonical(row["phrase"]).lower()] = row["meaning"]
    return out


@cache
def _patterns() -> dict[str, regex.Pattern]:
    verbs = alternation(_table()["verb"])
    refs = alternation(_table()["ref"])
    quals = alternation(r["word"] for r in load_table("qualifiers") if r["position"] == "before")
    return {
        # verb [ref] [qualifier] right before the numeral: "tăng 5%", "vượt kế hoạch 7,1%", "tăng hơn 4,1%"
        "before": compile_pattern(
            rf"(?<!\w)(?P<verb>{verbs})(?:\s+{cue('verb_adverb')})?(?:\s+(?P<ref>{refs})(?:\s+{refs})?)?(?:\s+(?:{quals}))?\s*$",
            _F,
        ),
        "after": compile_pattern(rf"\s*(?P<ref>{refs})(?!\w)", _F, anchored=True),
    }


@cache
def _before_guard():
    """:func:`.tail_guard` of the "before" pattern: the words it may end with."""
    quals = [r["word"] for r in load_table("qualifiers") if r["position"] == "before"]
    return tail_guard(tuple([*_table()["verb"], *words("verb_adverb"), *_table()["ref"], *quals]))


@cache
def _groups() -> tuple[int, int, int]:
    """The numbers of the groups ``verb`` and ``ref`` of "before" and ``ref`` of "after"
    (read by number: faster than by name)."""
    pats = _patterns()
    return pats["before"].groupindex["verb"], pats["before"].groupindex["ref"], pats["after"].groupindex["ref"]


@cache
def _ref_may_open():
    """:func:`.may_open` of the reference words ("after" opens with one)."""
    return may_open(tuple(_table()["ref"]))


@lru_cache(maxsize=1024)
def _key(s: str) -> str:
    return canonical(_SPACES.sub(" ", s)).lower()


def read(view: str, start: int, end: int, lo: int, hi: int) -> Comparison | None:
    """The comparison around the numeral at ``view[start:end]``, looking back no further
    than ``lo`` and ahead no further than ``hi``; None if no comparison words are there.
    """
    pats = _patterns()
    verb = ref = None
    c_start, c_end = start, end
    m = pats["before"].search(view, max(lo, start - 60), start) if _before_guard()(view, 0, start) else None
    g_verb, g_ref, g_after = _groups()
    if m:
        verb = _table()["verb"][_key(m.group(g_verb))]
        c_start = m.start()
        r = m.group(g_ref)
        if r:
            ref = _table()["ref"][_key(r)]
    after = pats["after"].match(view, end, hi) if opens_after_spaces(_ref_may_open(), view, end, hi) else None
    if after:
        r = _table()["ref"][_key(after.group(g_after))]
        ref = "plan" if "plan" in (ref, r) else r
        c_end = _reference_end(view, after.end(), hi)
    if verb is None and ref is None:
        return None
    return Comparison(verb, ref, c_start, c_end)


@cache
def _ref_tail() -> regex.Pattern:
    """The words of a reference, up to the next comparison (``… so với tháng trước và tăng 7,5% …``)."""
    stop = alternation(list(_table()["verb"]) + list(words("connector")))
    return compile_pattern(rf"(?:(?!\s{stop}(?!\w))[^,;:()\d%]|(?<=(?<!\w){cue('period_word')}\s+)(?:19|20)\d\d(?!\d))*", _F, anchored=True)


def _reference_end(view: str, pos: int, hi: int) -> int:
    """The end of the reference words (``so với cùng kỳ năm trước``, ``dự toán tỉnh giao``)."""
    m = _ref_tail().match(view, pos, hi)
    end = m.end() if m else pos
    while end > pos and view[end - 1].isspace():
        end -= 1
    return end


def effect(c: Comparison, x: Decimal, percent_figure: bool) -> tuple[str | None, Decimal | None]:
    """``("plan", value)``, ``("change", value)`` or ``(None, None)`` for a comparison
    with percentage ``x`` attached to a figure (``percent_figure``: the figure is a rate in %).

    >>> effect(Comparison("ratio", "period", 0, 0), Decimal("128.5"), False)
    ('change', Decimal('28.5'))
    >>> effect(Comparison("over", "plan", 0, 0), Decimal("0.36"), True)
    (None, None)
    >>> effect(Comparison("down", None, 0, 0), Decimal("1.5"), False)
    ('change', Decimal('-1.5'))
    """
    verb, ref = c.verb, c.ref
    if verb == "share":
        return None, None
    if ref == "plan":
        if verb in ("up", "over"):
            return (None, None) if percent_figure else ("plan", 100 + x)
        if verb == "down":
            return (None, None) if percent_figure else ("plan", 100 - x)
        return "plan", x
    if verb == "up":
        return "change", x
    if verb == "down":
        return "change", -x
    if verb == "ratio" and ref is None:
        return None, None  # "bằng 35% GRDP": a share of something else
    if verb == "ratio" or (verb == "reach" and ref == "period"):
        return "change", x - 100
    if verb == "reach":
        return "plan", x
    if verb == "over":
        return (None, None) if percent_figure else ("plan", 100 + x)
    if verb == "times":
        return "change", (x - 1) * 100
    if ref == "period":
        return None, None
    return None, None
