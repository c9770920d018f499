"""Extractor: People's Council (HĐND) activity counts (SCHEMA.md, CouncilFigure).

Three rules, all driven by ``council_measures.tsv`` (activities counted through a
classifier noun, ``buổi``, ``cuộc``, ``đợt``, ``điểm``, ``hội nghị`` …, take the
classifiers of ``council_classifiers.tsv``):

``council.count_before``  a count before its noun (``05 kỳ họp``, ``6 buổi tiếp xúc
                          cử tri``, ``tiếp 164 lượt công dân``, ``193đơn``)
``council.count_after``   a count after its phrase (``lấy phiếu tín nhiệm 17 người``,
                          ``tiếp công dân 45 lượt``, ``giám sát 12 chuyên đề``)
``council.session_number`` every distinct ``kỳ họp (lần) thứ N`` (digits, words,
                          Roman; ``các kỳ họp thứ 5, 6 và 7``), each N once

Measures that need an HĐND actor (supervisions, resolutions, letters …) are kept
only when the nearest body before them is a council body (:mod:`council_context`).
Key phrases are matched with spelling tolerance (``tếp xúc cư tri``; see
``council_spelling.tsv``).  Differences and earlier values (``cùng kỳ năm trước là
71 lượt``, ``năm 2012 là 58 đơn``) are claimed as differences; the same count stated
in two paragraphs (headline, lead, summary) is counted once, and a rounded
restatement (``hơn 600 cuộc`` beside ``612 cuộc tiếp xúc cử tri``) is no figure.
Per-document working state lives in ``ctx.scratch``, never in the module.

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("HĐND xã họp 03 kỳ họp, gồm 01 kỳ họp chuyên đề; "
...                         "kỳ họp thứ 9 thông qua sáu nghị quyết.")
>>> [(f.measure.value, f.count, f.span.text) for f in extract(ctx)]
[('sessions_held', 3, '03 kỳ họp'), ('thematic_sessions', 1, '01 kỳ họp chuyên đề'), ('session_number', 9, 'kỳ họp thứ 9'), ('resolutions', 6, 'sáu nghị quyết')]
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Optional

import regex

from ..lexicon import alternation, cached_pattern, canonical, compile_pattern, load_table, time_budget
from ..models import CouncilFigure, CouncilMeasure, NumberRole, count_figure
from ..rules import Claim, Context, Rule, run_rules
from ..scanner import Numeral
from . import council_context, year
from .council_context import tolerant_alternation, tolerant_heads, tolerant_pattern, tolerant_tails
from .council_ordinals import read_ordinal

_F = regex.IGNORECASE | regex.VERSION1
CATEGORY = "council"


@lru_cache(maxsize=None)
def _classifiers() -> dict[str, tuple[str, ...]]:
    """``{measure: classifier nouns}`` of ``council_classifiers.tsv``."""
    out: dict[str, list[str]] = {}
    for row in load_table("council_classifiers"):
        for measure in row["measures"].split("|"):
            CouncilMeasure(measure)  # validate the table against the schema
            out.setdefault(measure, []).append(row["classifier"])
    return {m: tuple(c) for m, c in out.items()}


#: words that may join an activity to the count of its classifier (``tiếp xúc cử tri tại 120 điểm``)
_AFTER_LINKS = ("", "tại", "ở")


@lru_cache(maxsize=None)
def _measures() -> dict[tuple[str, str], dict[str, str]]:
    """``{(order, canonical lower phrase): row}`` of ``council_measures.tsv``.

    A ``classified`` row gives a ``before`` phrase per classifier (``buổi tiếp xúc cử
    tri``) and ``after`` phrases whose nouns are the classifiers (``tiếp xúc cử tri tại``).
    """
    out = {}
    for row in load_table("council_measures"):
        if row["measure"] != "-":
            CouncilMeasure(row["measure"])  # validate the table against the schema
        if row["order"] not in ("before", "after", "classified") or row["context"] not in ("intrinsic", "council", "voters"):
            raise ValueError(f"council_measures.tsv: bad order/context in {row}")
        if row["order"] != "classified":
            out[(row["order"], canonical(row["phrase"]).lower())] = row
            continue
        classifiers = _classifiers().get(row["measure"])
        if not classifiers:
            raise ValueError(f"council_measures.tsv: no classifier for {row['measure']!r} in council_classifiers.tsv")
        for c in classifiers:
            phrase = f"{c} {row['phrase']}"
            out.setdefault(("before", canonical(phrase).lower()), {**row, "phrase": phrase, "order": "before"})
        for link in _AFTER_LINKS:
            phrase = f"{row['phrase']} {link}".strip()
            after = {**row, "phrase": phrase, "order": "after", "after_nouns": "|".join(classifiers)}
            out.setdefault(("after", canonical(phrase).lower()), after)
    return out


@lru_cache(maxsize=None)
def _keys(order: str) -> dict[str, str]:
    return {k: k for (o, k) in _measures() if o == order}


@lru_cache(maxsize=4096)
def _row(order: str, text: str) -> Optional[dict[str, str]]:
    """The table row of a matched phrase, spelt right or wrong."""
    key = council_context.tolerant_lookup(text, _keys(order))
    return None if key is None else _measures()[(order, key)]


@lru_cache(maxsize=None)
def _difference_before() -> regex.Pattern:
    """Cue words that end right before a difference or an earlier value (``năm 2012 là``)."""
    return council_context.earlier_value_pattern(r["phrase"] for r in load_table("council_differences"))


@lru_cache(maxsize=None)
def _difference_keys() -> Optional[council_context.EndKeys]:
    """What the cue words of :func:`_difference_before` may end with."""
    return council_context.end_keys(r["phrase"] for r in load_table("council_differences"))


def _numeral_before(ctx: Context, pos: int) -> Optional[Numeral]:
    """The numeral that ends right before ``pos`` (only spaces between)."""
    for n in reversed(ctx.numerals_in(max(0, pos - 60), pos)):
        if n.end <= pos:
            return None if ctx.view[n.end : pos].strip() else n
    return None


def _is_count(n: Numeral) -> bool:
    """A whole number (``05``, ``sáu``), not a year, a percentage or a decimal."""
    return n.kind == "number" and n.value is not None and n.value == n.value.to_integral_value()


def _usable(ctx: Context, n: Optional[Numeral]) -> bool:
    return n is not None and _is_count(n) and not ctx.claimed(n)


def _counts(ctx: Context, start: int, end: int) -> list[Numeral]:
    """The whole numbers that start in view ``[start, end)`` (claimed or not; found once per run)."""
    run = _run(ctx)
    if run.counts is None:
        # (:func:`_is_count`, inlined: every numeral of the text is tried)
        run.counts = [n for n in ctx.numerals if n.kind == "number" and (v := n.value) is not None and v == v.to_integral_value()]
        run.count_starts = [n.start for n in run.counts]
    return run.counts[bisect.bisect_left(run.count_starts, start) : bisect.bisect_left(run.count_starts, end)]


def _is_difference(ctx: Context, n: Numeral) -> bool:
    """Whether cue words right before ``n`` make it a difference or an earlier value.

    A year in the cue (``năm 2012 là 58 đơn``, ``so với năm 2012 (58 đơn)``) must not
    be the reported year.
    """
    view, start = ctx.view, n.start
    lo = max(0, start - 50)
    keys = _difference_keys()
    if keys is not None and not keys.may_end_in(view, lo, start):
        return False  # (the last clause ends as the window does: no cue ends it either)
    cut = max(view.rfind(",", lo, start), view.rfind(";", lo, start), view.rfind(":", lo, start))
    before = view[cut + 1 if cut >= 0 else lo : start]  # the last clause
    m = council_context.search_at_end(_difference_before(), before)
    return m is not None and council_context.is_earlier(ctx, m)


#: numerals that may stand between a figure and an earlier value (``năm 2012 là 58``)
_SKIPPED_KINDS = ("year", "date", "period", "ordinal")


def _claim_trailing_difference(ctx: Context, end: int, rule: Rule) -> None:
    """``tiếp 56 lượt công dân (cùng kỳ năm trước là 71 lượt)``: the 71 is a difference.

    Earlier values that follow the figure in its clause are claimed, up to the first
    count that is none (another figure).
    """
    if ctx.first_numeral_in(end, end + 100) is None:
        return  # (most figures have no numeral after them in their clause)
    limit = council_context.first_of(ctx.view, ";.)\n", end, end + 100)  # (no further: a long line is not read on)
    for n in ctx.numerals_in(end, limit):
        if n.kind in _SKIPPED_KINDS or ctx.claimed(n) or year.is_year(ctx, n):
            continue  # ``năm 2012 là 58``: the year, whether or not the scanner marked it
        if n.kind != "number" or not _is_difference(ctx, n):
            break
        ctx.claim(n, NumberRole.difference, CATEGORY, rule.name)


@lru_cache(maxsize=None)
def _measure(value: str) -> CouncilMeasure:
    return CouncilMeasure(value)


def _figure(ctx: Context, rule: Rule, n: Numeral, measure: str, start: int, end: int) -> list[CouncilFigure]:
    if _is_difference(ctx, n):
        ctx.claim(n, NumberRole.difference, CATEGORY, rule.name)
        return []
    ctx.claim(n, NumberRole.figure, CATEGORY, rule.name)
    _claim_trailing_difference(ctx, end, rule)
    figure = count_figure(CouncilFigure, span=ctx.span(start, end), rule=rule.name, measure=_measure(measure), count=int(n.value))
    _record(ctx, figure, n)
    return [figure]


@dataclass
class _Run:
    """What one :func:`extract` run remembers: session numbers seen, numerals behind figures."""

    sessions: set = field(default_factory=set)
    numerals: dict = field(default_factory=dict)
    counts: Optional[list] = None  # :func:`_counts`
    count_starts: Optional[list] = None
    before: Optional[Numeral] = None  # the count a ``council.count_before`` match was found after
    before_at: int = -1  # where that match starts


def _run(ctx: Context) -> _Run:
    """This document's run, kept in ``ctx.scratch`` (no module state: threads and processes are safe)."""
    run = ctx.scratch.get(CATEGORY)
    if run is None:
        run = ctx.scratch[CATEGORY] = _Run()
    return run


