"""Find every numeral of a text, with its span, its reading and what kind it is.

The scanner works on a :class:`~bk_report.text.Document` view and returns
:class:`Numeral` records in text order, never overlapping.  Kinds:

``number``  a plain figure, scale words applied (``3.645 tỷ`` → 3645000000000)
``percent`` ``7,5%``, ``81,4 %``, ``3.45%``; ``value`` is the percent number
``range``   ``16,5-17,5%``, ``72,1% - 72,6%`` (``value`` low, ``value_high`` high,
            ``percent`` true when a ``%`` sign is present); a scale word after the
            second number serves both ends (``9.000 - 9.500 tỷ`` → 9000e9 - 9500e9)
``fraction`` ``38/44``, ``11,4/19`` (``value`` / ``denominator``)
``date``    ``18/12``, ``30.6.2022``, ``19/7/2019``, the day of ``18 và 19/12``, ``tháng 6``
``year``    ``2023`` as a calendar year; ``period`` for ``2016-2021``, ``6 tháng``, ``mười năm``
``document_number`` ``29-NQ/TU``, ``12/2019/NQ-HĐND``
``ordinal`` the N of ``thứ N`` / ``lần thứ N`` / ``khóa N`` / ``quý N`` (digits, words
            such as ``thứ nhất``, ``thứ tư``, or Roman ``XIV``)
``broken``  a malformed number (``0 57%``, ``1.2.3``): never a figure, always a warning;
            a dangling comma (``575, tỷ``) reads the digits and carries a ``warning``

Spelled numbers are read longest first; ``một số`` ("some"), ``năm`` the year word,
``Hai là`` (enumeration) and scale words alone (``hàng vạn``) yield nothing.  The
words that decide a kind come from ``numeral_context.tsv`` and ``ordinal_markers.tsv``.
Every pattern uses possessive or bounded repeats, so a scan is linear in the text.

>>> from bk_report.text import Document
>>> [(n.kind, str(n.value)) for n in scan(Document("đạt 3.645 tỷ đồng, tăng 7,5%; năm 2023"))]
[('number', '3645000000000'), ('percent', '7.5'), ('year', '2023')]
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import islice
from typing import Iterator, Optional

import regex

from .errors import NumberError
from .frozen import fast_init
from .lexicon import EdgeWords, alternation, cached_pattern, canonical, char_test, compile_pattern, load_table, time_budget
from .numerals import number_words, parse_digits, parse_words, scale_words, tidy
from .text import Document


@fast_init  # a scan makes one per numeral
@dataclass(frozen=True, slots=True, init=False)
class Numeral:
    """One numeral of the view: offsets are view offsets (``doc.span`` maps them back).

    >>> n = Numeral(4, 9, "3.645", "number", value=Decimal(3645))
    >>> import dataclasses
    >>> n.value, n == Numeral(4, 9, "3.645", "number", Decimal(3645)), dataclasses.replace(n, kind="year").kind
    (Decimal('3645'), True, 'year')
    """

    start: int
    end: int
    text: str
    kind: str
    value: Optional[Decimal] = None
    value_high: Optional[Decimal] = None
    denominator: Optional[Decimal] = None
    spelled: bool = False
    scale: int = 0
    warning: Optional[str] = None
    percent: bool = False


#: Longest run of number words read as one spelled number (``chín trăm … tỷ`` to 10¹⁵
#: needs about 40); bounds the work per run so scanning stays linear.
_MAX_WORDS = 48

_WORD = r"\S++"
_DAY_MONTH = r"\d[./-]\d"

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int:
    """Value of a Roman numeral (``XIV`` → 14); ``NumberError`` if malformed.

    >>> roman_value("XIX")
    19
    """
    s = s.upper()
    if not s or any(c not in _ROMAN for c in s):
        raise NumberError(f"not a Roman numeral: {s!r}")
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b != " " and _ROMAN[b] > v else v
    return total


@lru_cache(maxsize=None)
def _context_lists() -> dict[str, list[str]]:
    """``{context: words}`` from ``numeral_context.tsv``."""
    groups: dict[str, list[str]] = {}
    for row in load_table("numeral_context"):
        groups.setdefault(row["context"], []).append(row["word"])
    return groups


@lru_cache(maxsize=None)
def _context_words() -> dict[str, str]:
    """``{context: alternation}`` from ``numeral_context.tsv``."""
    return {k: alternation(v) for k, v in _context_lists().items()}


def _unit_words() -> list[str]:
    return [r["surface"] for r in load_table("units")] + [r["noun"] for r in load_table("counted_nouns")]


@lru_cache(maxsize=None)
def _patterns() -> dict[str, regex.Pattern]:
    scales = alternation(scale_words())
    # "tỷ lệ", "tỷ trọng": a noun, not the scale word
    not_scale = rf"(?!\s++{_context_words()['not_scale_after']}(?!\w))"
    words = alternation([w for w in number_words()] + list(scale_words()))
    units = alternation(_unit_words())
    measures = alternation(r["surface"] for r in load_table("units"))
    markers = alternation(r["word"] for r in load_table("ordinal_markers"))
    roman_markers = alternation(r["word"] for r in load_table("ordinal_markers") if r["roman"] == "yes")
    ctx = _context_words()
    # a bounded run of groups: a real number has a few (1.234.567.890,5); a megabyte of
    # "1.1.1…" becomes broken numbers a few dozen groups long instead of one huge match
    num = r"\d++(?:[.,]\d++){0,24}+"
    start = r"(?<![\w.,/])(?<!\p{L}[-–])"  # not inside a word, a number or a name (COVID-19)
    f = regex.IGNORECASE | regex.VERSION1
    words_source = rf"""
            (?P<words>\m{words}(?:\s++{words}){{0,{_MAX_WORDS - 1}}}+(?!\w)(?P<wpct>\s++phần\s++trăm(?!\w))?+)
            """
    lower_words = words == words.lower()
    scale_run = rf"(?:\s*+{scales}(?!\w){not_scale}){{1,3}}"
    # what follows the first number of a range, a fraction, a number; after the second
    # number of a range, a percent sign takes the place of scale words and may have a slash after it
    range_tail = (rf"\s*+(?P<lopct>%)?+\s*+[-–—]\s*+(?P<hi>{num})"
                  rf"(?:(?P<hipct>\s?+%)(?!\w|[.,]\d)|(?!\s?+%)(?P<hiscale>{scale_run})?+(?!\w|[.,]\d)(?!/))")
    frac_tail = rf"(?:\s*+{measures}(?!\w))?+\s?+/\s?+(?P<b>{num})(?![\w/]|[.,]\d)"
    num_tail = rf"(?P<dangle>,(?=\s++{scales}(?!\w){not_scale}))?+(?P<scale>{scale_run})?+(?P<pct>\s?+%|\s++phần\s++trăm(?!\w))?+"
    digits = rf"""
            (?<![\w/])
            (?:
              (?=\d++[-/.])  # what a document number or a date needs after the first digits
              (?:
                (?P<doc>\d++(?:/\d{{2,4}})?+[-/]\p{{Lu}}[\p{{Lu}}\d]*+(?:[-/–&]\p{{Lu}}[\p{{Lu}}\d]*+)*+)
               |(?<![.,])
                (?P<date>\d{{1,2}}(?:\.\d{{1,2}}\.|/\d{{1,2}}/|-\d{{1,2}}-)(?:19|20)\d\d(?![\w/]|[.,]\d)
                        |\d{{1,2}}/(?:19|20)\d\d(?![\w/]|[.,]\d))
              )
             |(?<![.,])
              (?:
                (?<!\p{{L}}[-–]){num}
                (?:{_bare(range_tail)}(?P<range>)
                  |{_bare(frac_tail)}(?P<frac>)
                  |(?=\s\d)(?<=(?<![\w.,/])\d{{1,2}})\s\d{{1,3}}\s?+%(?P<broken>)  # the number is one or two digits
                  |{_bare(num_tail)}
                )
               |\d{{1,2}}\s\d{{1,3}}\s?+%(?P<broken>)
              )
            )
            """
    return {
        # three patterns, not one alternation: each then starts with a cheap literal
        # test, and scan() merges their matches as the alternation would.
        # Digits: the alternation doc|date|range|frac|broken|number, in that order, with
        # the number read once for the branches that start with one.  It captures no
        # more than "not a number" (Match.lastgroup "rare"; None for a number): every
        # group the engine carries makes each try dearer.  The kind of the rare ones is
        # read again with "digit_kinds", their parts and those of a number with a scale
        # word or a percent with the pattern of that kind alone.
        "digits": compile_pattern(regex.sub(r"\(\?P<(?:doc|date|range|frac|broken)>", "(?P<rare>", digits), f | regex.VERBOSE),
        "digit_kinds": compile_pattern(digits, f | regex.VERBOSE, anchored=True),
        "range": compile_pattern(rf"{start}(?P<lo>{num}){range_tail}", f, anchored=True),
        "frac": compile_pattern(rf"{start}(?P<lo>{num}){frac_tail}", f, anchored=True),
        "number": compile_pattern(rf"{start}(?P<lo>{num}){num_tail}", f, anchored=True),
        "roman": compile_pattern(
            rf"""
            (?P<roman>(?<=(?<!\w){roman_markers}\s++)(?-i:[IVXLC]++)(?!\w)(?:/(?P<ryear>(?:19|20)\d\d)(?![\w/]|[.,]\d))?+)
            """,
            f | regex.VERBOSE,
        ),
        # number words: scanned for without groups (a match of these has lastgroup None, as
        # a number's has), then read again with them where a match is more than one word
        "words": compile_pattern(_bare(words_source), f | regex.VERBOSE),
        "words_parts": compile_pattern(words_source, f | regex.VERBOSE, anchored=True),
        # the same, case-sensitive, for the lower-cased view (Document.lowered)
        "words_lower": compile_pattern(_bare(words_source), regex.VERSION1 | regex.VERBOSE) if lower_words else None,
        "words_lower_parts": compile_pattern(words_source, regex.VERSION1 | regex.VERBOSE, anchored=True) if lower_words else None,
        "ordinal_before": compile_pattern(rf"(?<!\w){markers}\s*+$", f),
        "date_join": compile_pattern(rf"\s*+(?:{ctx['date_join']}|[,;]|[-–])\s*+", f),
        "date_before": compile_pattern(rf"(?<!\w){ctx['date_before']}\s*+$", f),
        "day_or_month_before": compile_pattern(rf"(?<!\w){ctx['day_or_month_before']}\s*+$", f),
        "period_after": compile_pattern(rf"^\s*+{ctx['period_after']}(?!\w)", f),
        "unit_after": compile_pattern(rf"^\s*+(?:{units})(?!\w)", f),
        "fraction_after": compile_pattern(rf"^\s*+{ctx['fraction_after']}(?!\w)", f),
        "not_number_after": compile_pattern(rf"^\s*+{ctx['not_number_after']}(?!\w)", f),
        "enumeration_after": compile_pattern(rf"^\s*+{ctx['enumeration_after']}(?!\w)", f),
    }


def _bare(pattern: str) -> str:
    """``pattern`` with its named groups made non-capturing (it must use no back-reference).

    >>> _bare(r"(?P<a>x)(?:y)?+")
    '(?:x)(?:y)?+'
    """
    return regex.sub(r"\(\?P<\w+>", "(?:", pattern)


#: How far before and after a numeral its context words are looked for.
_BEFORE, _AFTER = 24, 40


#: The longest numeral read as a number: a report's largest figures (thousands of
#: billions, with separators) take about 25 characters; a longer run of digits is junk
#: (a table flattened into one line, a scan error), and reading it as a number would
#: cost time growing with the square of its length in every later comparison.
_MAX_NUMERAL = 40


def _read_digits(raw: str) -> tuple[Optional[Decimal], Optional[str]]:
    """Digits in Vietnamese notation, or (None, why) when malformed or too long."""
    if len(raw) > _MAX_NUMERAL:
        return None, f"{len(raw)} characters of digits is no figure"
    try:
        return parse_digits(raw), None
    except NumberError as exc:
        return None, str(exc)


def _is_year(value: Optional[Decimal], raw: str) -> bool:
    return value is not None and raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100


#: Digit and Roman matches merged with the word matches at a time: a scan holds no more.
_BATCH = 256


def _matches(view: str, low: Optional[str] = None) -> Iterator["regex.Match[str]"]:
    """Matches of the digit, Roman and word patterns in text order, never overlapping.

    The same matches as one alternation of the three would give (leftmost first,
    then the pattern listed first).  Only a word match can overlap another
    (``tỷ`` inside ``3 tỷ``), as digit and Roman matches start where no number
    word can: such a word match is dropped, or searched again after the digits.
    Number words are looked for in ``low``, the lower-cased view, when given: read
    the text of their matches from ``view``.  The word matches are far fewer: the
    others go in between them by batches, not one at a time.
    """
    pats = _patterns()
    budget = time_budget(len(view))
    first_all = _in_order(pats["digits"].finditer(view, timeout=budget), pats["roman"].finditer(view, timeout=budget))
    words = pats["words"]
    if low is not None and pats["words_lower"] is not None:
        words, view = pats["words_lower"], low
    word_iter = words.finditer(view, timeout=budget)
    word = next(word_iter, None)
    done = 0
    while True:
        first = list(islice(first_all, _BATCH))
        if not first:
            break
        starts = [m.start() for m in first]
        last = starts[-1]
        out: list["regex.Match[str]"] = []
        i = 0  # first[:i] are placed
        while word is not None:
            ws = word.start()
            if ws > last:  # after this batch: with the next one
                break
            k = bisect_right(starts, ws, i)  # first[i:k] start before the word, or where it starts
            if k > i:
                done, i = _place(first, starts, i, k, done, out)
            if ws >= done:
                out.append(word)
                done = word.end()
            elif word.end() > done:  # starts inside the last match and runs past it
                word_iter = words.finditer(view, done, timeout=budget)
            word = next(word_iter, None)
        done, _ = _place(first, starts, i, len(first), done, out)
        yield from out
    while word is not None:
        if word.start() >= done:
            yield word
            done = word.end()
        elif word.end() > done:
            word_iter = words.finditer(view, done, timeout=budget)
        word = next(word_iter, None)


def _in_order(a: Iterator["regex.Match[str]"], b: Iterator["regex.Match[str]"]) -> Iterator["regex.Match[str]"]:
    """The matches of ``a`` and ``b`` by start (``a`` first on a tie), as ``heapq.merge`` would give.

    >>> import regex
    >>> [m.group() for m in _in_order(regex.finditer(r"\\d", "1a2b"), regex.finditer(r"[ab]", "1a2b"))]
    ['1', 'a', '2', 'b']
    """
    x, y = next(a, None), next(b, None)
    while y is not None:
        if x is None:
            yield y
            yield from b
            return
        if x.start() <= y.start():
            yield x
            x = next(a, None)
        else:
            yield y
            y = next(b, None)
    if x is not None:
        yield x
        yield from a


def _place(first: list, starts: list[int], i: int, k: int, done: int, out: list) -> tuple[int, int]:
    """Put ``first[i:k]`` after ``out``, none starting before ``done``; the new ``done`` and ``k``."""
    while i < k and starts[i] < done:  # cannot happen (see _matches); an alternation would skip it too
        i += 1
    if i < k:
        out += first[i:k]
        done = first[k - 1].end()
    return done, k


def scan(doc: Document) -> list[Numeral]:
    """Every numeral of ``doc`` in text order (view offsets)."""
    view = doc.view
    out: list[Numeral] = []
    append = out.append
    tests = _tests()
    pats = _patterns()
    number, groups = pats["number"], _number_groups()
    digits, kinds = pats["digits"], pats["digit_kinds"].match
    for m in _matches(view, doc.lowered()):
        what = m.lastgroup
        if what is None:
            if m.re is digits:
                append(_number(m, view, tests, number, groups))
            elif m.group().isalpha():  # one number word: most are "năm", "một", read as nothing
                numeral = _one_word(m.start(), m.end(), view, tests)
                if numeral is not None:
                    append(numeral)
            else:
                parts = pats["words_parts"] if m.re is pats["words"] else pats["words_lower_parts"]
                out.extend(_spelled(parts.match(m.string, m.start()), view))
        else:
            if what == "rare":  # the kind of the few that are not numbers, read again
                what = kinds(view, m.start()).lastgroup
            if what == "doc":
                append(Numeral(m.start(), m.end(), m.group(), "document_number"))
            elif what == "date":
                append(Numeral(m.start(), m.end(), m.group(), "date"))
            elif what == "range":
                append(_range(pats["range"].match(view, m.start()), view))
            elif what == "frac":
                append(_fraction(pats["frac"].match(view, m.start()), view))
            elif what == "broken":
                raw = m.group()
                append(Numeral(m.start(), m.end(), raw, "broken", warning=f"broken number {raw!r}: a separator looks lost"))
            elif what == "roman":
                s, e, raw = m.start(), m.end(), m.group()
                roman = raw.split("/")[0]
                try:
                    append(Numeral(s, s + len(roman), roman, "ordinal", value=Decimal(roman_value(roman))))
                except NumberError:
                    continue
                if m.group("ryear"):  # quý I/2023
                    ys = m.start("ryear")
                    append(Numeral(ys, e, m.group("ryear"), "year", value=Decimal(m.group("ryear"))))
    return _days_before_dates(out, view)


def _days_before_dates(out: list[Numeral], view: str) -> list[Numeral]:
    """``18 và 19/12``, ``18, 19-12``: a day number joined to a date is a date too."""
    join = _patterns()["date_join"]
    day_month = cached_pattern(_DAY_MONTH).search
    # a number made a date here has no separator, so it never makes the one before it a date
    for i in [i for i, n in enumerate(out) if n.kind == "date" and i]:
        n, nxt = out[i - 1], out[i]
        if n.kind != "number" or n.spelled or n.scale or n.value is None:
            continue
        if not (1 <= n.value <= 31 and n.value == int(n.value) and n.text.isdigit()):
            continue
        if not day_month(nxt.text):
            continue
        if join.fullmatch(view, n.end, nxt.start):
            out[i - 1] = Numeral(n.start, n.end, n.text, "date", value=n.value)
    return out


def _range(m: regex.Match, view: str) -> Numeral:
    lo, lo_err = _read_digits(m.group("lo"))
    hi, hi_err = _read_digits(m.group("hi"))
    raw = m.group()
    s, e = m.start(), m.end()
    if lo is None or hi is None:
        return Numeral(s, e, raw, "broken", warning=f"malformed range {raw!r}: {lo_err or hi_err}")
    pct = bool(m.group("hipct") or m.group("lopct"))
    power = 0
    if m.group("hiscale"):  # "9.000 - 9.500 tỷ", "1,2-1,5 triệu": the scale word serves both ends
        power = sum(scale_words()[canonical(w).lower()] for w in m.group("hiscale").split())
        lo, hi = lo.scaleb(power), hi.scaleb(power)
        return Numeral(s, e, raw, "range" if lo <= hi else "broken", value=tidy(lo), value_high=tidy(hi), scale=power,
                       warning=None if lo <= hi else f"ambiguous dash between numbers {raw!r}")
    plain = m.group("lo").isdigit() and m.group("hi").isdigit() and " " not in raw
    if not pct and plain and 1 <= lo <= 31 and 1 <= hi <= 12 and _tests().found_before(_DATE, view, s):
        return Numeral(s, e, raw, "date")  # ngày 15-12
    if not pct and _is_year(lo, m.group("lo")) and _is_year(hi, m.group("hi")):
        return Numeral(s, e, raw, "period", value=lo, value_high=hi)
    if not pct and (hi < lo):
        # "12-15" read as a range only when it rises; otherwise two numbers joined by a dash
        return Numeral(s, e, raw, "broken", warning=f"ambiguous dash between numbers {raw!r}")
    return Numeral(s, e, raw, "range", value=tidy(lo), value_high=tidy(hi), percent=pct)


def _fraction(m: regex.Match, view: str) -> Numeral:
    s, e, raw = m.start(), m.end(), m.group()
    a, a_err = _read_digits(m.group("lo"))
    b, b_err = _read_digits(m.group("b"))
    if a is None or b is None:
        return Numeral(s, e, raw, "broken", warning=f"malformed fraction {raw!r}: {a_err or b_err}")
    plain = m.group("lo").isdigit() and m.group("b").isdigit() and "/" in raw and " " not in raw
    day_month = plain and 1 <= a <= 31 and 1 <= b <= 12
    t = _tests()
    if day_month and not t.found_after(_FRAC, view, e):
        # a date after a date word (ngày 18/12), or with no counted noun after it
        if t.found_before(_DATE, view, s) or not t.unit_after(view, e, t.after(view, e)):
            return Numeral(s, e, raw, "date")
    return Numeral(s, e, raw, "fraction", value=tidy(a), denominator=tidy(b))


@lru_cache(maxsize=None)
def _number_groups() -> tuple[int, ...]:
    """The numbers of the groups :func:`_number` reads: a group asked for by name costs the
    regex module a copy of the pattern's name table, four times slower."""
    names = _patterns()["number"].groupindex
    return tuple(names[k] for k in ("lo", "dangle", "scale", "pct"))


