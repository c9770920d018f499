"""Tokens of a discipline or membership passage: phrases of the tables and counts.

:func:`units` cuts the view into paragraphs (a line and the bullet lines that
follow a line ending with a colon); :func:`tokenize` lists, in text order, the
phrases of the discipline tables (bodies, actions, markers) and the numerals,
each numeral with the target noun that follows it, if any.  Punctuation that
steers the reading (``;`` ``(`` ``)`` ``:``) is a token too.  Phrase tokens
depend on the text only: they are read once per sentence and kept in
``ctx.scratch`` for the membership reader (:func:`phrase_tokens`).
:func:`heading_line` finds headings in capitals; :func:`drop_headline_restatements`
and :func:`drop_rounded_restatements` count a restated figure once.

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("UBKT các cấp kỷ luật 9 đảng viên (khiển trách 6).")
>>> [(t.kind, t.value) for t in tokenize(ctx, 0, len(ctx.view))]
[('body', 'inspection_commission'), ('action', 'disciplined'), ('number', 'member'), ('punct', '('), ('form', 'reprimand'), ('number', None), ('punct', ')')]
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import Callable, Iterable, Iterator, Optional

import regex

from ..lexicon import cached_pattern, compile_pattern, first_nonspace
from ..models import NumberRole, Qualifier
from ..quantities import read_qualifier_before
from ..rules import Claim, Context
from ..scanner import Numeral
from .discipline_lexicon import (
    WORD, connectors, fold, folded_connectors, folded_token_pattern, phrase_info, target_after, targets_after,
    token_pattern,
)

#: The punctuation that steers the reading, read as tokens.
_PUNCT = ";()[]"
_BRACKETS = {"[": "(", "]": ")"}
_BULLET = r"[ \t]*(?:[-+•*–—]|[a-zđ]\)|\d{1,2}[.)])\s"
#: The characters a bullet mark may start with, besides the digits (``\d``: ``str.isdecimal``).
_BULLET_FIRST = frozenset(" \t-+•*–—abcdefghijklmnopqrstuvwxyzđ")
_ABBR_LEN = 5
_ABBR = rf"\p{{Lu}}{{2,{_ABBR_LEN}}}"
_DASH_AFTER = r"\s*[-–—&]\s*\w"
#: The order of tokens.
_POSITION = attrgetter("start", "end")
#: A numeral that can be a count (not a year, date, ordinal, percent …).
COUNT_KINDS = frozenset({"number"})


@dataclass(slots=True)
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
        s = pos
        pos += len(line) + 1
        text = line.rstrip()
        if not text:
            continue
        if start is not None and (prev_colon or (in_list and cached_pattern(_BULLET).match(line))):
            in_list = True
        else:
            if start is not None:
                yield start, last_end
            start = s
            in_list = False
        last_end = s + len(text)
        prev_colon = text[-1] == ":"
    if start is not None:
        yield start, last_end


#: ``ctx.scratch`` key of the paragraphs of the view, shared by the discipline and membership readers.
_PARAGRAPHS = "discipline_scan.paragraphs"


def paragraphs(ctx: Context, start: int, end: int) -> list[tuple[int, int]]:
    """View offsets of the paragraphs (:func:`units`) of view ``[start, end)``, cached per document."""
    cache = ctx.scratch.setdefault(_PARAGRAPHS, {})
    found = cache.get((start, end))
    if found is None:
        found = cache[(start, end)] = [(start + s, start + e) for s, e in units(ctx.view[start:end])]
    return found


def rstrip_end(view: str, start: int, end: int) -> int:
    """End of view ``[start, end)`` without its trailing spaces (``str.rstrip``, no copy)."""
    while end > start and view[end - 1].isspace():
        end -= 1
    return end


def is_count(n: Numeral) -> bool:
    """Whether a numeral is read as a count (a ``number`` token)."""
    return n.kind in COUNT_KINDS and n.value is not None and n.value == n.value.to_integral_value()


#: ``ctx.scratch`` key of the numerals read as counts.
_COUNTS = "discipline_scan.counts"


def free_counts(ctx: Context) -> list[Numeral]:
    """The numerals not claimed yet that :func:`tokenize` reads as counts, in order.  Claims
    only grow: they stay a superset of the counts a reader meets later."""
    claims = ctx.claims
    return [n for n in _counts(ctx)[0] if n.start not in claims]


def _counts(ctx: Context) -> tuple[list[Numeral], set[int]]:
    """The numerals read as counts (:func:`is_count`) and their starts, found once per document."""
    found = ctx.scratch.get(_COUNTS)
    if found is None:
        # is_count, inlined: it is asked of every numeral of the document
        counts = [n for n in ctx.numerals
                  if n.kind in COUNT_KINDS and (v := n.value) is not None and v == v.to_integral_value()]
        found = ctx.scratch[_COUNTS] = (counts, {n.start for n in counts})
    return found


def _count_starts(ctx: Context) -> set[int]:
    """The view offsets where the numerals read as counts start."""
    return _counts(ctx)[1]


def any_in(starts: list[int], start: int, end: int) -> bool:
    """Whether an offset of the sorted ``starts`` lies in ``[start, end)``."""
    i = bisect.bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def last_reading(ctx: Context, start: int, end: int) -> int:
    """Start of the last numeral of view ``[start, end)`` not claimed yet that is a count or a
    percent, or -1: a sentence after it holds no token that a reader turns into a figure or a claim."""
    claims = ctx.claims
    for n in reversed(ctx.numerals_list(start, end)):  # a paragraph's: short
        if n.start not in claims and (n.kind == "percent" or is_count(n)):
            return n.start
    return -1


def after_colon(view: str, start: int, pos: int) -> bool:
    """Whether a colon of view ``[start, pos)`` is followed by no letter or digit up to ``pos``,
    as in every bare count read after a label (``đảng viên: 8``).

    >>> after_colon("đảng viên: 8", 0, 11), after_colon("đảng viên 8", 0, 10)
    (True, False)
    """
    while pos > start:
        pos -= 1
        c = view[pos]
        if c == ":":
            return True
        if c.isalnum():
            return False
    return False


def tokenize(ctx: Context, start: int, end: int) -> list[Token]:
    """Tokens of view ``[start, end)`` in text order; phrases inside a count's noun are dropped."""
    counts: list[Token] = []
    append = counts.append
    claims = ctx.claims
    targets = _target_cache(ctx)
    countable = _count_starts(ctx)
    for n in ctx.numerals_list(start, end):  # a sentence's: short
        at = n.start
        if at in claims:
            continue
        if at in countable:
            found = targets.get(n.end, targets)
            if found is targets:
                found = target_of(ctx, n)
            if found and found[0] <= end:
                append(Token(at, found[0], "number", found[1], n, found[2]))
            else:
                append(Token(at, n.end, "number", None, n))
        elif n.kind == "percent":
            append(Token(at, n.end, "percent", None, n))
        else:
            append(Token(at, n.end, "other_number", n.kind, n))
    phrases = phrase_tokens(ctx, start, end)
    if not counts:
        return list(phrases)
    if not phrases:
        return counts
    # drop phrases overlapping a count with its noun (the "chi bộ" of "88 chi bộ"); the
    # counts are in text order, as the numerals are
    if len(counts) == 1:
        c = counts[0]
        first, last = c.start, c.end
        return sorted([*counts, *(t for t in phrases if t.end <= first or t.start >= last)], key=_POSITION)
    starts = [t.start for t in counts]
    reach = list(accumulate((t.end for t in counts), max))  # the furthest end of the counts so far
    kept = []
    for t in phrases:
        # the counts before ``i`` start before the phrase ends: one overlaps it if it ends after its start
        i = bisect.bisect_left(starts, t.end)
        if not i or reach[i - 1] <= t.start:
            kept.append(t)
    return sorted(counts + kept, key=_POSITION)