def _record(ctx: Context, figure: CouncilFigure, n) -> None:
    """Remember the numeral behind a figure for the restatement checks of :func:`extract`."""
    _run(ctx).numerals[id(figure)] = n


def _count_before(m: regex.Match, ctx: Context, rule: Rule) -> Optional[list[CouncilFigure]]:
    row = _row("before", m.group("phrase"))
    run = _run(ctx)
    start = m.start()
    n = run.before
    # (the count the rule found the match after, unclaimed: :func:`_numeral_before` finds it,
    # unless another numeral starts between them or it starts too far back)
    if n is None or run.before_at != start or n.start < start - 60 or ctx.first_numeral_in(n.start + 1, start):
        n = _numeral_before(ctx, start)
        if not _usable(ctx, n):
            return None
    if row is None or row["measure"] == "-":
        return None
    if not council_context.ok(ctx, n.start, row["context"]):
        return None
    return _figure(ctx, rule, n, row["measure"], n.start, m.end())


@lru_cache(maxsize=None)
def _after_nouns(cell: str) -> regex.Pattern:
    return compile_pattern(rf"\s*{tolerant_alternation(w for w in cell.split('|') if w)}(?!\w)", _F)


#: how far after its phrase a count may start
_AFTER_GAP = 30


def _count_after(m: regex.Match, ctx: Context, rule: Rule) -> Optional[list[CouncilFigure]]:
    n = next(iter(ctx.numerals_in(m.end(), m.end() + _AFTER_GAP)), None)
    if not _usable(ctx, n) or ctx.view[m.end() : n.start].strip():
        return None  # (tested first: most phrases are followed by no count)
    row = _row("after", m.group("phrase"))
    if row is None:
        return None
    nouns = [w for w in row["after_nouns"].split("|") if w]
    noun = _after_nouns(row["after_nouns"]).match(ctx.view, n.end) if nouns else None
    if nouns and not noun:
        return None
    if not council_context.ok(ctx, m.start(), row["context"]):
        return None
    end = noun.end() if noun else n.end
    return _figure(ctx, rule, n, row["measure"], m.start(), end)