#: Bits of :meth:`_Tests.bits`: a space, or a character that may end (``_ORD``, ``_DM``,
#: ``_DATE``) or begin (the others) a word of a context pattern.
_SPACE, _ORD, _DM, _PERIOD, _UNIT, _ENUM, _NOTNUM, _DATE, _FRAC = 1, 2, 4, 8, 16, 32, 64, 128, 256


class _Tests:
    """The context tests a scan asks for each numeral, bound once.

    Each pattern runs only where its words can stand, as
    :class:`~bk_report.lexicon.EdgeWords` decides for each (its letter tests): here one pass over
    the spaces next to the numeral answers for every pattern of that side
    (:meth:`before`, :meth:`after`), with the same character tests.
    """

    __slots__ = ("ord_re", "dm_re", "unit_re", "unit_rest_re", "unit_rest_chars", "period_re", "enum_re", "notnum_re",
                 "found", "always", "edges", "space", "bits")

    def __init__(self) -> None:
        p, ctx = _patterns(), _context_lists()
        f = regex.IGNORECASE | regex.VERSION1
        self.ord_re, self.dm_re = p["ordinal_before"].search, p["day_or_month_before"].search
        self.period_re, self.enum_re, self.notnum_re = (p[k].match for k in ("period_after", "enumeration_after", "not_number_after"))
        #: the pattern of each bit, for :meth:`found_before` and :meth:`found_after`
        self.found = {_ORD: self.ord_re, _DM: self.dm_re, _PERIOD: self.period_re, _DATE: p["date_before"].search,
                      _FRAC: p["fraction_after"].match}
        # "unit_after" in two: the words with a letter or digit at both edges, which the
        # edge test can rule out, and the others ("%"), looked for only where the
        # window holds the first character of one (a caseless one, compared as such)
        units = _unit_words()
        edge = [w for w in units if w[:1].isalnum() and w[-1:].isalnum()]
        rest = [w for w in units if not (w[:1].isalnum() and w[-1:].isalnum())]
        self.unit_re = compile_pattern(rf"^\s*+{alternation(edge)}(?!\w)", f).match
        self.unit_rest_re = compile_pattern(rf"^\s*+{alternation(rest)}(?!\w)", f).match if rest else None
        firsts = {w[0] for w in rest}
        self.unit_rest_chars = "".join(firsts) if all(c.isascii() and not c.isalnum() for c in firsts) else None
        markers = [r["word"] for r in load_table("ordinal_markers")]
        sides = ((_ORD, markers, -1), (_DM, ctx["day_or_month_before"], -1), (_PERIOD, ctx["period_after"], 0),
                 (_UNIT, edge, 0), (_ENUM, ctx["enumeration_after"], 0), (_NOTNUM, ctx["not_number_after"], 0),
                 (_DATE, ctx["date_before"], -1), (_FRAC, ctx["fraction_after"], 0))
        self.always = 0  # patterns whose words do not all have a letter or digit at both edges: always run
        self.edges = []
        for bit, words, at in sides:
            guard = EdgeWords(words, f)
            if guard.exact:
                self.edges.append((bit, guard.last if at < 0 else guard.first))
            else:
                self.always |= bit
        self.space = char_test(r"\s", f)
        self.bits = lru_cache(maxsize=4096)(self._bits)

    def _bits(self, ch: str) -> int:
        """The bits of one character: a space, or which words it may end or begin."""
        if self.space(ch):
            return _SPACE
        out = 0
        for bit, test in self.edges:
            if test(ch):
                out |= bit
        return out

    def before(self, view: str, start: int, lo: int) -> int:
        """The bits of the last character before ``view[start]`` and its spaces, from ``lo`` on:
        the patterns that may match before a numeral (``EdgeWords.may_end`` of each)."""
        bits, i = self.bits, start
        while i > lo:
            b = bits(view[i - 1])
            if not b & _SPACE:
                return b | self.always
            i -= 1
        return self.always

    def after(self, view: str, end: int) -> int:
        """The bits of the first character after ``view[:end]`` and its spaces, within the
        window: the patterns that may match after a numeral (``EdgeWords.may_start`` of each)."""
        bits, i, hi = self.bits, end, end + _AFTER
        if hi > len(view):
            hi = len(view)
        while i < hi:
            b = bits(view[i])
            if not b & _SPACE:
                return b | self.always
            i += 1
        return self.always

    def found_before(self, bit: int, view: str, start: int) -> bool:
        """Whether the pattern of ``bit`` (one that ends at the numeral) finds its word right
        before ``view[start]``."""
        lo = start - _BEFORE if start > _BEFORE else 0
        return bool(self.before(view, start, lo) & bit) and self.found[bit](view[lo:start]) is not None

    def found_after(self, bit: int, view: str, end: int) -> bool:
        """Whether the pattern of ``bit`` (one that starts at the numeral) finds its word right
        after ``view[:end]``."""
        return bool(self.after(view, end) & bit) and self.found[bit](view[end : end + _AFTER]) is not None

    def unit_after(self, view: str, end: int, after: int) -> bool:
        """A unit or a counted noun right after ``view[:end]`` (the ``unit_after`` pattern;
        ``after``: :meth:`after` there)."""
        hi = end + _AFTER
        if after & _UNIT and self.unit_re(view[end:hi]) is not None:
            return True
        if self.unit_rest_re is None:
            return False
        window = view[end:hi]
        chars = self.unit_rest_chars
        if chars is not None:
            for c in chars:
                if c in window:
                    break
            else:
                return False
        return self.unit_rest_re(window) is not None


