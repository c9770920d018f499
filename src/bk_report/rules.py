"""What every extractor shares: the per-document :class:`Context` and :class:`Rule`.

A rule is a name, a compiled pattern (matched on the document view) and a
production that turns a match into figures or declines (returns nothing).
Extractors claim the numerals they use, so that ``Report.numbers`` can say
what became of every numeral and later extractors skip what is taken.

>>> import regex
>>> ctx = Context.from_text("HĐND đã tổ chức 05 kỳ họp.")
>>> [n.text for n in ctx.numerals]
['05']
>>> ctx.numerals_in(0, len(ctx.view))[0].value
Decimal('5')
"""
from __future__ import annotations

from bisect import bisect_left
from array import array
from dataclasses import dataclass, field
from collections.abc import Sequence
from typing import Callable, Iterable, Iterator, Optional

import regex
from pydantic import BaseModel

from .lexicon import cached_pattern, time_budget
from .models import NumberRole, ReportWarning, Span
from .scanner import Numeral, scan
from .text import Document


class NumeralSlice(Sequence):
    """Read-only ``numerals[start:stop]`` without copying them.

    >>> s = NumeralSlice(["a", "b", "c", "d"], 1, 3)
    >>> list(s), len(s), s[0], s[-1], s[:1], list(reversed(s)), bool(NumeralSlice([], 0, 0))
    (['b', 'c'], 2, 'b', 'c', ['b'], ['c', 'b'], False)
    """

    __slots__ = ("_items", "_start", "_stop")

    def __init__(self, items: list, start: int, stop: int) -> None:
        self._items, self._start, self._stop = items, start, stop if stop > start else start

    def __len__(self) -> int:
        return self._stop - self._start

    def __bool__(self) -> bool:
        return self._stop > self._start

    def __getitem__(self, k):
        where = range(self._start, self._stop)[k]
        if isinstance(where, range):
            return [self._items[i] for i in where]
        return self._items[where]

    def __iter__(self) -> Iterator:
        return map(self._items.__getitem__, range(self._start, self._stop))

    def __reversed__(self) -> Iterator:
        return map(self._items.__getitem__, range(self._stop - 1, self._start - 1, -1))

    def __eq__(self, other: object) -> bool:
        return list(self) == (list(other) if isinstance(other, (list, NumeralSlice)) else other)

    def __repr__(self) -> str:
        return f"NumeralSlice({list(self)!r})"


@dataclass(slots=True)
class Claim:
    """What a numeral became: its role, the category of the figure and the rule."""

    role: NumberRole
    category: Optional[str] = None
    rule: Optional[str] = None


@dataclass
class Context:
    """One document under extraction: its view, its numerals and what is claimed."""

    doc: Document
    numerals: list[Numeral]
    claims: dict[int, Claim] = field(default_factory=dict)
    warnings: list[ReportWarning] = field(default_factory=list)
    year: Optional[int] = None
    #: per-document working state an extractor keeps between its rules (keyed by module name)
    scratch: dict = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)
    _newlines: Optional["array[int]"] = None
    #: ``doc.view``, read so often (thousands of times a text) that a property's call shows
    view: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.view = self.doc.view

    @classmethod
    def from_text(cls, text: str) -> "Context":
        doc = Document(text)
        try:
            numerals = scan(doc)
        except TimeoutError:
            ctx = cls(doc=doc, numerals=[])
            ctx.warn("pattern_timeout", f"reading the numbers took over {time_budget(len(doc.view)):.0f} s and was "
                     "stopped: no numbers were read, so the report has no figures")
            return ctx
        return cls(doc=doc, numerals=numerals, _starts=[n.start for n in numerals])

    def span(self, start: int, end: int) -> Span:
        """Span of the caller's text for view offsets ``[start, end)``."""
        return self.doc.span(start, end)

    def numerals_in(self, start: int, end: int) -> "NumeralSlice":
        """Numerals that start inside view ``[start, end)``, in text order.

        A view, not a copy: rules that look at the first numeral or two of a long
        sentence of numbers pay for those only, so a text stays linear.
        """
        starts = self._starts
        i = bisect_left(starts, start)
        return NumeralSlice(self.numerals, i, bisect_left(starts, end, i))

    def numerals_list(self, start: int, end: int) -> list[Numeral]:
        """:meth:`numerals_in` as a list: cheaper to make and to read through, for a
        window that is read through anyway (a copy: keep the window short).

        >>> [n.text for n in Context.from_text("Có 3 xã, 12 thôn và 4 bản.").numerals_list(0, 12)]
        ['3', '12']
        """
        starts = self._starts
        i = bisect_left(starts, start)
        return self.numerals[i : bisect_left(starts, end, i)]

    def first_numeral_in(self, start: int, end: int) -> Optional[Numeral]:
        """The first numeral that starts in view ``[start, end)``, or None."""
        starts = self._starts
        i = bisect_left(starts, start)
        return self.numerals[i] if i < len(starts) and starts[i] < end else None

    def line_start(self, pos: int) -> int:
        """View offset where the line (a paragraph) holding ``pos`` starts.

        >>> Context.from_text("Một.\\nHai ba.").line_start(8)
        5
        """
        if self._newlines is None:  # found once: a long line must not be read back to its start each time
            self._newlines = newlines = array("q")
            view = self.view
            i = view.find("\n")
            while i >= 0:
                newlines.append(i)
                i = view.find("\n", i + 1)
        i = bisect_left(self._newlines, pos)
        return self._newlines[i - 1] + 1 if i else 0

    def numeral_at(self, start: int) -> Optional[Numeral]:
        """The numeral starting exactly at view offset ``start``."""
        i = bisect_left(self._starts, start)
        if i < len(self._starts) and self._starts[i] == start:
            return self.numerals[i]
        return None

    def claimed(self, numeral: Numeral) -> bool:
        return numeral.start in self.claims

    def claim(self, numeral: Numeral, role: NumberRole, category: Optional[str] = None, rule: Optional[str] = None) -> None:
        """Record what ``numeral`` became; the first claim wins."""
        self.claims.setdefault(numeral.start, Claim(role, category, rule))

    def warn(self, code: str, message: str, start: Optional[int] = None, end: Optional[int] = None) -> None:
        span = self.span(start, end) if start is not None and end is not None else None
        self.warnings.append(ReportWarning(code=code, message=message, span=span))