#: ``ctx.scratch`` key of the target nouns read after counts.
_TARGETS = "discipline_scan.targets"


def _target_cache(ctx: Context) -> dict[int, Optional[tuple[int, str, bool]]]:
    """``{view offset: its target_after}`` of the document."""
    cache = ctx.scratch.get(_TARGETS)
    if cache is None:
        cache = ctx.scratch[_TARGETS] = {}
    return cache


def target_of(ctx: Context, n: Numeral) -> Optional[tuple[int, str, bool]]:
    """:func:`.discipline_lexicon.target_after` the numeral ``n``, cached per document."""
    cache = _target_cache(ctx)
    found = cache.get(n.end, cache)
    if found is cache:
        found = cache[n.end] = target_after(ctx.view, n.end, folded_view(ctx))
    return found


def targets_of(ctx: Context, numerals: list[Numeral]) -> list[Optional[tuple[int, str, bool]]]:
    """:func:`target_of` each of ``numerals``, looked up together."""
    cache = _target_cache(ctx)
    ends = [n.end for n in numerals]
    missing = [e for e in ends if e not in cache]
    if missing:
        cache.update(zip(missing, targets_after(ctx.view, missing, folded_view(ctx))))
    return [cache[e] for e in ends]


#: ``ctx.scratch`` key of the view case-folded (:func:`.discipline_lexicon.fold`).
_FOLDED = "discipline_scan.folded"


