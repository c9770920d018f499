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

from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..lexicon import alternation, canonical, load_table
from ..models import Indicator, Kind, NumberRole, Qualifier, Status, Unit
from ..numerals import parse_number
from ..quantities import read_qualifier_after, read_qualifier_before, read_unit
from ..rules import Context, Rule, sentences
from ..scanner import Numeral
from . import indicator_compare as compare
from . import indicator_name as naming
from .indicator_clause import in_brackets, pieces, segments
from .indicator_status import status as status_of

_F = regex.IGNORECASE | regex.VERSION1
CATEGORY = "indicators"
_CANDIDATES = ("number", "percent", "range", "fraction")


# --------------------------------------------------------------------------- data


@lru_cache(maxsize=None)
def _nonfigure() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for row in load_table("indicator_nonfigure"):
        out.setdefault(row["role"], []).append(row["phrase"])
    return out


@lru_cache(maxsize=None)
def _patterns() -> dict[str, regex.Pattern]:
    nf = _nonfigure()
    cmp_verbs = alternation(r["phrase"] for r in load_table("indicator_compare") if r["role"] == "verb")
    plan_refs = alternation(r["phrase"] for r in load_table("indicator_compare") if r["role"] == "ref" and r["meaning"] == "plan")
    quals = alternation(r["word"] for r in load_table("qualifiers"))
    value_verbs = alternation(
        r["phrase"] for r in load_table("indicator_name_trim") if r["class"] in ("value", "status") and r["edge"] != "lead"
    )
    word = r"[\p{L}][\p{L}\p{M}&]*+"
    return {
        "label": regex.compile(rf"(?<!\w){alternation(nf['label'])}\s*$", _F),
        "measure": regex.compile(rf"\s*{alternation(nf['measure'])}(?!\w)", _F),
        "foreign": regex.compile(rf"\s*(?:mới\s+)?{alternation(nf['foreign'])}(?!\w)", _F),
        "negation": regex.compile(rf"(?<!\w){alternation(nf['negation'])}(?!\w)", _F),
        "base": regex.compile(rf"(?<!\w){alternation(nf['base'])}\s*$", _F),
        "classifier": regex.compile(rf"{alternation(nf['classifier'])}", _F),
        "visitor": regex.compile(rf"(?<!\w){alternation(nf['visitor'])}(?!\w)", _F),
        # connectors between a figure and a comparison attached to it
        "gap": regex.compile(r"[\s,;()\[\]]*(?:(?:và|đồng\s+thời|qua\s+đó)\s+)?", _F),
        "noun": regex.compile(rf"\s*(?P<w>{word})", _F),
        "predicate": regex.compile(rf"(?<!\w){alternation(nf['predicate'])}(?!\w)", _F),
        "frame_start": regex.compile(r"\s*(?:theo|trong(?!\s+đó)|đến|tính|năm|sau|trước|ngoài|bên|nhờ|do)(?!\w)", _F),
        # where the words naming a counted thing after the number stop
        "after_stop": regex.compile(
            rf"[,;:()\[\]]|(?<!\w)(?:{cmp_verbs})\s+(?:{quals}\s+)?(?=\d[\d.,]*\s?%|{plan_refs})|(?<!\w)(?:so\s+với|so\s+cùng|do|nhờ|vì|nhằm|để|với|góp\s+phần|giúp|nâng\s+(?:tổng|số|lên)|đưa|trong\s+đó|là|còn)(?!\w)"
            r"|\s(?:ở|tại)\s+(?:các|những|(?-i:\p{Lu}))|(?<!\w)trên\s+địa\s+bàn(?!\w)",
            _F,
        ),
        "and": regex.compile(r"(?<!\w)và(?!\w)", _F),
        "hard_stop": regex.compile(r"[,;:()\[\]]"),
        "per_after_percent": regex.compile(rf"\s*/\s*{alternation([r['word'] for r in load_table('per_denominators')])}(?!\w)", _F),
        "from_before": regex.compile(r"(?<!\w)từ\s*$", _F),
        "per_one": regex.compile(r"(?<!\w)(?:trên|mỗi|/)\s*$", _F),
        "level_after_change": regex.compile(r"[\s,]*(?:và\s+)?(?:chỉ\s+)?(?:còn|đạt|lên|xuống\s+còn|xuống|ở\s+mức)\s*", _F),
        "to_after": regex.compile(r"\s*(?:xuống|lên|tới|đến)(?:\s+(?:còn|mức))?\s+(?=\d)", _F),
        "at_least_after": regex.compile(r"(?<!\w)(?:trở\s+lên|trở\s+xuống)(?!\w)", _F),
        "threshold_tail": regex.compile(rf"\s*(?:trở\s+lên|trở\s+xuống)?\s*(?:{value_verbs})\s*(?:{quals}\s*)?$", _F),
        "range_join": regex.compile(r"\s*(?:đến|tới|-|–)\s*", _F),
        "rate_word": regex.compile(r"\s*(?:lệ|trọng|suất|giá)(?!\w)", _F),
        "of_total": regex.compile(r"\s*/\s*(?P<d>\d[\d.,]*)\s*(?P<u>[\p{L}\d]+)?(?P<plan>\s+(?:KH|kế\s+hoạch)(?!\w))?", _F),
        # "07 xã, phường đạt …": a comma between counted nouns does not end the name
        "noun_comma": regex.compile(rf",\s*(?:{alternation(r['noun'] for r in load_table('counted_nouns'))})(?=\s)[^,;:\d]*(?=[,;:]|$)", _F),
        "stop_noun": regex.compile(
            r"(?:và|với|so|là|của|trong|đến|tới|từ|lên|xuống|còn|đạt|tăng|giảm|bằng|vượt|chiếm|cho|theo|thì|mà|nhưng|hoặc|tại|ở|sau|trước|năm|tháng|ngày|quý|đồng|người)$",
            _F,
        ),
        "broken_tail": regex.compile(r"\s\d{1,3}\s?%"),
        "foreign_lead": regex.compile(rf"(?<!\w){alternation(nf['foreign_lead'])}(?!\w)", _F),
    }


