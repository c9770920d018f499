"""Extractor: socio-economic indicators (every figure that is not discipline, membership,
council or a target tally).

The text is read clause by clause (:mod:`.indicator_clause`).  Each numeral not
yet claimed by an earlier extractor is offered to :data:`RULES` in order; a rule
is a name, a pattern matched at the numeral (its shape: fraction, percentage,
number with a unit …) and a production that builds the figure or declines.  Around
the figure the production reads the qualifier and unit (:mod:`bk_report.quantities`),
the status (:mod:`.indicator_status`), the name (:mod:`.indicator_name`) and the
comparisons that follow it in the same segment (:mod:`.indicator_compare`), which
become its ``plan_percent`` / ``change_percent`` and are claimed as qualifier
percentages.  A figure restated in a headline or rounded in a summary is kept once.

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("Năm 2023, tổng sản lượng thủy sản ước đạt hơn 3.915 tấn, tăng 5,2% so với cùng kỳ.")
>>> ctx.year = 2023
>>> [(f.name, str(f.value), f.unit.value, f.qualifier.value, f.status.value, str(f.change_percent)) for f in extract(ctx)]
[('tổng sản lượng thủy sản', '3915', 't', 'more_than', 'estimate', '5.2')]
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache

import regex

from ..lexicon import alternation, cached_pattern, canonical, compile_pattern, first_nonspace, load_table, may_open, opens_after_spaces
from ..models import Indicator, Kind, NumberRole, Qualifier, Status, Unit
from ..numerals import parse_number
from ..quantities import read_qualifier_after, read_qualifier_before, read_unit
from ..rules import Context, Rule
from ..scanner import Numeral
from . import indicator_compare as compare
from . import indicator_name as naming
from .indicator_clause import in_brackets, pieces, segments
from .indicator_cues import cue, tail_guard, words
from .indicator_status import status as status_of
from .year import sentence_spans

_F = regex.IGNORECASE | regex.VERSION1
CATEGORY = "indicators"
_CANDIDATES = ("number", "percent", "range", "fraction")
#: How far (characters) the words of one figure reach: its name before it, the words after
#: it, the cues of its sentence.  Bounds the work per figure, so long inputs stay linear.
_REACH = 300


# --------------------------------------------------------------------------- data


@cache
def _nonfigure() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in load_table("indicator_nonfigure"):
        out.setdefault(row["role"], []).append(row["phrase"])
    return out


@cache
def _patterns() -> dict[str, regex.Pattern]:
    nf = _nonfigure()
    cmp_verbs = alternation(r["phrase"] for r in load_table("indicator_compare") if r["role"] == "verb")
    plan_refs = alternation(r["phrase"] for r in load_table("indicator_compare") if r["role"] == "ref" and r["meaning"] == "plan")
    quals = alternation(r["word"] for r in load_table("qualifiers"))
    after_quals = alternation(r["word"] for r in load_table("qualifiers") if r["position"] == "after")
    value_verbs = alternation(
        r["phrase"] for r in load_table("indicator_name_trim") if r["class"] in ("value", "status") and r["edge"] != "lead"
    )
    word = r"[\p{L}][\p{L}\p{M}&]*+"
    return {
        "foreign": compile_pattern(rf"\s*{alternation(nf['foreign'])}(?!\w)", _F, anchored=True),
        "negation": compile_pattern(rf"(?<!\w){alternation(nf['negation'])}(?!\w)", _F),
        "base": compile_pattern(rf"(?<!\w){alternation(nf['base'])}\s*$", _F),
        "classifier": compile_pattern(rf"{alternation(nf['classifier'])}", _F),
        "visitor": compile_pattern(rf"(?<!\w){alternation(nf['visitor'])}(?!\w)", _F),
        # connectors between a figure and a comparison attached to it
        # a bracketed note with no figure in it (giá so sánh 2010) does not part them
        "gap": compile_pattern(rf"(?:\((?:[^()\d]|(?<!\d)(?:19|20)\d\d(?!\d)){{1,80}}+\)|[\s,;()\[\]])*+(?:{cue('connector')}\s+)?", _F, anchored=True),
        "noun": compile_pattern(rf"\s*(?P<w>{word})", _F, anchored=True),
        "article": compile_pattern(rf"(?<!\w){cue('article_before')}\s+$", _F),
        "short_period": compile_pattern(rf"(?<!\w){cue('short_period')}(?!\w)", _F),
        "caption": compile_pattern(rf"\s*(?:{alternation(nf['caption'])})\s*[:.]", _F, anchored=True),
        "threshold_before": compile_pattern(rf"(?<!\w){cue('threshold_word')}\s*$", _F),
        "subject_stop": compile_pattern(rf"(?<!\w)(?:{alternation(nf['predicate'])}|{cmp_verbs})(?!\w)", _F),
        "predicate": compile_pattern(rf"(?<!\w){alternation(nf['predicate'])}(?!\w)", _F),
        "frame_start": compile_pattern(rf"\s*(?!{cue('parts_intro')}(?!\w)){cue('frame_start')}(?!\w)", _F, anchored=True),
        # where the words naming a counted thing after the number stop
        "after_stop": compile_pattern(
            rf"[,;:()\[\]]|(?<!\w)(?:{cmp_verbs})\s+(?:{quals}\s+)?(?=\d[\d.,]*\s?%|{plan_refs})|(?<!\w){cue('name_stop')}(?!\w)"
            rf"|\s{cue('locative')}\s+(?:{cue('determiner')}|(?-i:\p{{Lu}}))",
            _F,
        ),
        "and": compile_pattern(rf"(?<!\w){cue('connector')}(?!\w)", _F),
        "hard_stop": compile_pattern(r"[,;:()\[\]]"),
        "per_after_percent": compile_pattern(rf"\s*/\s*{alternation([r['word'] for r in load_table('per_denominators')])}(?!\w)", _F, anchored=True),
        "from_before": compile_pattern(rf"(?<!\w){cue('from_word')}\s*$", _F),
        "from_word": compile_pattern(rf"\s*{cue('from_word')}\s*", _F, anchored=True),
        "visit_noun": compile_pattern(rf"\s*{cue('visit_noun')}\s*", _F, anchored=True),
        "plan_word": compile_pattern(rf"{plan_refs}", _F, anchored=True),
        "per_one": compile_pattern(rf"(?<!\w)(?:{cue('per_one')}|/)\s*$", _F),
        "level_after_change": compile_pattern(rf"[\s,]*(?:{cue('connector')}\s+)?{cue('level_link')}\s*", _F, anchored=True),
        "to_after": compile_pattern(rf"\s*(?P<v>{cue('level_to')}|{cue('range_to')})(?:\s+{cue('level_link')})?\s+(?=\d)", _F, anchored=True),
        "change_from": compile_pattern(rf"(?<!\w){cue('change_verb')}(?:\s+\w+)?\s+{cue('from_word')}\s*$", _F),
        "at_least_after": compile_pattern(rf"(?<!\w){after_quals}(?!\w)", _F),
        "threshold_tail": compile_pattern(rf"\s*(?:{after_quals})?\s*(?:{value_verbs})\s*(?:{quals}\s*)?$", _F, anchored=True),
        "range_join": compile_pattern(rf"\s*(?:{cue('range_to')}|-|–)\s*", _F, anchored=True),
        "of_total": compile_pattern(rf"\s*/\s*(?P<d>\d[\d.,]*)\s*(?P<u>[\p{{L}}\d]+)?(?P<plan>\s+{plan_refs}(?!\w))?", _F, anchored=True),
        # "07 xã, phường đạt …": a comma between counted nouns does not end the name
        "noun_comma": compile_pattern(rf",\s*(?:{alternation(r['noun'] for r in load_table('counted_nouns'))})(?=\s)[^,;:\d]*(?=[,;:]|$)", _F, anchored=True),
        "stop_noun": compile_pattern(rf"{cue('noun_stop')}$", _F, anchored=True),
        "measure_head": compile_pattern(rf"\s*{cue('measure_head')}(?!\w)", _F, anchored=True),
        "level_to": compile_pattern(cue("level_to"), _F, anchored=True),
        "unit_rest": compile_pattern(r"\S+\s+(?P<r>[^/]+)", anchored=True),
        "word": compile_pattern(r"\w+"),
        "digits": compile_pattern(r"\d++(?:[.,]\d++)*+", anchored=True),
        "plan_after": compile_pattern(rf"\s+{plan_refs}(?!\w)", _F, anchored=True),
        "growth": compile_pattern(rf"(?<!\w){cue('growth_rate')}(?!\w)", _F),
        "foreign_lead": compile_pattern(rf"(?<!\w){alternation(nf['foreign_lead'])}(?!\w)", _F),
        # either of the two: where it is not found, neither is
        "foreign_lead_or_negation": compile_pattern(rf"(?<!\w)(?:{alternation(nf['foreign_lead'])}|{alternation(nf['negation'])})(?!\w)", _F),
    }


# ------------------------------------------------------------------ the run state


@dataclass(slots=True)
class _Draft:
    """A figure under construction (view offsets)."""

    numeral: Numeral
    start: int
    end: int
    rule: str
    name: str
    value: Decimal
    unit: Unit
    value_high: Decimal | None = None
    qualifier: Qualifier = Qualifier.exact
    status: Status = Status.actual
    kind: Kind = Kind.level
    of_total: Decimal | None = None
    plan_percent: Decimal | None = None
    change_percent: Decimal | None = None
    line: int = 0
    extra: list[Numeral] = field(default_factory=list)
    after_end: int = -1
    change_rank: int = 0

    def model(self, ctx: Context) -> Indicator:
        return Indicator(
            span=ctx.span(self.start, self.end),
            rule=self.rule,
            name=self.name,
            value=self.value,
            value_high=self.value_high,
            unit=self.unit,
            qualifier=self.qualifier,
            status=self.status,
            kind=self.kind,
            of_total=self.of_total,
            plan_percent=self.plan_percent,
            change_percent=self.change_percent,
        )


@dataclass(slots=True)
class _Clause:
    """Where a numeral stands: its sentence, segment and piece, and what came before."""

    sent: tuple[int, int]
    seg: tuple[int, int]
    piece: tuple[int, int]
    lead_start: int  # where the figure's own words begin
    anchor: object | None = None  # the last figure (or foreign numeral) of the segment
    anchor_end: int = -1
    lead_end: int | None = None  # where the lead stops early ("giảm từ 5,2% xuống còn 3,8%")
    label: tuple[int, int] | None = None  # a figureless segment before a colon
    subject: tuple[int, int] | None = None  # else a figureless piece just before, read by :func:`_subject` when needed


# --------------------------------------------------------------------- the rules


#: Key in ``ctx.scratch`` of the numeral being read and its clause: productions get
#: ``(match, ctx, rule)`` like every rule and find the clause there.
_CURRENT = "indicators.current"


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What a production did with a numeral when it made no figure:

    ``anchor``    not a figure, but comparisons after it attach to it (``pos``: its end)
    ``attached``  a comparison attached to the figure before it (``pos``: its end)
    ``earlier``   an earlier level (``giảm từ 5,2% xuống còn 3,8%``): the next lead stops at ``pos``
    ``consumed``  the numerals ``taken`` belong to this one (a broken number's second half)
    ``skip``      claimed as part of a name, a share or a difference, or nothing at all
    """

    what: str
    pos: int = -1
    taken: tuple = ()