@lru_cache(maxsize=None)
def _tests() -> _Tests:
    return _Tests()


def _number_parts(raw: str, view: str, s: int, number: regex.Pattern, groups: tuple[int, ...]) -> tuple:
    """The digits, dangling comma, scale words and percent of the number ``raw`` at ``view[s]``."""
    last = raw[-1]
    if last.isdecimal():  # no scale word, no percent (they end in a letter or "%"): all digits
        return raw, None, None, None
    if last == "%" and raw[-2].isdecimal():  # "7,5%": no scale word (it would end in a letter)
        return raw[:-1], None, None, "%"
    return number.match(view, s).group(*groups)


def _number(m: regex.Match, view: str, t: _Tests, number: regex.Pattern, groups: tuple[int, ...]) -> Numeral:
    s, e = m.span()
    raw = view[s:e]
    digits, dangle, scale, pct = _number_parts(raw, view, s, number, groups)
    plain = digits.isdecimal()
    if plain and len(digits) <= _MAX_NUMERAL:  # the common case: plain digits
        value = Decimal(digits)
    else:
        value, err = _read_digits(digits)
        if value is None:
            return Numeral(s, e, raw, "broken", warning=f"malformed number {digits!r}: {err}")
    warning = None
    if dangle:
        warning = f"number {raw!r} looks truncated after the comma; read as {digits}"
    power = 0
    if scale:
        for w in scale.split():
            power += scale_words()[canonical(w).lower()]
        value = value.scaleb(power)
    if power or not plain:  # plain digits read as an integer already
        value = tidy(value)
    if pct:
        return Numeral(s, e, raw, "percent", value=value, scale=power, warning=warning, percent=True)
    lo = s - _BEFORE if s > _BEFORE else 0
    before = t.before(view, s, lo)
    if before & _ORD and t.ord_re(view[lo:s]) is not None:
        return Numeral(s, e, raw, "ordinal", value)
    if power:
        return Numeral(s, e, raw, "number", value, None, None, False, power, warning)
    after = t.after(view, e)
    if plain and len(digits) == 4 and 1900 <= value <= 2100 and not t.unit_after(view, e, after):
        return Numeral(s, e, raw, "year", value)
    if before & _DM and t.dm_re(view[lo:s]) is not None:
        return Numeral(s, e, raw, "date", value)
    if after & _PERIOD and t.period_re(view[e : e + _AFTER]) is not None:
        return Numeral(s, e, raw, "period", value)
    if warning is None:
        return Numeral(s, e, raw, "number", value)
    return Numeral(s, e, raw, "number", value, warning=warning)