@dataclass(frozen=True)
class _WordOrdinal:
    """Where an ordinal the scanner did not give (``thứ tư``) is written."""

    start: int


#: a list of ordinals goes on (``thứ 5, 6 và 7``), repeating ``thứ`` or not
_LIST_SEP = r"\s*(?:,|và)\s*"
_THU = r"thứ\s+"


def _session_number(m: regex.Match, ctx: Context, rule: Rule) -> Optional[list[CouncilFigure]]:
    if council_context.assembly_of_session(ctx, m.start(), m.end()) == "national_assembly":
        return None  # a session of the National Assembly (``Kỳ họp thứ 8, Quốc hội khóa XV``)
    seen = _run(ctx).sessions
    out = []
    pos, first = m.end(), True
    item = pos  # where the ordinal's words begin (``thứ VII`` of a list that repeats ``thứ``)
    while True:
        got = read_ordinal(ctx, pos)
        if got is None:
            break
        value, end, numeral = got
        if numeral is not None and ctx.claimed(numeral):
            break
        if value in seen:
            if numeral is not None:
                ctx.claim(numeral, NumberRole.restatement, CATEGORY, rule.name)
        else:
            seen.add(value)
            start = m.start() if first else item
            if numeral is not None:
                ctx.claim(numeral, NumberRole.ordinal, CATEGORY, rule.name)
            figure = CouncilFigure(measure=CouncilMeasure.session_number, count=value, span=ctx.span(start, end), rule=rule.name)
            _record(ctx, figure, numeral or _WordOrdinal(start))
            out.append(figure)
        first = False
        sep = cached_pattern(_LIST_SEP, _F).match(ctx.view, end)
        if not sep or sep.end() == end:
            break
        again = cached_pattern(_THU, _F).match(ctx.view, sep.end())
        if again:
            # a list that repeats ``thứ`` (``thứ 5, thứ 6 và thứ VII``, ``thứ 14 và thứ 15``)
            item, pos = sep.end(), again.end()
            continue
        nxt = ctx.numeral_at(sep.end())
        # a list continues only with bare ordinals (``thứ 5, 6 và 7``), not other counts
        if nxt is None or nxt.kind not in ("ordinal", "number") or _followed_by_noun(ctx, nxt):
            break
        item = pos = sep.end()
    return out