#: The outcomes that carry nothing but their kind, made once (an outcome is never changed).
_SKIP = _Outcome("skip")
_ANCHOR = _Outcome("anchor")


def _near(start: int, pos: int) -> int:
    """The start of the few words just before ``pos`` (no earlier than ``start``)."""
    return max(start, pos - 60)


def _current(ctx: Context) -> tuple[Numeral, _Clause]:
    return ctx.scratch[_CURRENT]


def _broken(m: regex.Match, ctx: Context, rule: Rule):
    """``6 57%``: a number and a percentage split by a lost comma (a warning, no figure)."""
    n, _ = _current(ctx)
    nxt = next((x for x in ctx.numerals_list(n.end, m.end()) if x.kind == "percent"), None)
    if n.kind != "number" or n.spelled or nxt is None:
        return None
    ctx.warn("broken_number", f"broken number {ctx.view[n.start:nxt.end]!r}: a separator looks lost", n.start, nxt.end)
    return [_Outcome("consumed", taken=(nxt,))]


def _misread_scale(m: regex.Match, ctx: Context, rule: Rule):
    """``Năm 2025, tỷ lệ …``: a number whose scale word is the ``tỷ`` of ``tỷ lệ``."""
    n, _ = _current(ctx)
    return (_SKIP,) if n.warning and n.scale else None


def _label(m: regex.Match, ctx: Context, rule: Rule):
    """A label or grade inside a name (``Chương trình 135``, ``mức độ 2``, quoted names)."""
    n, clause = _current(ctx)
    if rule.name == "indicator_quoted" and not _in_quotes(ctx.view, max(clause.piece[0], n.start - _REACH), n.start):
        return None
    ctx.claim(n, NumberRole.part_of_name, CATEGORY, rule.name)
    return (_SKIP,)


def _earlier_level(m: regex.Match, ctx: Context, rule: Rule):
    """``giảm từ 5,2% xuống còn 3,8%``: the earlier level is not a figure."""
    n, clause = _current(ctx)
    pats = _patterns()
    fb = pats["from_before"].search(ctx.view, _near(clause.piece[0], n.start), n.start)
    to = pats["to_after"].match(ctx.view, _unit_end_of(ctx.view, n)) if fb else None
    if to and (pats["level_to"].fullmatch(to.group("v")) or pats["change_from"].search(ctx.view, _near(clause.piece[0], n.start), n.start)):
        ctx.claim(n, NumberRole.difference, CATEGORY, rule.name)
        return [_Outcome("earlier", fb.start())]
    return None


def _per_one(m: regex.Match, ctx: Context, rule: Rule):
    """``trên 1 ha đất trồng trọt``: a per-unit phrase inside a name."""
    n, clause = _current(ctx)
    if n.value == 1 and _patterns()["per_one"].search(ctx.view, _near(clause.piece[0], n.start), n.start) and read_unit(ctx.view, n.end):
        ctx.claim(n, NumberRole.part_of_name, CATEGORY, rule.name)
        return (_SKIP,)
    return None