# ------------------------------------------------------------------ the run state


@dataclass
class _Draft:
    """A figure under construction (view offsets)."""

    numeral: Numeral
    start: int
    end: int
    rule: str
    name: str
    value: Decimal
    unit: Unit
    value_high: Optional[Decimal] = None
    qualifier: Qualifier = Qualifier.exact
    status: Status = Status.actual
    kind: Kind = Kind.level
    of_total: Optional[Decimal] = None
    plan_percent: Optional[Decimal] = None
    change_percent: Optional[Decimal] = None
    line: int = 0
    extra: list[Numeral] = field(default_factory=list)
    after_end: int = -1

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


@dataclass
class _Clause:
    """Where a numeral stands: its sentence, segment and piece, and what came before."""

    sent: tuple[int, int]
    seg: tuple[int, int]
    piece: tuple[int, int]
    lead_start: int  # where the figure's own words begin
    anchor: Optional[object] = None  # the last figure (or foreign numeral) of the segment
    anchor_end: int = -1
    lead_end: Optional[int] = None  # where the lead stops early ("giảm từ 5,2% xuống còn 3,8%")


# --------------------------------------------------------------------- the rules


def _is_fraction(m: regex.Match, ctx: Context, n: Numeral) -> bool:
    return n.kind == "fraction"


def _produce(m: regex.Match, ctx: Context, rule: Rule) -> Optional[list[_Draft]]:
    """Shared production: the rule's name picks the reading (see ``_read``)."""
    run = _RUNS.get(id(ctx))
    if run is None:
        return None
    n, clause = run["current"]
    draft = _read(ctx, n, clause, rule.name)
    return [draft] if draft else None


def _shape(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, _F)