def _spelled(m: regex.Match, view: str) -> list[Numeral]:
    """Read a run of number words left to right, each time the longest prefix that parses.

    >>> [(n.text, n.kind, str(n.value)) for n in scan(Document("năm hai mươi người, kỳ họp thứ tư"))]
    [('hai mươi', 'number', '20'), ('tư', 'ordinal', '4')]
    """
    tokens = list(cached_pattern(_WORD).finditer(view[m.start() : m.end()]))  # m may be of the lower-cased view
    pct_at = m.start("wpct") - m.start() if m.group("wpct") else None
    if pct_at is not None:
        tokens = [t for t in tokens if t.start() < pct_at]
    out: list[Numeral] = []
    i = 0
    while i < len(tokens):
        found = _longest(tokens, i, m, view, pct_at is not None)
        if found is None:
            i += 1
            continue
        numeral, i = found
        out.append(numeral)
    return out


def _longest(tokens: list, i: int, m: regex.Match, view: str, pct: bool) -> Optional[tuple[Numeral, int]]:
    """The longest spelled number starting at ``tokens[i]`` that reads as a figure.

    Prefixes are tried growing; a few failures in a row end the search (a real number
    never has more than two unreadable prefixes, ``… không trăm linh năm``), so the
    work per token is bounded.
    """
    t = _tests()
    base = m.start()
    s = base + tokens[i].start()
    ordinal = t.found_before(_ORD, view, s)
    if i == len(tokens) - 1 and not ordinal and not _single_word_number(canonical(tokens[i].group()).lower(), view, base + tokens[i].end(), t):
        return None  # one word, and not a number alone here: no need to read it (most "năm", "một")
    best: Optional[tuple[Decimal, int]] = None
    words: list[str] = []
    misses = 0
    for end in range(i + 1, min(len(tokens), i + _MAX_WORDS) + 1):
        words.append(canonical(tokens[end - 1].group()).lower())
        if len(words) == 1 and ordinal and words[0] in _ORDINAL_WORDS:
            best, misses = (_ORDINAL_WORDS[words[0]], end), 0
            continue
        if len(words) > 1 and words[-1] == _YEAR_WORD and words[-2] in _TENS:
            at = base + tokens[end - 1].end()
            if not t.unit_after(view, at, t.after(view, at)):
                break  # "mười năm qua": ten years, not fifteen
        try:
            best, misses = (tidy(parse_words(words)), end), 0
        except NumberError:
            misses += 1
            if misses > 2:
                break
    if best is None:
        return None
    value, end = best
    e = word_end = base + tokens[end - 1].end()
    lowered = [canonical(t.group()).lower() for t in tokens[i:end]]
    if len(lowered) == 1 and not ordinal and not _single_word_number(lowered[0], view, word_end, t):
        return None
    power = sum(scale_words()[w] for w in lowered if w in scale_words())
    is_pct = pct and end == len(tokens)
    if is_pct:
        e = m.end()
    kind = "percent" if is_pct else ("ordinal" if ordinal else "number")
    if kind == "number" and not power and t.found_before(_DM, view, s):
        kind = "date"  # tháng Hai, ngày mười
    elif kind == "number" and not power and t.found_after(_PERIOD, view, word_end):
        kind = "period"  # sáu tháng đầu năm, mười năm qua
    return Numeral(s, e, view[s:e], kind, value=value, spelled=True, scale=power, percent=is_pct), end