def _level_after_change(m: regex.Match, ctx: Context, rule: Rule):
    """``giảm 1,5%, còn 4,2%``: the level after a change of the same rate."""
    n, clause = _current(ctx)
    anchor = clause.anchor
    if not (isinstance(anchor, _Draft) and anchor.kind is Kind.change and anchor.unit is Unit.percent and n.percent):
        return None
    if not _patterns()["level_after_change"].fullmatch(ctx.view, clause.anchor_end, n.start):
        return None
    ctx.claims[anchor.numeral.start].role = NumberRole.qualifier_percent
    anchor.kind, anchor.change_percent = Kind.level, anchor.value
    anchor.value, anchor.rule, anchor.end, anchor.numeral = n.value, rule.name, n.end, n
    ctx.claim(n, NumberRole.figure, CATEGORY, rule.name)
    return [_Outcome("attached", n.end)]


def _comparison(ctx: Context, n: Numeral, clause: _Clause):
    comp = compare.read(ctx.view, n.start, n.end, clause.lead_start if clause.anchor is None else min(clause.lead_start, clause.anchor_end), min(clause.seg[1], n.end + _REACH))
    attached = comp is not None and clause.anchor is not None and _adjacent(ctx.view, clause.anchor_end, comp.start if comp.verb else n.start)
    return comp, attached


def _percentage(m: regex.Match, ctx: Context, rule: Rule):
    """A percentage: a comparison of the figure before it, a share, a change with no
    level, a percent of plan alone, or a rate in its own right."""
    n, clause = _current(ctx)
    if not n.percent:
        return None
    return [_percent(ctx, n, clause, *_comparison(ctx, n, clause))]


def _quantity(m: regex.Match, ctx: Context, rule: Rule):
    """A number with its unit or counted noun (fractions and ranges too)."""
    n, clause = _current(ctx)
    return [_number(ctx, n, clause, *_comparison(ctx, n, clause))]


def _pattern(p: str) -> regex.Pattern:
    """A rule's pattern: only ever matched where a numeral starts, never searched."""
    return compile_pattern(p, _F, anchored=True)


@cache
def _billion() -> str:
    """The scale words for 10⁹ (tỷ, tỉ)."""
    return alternation(r["word"] for r in load_table("scale_words") if r["exponent"] == "9")


@cache
def _lookbehind(role: str) -> regex.Pattern:
    """A pattern matching at a numeral right after one of the ``role`` words."""
    return _pattern(rf"(?<=(?<!\w){alternation(_nonfigure()[role])}\s*+)")


def _caption(m: regex.Match, ctx: Context, rule: Rule):
    """Numbers of a photo caption or source line (``Ảnh: … trồng 20 ha bưởi``)."""
    _, clause = _current(ctx)
    known = ctx.scratch.setdefault(_CAPTIONS, {})  # per sentence: every numeral of it asks
    caption = known.get(clause.sent)
    if caption is None:
        s0, s1 = clause.sent
        caption = known[clause.sent] = opens_after_spaces(_caption_may_open(), ctx.view, s0, s1) and _patterns()["caption"].match(ctx.view, s0, s1) is not None
    return (_SKIP,) if caption else None


#: Key in ``ctx.scratch`` of the sentences known to be (or not to be) captions.
_CAPTIONS = "indicators.captions"

#: The keys of ``ctx.scratch`` this extractor uses; no other reads them, so they go when it returns.
_SCRATCH = (_CURRENT, _CAPTIONS)


def _rank(m: regex.Match, ctx: Context, rule: Rule):
    """``xếp thứ 25/63 tỉnh``: a rank is an ordinal, not a figure."""
    n, _ = _current(ctx)
    ctx.claim(n, NumberRole.ordinal, CATEGORY, rule.name)
    return (_SKIP,)


def _equivalent(m: regex.Match, ctx: Context, rule: Rule):
    """``95 triệu đồng, tương đương 3.950 USD``: the figure before, in another unit."""
    n, clause = _current(ctx)
    if clause.anchor is None:
        return None
    ctx.claim(n, NumberRole.restatement, CATEGORY, rule.name)
    return [_Outcome("attached", _unit_end_of(ctx.view, n))]


@cache
def _label_pattern() -> regex.Pattern:
    return _pattern(rf"(?<=(?<!\w){alternation(_nonfigure()['label'])}\s*+)")


@cache
def _measure_pattern() -> regex.Pattern:
    return _pattern(rf"[^\s]{{1,40}}?(?=\s*{alternation(_nonfigure()['measure'])}(?!\w))")


@cache
def _rules() -> tuple[Rule, ...]:
    """The rules tried, in order, at each numeral not yet claimed; each pattern is matched at
    the numeral's start, and the first production that does not decline wins.  Built on
    first use: their patterns come from the data tables."""
    return (
        Rule("indicator_broken", _pattern(r"\d++\s\d{1,3}\s?%"), _broken),
        Rule("indicator_misread_scale", _pattern(rf"\d[\d.,]*,\s*+{_billion()}\s+{cue('rate_noun')}(?!\w)"), _misread_scale),
        Rule("indicator_caption", _pattern(r"(?=\w)"), _caption),
        Rule("indicator_rank", _lookbehind("rank"), _rank),
        Rule("indicator_equivalent", _lookbehind("equivalent"), _equivalent),
        Rule("indicator_quoted", _pattern(r"(?=\w)"), _label),
        Rule("indicator_label", _label_pattern(), _label),
        Rule("indicator_threshold", _measure_pattern(), _label),
        Rule("indicator_earlier_level", _pattern(rf"(?<=(?<!\w){cue('from_word')}\s*+)"), _earlier_level),
        Rule("indicator_per_unit", _pattern(rf"(?<=(?<!\w)(?:{cue('per_one')}|/)\s*+)1(?!\d)"), _per_one),
        Rule("indicator_level_after_change", _pattern(r"\d[\d.,]*\s?%"), _level_after_change),
        Rule("indicator_percentage", _pattern(r"(?=\w)"), _percentage),
        Rule("indicator_quantity", _pattern(r"(?=\w)"), _quantity),
    )


def __getattr__(name: str):
    """``RULES``, the face every extractor shows, is built on first access (:func:`_rules`)."""
    if name == "RULES":
        return _rules()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _level_after_change_guard(n: Numeral, clause: _Clause) -> bool:
    """A percentage right after a change in percent (``giảm 1,5%, còn 4,2%``)."""
    anchor = clause.anchor
    return n.percent and isinstance(anchor, _Draft) and anchor.kind is Kind.change and anchor.unit is Unit.percent


#: What a numeral must be for a rule's production not to decline at once (it declines
#: with no side effect otherwise): the rule's pattern need not be tried.
_GUARDS = {
    "indicator_broken": lambda n, clause: n.kind == "number" and not n.spelled,
    "indicator_misread_scale": lambda n, clause: bool(n.warning and n.scale),
    "indicator_equivalent": lambda n, clause: clause.anchor is not None,
    "indicator_per_unit": lambda n, clause: n.value == 1,
    "indicator_level_after_change": _level_after_change_guard,
    "indicator_percentage": lambda n, clause: bool(n.percent),
}