#: Figure rules in the order they are tried at a numeral; each pattern describes the
#: numeral's shape from its start.
RULES: tuple[Rule, ...] = (
    Rule("indicator_fraction", _shape(r"\d[\d.,]*\s?/\s?\d"), _produce),
    Rule("indicator_range", _shape(r"\d[\d.,]*\s*%?\s*[-–—]\s*\d"), _produce),
    Rule("indicator_change", _shape(r"\d[\d.,]*\s?%|\d[\d.,]*(?=\s*lần)"), _produce),
    Rule("indicator_plan_share", _shape(r"\d[\d.,]*\s?%"), _produce),
    Rule("indicator_rate", _shape(r"\d[\d.,]*\s?%|\w[\w\s]*phần\s+trăm"), _produce),
    Rule("indicator_quantity", _shape(r"\d|\w"), _produce),
)

_RUNS: dict[int, dict] = {}


def extract(ctx: Context) -> list[Indicator]:
    """Indicators of the document, in text order."""
    _RUNS[id(ctx)] = {"current": None, "drafts": []}
    try:
        drafts: list[_Draft] = []
        view = ctx.view
        for line, (s0, s1) in enumerate(sentences(view)):
            for g0, g1 in segments(view, s0, s1):
                drafts.extend(_segment(ctx, (s0, s1), (g0, g1), line))
        drafts = _dedupe(ctx, drafts)
        return [d.model(ctx) for d in drafts]
    finally:
        _RUNS.pop(id(ctx), None)


def _segment(ctx: Context, sent: tuple[int, int], seg: tuple[int, int], line: int) -> list[_Draft]:
    view = ctx.view
    nums = ctx.numerals_in(*seg)
    ps = pieces(view, seg[0], seg[1], [(n.start, n.end) for n in nums])
    out: list[_Draft] = []
    anchor: Optional[object] = None
    anchor_end = -1
    consumed: set[int] = set()
    lead_end: Optional[int] = None
    open_start: Optional[int] = None  # start of figureless pieces that may open a name
    for p0, p1 in ps:
        lead_start = p0
        if open_start is not None and _mergeable(view, open_start, p0, p1, ctx):
            lead_start = open_start
        had_numeral = False
        for n in ctx.numerals_in(p0, p1):
            if n.start in consumed:
                continue
            if n.kind in ("year", "date", "period", "document_number", "ordinal"):
                continue
            had_numeral = True
            if ctx.claimed(n) or n.kind == "broken":
                anchor, anchor_end = n, _anchor_end(ctx, n, p1)
                lead_start = anchor_end
                continue
            clause = _Clause(sent, seg, (p0, p1), lead_start, anchor, anchor_end, lead_end)
            lead_end = None
            result = _offer(ctx, n, clause)
            if isinstance(result, _Draft):
                result.line = line
                out.append(result)
                for x in result.extra:
                    consumed.add(x.start)
                anchor, anchor_end = result, max(result.end, result.after_end)
                lead_start = anchor_end
            elif result == "anchor":
                anchor, anchor_end = n, _anchor_end(ctx, n, p1)
                lead_start = anchor_end
            elif isinstance(result, tuple) and result[0] == "earlier":
                lead_end = result[1]
                continue
            elif isinstance(result, tuple) and result[0] == "attached":
                anchor_end = max(anchor_end, result[1])
                lead_start = anchor_end
            elif isinstance(result, tuple):  # ("consumed", numerals)
                for x in result[1]:
                    consumed.add(x.start)
        if had_numeral or not _may_open_name(ctx, p0, p1):
            open_start = None
        elif open_start is None:
            open_start = p0
    return out


def _may_open_name(ctx: Context, p0: int, p1: int) -> bool:
    """Whether a piece without figures may be the start of the next piece's name:
    no date or year in it, not a time or source frame, and short."""
    if any(n.kind in ("year", "date", "period") for n in ctx.numerals_in(p0, p1)):
        return False
    text = ctx.view[p0:p1]
    return len(text.split()) <= 6 and not _patterns()["frame_start"].match(text)