Production = Callable[[regex.Match, Context, "Rule"], Optional[Iterable[BaseModel]]]


@dataclass(frozen=True)
class Rule:
    """A named pattern and a production that may decline.

    ``anchor`` says where the pattern is tried.  ``None``: searched through the
    text.  ``"after_numeral"``: matched only where a numeral ends (spaces
    skipped), for rules whose production wants a count right before the match;
    that costs one match per numeral instead of a search through every position.

    >>> r = Rule("demo", regex.compile(r"kỳ họp"), lambda m, ctx, rule: [m.start()], anchor="after_numeral")
    >>> r.run(Context.from_text("Kỳ họp đầu; tổ chức 05 kỳ họp."))
    [23]
    """

    name: str
    pattern: regex.Pattern
    production: Production
    anchor: Optional[str] = None

    def __post_init__(self) -> None:
        if self.anchor not in (None, "after_numeral"):
            raise ValueError(f"rule {self.name}: unknown anchor {self.anchor!r}")

    def matches(self, ctx: Context, start: int = 0, end: Optional[int] = None) -> Iterator[regex.Match]:
        """The pattern's matches in view ``[start, end)``, in text order, never overlapping."""
        view = ctx.view
        stop = len(view) if end is None else end
        budget = time_budget(len(view))  # TimeoutError past it: see pipeline.extract
        if self.anchor is None:
            yield from self.pattern.finditer(view, start, stop, timeout=budget)
            return
        done = start
        for n in ctx.numerals_in(start, stop):
            pos = n.end
            while pos < stop and view[pos].isspace():
                pos += 1
            if pos < done or pos >= stop:
                continue
            # timeout passed by position: regex parses keyword arguments slowly, once per numeral here
            m = self.pattern.match(view, pos, stop, None, False, budget)
            if m is not None:
                done = m.end()
                yield m

    def run(self, ctx: Context, start: int = 0, end: Optional[int] = None) -> list[BaseModel]:
        out: list[BaseModel] = []
        for m in self.matches(ctx, start, end):
            produced = self.production(m, ctx, self)
            if produced:
                out.extend(produced)
        return out


def run_rules(rules: Iterable[Rule], ctx: Context) -> list[BaseModel]:
    """Run rules in order over the whole document and concatenate their figures."""
    out: list[BaseModel] = []
    for rule in rules:
        out.extend(rule.run(ctx))
    return out


#: the end of a sentence: a run of stops before a space (not after ``TP.``, ``v.v.``), or line
#: breaks.  The look-ahead comes first so that a stop inside ``1.234`` is refused at once.
_SENTENCE_END = r"(?=[.!?…]+(?:\s+\S|\s*$))(?<!\b(?:TP|tp|Tp|ThS|TS|PGS|GS|St|Mr|Ms|Dr|v\.v))[.!?…]+|\n+"


def sentences(view: str, start: int = 0, end: Optional[int] = None) -> Iterator[tuple[int, int]]:
    """View offsets ``(start, end)`` of each sentence (and each line) in ``view``.

    >>> v = "Năm 2023 đạt 3.915 tấn. Tăng 5,2%.\\nDòng mới"
    >>> [v[s:e] for s, e in sentences(v)]
    ['Năm 2023 đạt 3.915 tấn.', 'Tăng 5,2%.', 'Dòng mới']
    """
    end = len(view) if end is None else end
    pos = start
    for m in cached_pattern(_SENTENCE_END).finditer(view, start, end):
        s, e = pos, m.end()
        while s < e and view[s].isspace():
            s += 1
        stop = e
        while stop > s and view[stop - 1] == "\n":
            stop -= 1
        if stop > s:
            yield s, stop
        pos = e
    s = pos
    while s < end and view[s].isspace():
        s += 1
    if s < end:
        yield s, end