_LIST_TAIL = r"\s*(?:[^\w\s]|$|(?:và|của|khóa|HĐND|HDND|Hội\s+đồng)(?!\w))"


def _followed_by_noun(ctx: Context, n: Numeral) -> bool:
    """Whether ``n`` counts something (``thứ 3, 12 đại biểu``) rather than continuing a list."""
    return not cached_pattern(_LIST_TAIL, _F).match(ctx.view, n.end)


def _phrases(order: str) -> list[str]:
    return [row["phrase"] for (o, _), row in _measures().items() if o == order]


@dataclass(frozen=True)
class _HeadedRule(Rule):
    """A rule whose pattern is tried only where ``head`` matches.

    ``head`` must match wherever the pattern does (the first words of its phrases,
    :func:`council_context.tolerant_heads`); it is far cheaper to search for.  The
    matches are those of ``pattern.finditer``: leftmost first, never overlapping.
    """

    head: Optional[regex.Pattern] = None

    def matches(self, ctx: Context, start: int = 0, end: Optional[int] = None) -> Iterator[regex.Match]:
        view = ctx.view
        stop = len(view) if end is None else end
        yield from self._at_heads(view, start, stop, stop, time_budget(len(view)))

    def _at_heads(
        self, view: str, pos: int, limit: int, stop: int, budget: float, before: Optional[int] = None
    ) -> Iterator[regex.Match]:
        """The pattern's matches (up to ``stop``) at the heads found in ``view[pos:limit]``
        that start before ``before``; ``budget`` is the timeout of each call."""
        while True:
            h = self.head.search(view, pos, limit, None, False, budget)  # timeout by position: see Rule.matches
            if h is None or (before is not None and h.start() >= before):
                return
            m = self.pattern.match(view, h.start(), stop, None, False, budget)
            if m is None:
                pos = h.start() + 1
            else:
                yield m
                pos = m.end()