def _mergeable(view: str, open_start: int, p0: int, p1: int, ctx: Context) -> bool:
    """Whether figureless pieces before ``p0`` belong to the name in this piece
    (``Toàn huyện đã nhựa hóa, bê tông hóa 45,6 km đường``; ``giá trị sản xuất nông,
    lâm nghiệp và thủy sản``), not a statement of their own (``Kinh tế tiếp tục phát
    triển, thu ngân sách đạt …``)."""
    before = view[open_start:p0]
    if len(before.split()) > 6:
        return False
    first = ctx.numerals_in(p0, p1)
    own = view[p0 : first[0].start] if first else view[p0:p1]
    if len(naming.clean(own).text.split()) <= 3:
        return True
    return not _patterns()["predicate"].search(before)


def _unit_end_of(view: str, n: Numeral) -> int:
    if n.percent:
        return n.end
    um = read_unit(view, n.end)
    return um.end if um else n.end


def _anchor_end(ctx: Context, n: Numeral, end: int) -> int:
    """End of a numeral that is not a figure here, with its noun and the words after it."""
    um = read_unit(ctx.view, n.end)
    return _after_end(ctx, um.end if um else n.end, end)


def _offer(ctx: Context, n: Numeral, clause: _Clause):
    """Run the rules at numeral ``n``: a draft, ``"anchor"`` (not a figure, but
    comparisons after it attach to it), ``("consumed", [...])`` or None."""
    view = ctx.view
    pats = _patterns()
    # a broken number the scanner did not see: "6 57%"
    if n.kind == "number" and not n.spelled and pats["broken_tail"].match(view, n.end):
        nxt = ctx.numeral_at(n.end + 1) or ctx.numeral_at(n.end + 1 + (view[n.end + 1] == " "))
        if nxt is not None and nxt.kind == "percent":
            ctx.warn("broken_number", f"broken number {view[n.start:nxt.end]!r}: a separator looks lost", n.start, nxt.end)
            return ("consumed", [nxt])
    # "Năm 2025, tỷ lệ …": the scanner took "tỷ" of "tỷ lệ" for a scale word
    if n.warning and n.scale and pats["rate_word"].match(view, n.end):
        return None
    # numbers inside quotes, labels and thresholds are part of a name
    if _in_quotes(view, clause.piece[0], n.start) or pats["label"].search(view, clause.piece[0], n.start):
        ctx.claim(n, NumberRole.part_of_name, CATEGORY, "indicator_label")
        return None
    if pats["measure"].match(view, n.end):
        ctx.claim(n, NumberRole.part_of_name, CATEGORY, "indicator_threshold")
        return None
    # "giảm từ 5,2% xuống còn 3,8%": the earlier level is not a figure
    fb = pats["from_before"].search(view, clause.piece[0], n.start)
    if fb and pats["to_after"].match(view, _unit_end_of(view, n)):
        ctx.claim(n, NumberRole.difference, CATEGORY, "indicator_earlier_level")
        return ("earlier", fb.start())
    # "trên 1 ha đất trồng trọt": a per-unit phrase inside a name
    if n.value == 1 and pats["per_one"].search(view, clause.piece[0], n.start) and read_unit(view, n.end) is not None:
        ctx.claim(n, NumberRole.part_of_name, CATEGORY, "indicator_threshold")
        return None
    # "giảm 1,5%, còn 4,2%": the level after a change of the same indicator
    anchor = clause.anchor
    if isinstance(anchor, _Draft) and anchor.kind is Kind.change and anchor.unit is Unit.percent and n.percent:
        if pats["level_after_change"].fullmatch(view, clause.anchor_end, n.start):
            anchor.kind, anchor.change_percent = Kind.level, anchor.value
            anchor.value, anchor.rule = n.value, "indicator_rate"
            anchor.end = n.end
            ctx.claim(n, NumberRole.figure, CATEGORY, "indicator_rate")
            ctx.claims[anchor.numeral.start].role = NumberRole.qualifier_percent
            anchor.numeral = n
            return ("attached", n.end)
    comp = compare.read(view, n.start, n.end, clause.lead_start if clause.anchor is None else min(clause.lead_start, clause.anchor_end), clause.seg[1])
    attached = comp is not None and clause.anchor is not None and _adjacent(view, clause.anchor_end, comp.start if comp.verb else n.start)
    if n.percent:
        return _percent(ctx, n, clause, comp, attached)
    return _number(ctx, n, clause, comp, attached)