def folded_view(ctx: Context) -> Optional[str]:
    """:func:`.discipline_lexicon.fold` the view, once per document."""
    found = ctx.scratch.get(_FOLDED, ctx.scratch)
    if found is ctx.scratch:
        found = ctx.scratch[_FOLDED] = fold(ctx.view)
    return found


#: ``ctx.scratch`` key of the phrase tokens read per sentence (they depend on the view
#: only, so the membership reader reuses those of the discipline reader).
_SCRATCH = "discipline_scan.phrases"


def phrase_tokens(ctx: Context, start: int, end: int) -> tuple[Token, ...]:
    """The phrase and punctuation tokens of view ``[start, end)`` in text order (no counts),
    cached per document."""
    cache = ctx.scratch.setdefault(_SCRATCH, {})
    found = cache.get((start, end))
    if found is None:
        found = cache[(start, end)] = tuple(_phrase_tokens(ctx.view, start, end, folded_view(ctx)))
    return found


def forget_phrase_tokens(ctx: Context) -> None:
    """Drop the per-document caches of :func:`phrase_tokens`, :func:`paragraphs`,
    :func:`free_counts`, :func:`target_of` and :func:`folded_view` (the last reader calls it)."""
    for key in (_SCRATCH, _PARAGRAPHS, _COUNTS, _TARGETS, _FOLDED):
        ctx.scratch.pop(key, None)


def _phrase_spans(view: str, start: int, end: int, folded: Optional[str] = None) -> Iterator[tuple[int, int]]:
    """The spans of ``token_pattern().finditer(view, start, end)``: those of the folded pattern
    (:func:`.discipline_lexicon.folded_token_pattern`) in the view case-folded (``folded``, or
    the range folded here) where it can read it, else of the token pattern itself."""
    pat = folded_token_pattern()
    if pat is not None:
        if folded is not None:
            for m in pat.finditer(folded, start, end):
                yield m.span()
            return
        low = start - 1 if start else 0  # the character before ``start``: the pattern looks behind at it
        part = fold(view[low:end])
        if part is not None:
            for m in pat.finditer(part, start - low):
                s, e = m.span()
                yield low + s, low + e
            return
    for m in token_pattern().finditer(view, start, end):
        yield m.span()