@dataclass(frozen=True)
class _CountAfterRule(_HeadedRule):
    """A headed rule tried only where a phrase may end right before a count.

    The production wants a usable count right after the phrase (spaces between), so
    the text is read from count to count: where the last words of a phrase (``tail``,
    matched backwards) end before one, the headed search runs from the last ``restart``
    before it (a character no phrase holds), finding there what a search of the whole
    text finds.  Matches skipped so end before no usable count: their production declines.
    """

    tail: Optional[regex.Pattern] = None  # :func:`council_context.tolerant_tails`, compiled REVERSE
    tail_ends: Optional[council_context.EndKeys] = None  # what a tail may end with (:func:`council_context.end_keys`)
    restart: Optional[regex.Pattern] = None  # a character no match holds, compiled REVERSE
    head_len: int = 0  # the longest text a head matches

    def matches(self, ctx: Context, start: int = 0, end: Optional[int] = None) -> Iterator[regex.Match]:
        view = ctx.view
        stop = len(view) if end is None else end
        pos = start  # the search has read so far: each match before it is yielded
        claims = ctx.claims
        budget = time_budget(len(view))
        tail_ends = self.tail_ends
        for n in _counts(ctx, start, len(view)):
            if n.start in claims:
                continue  # (unclaimed counts are those :func:`_usable`)
            p = n.start  # where a phrase before ``n`` would end
            while p > pos and view[p - 1].isspace():
                p -= 1
            if p <= pos or p > stop or n.start - p >= _AFTER_GAP:
                continue
            if tail_ends is not None and not tail_ends.may_end_in(view, pos, p):
                continue  # (no tail ends with these letters: the same as the match below, far cheaper)
            if self.tail.match(view, pos, p) is None:  # (no timeout: last words, matched back from ``p``)
                continue
            cut = self.restart.search(view, pos, p, None, False, budget)
            if cut is not None:
                pos = cut.end()
            for m in self._at_heads(view, pos, min(stop, p + self.head_len), stop, budget, before=p):
                yield m
                pos = m.end()
            pos = max(pos, p)


@dataclass(frozen=True)
class _CountBeforeRule(Rule):
    """An ``after_numeral`` rule tried only after the counts its production can use.

    The production declines a phrase after any other numeral (a year, a percentage,
    a count already claimed; see :func:`_usable`), so its match is not even tried there.
    Where it is, only the phrases that begin with the word there are tried (:func:`_before_pattern`).
    """

    def matches(self, ctx: Context, start: int = 0, end: Optional[int] = None) -> Iterator[regex.Match]:
        view = ctx.view
        stop = len(view) if end is None else end
        done = start
        claims = ctx.claims
        budget = time_budget(len(view))
        word_at = cached_pattern(r"\w+", _F).match
        letter_key = council_context.letter_key
        pairs, singles = _before_pairs()
        run = _run(ctx)
        for n in _counts(ctx, start, stop):
            if n.start in claims:
                continue  # (unclaimed counts are those :func:`_usable`)
            pos = n.end
            while pos < stop and view[pos].isspace():
                pos += 1
            if pos < done or pos >= stop:
                continue
            key = letter_key(view[pos])
            if key not in singles and (pos + 1 >= stop or (key, letter_key(view[pos + 1])) not in pairs):
                continue  # (no phrase begins with those letters: the match below would fail)
            word = word_at(view, pos, stop)
            pattern = self.pattern if word is None else _before_pattern(word.group())
            if pattern is None:
                continue
            m = pattern.match(view, pos, stop, None, False, budget)  # timeout by position: see Rule.matches
            if m is not None:
                done = m.end()
                run.before, run.before_at = n, pos
                yield m


@lru_cache(maxsize=None)
def _before_pairs() -> tuple[frozenset, frozenset]:
    """What a ``before`` phrase may begin with, by its first two letters (:func:`council_context.head_pairs`)."""
    return council_context.head_pairs(_phrases("before"))


@lru_cache(maxsize=None)
def _head_len(order: str) -> int:
    """The longest text the first word of a phrase matches."""
    return max(len(canonical(p).split()[0]) for p in _phrases(order))


_BEFORE = r"(?<![^\W\d])(?P<phrase>{})(?!\w)"


@lru_cache(maxsize=4096)
def _before_pattern(word: str) -> Optional[regex.Pattern]:
    """The ``council.count_before`` pattern cut down to the phrases whose first word is ``word``.

    A phrase's first word spans the whole word of the text it starts at (a space, a
    dash or the end follows it), so the others cannot match there; the phrases kept
    are tried in the same order.  None: no phrase starts so.
    """
    phrases = tuple(p for p in _phrases("before") if _first_word(p).fullmatch(word))
    return _compiled_before(phrases) if phrases else None


@lru_cache(maxsize=None)
def _first_word(phrase: str) -> regex.Pattern:
    return cached_pattern(tolerant_heads([phrase]), _F)