#: The rules whose pattern is a lookbehind for a word before the numeral (:func:`_after_cue`).
_AFTER_CUE = frozenset({"indicator_rank", "indicator_equivalent", "indicator_label", "indicator_earlier_level", "indicator_per_unit"})


@cache
def _after_cue() -> regex.Pattern:
    """The lookbehinds of the :data:`_AFTER_CUE` rules in one: where it fails at a
    numeral, none of those rules' patterns matches there."""
    nf = _nonfigure()
    words = alternation([*nf["rank"], *nf["equivalent"], *nf["label"]])
    return _pattern(rf"(?<=(?<!\w)(?:{words}|{cue('from_word')}|{cue('per_one')}|/)\s*+)")


@cache
def _after_cue_guard():
    """:func:`.tail_guard` of :func:`_after_cue` (but for its ``/``)."""
    nf = _nonfigure()
    return tail_guard(tuple([*nf["rank"], *nf["equivalent"], *nf["label"], *words("from_word"), *words("per_one")]))


@cache
def _tail_guard(role: str):
    """:func:`.tail_guard` of a pattern ending with the ``role`` words of the non-figure
    table (``base``) or of the cue table (``threshold_word``), then spaces."""
    return tail_guard(tuple(_nonfigure()[role] if role in _nonfigure() else words(role)))


@cache
def _qualifier_guard():
    """:func:`.tail_guard` of ``quantities.read_qualifier_before`` (``$`` may stand before a last line break)."""
    return tail_guard(tuple(r["word"] for r in load_table("qualifiers") if r["position"] == "before"), r"[ \t]*+\n?")


@cache
def _rule_table() -> tuple[tuple[Rule, regex.Pattern, int, object, bool, bool], ...]:
    """:data:`RULES` with their patterns built, the slot of their pattern (one slot for
    equal patterns, so that a numeral is matched once), their guards (:data:`_GUARDS`),
    whether they are :data:`_AFTER_CUE` rules and whether their pattern is only ``(?=\\w)``."""
    built: dict[tuple[str, int], tuple[regex.Pattern, int]] = {}
    out = []
    word_start = _pattern(r"(?=\w)").pattern
    for rule in _rules():
        pattern, slot = built.setdefault((rule.pattern.pattern, rule.pattern.flags), (rule.pattern, len(built)))
        out.append((rule, pattern, slot, _GUARDS.get(rule.name), rule.name in _AFTER_CUE, rule.pattern.pattern == word_start))
    return tuple(out)


def extract(ctx: Context) -> list[Indicator]:
    """Indicators of the document, in text order."""
    try:
        return _extract(ctx)
    finally:
        for key in _SCRATCH:
            ctx.scratch.pop(key, None)


def _extract(ctx: Context) -> list[Indicator]:
    drafts: list[_Draft] = []
    view = ctx.view
    _undate(ctx)
    offered = _offered(ctx)
    for line, (s0, s1) in enumerate(sentence_spans(ctx)):  # found once for the document
        if not _offerable(ctx, offered, s0, s1):
            continue  # no segment of it makes a figure (labels only name figures)
        label: tuple[int, int] | None = None
        for g0, g1 in segments(view, s0, s1):
            drafts.extend(_segment(ctx, (s0, s1), (g0, g1), line, label, offered))
            # "Tổng giá trị sản xuất: 5.000 tỷ đồng": a figureless segment before a colon names the next
            figureless = True
            for n in ctx.numerals_list(g0, g1):
                if n.kind in _CANDIDATES:
                    figureless = False
                    break
            label = (g0, g1) if figureless and view[g1 : g1 + 2].lstrip().startswith(":") else None
    drafts = _dedupe(ctx, drafts)
    return [d.model(ctx) for d in drafts]


def _undate(ctx: Context) -> None:
    """A number read as a day or month only because "ngày"/"tháng" stands before it
    (``cây ngắn ngày 4.825 ha``) is a figure when it cannot be a day or month and a
    unit follows it."""
    for i, n in enumerate(ctx.numerals):
        if n.kind != "date" or n.value is None or n.spelled or not _patterns()["digits"].fullmatch(n.text):
            continue
        if (n.value > 31 or n.value != n.value.to_integral_value()) and read_unit(ctx.view, n.end) is not None:
            ctx.numerals[i] = replace(n, kind="number")


def _segment(
    ctx: Context, sent: tuple[int, int], seg: tuple[int, int], line: int, label: tuple[int, int] | None = None, offered: list[int] | None = None
) -> list[_Draft]:
    if not _offerable(ctx, _offered(ctx) if offered is None else offered, *seg):
        return []  # no numeral is offered to the rules: nothing else here has an effect
    view = ctx.view
    nums = ctx.numerals_list(*seg)
    figures = [(n.start, n.end) for n in nums if n.kind in _CANDIDATES and not _bare_year(view, n)]
    ps = pieces(view, seg[0], seg[1], [(n.start, n.end) for n in nums], figures)
    out: list[_Draft] = []
    anchor: object | None = None
    anchor_end = -1
    # the end of an anchor that is no figure costs a unit lookup: it is computed only when
    # a later numeral is offered (``(numeral, piece end)`` until then)
    anchor_due: tuple[Numeral, int] | None = None
    consumed: set[int] = set()
    lead_end: int | None = None
    open_start: int | None = None  # start of figureless pieces that may open a name
    subject_piece: tuple[int, int] | None = None  # the figureless piece just before, as a fallback name
    for p0, p1 in ps:
        lead_start: int | None = p0  # None: the anchor's end
        if open_start is not None and _mergeable(view, open_start, p0, p1, ctx):
            lead_start = open_start
        had_numeral = False
        for n in ctx.numerals_list(p0, p1):
            if n.start in consumed:
                continue
            if n.kind in _NOT_OFFERED:
                continue
            had_numeral = True
            if ctx.claimed(n) or n.kind == "broken":
                anchor, anchor_due, lead_start = n, (n, p1), None
                continue
            if anchor_due is not None:
                anchor_end, anchor_due = _anchor_end(ctx, *anchor_due), None
            if lead_start is None:
                lead_start = anchor_end
            clause = _Clause(
                sent, seg, (p0, p1), lead_start, anchor, anchor_end, lead_end,
                label if not out else None, subject_piece if lead_start == p0 else None,
            )
            lead_end = None
            result = _offer(ctx, n, clause)
            if isinstance(result, _Draft):
                result.line = line
                out.append(result)
                for x in result.extra:
                    consumed.add(x.start)
                anchor, anchor_end = result, max(result.end, result.after_end)
                lead_start = anchor_end
            elif result is None or result.what == "skip":
                continue
            elif result.what == "anchor":
                anchor, anchor_due, lead_start = n, (n, p1), None
            elif result.what == "earlier":
                lead_end = result.pos
            elif result.what == "attached":
                anchor_end = max(anchor_end, result.pos)
                lead_start = anchor_end
            elif result.what == "consumed":
                consumed.update(x.start for x in result.taken)
        if had_numeral or not _may_open_name(ctx, p0, p1):
            open_start = None
        elif open_start is None:
            open_start = p0
        subject_piece = None if had_numeral else (p0, p1)
    return out


#: Kinds of numeral never offered to the rules (nor anchors).
_NOT_OFFERED = frozenset({"year", "date", "period", "document_number", "ordinal"})


