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
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterable, Iterator, Optional

import regex

from ..lexicon import compile_pattern

from ..models import NumberRole, Qualifier
from ..quantities import read_qualifier_before
from ..rules import Claim, Context
from ..scanner import Numeral
from .discipline_lexicon import WORD, connectors, phrase_info, target_after, token_pattern, token_patterns_by_first_word

_PUNCT = compile_pattern(r"[;()\[\]]")
_BRACKETS = {"[": "(", "]": ")"}
_BULLET = compile_pattern(r"[ \t]*(?:[-+•*–—]|[a-zđ]\)|\d{1,2}[.)])\s")
_PERSON = compile_pattern(rf"\s*{connectors('person')}(?!\w)", regex.IGNORECASE)
_ABBR = compile_pattern(r"\p{Lu}{2,5}")
_DASH_AFTER = compile_pattern(r"\s*[-–—&]\s*\w")
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
    phrases = phrase_tokens(ctx, start, end)
    if not counts:
        return list(phrases)
    # drop phrases overlapping a count with its noun (the "chi bộ" of "88 chi bộ")
    spans = sorted((t.start, t.end) for t in counts)
    kept = [t for t in phrases if not _overlaps(spans, t.start, t.end)]
    return sorted(counts + kept, key=lambda t: (t.start, t.end))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, from counts: short and few)."""
    i = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[:i])


#: ``ctx.scratch`` key of the phrase tokens read per sentence (they depend on the view
#: only, so the membership reader reuses those of the discipline reader).
_SCRATCH = "discipline_scan.phrases"


def phrase_tokens(ctx: Context, start: int, end: int) -> tuple[Token, ...]:
    """The phrase and punctuation tokens of view ``[start, end)`` in text order (no counts),
    cached per document."""
    cache = ctx.scratch.setdefault(_SCRATCH, {})
    found = cache.get((start, end))
    if found is None:
        found = cache[(start, end)] = tuple(sorted(_phrase_tokens(ctx.view, start, end), key=lambda t: (t.start, t.end)))
    return found


def forget_phrase_tokens(ctx: Context) -> None:
    """Drop the per-document cache of :func:`phrase_tokens` (the last reader calls it)."""
    ctx.scratch.pop(_SCRATCH, None)


def _phrase_matches(view: str, start: int, end: int) -> Iterator[regex.Match]:
    """``token_pattern().finditer(view, start, end)``, trying at each word only the phrases
    that start with it."""
    by_word = token_patterns_by_first_word()
    if by_word is None:
        yield from token_pattern().finditer(view, start, end)
        return
    pos = start
    for w in WORD.finditer(view, start, end):
        if w.start() < pos:
            continue
        pat = by_word.get(w.group().casefold())
        if pat is None:
            continue
        m = pat.match(view, w.start(), end)
        if m is not None:
            pos = m.end()
            yield m


def _phrase_tokens(view: str, start: int, end: int) -> Iterator[Token]:
    for m in _phrase_matches(view, start, end):
        info = phrase_info(m.group())
        if info is None:
            continue
        kind, value = info
        if kind == "body" and _PERSON.match(view, m.end()):
            continue  # cấp ủy viên, Tỉnh ủy viên: a person, not the body
        if kind == "membership_trailing" and _PERSON.match(view, m.end()):
            # "kết nạp đảng viên": not "kết nạp Đảng" but "kết nạp" and the noun after it
            last = [w.start() for w in WORD.finditer(view, m.start(), m.end())][-1]
            m = token_pattern().match(view, m.start(), last)
            info = phrase_info(m.group()) if m is not None else None
            if m is None or info is None:
                continue
            kind, value = info
        if _ABBR.fullmatch(m.group()) and _DASH_AFTER.match(view, m.end()):
            continue  # KT – VHXH: another abbreviation
        yield Token(m.start(), m.end(), kind, value)
    for m in _PUNCT.finditer(view, start, end):
        yield Token(m.start(), m.end(), "punct", _BRACKETS.get(m.group(), m.group()))


def bullet_end(view: str, pos: int) -> int:
    """End of the bullet mark (``-``, ``+``, ``•``, ``a)``, ``1.``) at ``pos``, or ``pos``.

    >>> bullet_end("+ 2 chi bộ", 0), bullet_end("2 chi bộ", 0)
    (2, 0)
    """
    m = _BULLET.match(view, pos)
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
    if _LOWER_RUN.search(view, start, line_end):
        return None  # a word in lower case: running text (the common case, decided at once)
    lower = len(_LOWER.findall(view, start, line_end))
    upper = len(_UPPER.findall(view, start, line_end))
    if upper < 6 or lower * 10 > upper or len(_WORDS.findall(view, start, line_end)) < 2:
        return None
    return start, _rstrip_end(view, start, line_end)


def title_line(view: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is one short line that titles what follows: no count, no
    closing punctuation (``2. Công tác kiểm tra của UBKT Huyện ủy``).

    >>> title_line("2. Công tác kiểm tra của UBKT Huyện ủy", 0, 38)
    True
    >>> title_line("- Kiểm tra 3 chi bộ", 0, 19), title_line("UBKT Huyện ủy đã kiểm tra.", 0, 26)
    (False, False)
    """
    if "\n" in view[start:end] or view[end - 1 : end] in _CLOSING:
        return False
    body = bullet_end(view, start)
    return not _DIGIT.search(view, body, end) and len(_WORDS.findall(view, body, end)) <= _TITLE_WORDS