@lru_cache(maxsize=None)
def _compiled_before(phrases: tuple[str, ...]) -> regex.Pattern:
    return compile_pattern(_BEFORE.format(tolerant_alternation(phrases)), _F, anchored=True)


@lru_cache(maxsize=None)
def _rules() -> tuple[Rule, ...]:
    """The rules, built on first use: their tolerant patterns are slow to compile."""
    return (
        Rule(
            "council.session_number",
            compile_pattern(rf"(?<!\w){tolerant_pattern('kỳ họp')}\s+(?:lần\s+)?thứ\s+", _F),
            _session_number,
        ),
        _CountAfterRule(
            "council.count_after",
            compile_pattern(rf"(?<!\w)(?P<phrase>{tolerant_alternation(_phrases('after'))})(?!\w)", _F, anchored=True),
            _count_after,
            head=compile_pattern(rf"(?<!\w){tolerant_heads(_phrases('after'))}", _F),
            tail=compile_pattern(tolerant_tails(_phrases("after")), _F | regex.REVERSE),
            tail_ends=council_context.end_keys(_phrases("after")),
            restart=council_context.restart_pattern(_phrases("after")),
            head_len=_head_len("after"),
        ),
        _CountBeforeRule(
            "council.count_before",
            # (its matches try only the phrases of the word there: :func:`_before_pattern`)
            compile_pattern(
                rf"(?={tolerant_heads(_phrases('before'))})"
                rf"(?<![^\W\d])(?P<phrase>{tolerant_alternation(_phrases('before'))})(?!\w)",
                _F,
                anchored=True,
            ),
            _count_before,
            anchor="after_numeral",  # the production wants the count right before the phrase
        ),
    )


def __getattr__(name: str):
    """``RULES``, the face every extractor shows, is built on first access (:func:`_rules`)."""
    if name == "RULES":
        return _rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _headline_end(view: str) -> int:
    """End of a headline line at the top of the text (no final full stop), or 0."""
    end = view.find("\n")
    first = view[: max(end, 0)]
    if end >= 0 and len(first.strip()) <= 200 and not first.rstrip().endswith((".", ":", ";")):
        return end
    return 0


def _drop_restated(ctx: Context, found: list[tuple[CouncilFigure, Numeral]]) -> list[CouncilFigure]:
    """The same count stated in two paragraphs (headline, lead, summary) is counted once.

    The first statement outside the headline is kept; the others are claimed as
    restatements.  Counts repeated inside one paragraph (two bodies with equal
    counts) are all kept.  Session numbers are already distinct.
    """
    found = sorted(found, key=lambda fn: fn[1].start)
    if len({(f.measure, f.count) for f, _ in found}) == len(found):
        return [f for f, _ in found]  # (no count is stated twice: all are kept, in any order)
    head_end = _headline_end(ctx.view)
    ordered = [fn for fn in found if fn[1].start >= head_end] + [fn for fn in found if fn[1].start < head_end]
    kept: dict[tuple, int] = {}  # (measure, count) -> where the numeral of the kept statement starts
    keep_ids = set()
    for f, n in ordered:
        key = (f.measure, f.count)
        first = kept.get(key)
        if first is None:
            kept[key] = n.start
        elif f.measure != CouncilMeasure.session_number and (
            ctx.line_start(first) != ctx.line_start(n.start)
        ):
            ctx.claims[n.start] = Claim(NumberRole.restatement, CATEGORY, f.rule)
            continue
        keep_ids.add(id(f))
    return [f for f, _ in found if id(f) in keep_ids]


#: direction of the exact value from a rounded one after each qualifier (qualifiers.tsv)
_ROUNDING = {"more_than": 1, "nearly": -1, "less_than": -1, "about": 0}


@lru_cache(maxsize=None)
def _rounding_qualifier() -> tuple[regex.Pattern, dict[str, int], Optional[council_context.EndKeys]]:
    """Qualifiers that round a figure (``hơn``, ``gần``, ``khoảng``), ending right before it,
    with what they may end with (:func:`council_context.end_keys`)."""
    words = {
        canonical(r["word"]).lower(): _ROUNDING[r["qualifier"]]
        for r in load_table("qualifiers")
        if r["position"] == "before" and r["qualifier"] in _ROUNDING
    }
    return compile_pattern(rf"(?<!\w)(?P<q>{alternation(words)})\s+$", _F), words, council_context.end_keys(words, None)