def _one_word(s: int, e: int, view: str, t: _Tests) -> Optional[Numeral]:
    """:func:`_spelled` of a match that is one number word, ``view[s:e]``.

    >>> [(n.text, n.kind) for n in scan(Document("thứ tư, năm người, một số"))]
    [('tư', 'ordinal'), ('năm', 'number')]
    """
    lo = s - _BEFORE if s > _BEFORE else 0
    before = t.before(view, s, lo)
    ordinal = bool(before & _ORD) and t.ord_re(view[lo:s]) is not None
    text = view[s:e]
    word = canonical(text).lower()
    after = t.after(view, e)
    if ordinal and word in _ORDINAL_WORDS:
        value = _ORDINAL_WORDS[word]
    else:
        if not ordinal and not _single_word_number(word, view, e, t, after):
            return None
        try:
            value = tidy(parse_words([word]))
        except NumberError:
            return None
    power = scale_words().get(word, 0)
    if ordinal:
        return Numeral(s, e, text, "ordinal", value, None, None, True, power)
    if not power:
        if before & _DM and t.dm_re(view[lo:s]) is not None:
            return Numeral(s, e, text, "date", value, None, None, True)  # tháng Hai, ngày mười
        if after & _PERIOD and t.period_re(view[e : e + _AFTER]) is not None:
            return Numeral(s, e, text, "period", value, None, None, True)  # sáu tháng, mười năm qua
    return Numeral(s, e, text, "number", value, None, None, True, power)