def _offered(ctx: Context) -> list[int]:
    """Starts of the numerals whose kind lets them be offered to the rules (claimed or not)."""
    return [n.start for n in ctx.numerals if n.kind not in _NOT_OFFERED and n.kind != "broken"]


def _offerable(ctx: Context, offered: list[int], start: int, end: int) -> bool:
    """Whether a numeral in view ``[start, end)`` is offered to the rules now (``offered``:
    :func:`_offered`)."""
    i = bisect.bisect_left(offered, start)
    while i < len(offered) and offered[i] < end:
        if offered[i] not in ctx.claims:
            return True
        i += 1
    return False


def _bare_year(view: str, n: Numeral) -> bool:
    """A four-digit number 1900-2100 with no unit (``giá so sánh 2010``): a year, not a figure."""
    return n.kind == "number" and n.text.isdigit() and len(n.text) == 4 and 1900 <= n.value <= 2100 and read_unit(view, n.end) is None


def _may_open_name(ctx: Context, p0: int, p1: int) -> bool:
    """Whether a piece without figures may be the start of the next piece's name:
    no date or year in it, not a time or source frame, and short."""
    if any(n.kind in ("year", "date", "period") for n in ctx.numerals_in(p0, p1)):
        return False
    text = ctx.view[p0:p1]
    return len(text.split()) <= 6 and not (opens_after_spaces(_frame_may_open(), text, 0, len(text)) and _patterns()["frame_start"].match(text))


def _subject(ctx: Context, p0: int, p1: int) -> tuple[int, int] | None:
    """A figureless piece that may name the figure of the next piece when that one has no
    words of its own (``Khách du lịch đến tỉnh tăng mạnh, đạt 1,2 triệu lượt``): up to its
    first predicate word."""
    if any(n.kind in ("year", "date", "period") for n in ctx.numerals_in(p0, p1)):
        return None
    if opens_after_spaces(_frame_may_open(), ctx.view, p0, p1) and _patterns()["frame_start"].match(ctx.view, p0, p1):
        return None
    m = _patterns()["subject_stop"].search(ctx.view, p0, p1)
    end = m.start() if m else p1
    return (p0, end) if end > p0 else None


def _mergeable(view: str, open_start: int, p0: int, p1: int, ctx: Context) -> bool:
    """Whether figureless pieces before ``p0`` belong to the name in this piece
    (``Toàn huyện đã nhựa hóa, bê tông hóa 45,6 km đường``; ``giá trị sản xuất nông,
    lâm nghiệp và thủy sản``), not a statement of their own (``Kinh tế tiếp tục phát
    triển, thu ngân sách đạt …``)."""
    before = view[open_start:p0]
    return len(before.split()) <= 6 and not _patterns()["predicate"].search(before)


def _unit_end_of(view: str, n: Numeral) -> int:
    if n.percent:
        return n.end
    um = read_unit(view, n.end)
    return um.end if um else n.end