def _rounding_of(ctx: Context, n) -> Optional[int]:
    """Direction of the qualifier rounding ``n`` (``hơn 600`` → 1), or None."""
    if not isinstance(n, Numeral) or n.kind != "number" or n.value is None:
        return None
    pattern, words, keys = _rounding_qualifier()
    view, lo = ctx.view, max(0, n.start - 20)
    if keys is not None and not keys.may_end_in(view, lo, n.start):
        return None
    m = council_context.search_at_end(pattern, view[lo : n.start])
    return words[canonical(cached_pattern(r"\s+").sub(" ", m.group("q"))).lower()] if m else None


def rounds(rounded: int, exact: int, direction: int) -> bool:
    """Whether ``rounded``, after a qualifier of ``direction``, restates ``exact``.

    ``hơn 600`` (1) for 612, ``gần 4.900`` (-1) for 4.893, ``khoảng 50`` (0) for 48:
    the rounded value ends in zeros, the exact one lies within its last rounded
    place, on the qualifier's side, and within a fifth of itself.

    >>> rounds(600, 612, 1), rounds(4900, 4893, -1), rounds(600, 588, 1), rounds(45, 44, 0)
    (True, True, False, False)
    """
    if rounded <= 0 or rounded == exact:
        return False
    digits = str(rounded)
    zeros = len(digits) - len(digits.rstrip("0"))
    diff = exact - rounded
    if not zeros or abs(diff) >= 10**zeros or abs(diff) * 5 > exact:
        return False
    return direction == 0 or (diff > 0) == (direction > 0)


_WORDS_AFTER = r"[^\S\n]*(\w+)(?:[^\S\n]+(\w+))?"


def _noun_words(ctx: Context, pos: int) -> tuple[str, ...]:
    """The (up to) two words right after ``pos``, before any punctuation (``cuộc tiếp``)."""
    m = cached_pattern(_WORDS_AFTER).match(ctx.view, pos)
    return tuple(canonical(w).lower() for w in m.groups() if w) if m else ()


def _same_noun(rounded: tuple[str, ...], exact: tuple[str, ...]) -> bool:
    """``hơn 600 cuộc tiếp xúc`` / ``hơn 600 cuộc.`` share the noun of ``612 cuộc tiếp xúc cử tri``."""
    k = min(len(rounded), len(exact))
    return k > 0 and rounded[:k] == exact[:k]


def _rounded_range(rounded: int, direction: int) -> Optional[tuple[int, int]]:
    """The exact counts (lowest, highest) that :func:`rounds` may accept for ``rounded``, or None.

    >>> _rounded_range(600, 1), _rounded_range(4900, -1), _rounded_range(45, 0)
    ((601, 699), (4801, 4899), None)
    """
    if rounded <= 0:
        return None
    digits = str(rounded)
    zeros = len(digits) - len(digits.rstrip("0"))
    if not zeros:
        return None
    place = 10**zeros
    return (rounded + 1 if direction > 0 else rounded - place + 1, rounded - 1 if direction < 0 else rounded + place - 1)


def _near(index: tuple[list[int], list], rounded: int, direction: int) -> list:
    """The entries of ``index`` (counts in order, entries) whose count ``rounded`` may round."""
    span = _rounded_range(rounded, direction)
    if span is None:
        return []
    counts, entries = index
    return entries[bisect.bisect_left(counts, span[0]) : bisect.bisect_right(counts, span[1])]


def _ends_in_zero(n: Numeral) -> bool:
    """Whether the whole number ``n`` is positive and ends in a zero (``600``, not ``612``)."""
    value = int(n.value)
    return value > 0 and value % 10 == 0


def _index_by_count(entries: list[tuple]) -> tuple[list[int], list]:
    """``entries`` (count first) sorted by count, with their counts: for :func:`_near`."""
    entries = sorted(entries, key=lambda e: e[0])
    return [e[0] for e in entries], entries