def _phrase_matches(view: str, start: int, end: int) -> Iterator[Optional[regex.Match]]:
    """The matches of ``token_pattern().finditer(view, start, end)``, read from :func:`_phrase_spans`."""
    pat = token_pattern()
    for s, e in _phrase_spans(view, start, end):
        yield pat.fullmatch(view, s, e)


def _phrase_tokens(view: str, start: int, end: int, folded: Optional[str] = None) -> list[Token]:
    """The phrase and punctuation tokens of view ``[start, end)``, in text order."""
    out: list[Token] = []
    append = out.append
    kind_of = _phrase_kind
    for s, e in _phrase_spans(view, start, end, folded):
        found = kind_of(view[s:e])
        if found is None:
            continue
        kind, value, abbr = found
        if abbr or kind in _NEXT_WORDS_CHECKED:
            found = _checked(view, s, e, kind, value, abbr, folded)
            if found is None:
                continue
            s, e, kind, value = found
        append(Token(s, e, kind, value))
    marks = [Token(m.start(), m.end(), "punct", _BRACKETS.get(c, c)) for m in _punct().finditer(view, start, end)
             for c in (m.group(),)]
    # the phrases are in text order: the punctuation marks, if any, go in between
    return sorted(out + marks, key=_POSITION) if marks else out


#: The kinds of phrase that the words after them may turn into something else (:func:`_checked`).
_NEXT_WORDS_CHECKED = frozenset({"body", "membership_trailing"})


def _checked(view: str, s: int, e: int, kind: str, value: str, abbr: bool,
             folded: Optional[str] = None) -> Optional[tuple[int, int, str, str]]:
    """``(start, end, kind, value)`` of the phrase token read at ``[s, e)`` given the words
    after it, or None when it is no token.  ``folded``: the view case-folded, if at hand."""
    if kind == "body" and _person_after(view, e, folded):
        return None  # cấp ủy viên, Tỉnh ủy viên: a person, not the body
    if kind == "membership_trailing" and _person_after(view, e, folded):
        # "kết nạp đảng viên": not "kết nạp Đảng" but "kết nạp" and the noun after it
        last = [w.start() for w in WORD.finditer(view, s, e)][-1]
        m = token_pattern().match(view, s, last)
        found = _phrase_kind(m.group()) if m is not None else None
        if m is None or found is None:
            return None
        kind, value, abbr = found
        s, e = m.span()
    if abbr and cached_pattern(_DASH_AFTER).match(view, e):
        return None  # KT – VHXH: another abbreviation
    return s, e, kind, value


@lru_cache(maxsize=None)
def _punct() -> re.Pattern:
    """One of :data:`_PUNCT`."""
    return re.compile(f"[{re.escape(_PUNCT)}]")


@lru_cache(maxsize=4096)
def _phrase_kind(text: str) -> Optional[tuple[str, str, bool]]:
    """``(kind, value)`` of a matched phrase (:func:`.discipline_lexicon.phrase_info`) and
    whether it is short enough and in capitals to be an abbreviation; None if unknown."""
    info = phrase_info(text)
    if info is None:
        return None
    return info[0], info[1], len(text) <= _ABBR_LEN and cached_pattern(_ABBR).fullmatch(text) is not None


def _person_after(view: str, pos: int, folded: Optional[str] = None) -> bool:
    """Whether :func:`_person` matches at view offset ``pos``; ``folded``: the view case-folded,
    where the pattern is tried only if one of its words stands after the spaces."""
    words = folded_connectors("person") if folded is not None else None
    if words is not None:
        p = first_nonspace(folded, pos, len(folded))  # what the pattern's \s* reads, on plain text
        if not folded.startswith(words, p):
            return False
    return _person().match(view, pos) is not None


@lru_cache(maxsize=None)
def _person() -> regex.Pattern:
    """A word that makes a body before it a person (``cấp ủy viên``)."""
    return compile_pattern(rf"\s*{connectors('person')}(?!\w)", regex.IGNORECASE)