def _anchor_end(ctx: Context, n: Numeral, end: int) -> int:
    """End of a numeral that is not a figure here, with its noun and the words after it."""
    um = read_unit(ctx.view, n.end)
    start = um.end if um else n.end
    stop = _patterns()["hard_stop"].search(ctx.view, start, min(end, start + _REACH // 3))
    return stop.start() if stop else start


def _offer(ctx: Context, n: Numeral, clause: _Clause):
    """Run :data:`RULES` at numeral ``n``: a draft, an :class:`_Outcome` or None.

    A rule whose pattern is only ``(?=\\w)`` matches where an ASCII digit starts the
    numeral without the pattern being run; its production (which reads nothing from the
    match) then gets None for it."""
    ctx.scratch[_CURRENT] = (n, clause)
    view = ctx.view
    start = n.start
    cued: bool | None = None
    table = _rule_table()
    matched: list = [_UNMATCHED] * len(table)  # by pattern slot
    digit = "0" <= view[start] <= "9"
    try:
        for rule, pattern, slot, guard, after_cue, word_start in table:
            if guard is not None and not guard(n, clause):
                continue
            if after_cue:
                if cued is None:
                    cued = _after_cue_guard()(view, 0, start) or _slash_before(view, start)
                    cued = cued and _after_cue().match(view, start) is not None
                if not cued:
                    continue
            if word_start and digit:
                m = None
            else:
                m = matched[slot]
                if m is _UNMATCHED:
                    m = matched[slot] = pattern.match(view, start)
                if m is None:
                    continue
            out = rule.production(m, ctx, rule)
            if out is not None:
                return out[0] if out else None
        return None
    finally:
        ctx.scratch.pop(_CURRENT, None)


#: A pattern slot of :func:`_offer` not matched yet.
_UNMATCHED = object()


def _slash_before(view: str, pos: int) -> bool:
    """Whether a ``/`` stands before ``pos``, spaces between."""
    i = pos
    while i > 0 and view[i - 1].isspace():
        i -= 1
    return i > 0 and view[i - 1] == "/"


def _in_quotes(view: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks opened in ``view[start:pos]``."""
    return view.count('"', start, pos) % 2 == 1 or view.count("“", start, pos) > view.count("”", start, pos)


def _range_partner(ctx: Context, n: Numeral, end: int) -> Numeral | None:
    """The upper end of a range written with words or a spaced dash (``5.200 đến 5.500``)."""
    if n.kind != "number":
        return None
    x = ctx.first_numeral_in(n.end, end)
    if x is not None and x.kind == "number" and _patterns()["range_join"].fullmatch(ctx.view, n.end, x.start) and not ctx.claimed(x):
        return x
    return None


def _period_rank(text: str) -> int:
    """How standard a comparison period is: against the same period of last year (2)
    rather than the month or quarter before (1) (``tăng 0,9% so với tháng trước và
    tăng 7,5% so với cùng kỳ năm trước``: the change is 7,5%)."""
    if _patterns()["short_period"].search(text):
        return 1
    return 2


def _adjacent(view: str, end: int, start: int) -> bool:
    if end < 0 or start < end:
        return False
    m = _patterns()["gap"].match(view, end, start)
    return m is not None and m.end() == start


def _percent(ctx: Context, n: Numeral, clause: _Clause, comp, attached: bool):
    view = ctx.view
    anchor = clause.anchor
    if attached:
        role = NumberRole.share if comp.verb == "share" else NumberRole.qualifier_percent
        if isinstance(anchor, _Draft) and comp.verb != "share":
            which, val = compare.effect(comp, n.value, percent_figure=anchor.unit is Unit.percent)
            if which == "plan" and anchor.plan_percent is None:
                anchor.plan_percent = val
            elif which == "change" and anchor.kind is Kind.level:
                rank = _period_rank(view[comp.start : comp.end])
                if anchor.change_percent is None or rank > anchor.change_rank:
                    anchor.change_percent, anchor.change_rank = val, rank
        ctx.claim(n, role, CATEGORY, "indicator_comparison")
        return _Outcome("attached", max(comp.end, n.end))
    if anchor is not None and comp is None and _adjacent(view, clause.anchor_end, n.start) and in_brackets(view, max(clause.seg[0], n.start - _REACH), n.start):
        ctx.claim(n, NumberRole.share, CATEGORY, "indicator_share")  # "khiển trách 187 (58,3%)"
        return None
    if comp is not None and comp.verb == "share":
        if anchor is not None:
            ctx.claim(n, NumberRole.share, CATEGORY, "indicator_share")
            return None
        return _build(ctx, n, clause, "indicator_rate", comp=comp)
    if comp is not None and comp.verb in ("up", "down", "ratio", "times") and comp.ref != "plan":
        return _build(ctx, n, clause, "indicator_change", comp=comp)
    if comp is not None and comp.ref == "plan" and comp.verb in (None, "reach", "ratio"):
        return _build(ctx, n, clause, "indicator_plan_share", comp=comp)
    if comp is not None and comp.ref == "plan":  # "vượt 5% kế hoạch" with nothing to qualify
        ctx.claim(n, NumberRole.qualifier_percent, CATEGORY, "indicator_comparison")
        return None
    return _build(ctx, n, clause, "indicator_range" if n.kind == "range" else "indicator_rate", comp=None)


def _number(ctx: Context, n: Numeral, clause: _Clause, comp, attached: bool):
    view = ctx.view
    pats = _patterns()
    um = read_unit(view, n.end)
    unit_end = um.end if um else n.end
    if _tail_guard("base")(view, 0, n.start) and pats["base"].search(view, _near(clause.piece[0], n.start), n.start):
        ctx.claim(n, NumberRole.difference, CATEGORY, "indicator_difference")
        return _ANCHOR
    if comp is not None and comp.verb == "times" and um is not None and um.unit is Unit.times:
        if attached:
            if isinstance(clause.anchor, _Draft) and clause.anchor.change_percent is None:
                clause.anchor.change_percent = (n.value - 1) * 100
            ctx.claim(n, NumberRole.qualifier_percent, CATEGORY, "indicator_comparison")
            return _Outcome("attached", max(comp.end, um.end))
        return _build(ctx, n, clause, "indicator_change", comp=comp, um=um)
    if comp is not None and comp.verb in ("up", "down"):
        ref_after = compare.read(view, unit_end, unit_end, unit_end, min(clause.seg[1], unit_end + _REACH))
        if attached or (ref_after is not None and ref_after.ref == "period"):
            ctx.claim(n, NumberRole.difference, CATEGORY, "indicator_difference")
            return _ANCHOR
    if n.spelled and (um is None or (um.unit is Unit.count and canonical(n.text).lower() == "năm")):
        return None
    if n.spelled and n.value == 1 and pats["article"].search(view, max(0, n.start - 30), n.start):
        return None  # "Giám đốc một công ty", "là một điểm sáng": the article "a"
    if _foreign_at(view, n.end) or (um is not None and _foreign_at(view, um.end)):
        return _ANCHOR
    lead = max(clause.lead_start, n.start - _REACH)
    if pats["foreign_lead_or_negation"].search(view, lead, n.start):
        if pats["foreign_lead"].search(view, lead, n.start):
            return _ANCHOR
        if pats["negation"].search(view, lead, n.start):
            ctx.claim(n, NumberRole.part_of_name, CATEGORY, "indicator_threshold")
            return None
    if um is None and _range_partner(ctx, n, clause.piece[1]) is None:
        nm = pats["noun"].match(view, n.end)
        if nm is None or pats["stop_noun"].match(nm.group("w")):
            return _ANCHOR
    # a threshold inside the name: "đạt 100 triệu đồng/ha trở lên thực hiện được 230ha"
    nxt = [x for x in ctx.numerals_list(unit_end, clause.piece[1]) if x.kind in _CANDIDATES]
    rate_like = nxt and um is not None and ("/" in view[um.start : um.end] or read_qualifier_after(view, unit_end) is not None)
    if rate_like and pats["threshold_tail"].match(view[unit_end : nxt[0].start]):
        ctx.claim(n, NumberRole.part_of_name, CATEGORY, "indicator_threshold")
        return None
    rule = "indicator_fraction" if n.kind == "fraction" else "indicator_range" if n.kind == "range" else "indicator_quantity"
    over = comp if comp is not None and comp.verb == "over" and comp.ref is None and not attached else None
    return _build(ctx, n, clause, rule, comp=over, um=um)


def _slash_at(view: str, pos: int) -> bool:
    """Whether a ``/`` comes at ``pos`` after spaces: where the patterns opening with
    ``\\s*/`` (``per_after_percent``, ``of_total``) may match."""
    i = first_nonspace(view, pos, len(view))
    return i < len(view) and view[i] == "/"


def _foreign_at(view: str, pos: int) -> bool:
    """Whether a word of another extractor's figures (``đảng viên``) comes at ``pos``."""
    return opens_after_spaces(_foreign_may_open(), view, pos, len(view)) and _patterns()["foreign"].match(view, pos) is not None


@cache
def _foreign_may_open():
    """:func:`.may_open` of the ``foreign`` words."""
    return may_open(tuple(_nonfigure()["foreign"]))


def _build(ctx: Context, n: Numeral, clause: _Clause, rule: str, comp, um=None) -> _Draft | None:
    view = ctx.view
    pats = _patterns()
    p1 = clause.piece[1]
    value, high = n.value, n.value_high
    extra: list[Numeral] = []
    # qualifier before
    head = n.start
    qualifier = Qualifier.exact
    if comp is not None and comp.verb is not None and comp.start < n.start:
        head = comp.start
    qb = read_qualifier_before(view, n.start) if _qualifier_guard()(view, 0, n.start) else None
    if qb is not None and qb[1] >= clause.lead_start:
        qualifier = qb[0]
        head = min(head, qb[1])
    elif comp is not None and comp.verb == "over" and not n.percent and rule == "indicator_quantity":
        qualifier = Qualifier.more_than  # "Thu ngân sách vượt 4.000 tỷ đồng"
    # unit
    if n.percent:
        unit, factor, unit_end, noun = Unit.percent, Decimal(1), n.end, ""
        per = pats["per_after_percent"].match(view, n.end) if _slash_at(view, n.end) else None
        unit_end = per.end() if per else unit_end
    else:
        if um is None:
            um = read_unit(view, n.end)
        if um is not None:
            unit, factor, unit_end, noun = um.unit, um.factor, um.end, view[um.start : um.end]
        else:
            nm = pats["noun"].match(view, n.end)
            unit, factor, unit_end, noun = Unit.count, Decimal(1), n.end, ""
            if nm is not None:
                unit_end = n.end  # the noun is read with the words after it
    if comp is not None and comp.verb == "times":
        unit = Unit.times
    # a range written with words: "từ 5 đến 7 tấn"
    x = _range_partner(ctx, n, p1)
    if x is not None:
        um2 = read_unit(view, x.end)
        if um is None or um2 is not None:
            high = x.value
            if n.scale == 0 and x.scale:  # "từ 5.200 đến 5.500 tỷ đồng"
                value = value * (Decimal(10) ** x.scale)
            extra.append(x)
            if um2 is not None and not n.percent:
                unit, factor, unit_end, noun = um2.unit, um2.factor, um2.end, view[um2.start : um2.end]
            if qualifier is Qualifier.at_least and pats["from_word"].fullmatch(view, qb[1], n.start):
                qualifier = Qualifier.exact
    of_total = n.denominator if n.kind == "fraction" else None
    if of_total is not None:
        mp = pats["plan_after"].match(view, unit_end)
        unit_end = mp.end() if mp else unit_end
    if of_total is None and not n.percent:
        mo = pats["of_total"].match(view, unit_end) if _slash_at(view, unit_end) else None
        plan_u = mo is not None and mo.group("u") is not None and pats["plan_word"].fullmatch(mo.group("u"))
        if mo is not None and (mo.group("u") is None or read_unit(view, mo.start("u")) is not None or plan_u):
            try:
                of_total = parse_number(mo.group("d")) * factor
                unit_end = mo.end("d") if mo.group("u") is None or plan_u else mo.end("u")
                unit_end = mo.end("plan") if mo.group("plan") else unit_end
            except Exception:  # noqa: BLE001 - not a number after all
                of_total = None
    # qualifier after: "trở lên" right after the unit, or after the counted noun
    if comp is not None and comp.end > unit_end and rule in ("indicator_plan_share", "indicator_change"):
        unit_end = comp.end  # "đạt 100% kế hoạch": the reference is not part of the name
    after_start = unit_end
    qa = read_qualifier_after(view, unit_end)
    if qa is not None:
        qualifier, after_start = qa[0], qa[1]
    elif qualifier is Qualifier.at_least and qb is not None and pats["from_word"].fullmatch(view, qb[1], n.start):
        qualifier = Qualifier.exact  # "từ" alone: a starting point, unless "trở lên" follows
    after_end = _after_end(ctx, after_start, clause.seg[1])
    after = view[after_start:after_end]
    tail_q = pats["at_least_after"].search(after)
    if tail_q is not None and not ctx.numerals_list(after_start, after_start + tail_q.start()):
        if qb is not None and pats["from_word"].fullmatch(view, qb[1], n.start):
            qualifier = read_qualifier_after(view, after_start + tail_q.start())[0]
        after = after[: tail_q.start()]
    # numerals inside the name after the figure are part of it: "OCOP 3 sao", "mức độ 2"
    for x in ctx.numerals_list(after_start, after_start + len(after)):
        ctx.claim(x, NumberRole.part_of_name, CATEGORY, "indicator_threshold")
        extra.append(x)
    # name
    lead = naming.clean_range(view, max(clause.lead_start, head - _REACH), min(head, clause.lead_end or head))
    label = None
    if not lead.text:
        fallback = clause.label or (_subject(ctx, *clause.subject) if clause.subject is not None else None)
        if fallback is not None:
            label = naming.clean_range(view, *fallback)
    after_range = (after_start, after_start + len(after)) if after.strip() else None
    noun_range = (um.start, um.end) if um is not None and not n.percent else None
    name = _name(ctx, lead, unit, noun_range, after_range, fraction=n.kind == "fraction")
    if label is not None and label.text and len(name.split()) <= 1:
        name = naming.render(label.parts, _text_of(ctx))  # "Số lao động …: 1.200 người"
    if not name:
        name = _other_currency(ctx, clause, unit, qb[1] if qb is not None and qb[1] >= clause.lead_start else head)
    if not name:
        return _ANCHOR
    name = _inherit(ctx, name, clause.anchor)
    if unit is Unit.count and um is not None and pats["visit_noun"].fullmatch(um.noun) and pats["visitor"].search(canonical(name)):
        unit = Unit.person
    kind = Kind.level
    if rule == "indicator_change" and comp is not None:
        kind = Kind.change
        if comp.verb == "down":
            value = -value
            high = -high if high is not None else None
        elif comp.verb == "ratio":
            value = value - 100
    st = status_of(view, max(clause.sent[0], n.start - 2 * _REACH), max(clause.lead_start, n.start - _REACH), n.start, ctx.year)
    end = max(unit_end, n.end)
    if unit is Unit.count and not noun:
        nm = pats["noun"].match(view, n.end)
        if nm is not None:
            end = nm.end()
    if comp is not None and comp.end > end and rule in ("indicator_plan_share", "indicator_change"):
        end = comp.end
    draft = _Draft(
        after_end=after_start + len(after),
        numeral=n,
        start=head,
        end=end,
        rule=rule,
        name=name,
        value=value * factor if unit is not Unit.percent else value,
        value_high=None if high is None else (high * factor if unit is not Unit.percent else high),
        unit=unit,
        qualifier=qualifier,
        status=st,
        kind=kind,
        of_total=of_total,
        extra=extra,
    )
    ctx.claim(n, NumberRole.figure, CATEGORY, rule)
    for x in extra:
        if x.start != n.start:
            ctx.claim(x, NumberRole.figure if x.value == high else NumberRole.part_of_name, CATEGORY, rule)
    return draft


_MONEY = (Unit.VND, Unit.USD)


def _other_currency(ctx: Context, clause: _Clause, unit: Unit, start: int) -> str:
    """The same sum in a second currency, joined to the figure before it
    (``vốn đăng ký 1.320 tỷ đồng và hơn 27 triệu USD``): it takes that figure's name."""
    anchor = clause.anchor
    if not isinstance(anchor, _Draft) or unit not in _MONEY or anchor.unit not in _MONEY or anchor.unit is unit:
        return ""
    if not cached_pattern(rf"\s*+(?:,\s*+)?(?:{cue('connector')})?\s*+", _F, anchored=True).fullmatch(ctx.view, clause.anchor_end, start):
        return ""
    return anchor.name


def _inherit(ctx: Context, name: str, anchor: object) -> str:
    """A bare measure word takes the subject of the figure before it: ``diện tích nuôi cá
    tra 312 ha, sản lượng 96.800 tấn`` names the second ``sản lượng nuôi cá tra``."""
    pats = _patterns()
    if not isinstance(anchor, _Draft) or not pats["measure_head"].fullmatch(canonical(name).strip()):
        return name
    prev = pats["measure_head"].match(canonical(anchor.name))
    if prev is None or prev.end() >= len(anchor.name) or canonical(anchor.name[: prev.end()]).lower() == canonical(name).strip().lower():
        return name
    return naming.join(name, anchor.name[prev.end() :])


def _after_end(ctx: Context, start: int, end: int) -> int:
    """Where the words after a figure that name what it counts stop."""
    view = ctx.view
    pats = _patterns()
    end = limit = min(end, start + _REACH // 2)
    figures = [x for x in ctx.numerals_list(start, end) if x.kind in _CANDIDATES]
    for m in pats["and"].finditer(view, start, end) if figures else ():
        stop = pats["hard_stop"].search(view, m.end(), end)
        a, b = m.end(), stop.start() if stop else end
        if any(a <= x.start < b for x in figures):
            end = m.start()  # "7 HTX và 21 tổ hợp tác": the next figure starts
            break
    for x in figures:
        if x.start >= end:
            break
        inside = (_tail_guard("threshold_word")(view, 0, x.start) and pats["threshold_before"].search(view, max(start, x.start - 20), x.start)) or _label_pattern().match(view, x.start) or _measure_pattern().match(view, x.start)
        if not inside:
            end = x.start  # "hỗ trợ 350 triệu đồng cho 7 hộ": the next figure starts
            break
    pos = start
    while True:
        m = pats["after_stop"].search(view, pos, end)
        if m is None:
            return end
        if m.group() == "," and _noun_may_follow(view, m.end(), limit) and pats["noun_comma"].match(view, m.start(), limit):
            pos = m.end()
            continue
        return m.start()


def _noun_may_follow(view: str, pos: int, end: int) -> bool:
    """Whether a counted noun may open after ``pos`` (spaces first), before ``end``: where
    not, ``pats["noun_comma"]`` does not match at the comma before ``pos``."""
    return opens_after_spaces(_noun_may_open(), view, pos, end)


@cache
def _noun_may_open():
    """:func:`.may_open` of the counted nouns."""
    return may_open(tuple(r["noun"] for r in load_table("counted_nouns")))


@cache
def _caption_may_open():
    """:func:`.may_open` of the words opening ``pats["caption"]``."""
    return may_open(tuple(_nonfigure()["caption"]))


@cache
def _frame_may_open():
    """:func:`.may_open` of the words opening ``pats["frame_start"]``."""
    return may_open(words("frame_start"))


def _text_of(ctx: Context):
    """``text_of(a, b)``: ``ctx.span(a, b).text`` without building the span."""
    doc = ctx.doc

    def text_of(a: int, b: int) -> str:
        a, b = max(0, a), max(0, b)
        return doc.text[doc.orig_start(a) : doc.orig_end(b)] if b > a else ""

    return text_of


def _name(ctx: Context, lead: naming.Lead, unit: Unit, noun_range, after_range: tuple[int, int] | None, fraction: bool) -> str:
    """The indicator name: the cleaned lead, then the counted noun and the words after it
    (view ``after_range``) when they say what is counted (``thành lập mới 07 HTX`` →
    ``thành lập mới HTX``)."""
    pats = _patterns()
    text_of = _text_of(ctx)
    lead_text = naming.render(lead.parts, text_of)
    if lead_text and lead.ended in ("value", "prep", "status") and not fraction:
        return lead_text  # neither the noun nor the words after it are read
    after_text = ""
    if after_range is not None:
        after_text = naming.render(naming.clean_range(ctx.view, *after_range, lead_edge=False).parts, text_of)
    noun = ""
    if noun_range is not None:
        a, b = noun_range
        noun = view_noun = ctx.view[a:b]
        if unit in (Unit.count, Unit.person, Unit.household):
            if pats["classifier"].fullmatch(view_noun.strip()):
                noun = ""
            else:
                noun = text_of(a, b)
        else:
            # "45,6 km đường …": the words after the unit symbol belong to the name
            rest = pats["unit_rest"].match(view_noun)
            noun = text_of(a + rest.start("r"), a + rest.end("r")) if rest and unit is not Unit.times else ""
    if noun and canonical(noun.strip()).lower() in canonical(lead_text).lower():
        noun = ""
    if noun and "/" in noun and not fraction:
        noun = ""  # "285 người/km2": a unit with its denominator, not what is counted
    if not lead_text or lead.ended == "light":
        return naming.join(noun, after_text) or lead_text
    if fraction:
        return naming.join(lead_text, noun, after_text)
    if lead.ended in ("value", "prep", "status"):
        return lead_text
    return naming.join(lead_text, noun, after_text)


# ----------------------------------------------------------------- restatements


def _dedupe(ctx: Context, drafts: list[_Draft]) -> list[_Draft]:
    """Drop a figure restated in a headline or summary, exactly or rounded.

    Figures are compared within their (unit, kind) and with the last few hundred of
    those only, so that a long text stays linear."""
    keep: list[_Draft] = []
    buckets: dict[tuple[Unit, Kind], list[int]] = {}
    drafts = _headline_growth(ctx, drafts)
    for d in drafts:
        slots = buckets.setdefault((d.unit, d.kind), [])
        slot = next((i for i in reversed(slots[-_TWINS:]) if _same(keep[i], d)), None)
        if slot is None:
            slots.append(len(keep))
            keep.append(d)
            continue
        twin = keep[slot]
        if _rounded(d, twin) and not _rounded(twin, d):
            ctx.claims[d.numeral.start].role = NumberRole.restatement
            continue
        if _rounded(twin, d) and not _rounded(d, twin):
            keep[slot] = d
            ctx.claims[twin.numeral.start].role = NumberRole.restatement
            continue
        if twin.value == d.value and twin.line != d.line:
            ctx.claims[d.numeral.start].role = NumberRole.restatement
            continue
        slots.append(len(keep))
        keep.append(d)
    return keep


def _headline_growth(ctx: Context, drafts: list[_Draft]) -> list[_Draft]:
    """A growth rate in the headline (``Kinh tế tăng trưởng gần 10%``, ``GRDP tăng hơn
    9,5%``) restates the growth rate the body gives by its name (``tốc độ tăng trưởng …
    ước đạt 9,86%``) when the values are equal or the headline is its rounding."""
    view = ctx.view
    nl = view.find("\n")
    title_end = nl if nl > 0 else -1
    if title_end < 0 or not view[nl:].strip() or view[:title_end].rstrip()[-1:] in ".;:":
        return drafts
    growth = _patterns()["growth"]
    out = []
    for d in drafts:
        if d.start < title_end and d.unit is Unit.percent and d.kind is Kind.change and d.status is not Status.target:
            body = next(
                (b for b in drafts if b.start > title_end and b.unit is Unit.percent and b.status is not Status.target
                 and growth.search(canonical(b.name)) and (b.value == d.value or (_rounded(d, b) and abs(d.value - b.value) <= abs(b.value) / 20))),
                None,
            )
            if body is not None:
                ctx.claims[d.numeral.start].role = NumberRole.restatement
                continue
        out.append(d)
    return out


#: How many earlier figures of the same unit and kind a figure is compared with.
_TWINS = 200


@lru_cache(maxsize=4096)
def _words(s: str) -> frozenset[str]:
    return frozenset(_patterns()["word"].findall(canonical(s).lower()))


def _same(a: _Draft, b: _Draft) -> bool:
    """Same indicator: same unit and kind, names sharing most words, and the same value
    with the same status, or one a rounding of the other (a headline often drops "ước",
    but a target is never a restatement of a result)."""
    if a.unit is not b.unit or a.kind is not b.kind or (Status.target in (a.status, b.status) and a.status is not b.status):
        return False
    if a.value != b.value and not _rounded(a, b) and not _rounded(b, a):
        return False  # (the cheap test first: most pairs differ in value)
    wa, wb = _words(a.name), _words(b.name)
    if not wa or not wb or len(wa & wb) / min(len(wa), len(wb)) < 0.75:
        return False
    return _rounded(a, b) or _rounded(b, a) or (a.value == b.value and a.status is b.status)


def _rounded(a: _Draft, b: _Draft) -> bool:
    """Whether ``a`` is a rounded, qualified restatement of ``b`` (``hơn 4.100`` for 4.143)."""
    if a.qualifier is Qualifier.exact or a.value == b.value or a.value == 0:
        return False
    exp = a.value.normalize().as_tuple().exponent
    step = Decimal(1).scaleb(max(int(exp), 0)) if isinstance(exp, int) else Decimal(1)
    return abs(a.value - b.value) < step and a.value != b.value