def _single_word_number(word: str, view: str, end: int, t: _Tests, after: Optional[int] = None) -> bool:
    """Whether one number word alone, ending at ``end``, is a number here (``bảy nghị quyết``, not ``một số``).

    ``after``: :meth:`_Tests.after` at ``end``, when known.
    """
    value, role = number_words().get(word, (None, ""))
    if role not in ("digit", "ten") or not value or word in _ORDINAL_WORDS:
        return False
    if after is None:
        after = t.after(view, end)
    hi = end + _AFTER
    if word == _YEAR_WORD and not t.unit_after(view, end, after):
        return False  # "năm" the year word (tested first: the commonest answer)
    if after & _ENUM and t.enum_re(view[end:hi]) is not None:
        return False  # "Hai là, …"
    if value == 1 and after & _NOTNUM and t.notnum_re(view[end:hi]) is not None:
        return False  # "một số", "một cách"
    return True


#: The digit word that is also the word for "year".
_YEAR_WORD = "năm"
#: Words for the tens place, after which "năm" is more likely "years" than five.
_TENS = frozenset(w for w, (_, role) in number_words().items() if role == "ten")
#: Words that are numbers only as ordinals after ``thứ`` (``thứ nhất``, ``thứ tư``).
_ORDINAL_WORDS = {
    **{w: Decimal(v) for w, (v, role) in number_words().items() if role == "ordinal"},
    "tư": Decimal(4),
}