def bullet_end(view: str, pos: int) -> int:
    """End of the bullet mark (``-``, ``+``, ``•``, ``a)``, ``1.``) at ``pos``, or ``pos``.

    >>> bullet_end("+ 2 chi bộ", 0), bullet_end("2 chi bộ", 0)
    (2, 0)
    """
    c = view[pos : pos + 1]
    if not c or not (c in _BULLET_FIRST or c.isdecimal()):
        return pos  # the common case, decided without the pattern
    m = cached_pattern(_BULLET).match(view, pos)
    return m.end() if m else pos


def heading_line(view: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """The first line of ``[start, end)`` when it is a heading in capitals, else None.

    A heading has at least two words of letters and (almost) no lower-case letter, never
    three in a row (``KẾT QUẢ CÔNG TÁC CỦA UBKT HUYỆN ỦY``, ``II. CÔNG TÁC KIỂM TRA``).

    >>> v = "CÔNG TÁC CỦA UBKT HUYỆN ỦY\\n- Kiểm tra 3 chi bộ"
    >>> heading_line(v, 0, len(v))
    (0, 26)
    >>> heading_line("UBKT Huyện ủy kiểm tra 3 chi bộ", 0, 31) is None
    True
    """
    nl = view.find("\n", start, end)
    line_end = end if nl < 0 else nl
    if cached_pattern(_LOWER_RUN).search(view, start, line_end):
        return None  # a word in lower case: running text (the common case, decided at once)
    lower = len(cached_pattern(_LOWER).findall(view, start, line_end))
    upper = len(cached_pattern(_UPPER).findall(view, start, line_end))
    if upper < 6 or lower * 10 > upper or len(cached_pattern(_WORDS).findall(view, start, line_end)) < 2:
        return None
    return start, rstrip_end(view, start, line_end)


def title_line(view: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is one short line that titles what follows: no count, no
    closing punctuation (``2. Công tác kiểm tra của UBKT Huyện ủy``).

    >>> title_line("2. Công tác kiểm tra của UBKT Huyện ủy", 0, 38)
    True
    >>> title_line("- Kiểm tra 3 chi bộ", 0, 19), title_line("UBKT Huyện ủy đã kiểm tra.", 0, 26)
    (False, False)
    """
    if view.find("\n", start, end) >= 0 or view[end - 1 : end] in _CLOSING:
        return False
    body = bullet_end(view, start)
    return not cached_pattern(_DIGIT).search(view, body, end) and len(cached_pattern(_WORDS).findall(view, body, end)) <= _TITLE_WORDS


_CLOSING = frozenset(".;,:!?…")
_DIGIT = r"\d"
#: The longest title, in words.
_TITLE_WORDS = 20
_WORDS = r"\p{L}{2,}"
_LOWER = r"\p{Ll}"
_UPPER = r"\p{Lu}"
#: Three lower-case letters in a row: no heading in capitals has that.
_LOWER_RUN = r"\p{Ll}{3}"


def headline_end(view: str) -> int:
    """End of the headline (a short first line not ending a sentence), or 0 if none.

    >>> headline_end("Kỷ luật 12 đảng viên\\nNăm 2022, …")
    20
    >>> headline_end("Năm 2022, toàn Đảng bộ kỷ luật 12 đảng viên.\\nDòng hai")
    0
    """
    nl = view.find("\n")
    first = view[:nl]
    if nl >= 0 and len(first.strip()) <= 200 and not first.rstrip().endswith((".", ";", ":")):
        return len(first)
    return 0


def drop_headline_restatements(ctx: Context, figs: list, key: Callable, category: str) -> list:
    """Figures of the headline restated in the body are counted once (SCHEMA.md).

    A headline figure whose ``key`` equals that of a later figure is dropped and its
    numeral is claimed as a restatement.
    """
    if not figs:
        return figs
    head = headline_end(ctx.view)
    if not head:
        return figs
    head_orig = ctx.span(0, head).end
    later = {key(f) for f in figs if f.span.start >= head_orig}
    out = []
    for f in figs:
        if f.span.start < head_orig and key(f) in later:
            for n in ctx.numerals_in(0, head):
                s = ctx.span(n.start, n.end)
                if f.span.start <= s.start and s.end <= f.span.end:
                    ctx.claims[n.start] = Claim(NumberRole.restatement, category, f"{category}.headline_restatement")
            continue
        out.append(f)
    return out


#: Qualifiers that round a count (qualifiers.tsv) and the side of the rounded number the
#: exact count lies on: ``hơn 600`` for 612 (+1), ``gần 4.900`` for 4.836 (-1).
_ROUNDING_SIDE = {Qualifier.more_than: 1, Qualifier.nearly: -1, Qualifier.less_than: -1, Qualifier.about: 0}
#: How far (relative) a rounded restatement may lie from the exact count it restates.
ROUNDING_TOLERANCE = Decimal("0.05")


def rounded_restatement_of(count: int, side: int, exact: Iterable[int]) -> Optional[int]:
    """The exact count that a qualified round ``count`` restates, or None.

    ``count`` must be round (a multiple of 5), differ from the exact count, lie on
    the side the qualifier says, and within :data:`ROUNDING_TOLERANCE` of it.

    >>> rounded_restatement_of(600, 1, [612, 38])
    612
    >>> rounded_restatement_of(4900, -1, [4836])
    4836
    >>> rounded_restatement_of(600, -1, [612]) is None   # "gần 600" cannot be 612
    True
    >>> rounded_restatement_of(500, 1, [612]) is None    # too far
    True
    """
    if not _is_round(count):
        return None
    for x in exact:
        if x == count or x <= 0:
            continue
        if side and (x - count) * side < 0:
            continue
        if abs(Decimal(x - count)) <= ROUNDING_TOLERANCE * x:
            return x
    return None


def _is_round(count: int) -> bool:
    """Whether a count is round enough to restate another one."""
    return not (count % 5 or count < 10)


def drop_rounded_restatements(ctx: Context, found: list, key: Callable, category: str) -> list:
    """Figures whose count is a qualified round number (``hơn 600 đảng viên``) restating an
    exact count of the same ``key`` stated elsewhere in the text (612) are not figures
    (SCHEMA.md): they are dropped and their numeral is claimed as a restatement.

    ``found`` lists ``(figure, numeral)`` pairs; the figures kept are returned in order.
    """
    view = ctx.view

    sides: dict[int, Optional[int]] = {}  # of the figures asked, by index: each is read once

    def side_of(i: int, n: Optional[Numeral]) -> Optional[int]:
        side = sides.get(i, sides)
        if side is sides:
            q = read_qualifier_before(view, n.start) if n is not None else None
            side = sides[i] = _ROUNDING_SIDE.get(q[0]) if q is not None else None
        return side

    if not any(_is_round(f.count) and side_of(i, n) is not None for i, (f, n) in enumerate(found)):
        return [f for f, _ in found]  # no qualified round count: nothing restates
    rounded: dict[int, tuple[int, object]] = {}
    exact: dict[object, list[int]] = {}
    for i, (f, n) in enumerate(found):
        side = side_of(i, n)
        if side is None:
            exact.setdefault(key(f), []).append(f.count)
        else:
            rounded[i] = (side, key(f))
    if not rounded:
        return [f for f, _ in found]
    out = []
    for i, (f, n) in enumerate(found):
        if i in rounded:
            side, k = rounded[i]
            if rounded_restatement_of(f.count, side, exact.get(k, ())) is not None:
                ctx.claims[n.start] = Claim(NumberRole.restatement, category, f"{category}.rounded_restatement")
                continue
        out.append(f)
    return out
