"""Quantities: a figure with its qualifier and unit (``hơn 3.915 tấn``).

:func:`parse_quantity` reads a string that is exactly one figure.  The helpers
:func:`read_unit`, :func:`read_qualifier_before`, :func:`read_qualifier_after`
and :func:`times_before` read the same parts around a numeral of a document
view, so extractors and ``parse_quantity`` agree.  The words come from the data
tables ``units.tsv``, ``counted_nouns.tsv``, ``qualifiers.tsv`` and
``per_denominators.tsv``.

>>> q = parse_quantity("hơn 3.915 tấn")
>>> q.value, q.unit.value, q.qualifier.value
(Decimal('3915'), 't', 'more_than')
>>> parse_quantity("172,86ha").value
Decimal('172.86')
>>> parse_quantity("50,5 triệu đồng/người/năm").unit.value
'VND'
>>> parse_quantity("từ 5 hợp tác xã trở lên").qualifier.value
'at_least'
>>> parse_quantity("gấp 3,1 lần").unit.value
'times'
>>> read_unit("đạt 2.117tổ chức đảng", 9)
UnitMatch(start=9, end=21, unit=<Unit.count: 'count'>, factor=Decimal('1'), noun='tổ chức đảng')
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Callable, NamedTuple, Optional

import regex

from .errors import QuantityError
from .lexicon import alternation, cached_pattern, canonical, compile_pattern, load_table, may_open, opens_after_spaces
from .models import Qualifier, Quantity, Unit

__all__ = [
    "UnitMatch",
    "parse_quantity",
    "read_unit",
    "read_qualifier_before",
    "read_qualifier_after",
    "times_before",
]

_F = regex.IGNORECASE | regex.VERSION1
_MAX_LEN = 1000


class UnitMatch(NamedTuple):
    """A unit or counted noun read after a number (view offsets).

    ``end`` lies after any per-denominators (``/ha``, ``/người/năm``), which are dropped;
    ``factor`` converts to the base unit (``tạ`` → 0.1 t); ``noun`` is the unit as written.
    """

    start: int
    end: int
    unit: Unit
    factor: Decimal
    noun: str


@lru_cache(maxsize=None)
def _units() -> dict[str, tuple[Unit, Decimal]]:
    """``{canonical lower surface: (unit, factor)}``: units first, then counted nouns."""
    out: dict[str, tuple[Unit, Decimal]] = {}
    for row in load_table("units"):
        out[canonical(row["surface"]).lower()] = (Unit(row["unit"]), Decimal(row["factor"]))
    for row in load_table("counted_nouns"):
        key = canonical(row["noun"]).lower()
        first = key.split()[0]
        if key in out:
            continue
        # "km đường" is a length: a counted noun that opens with a unit keeps the unit
        out[key] = out.get(first, (Unit.count, Decimal(1)))
    return out


@lru_cache(maxsize=None)
def _qualifiers() -> dict[str, dict[str, Qualifier]]:
    out: dict[str, dict[str, Qualifier]] = {"before": {}, "after": {}}
    for row in load_table("qualifiers"):
        out[row["position"]][canonical(row["word"]).lower()] = Qualifier(row["qualifier"])
    return out


@lru_cache(maxsize=None)
def _patterns() -> dict[str, regex.Pattern]:
    units = alternation(_units())
    per = alternation(list(_units()) + [r["word"] for r in load_table("per_denominators")])
    before = alternation(_qualifiers()["before"])
    after = alternation(_qualifiers()["after"])
    return {
        "unit": compile_pattern(rf"[ \t]*+(?P<u>{units})(?!\w)(?P<per>(?:[ \t]*+/[ \t]*+{per}(?!\w)){{0,4}})", _F, anchored=True),
        "per": compile_pattern(rf"(?:[ \t]*+/[ \t]*+{per}(?!\w)){{1,4}}", _F, anchored=True),
        "before": compile_pattern(rf"(?<!\w)(?P<q>{before})[ \t]*+$", _F),
        "after": compile_pattern(rf"[ \t]*+(?P<q>{after})(?!\w)", _F, anchored=True),
        "after_words": compile_pattern(rf"(?<!\w)(?P<q>{after})[ \t]*+$", _F),
        "times": compile_pattern(r"(?<!\w)gấp[ \t]*+$", _F),
    }


def read_unit(view: str, pos: int) -> Optional[UnitMatch]:
    """The unit or counted noun at view offset ``pos`` (after optional spaces), or None.

    Glued units (``172,86ha``) read alike; per-denominators after ``/`` are consumed.

    >>> m = read_unit("5,22 tấn/ha lúa", 4)
    >>> m.unit.value, m.end
    ('t', 11)
    >>> read_unit("704 lao động", 3).unit.value
    'person'
    >>> read_unit("3 năm", 1) is None
    True
    """
    pattern, u = _unit_pattern()
    m = pattern.match(view, pos)
    if m is None:
        return None
    start, end = m.span(u)
    surface = view[start:end]
    unit, factor = _units()[_key(surface)]
    return UnitMatch(start, m.end(), unit, factor, surface)


@lru_cache(maxsize=None)
def _unit_pattern() -> tuple[regex.Pattern, int]:
    """``pats["unit"]`` and the number of its group ``u`` (read by number: faster)."""
    pattern = _patterns()["unit"]
    return pattern, pattern.groupindex["u"]


def read_qualifier_before(view: str, pos: int) -> Optional[tuple[Qualifier, int]]:
    """The qualifier ending just before view offset ``pos`` and where it starts, or None.

    >>> read_qualifier_before("đạt xấp xỉ 80 tấn", 11)
    (<Qualifier.about: 'about'>, 4)
    >>> read_qualifier_before("đạt 80 tấn", 4) is None
    True
    """
    m = _patterns()["before"].search(view, max(0, pos - 40), pos)
    if m is None:
        return None
    return _qualifiers()["before"][_key(m.group("q"))], m.start()


def read_qualifier_after(view: str, pos: int) -> Optional[tuple[Qualifier, int]]:
    """The qualifier starting at view offset ``pos`` (after spaces) and where it ends, or None.

    >>> read_qualifier_after("5 hợp tác xã trở lên", 12)
    (<Qualifier.at_least: 'at_least'>, 20)
    """
    if not opens_after_spaces(_after_may_open(), view, pos, len(view)):
        return None  # no qualifier opens the words there: the pattern would not match
    m = _patterns()["after"].match(view, pos)
    if m is None:
        return None
    return _qualifiers()["after"][_key(m.group("q"))], m.end()


@lru_cache(maxsize=None)
def _after_may_open() -> Callable[[str, int, int], bool]:
    """:func:`.may_open` of the qualifiers after a number."""
    return may_open(tuple(_qualifiers()["after"]), _F)


def times_before(view: str, pos: int) -> Optional[int]:
    """Start of ``gấp`` just before view offset ``pos`` (``gấp 3,1 lần``), or None.

    >>> times_before("tăng gấp 3 lần", 9)
    5
    """
    m = _patterns()["times"].search(view, max(0, pos - 10), pos)
    return m.start() if m else None


@lru_cache(maxsize=4096)
def _key(s: str) -> str:
    return canonical(" ".join(s.split())).lower()  # a matched phrase: spaces inside only


_RANGE_JOIN = r"[ \t]*+(?:đến|tới|[-–—])[ \t]*+"
_REST = r"[ \t]*+(?P<words>[\p{L}\p{M}][\p{L}\p{M}\s&-]*?)?[ \t]*+[.;:!?]?[ \t]*+"
_READABLE = ("number", "percent", "range")
_REFUSED = {
    "year": "looks like a calendar year",
    "date": "is a date",
    "period": "is a period of time, not a figure",
    "document_number": "is a document number",
    "ordinal": "is an ordinal",
    "fraction": "is a fraction (two figures), not one quantity",
}


def parse_quantity(text: str) -> Quantity:
    """Read a string that is exactly one figure with optional qualifier and unit.

    ``value`` is in the base unit (scale words and unit factors applied).  A number
    with no unit has unit ``count``; words after it are its counted noun.  Raises
    :class:`~bk_report.errors.QuantityError` saying why for anything else; a number
    with a dangling comma (``575, tỷ``) is read as its digits, as the scanner reads it.

    >>> parse_quantity("1.387.210 triệu đồng").value
    Decimal('1387210000000')
    >>> parse_quantity("khoảng 15,5-16,5 %").value_high
    Decimal('16.5')
    >>> parse_quantity("một số xã")
    Traceback (most recent call last):
    ...
    bk_report.errors.QuantityError: no number at the start of 'một số xã'
    """
    if not isinstance(text, str):
        raise TypeError(f"parse_quantity expects str, got {type(text).__name__}")
    if len(text) > _MAX_LEN:
        raise QuantityError(f"text too long to be one quantity ({len(text)} characters)")
    from .scanner import scan  # local: the scanner builds its patterns from these tables
    from .text import Document

    view = Document(text).view
    pos = len(view) - len(view.lstrip())
    if pos == len(view):
        raise QuantityError("empty string is not a quantity")
    numerals = scan(Document(view))
    first = next((n for n in numerals if n.start >= pos), None)
    qualifier, times = Qualifier.exact, False
    if first is not None and first.start > pos:
        head_end = first.start
        if times_before(view, head_end) is not None:
            times, head_end = True, times_before(view, head_end)
        q = read_qualifier_before(view, head_end)
        if q is not None:
            qualifier, head_end = q
            if not times and times_before(view, head_end) is not None:
                times, head_end = True, times_before(view, head_end)
        if view[pos:head_end].strip():
            first = None
    if first is None or first.start < pos:
        raise QuantityError(f"no number at the start of {text.strip()!r}")
    if first.kind == "broken":
        raise QuantityError(f"malformed number in {text.strip()!r}: {first.warning}")
    if first.kind not in _READABLE:
        raise QuantityError(f"{first.text!r} {_REFUSED.get(first.kind, 'is not a figure')}")
    value, high, end = first.value, first.value_high, first.end
    if first.kind == "number":
        join = cached_pattern(_RANGE_JOIN, _F, anchored=True).match(view, end)
        nxt = next((n for n in numerals if n.start > end), None)
        if join and nxt is not None and nxt.start == join.end() and nxt.kind == "number":
            high, end = nxt.value, nxt.end
    unit, noun, factor = (Unit.percent, None, Decimal(1)) if first.percent else (None, None, Decimal(1))
    if unit is None:
        um = read_unit(view, end)
        if um is not None:
            unit, factor, noun, end = um.unit, um.factor, um.noun, um.end
    else:
        per = _patterns()["per"].match(view, end)  # 8,5%/năm
        end = per.end() if per else end
    qa = read_qualifier_after(view, end)
    if qa is not None:
        qualifier, end = qa
    rest = cached_pattern(_REST, _F, anchored=True).fullmatch(view, end)
    if rest is None:
        raise QuantityError(f"unexpected text after the figure: {view[end:].strip()!r}")
    words = rest.group("words")
    tail = _patterns()["after_words"].search(words) if words and qa is None else None
    if tail is not None:  # "60 tuổi trở lên"
        qualifier, words = _qualifiers()["after"][_key(tail.group("q"))], words[: tail.start()].strip()
    if words:
        if unit is Unit.percent or unit is Unit.times:
            raise QuantityError(f"unexpected words after the figure: {words!r}")
        noun = f"{noun} {words}" if noun else words
    if times:
        unit = Unit.times
    if unit is None:
        unit = Unit.count
    return Quantity(
        value=value * factor,
        value_high=None if high is None else high * factor,
        unit=unit,
        qualifier=qualifier,
        noun=noun,
        text=text,
    )