def _drop_rounded(
    ctx: Context, found: list[tuple[CouncilFigure, object]], counts: Optional[list[Numeral]] = None
) -> list[tuple[CouncilFigure, object]]:
    """A rounded restatement (``hơn 600 cuộc`` for ``612 cuộc tiếp xúc cử tri``) is no figure.

    A qualified round count is a restatement of an exact count of the same measure
    stated in another sentence of the text: a figure of its own is dropped, and a
    count the rules did not read (its noun cut short: ``hơn 600 cuộc tiếp xúc``) is
    claimed when its noun starts as the exact figure's (its first two words).
    ``counts``: the whole numbers of the text (:func:`_counts`), if already found.
    Exact counts are looked up by value (:func:`_near`): a long text has many of each measure.
    """
    starts: list[int] = []

    def sentence(pos: int) -> int:
        if not starts:  # found on first need: most texts have no rounded count
            starts.extend(s for s, _ in year.sentence_spans(ctx))
        return bisect.bisect_right(starts, pos)

    rounding: dict[int, Optional[int]] = {}

    def rounding_of(n) -> Optional[int]:
        key = id(n)
        if key not in rounding:
            rounding[key] = _rounding_of(ctx, n)
        return rounding[key]

    # counts the rules did not read: rounded, with a noun (matched to those of exact figures below)
    loose: list[tuple[Numeral, int, tuple[str, ...]]] = []
    claimed = ctx.claims
    for n in [n for n in ctx.numerals if _is_count(n)] if counts is None else counts:
        # (a count with no zero at its end rounds nothing, :func:`_rounded_range`: not looked at)
        if n.start not in claimed and _ends_in_zero(n):
            direction = _rounding_of(ctx, n)
            if direction is not None:
                words = _noun_words(ctx, n.end)
                if words:  # (no noun shares nothing)
                    loose.append((n, direction, words))
    if not loose and not any(
        f.measure != CouncilMeasure.session_number and isinstance(n, Numeral) and _ends_in_zero(n) and rounding_of(n) is not None
        for f, n in found
    ):
        return list(found)  # nothing is rounded (:func:`rounds`): all are kept, none claimed
    exact = [(f, n) for f, n in found if isinstance(n, Numeral) and f.measure != CouncilMeasure.session_number and rounding_of(n) is None]
    by_measure: dict[CouncilMeasure, list[tuple[int, Numeral]]] = {}
    for g, m in exact:
        by_measure.setdefault(g.measure, []).append((g.count, m))
    exact_by_measure = {measure: _index_by_count(entries) for measure, entries in by_measure.items()}
    kept = []
    for f, n in found:
        direction = rounding_of(n) if f.measure != CouncilMeasure.session_number else None
        if direction is not None and f.measure in exact_by_measure and any(
            rounds(f.count, count, direction) and sentence(m.start) != sentence(n.start)
            for count, m in _near(exact_by_measure[f.measure], f.count, direction)
        ):
            ctx.claims[n.start] = Claim(NumberRole.restatement, CATEGORY, f.rule)
            continue
        kept.append((f, n))
    if not exact or not loose:
        return kept
    # the exact figures by the first word of their noun, then by count
    by_word: dict[str, list[tuple[int, int, tuple[str, ...], Numeral]]] = {}
    for i, (g, m) in enumerate(exact):
        noun = _noun_words(ctx, m.end)
        if noun:
            by_word.setdefault(noun[0], []).append((g.count, i, noun, m))
    index = {word: _index_by_count(entries) for word, entries in by_word.items()}
    claims = []
    for k, (n, direction, words) in enumerate(loose):
        if words[0] not in index:
            continue
        value = int(n.value)
        first = None  # the first exact figure (in text order) that ``n`` restates
        for count, i, noun, m in _near(index[words[0]], value, direction):
            if (
                (first is None or i < first)
                and _same_noun(words, noun)
                and rounds(value, count, direction)
                and sentence(n.start) != sentence(m.start)
            ):
                first = i
        if first is not None:
            claims.append((first, k, n))
    for i, _, n in sorted(claims, key=lambda c: c[:2]):
        ctx.claim(n, NumberRole.restatement, CATEGORY, exact[i][0].rule)
    return kept


def extract(ctx: Context) -> list[CouncilFigure]:
    """Council figures of the document, in text order."""
    ctx.scratch[CATEGORY] = run = _Run()
    try:
        figures = run_rules(_rules(), ctx)
    finally:
        ctx.scratch.pop(CATEGORY, None)
        council_context.forget(ctx)
    found = [(f, run.numerals[id(f)]) for f in figures]
    found = _drop_rounded(ctx, found, run.counts)
    return _drop_restated(ctx, found)