_CLOSING = frozenset(".;,:!?…")
_DIGIT = compile_pattern(r"\d")
#: The longest title, in words.
_TITLE_WORDS = 20
_WORDS = compile_pattern(r"\p{L}{2,}")
_LOWER = compile_pattern(r"\p{Ll}")
_UPPER = compile_pattern(r"\p{Lu}")
#: Three lower-case letters in a row: no heading in capitals has that.
_LOWER_RUN = compile_pattern(r"\p{Ll}{3}")


def headline_end(view: str) -> int:
    """End of the headline (a short first line not ending a sentence), or 0 if none.

    >>> headline_end("Kỷ luật 12 đảng viên\\nNăm 2022, …")
    20
    >>> headline_end("Năm 2022, toàn Đảng bộ kỷ luật 12 đảng viên.\\nDòng hai")
    0
    """
    first = view.split("\n", 1)[0]
    if "\n" in view and len(first.strip()) <= 200 and not first.rstrip().endswith((".", ";", ":")):
        return len(first)
    return 0


def drop_headline_restatements(ctx: Context, figs: list, key: Callable, category: str) -> list:
    """Figures of the headline restated in the body are counted once (SCHEMA.md).

    A headline figure whose ``key`` equals that of a later figure is dropped and its
    numeral is claimed as a restatement.
    """
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
    if count % 5 or count < 10:
        return None
    for x in exact:
        if x == count or x <= 0:
            continue
        if side and (x - count) * side < 0:
            continue
        if abs(Decimal(x - count)) <= ROUNDING_TOLERANCE * x:
            return x
    return None


def drop_rounded_restatements(ctx: Context, found: list, key: Callable, category: str) -> list:
    """Figures whose count is a qualified round number (``hơn 600 đảng viên``) restating an
    exact count of the same ``key`` stated elsewhere in the text (612) are not figures
    (SCHEMA.md): they are dropped and their numeral is claimed as a restatement.

    ``found`` lists ``(figure, numeral)`` pairs; the figures kept are returned in order.
    """
    rounded: dict[int, tuple[int, object]] = {}
    exact: dict[object, list[int]] = {}
    for i, (f, n) in enumerate(found):
        q = read_qualifier_before(ctx.view, n.start) if n is not None else None
        side = _ROUNDING_SIDE.get(q[0]) if q is not None else None
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