def _in_quotes(view: str, start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside quotation marks opened in ``view[start:pos]``."""
    s = view[start:pos]
    return s.count('"') % 2 == 1 or s.count("“") > s.count("”")


def _range_partner(ctx: Context, n: Numeral, end: int) -> Optional[Numeral]:
    """The upper end of a range written with words or a spaced dash (``5.200 đến 5.500``)."""
    if n.kind != "number":
        return None
    for x in ctx.numerals_in(n.end, end)[:1]:
        if x.kind == "number" and _patterns()["range_join"].fullmatch(ctx.view, n.end, x.start) and not ctx.claimed(x):
            return x
    return None


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
            elif which == "change" and anchor.change_percent is None and anchor.kind is Kind.level:
                anchor.change_percent = val
        ctx.claim(n, role, CATEGORY, "indicator_comparison")
        return ("attached", max(comp.end, n.end))
    if anchor is not None and comp is None and _adjacent(view, clause.anchor_end, n.start) and in_brackets(view, clause.seg[0], n.start):
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
    if pats["base"].search(view, clause.piece[0], n.start):
        ctx.claim(n, NumberRole.difference, CATEGORY, "indicator_difference")
        return "anchor"
    if comp is not None and comp.verb == "times":
        if um is not None and um.unit is Unit.times:
            if attached:
                if isinstance(clause.anchor, _Draft) and clause.anchor.change_percent is None:
                    clause.anchor.change_percent = (n.value - 1) * 100
                ctx.claim(n, NumberRole.qualifier_percent, CATEGORY, "indicator_comparison")
                return ("attached", max(comp.end, um.end))
            return _build(ctx, n, clause, "indicator_change", comp=comp, um=um)
    if comp is not None and comp.verb in ("up", "down"):
        ref_after = compare.read(view, unit_end, unit_end, unit_end, clause.seg[1])
        if attached or (ref_after is not None and ref_after.ref == "period"):
            ctx.claim(n, NumberRole.difference, CATEGORY, "indicator_difference")
            return "anchor"
    if n.spelled and (um is None or (um.unit is Unit.count and canonical(n.text).lower() == "năm")):
        return None
    if pats["foreign"].match(view, n.end) or (um is not None and pats["foreign"].match(view, um.end)):
        return "anchor"
    if pats["foreign_lead"].search(view, clause.lead_start, n.start):
        return "anchor"
    if pats["negation"].search(view, clause.lead_start, n.start):
        ctx.claim(n, NumberRole.part_of_name, CATEGORY, "indicator_threshold")
        return None
    if um is None and _range_partner(ctx, n, clause.piece[1]) is None:
        nm = pats["noun"].match(view, n.end)
        if nm is None or pats["stop_noun"].match(nm.group("w")) or n.kind == "range" and False:
            return "anchor"
    # a threshold inside the name: "đạt 100 triệu đồng/ha trở lên thực hiện được 230ha"
    nxt = [x for x in ctx.numerals_in(unit_end, clause.piece[1]) if x.kind in _CANDIDATES]
    if nxt and um is not None and ("/" in view[um.start : um.end] or pats["at_least_after"].match(view.strip() and view, unit_end + 1)):
        if pats["threshold_tail"].match(view[unit_end : nxt[0].start]):
            ctx.claim(n, NumberRole.part_of_name, CATEGORY, "indicator_threshold")
            return None
    rule = "indicator_fraction" if n.kind == "fraction" else "indicator_range" if n.kind == "range" else "indicator_quantity"
    return _build(ctx, n, clause, rule, comp=None, um=um)


def _build(ctx: Context, n: Numeral, clause: _Clause, rule: str, comp, um=None) -> Optional[_Draft]:
    view = ctx.view
    pats = _patterns()
    p0, p1 = clause.piece
    value, high = n.value, n.value_high
    extra: list[Numeral] = []
    # qualifier before
    head = n.start
    qualifier = Qualifier.exact
    if comp is not None and comp.verb is not None and comp.start < n.start:
        head = comp.start
    qb = read_qualifier_before(view, n.start)
    if qb is not None and qb[1] >= clause.lead_start:
        qualifier = qb[0]
        head = min(head, qb[1])
    # unit
    if n.percent:
        unit, factor, unit_end, noun = Unit.percent, Decimal(1), n.end, ""
        per = pats["per_after_percent"].match(view, n.end)
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
            if qualifier is Qualifier.at_least and view[qb[1] : qb[1] + 2].lower() == "từ":
                qualifier = Qualifier.exact
    of_total = n.denominator if n.kind == "fraction" else None
    if of_total is not None:
        mp = regex.compile(r"\s+(?:KH|kế\s+hoạch)(?!\w)").match(view, unit_end)
        unit_end = mp.end() if mp else unit_end
    if of_total is None and not n.percent:
        mo = pats["of_total"].match(view, unit_end)
        if mo is not None and (mo.group("u") is None or read_unit(view, mo.start("u")) is not None or mo.group("u") in ("KH",)):
            try:
                of_total = parse_number(mo.group("d")) * factor
                unit_end = mo.end("d") if mo.group("u") is None or mo.group("u") == "KH" else mo.end("u")
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
    elif qualifier is Qualifier.at_least and qb is not None and view[qb[1] : n.start].strip().lower() == "từ":
        qualifier = Qualifier.exact  # "từ" alone: a starting point, unless "trở lên" follows
    after_end = _after_end(ctx, after_start, clause.seg[1])
    after = view[after_start:after_end]
    tail_q = pats["at_least_after"].search(after)
    if tail_q is not None and not ctx.numerals_in(after_start, after_start + tail_q.start()):
        if qb is not None and view[qb[1] : n.start].strip().lower() == "từ":
            qualifier = Qualifier.at_least if "lên" in tail_q.group() else Qualifier.at_most
        after = after[: tail_q.start()]
    elif qualifier is Qualifier.exact and qb is None and tail_q is None:
        pass
    # numerals inside the name after the figure are part of it: "OCOP 3 sao", "mức độ 2"
    for x in ctx.numerals_in(after_start, after_start + len(after)):
        ctx.claim(x, NumberRole.part_of_name, CATEGORY, "indicator_threshold")
        extra.append(x)
    # name
    lead = naming.clean_range(view, clause.lead_start, min(head, clause.lead_end or head))
    after_lead = naming.clean_range(view, after_start, after_start + len(after), lead_edge=False) if after.strip() else None
    noun_range = (um.start, um.end) if um is not None and not n.percent else None
    name = _name(ctx, lead, unit, noun_range, after_lead, fraction=n.kind == "fraction")
    if not name:
        return None
    if unit is Unit.count and um is not None and regex.fullmatch(r"lượt", um.noun.strip(), _F) and pats["visitor"].search(canonical(name)):
        unit = Unit.person
    kind = Kind.level
    if rule == "indicator_change" and comp is not None:
        kind = Kind.change
        if comp.verb == "down":
            value = -value
            high = -high if high is not None else None
        elif comp.verb == "ratio":
            value = value - 100
    st = status_of(view, clause.sent[0], clause.lead_start, n.start, ctx.year)
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


def _after_end(ctx: Context, start: int, end: int) -> int:
    """Where the words after a figure that name what it counts stop."""
    view = ctx.view
    pats = _patterns()
    for m in pats["and"].finditer(view, start, end):
        stop = pats["hard_stop"].search(view, m.end(), end)
        if any(x.kind in _CANDIDATES for x in ctx.numerals_in(m.end(), stop.start() if stop else end)):
            end = m.start()  # "7 HTX và 21 tổ hợp tác": the next figure starts
            break
    pos = start
    while True:
        m = pats["after_stop"].search(view, pos, end)
        if m is None:
            return end
        if m.group() == "," and pos == start or m.group() == ",":
            c = pats["noun_comma"].match(view, m.start(), end)
            if c is not None:
                pos = m.end()
                continue
        return m.start()


def _name(ctx: Context, lead: naming.Lead, unit: Unit, noun_range, after: Optional[naming.Lead], fraction: bool) -> str:
    """The indicator name: the cleaned lead, then the counted noun and the words after it
    when they say what is counted (``thành lập mới 07 HTX`` → ``thành lập mới HTX``)."""
    pats = _patterns()
    text_of = lambda a, b: ctx.span(a, b).text  # noqa: E731
    lead_text = naming.render(lead.parts, text_of)
    after_text = naming.render(after.parts, text_of) if after is not None else ""
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
            rest = regex.match(r"\S+\s+(?P<r>[^/]+)", view_noun)
            noun = text_of(a + rest.start("r"), a + rest.end("r")) if rest and unit is not Unit.times else ""
    if noun and canonical(noun.strip()).lower() in canonical(lead_text).lower():
        noun = ""
    if noun and "/" in noun and not fraction:
        noun = ""  # "285 người/km2": a unit with its denominator, not what is counted
    if not lead_text or lead.ended == "light":
        return naming.join(noun, after_text)
    if fraction:
        return naming.join(lead_text, noun, after_text)
    if lead.ended in ("value", "prep", "status"):
        return lead_text
    return naming.join(lead_text, noun, after_text)


# ----------------------------------------------------------------- restatements


def _dedupe(ctx: Context, drafts: list[_Draft]) -> list[_Draft]:
    """Drop a figure restated in a headline or summary, exactly or rounded."""
    keep: list[_Draft] = []
    for d in drafts:
        twin = next((k for k in keep if _same(k, d)), None)
        if twin is None:
            keep.append(d)
            continue
        if _rounded(d, twin) and not _rounded(twin, d):
            ctx.claims[d.numeral.start].role = NumberRole.restatement
            continue
        if _rounded(twin, d) and not _rounded(d, twin):
            keep[keep.index(twin)] = d
            ctx.claims[twin.numeral.start].role = NumberRole.restatement
            continue
        if twin.value == d.value and twin.line != d.line:
            ctx.claims[d.numeral.start].role = NumberRole.restatement
            continue
        keep.append(d)
    return keep


def _words(s: str) -> set[str]:
    return {w for w in regex.findall(r"\w+", canonical(s).lower())}


def _same(a: _Draft, b: _Draft) -> bool:
    """Same indicator: same unit, status and kind, and names sharing most words."""
    if a.unit is not b.unit or a.kind is not b.kind or a.status is not b.status:
        return False
    wa, wb = _words(a.name), _words(b.name)
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.75 and (_rounded(a, b) or _rounded(b, a) or a.value == b.value)


def _rounded(a: _Draft, b: _Draft) -> bool:
    """Whether ``a`` is a rounded, qualified restatement of ``b`` (``hơn 4.100`` for 4.143)."""
    if a.qualifier is Qualifier.exact or a.value == b.value or a.value == 0:
        return False
    exp = a.value.normalize().as_tuple().exponent
    step = Decimal(1).scaleb(max(int(exp), 0)) if isinstance(exp, int) else Decimal(1)
    return abs(a.value - b.value) < step and a.value != b.value
