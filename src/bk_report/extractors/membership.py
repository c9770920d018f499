"""Extractor: party members admitted, struck off and allowed to leave.

Sentences are read token by token like discipline paragraphs
(:mod:`.discipline_scan`): a membership word (``kết nạp``, ``xóa tên``, ``cho ra
khỏi Đảng``) sets the action of the counts of members that follow it; a count
before ``ra khỏi Đảng`` or before ``được kết nạp`` takes that action.  Counts
after ``tăng``/``giảm`` are differences; a percent after a figure (``đạt 102%
chỉ tiêu``, ``chiếm 3%``) qualifies it and is claimed, not left for indicators.

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("Toàn Đảng bộ kết nạp 41 đảng viên mới (tăng 3 đảng viên); xóa tên 2 đảng viên; cho ra khỏi Đảng 1 trường hợp.")
>>> [(f.action.value, f.count) for f in extract(ctx)]
[('admitted', 41), ('struck_off', 2), ('exit_allowed', 1)]
>>> [c.role.value for c in ctx.claims.values()]
['figure', 'difference', 'figure', 'figure']
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from ..lexicon import cached_pattern, compile_pattern

from ..models import MembershipAction, MembershipFigure, NumberRole, Span, count_figure
from ..rules import Context, Rule, run_rules, sentences
from ..scanner import Numeral
from .discipline_lexicon import (
    connectors, folded_connectors, folded_range, key, may_hold, member_noun_after, member_noun_label, member_nouns_after,
    membership_requires, phrase_words,
)
from .discipline_scan import (
    Token, after_colon, any_in, drop_headline_restatements, drop_rounded_restatements, forget_phrase_tokens,
    folded_view, free_counts, paragraphs, tokenize,
)

CATEGORY = "membership"
#: A figure and the numeral it was read from.
_Found = tuple[MembershipFigure, Numeral]
_DISCIPLINE_KINDS = frozenset({"action", "form", "trailing", "stop"})
#: The kinds of phrase that give a count its action, one of which a sentence needs to give any figure.
_ACTING = frozenset({"membership", "membership_trailing"})


@lru_cache(maxsize=None)
def _clause_head() -> regex.Pattern:
    """What may stand between a clause start and a count that takes the action carried over."""
    return compile_pattern(rf"[\s,]*(?:{connectors('join')}\s+)?", regex.VERSION1 | regex.IGNORECASE)


class _State:
    def __init__(self) -> None:
        self.action: Optional[str] = None
        self.requires = ""
        self.clause_action = False
        self.diff = False
        self.share = False
        self.passive = False
        self.depth = 0
        self.has_fig = False
        self.last_fig_in_clause = False
        self.pending: list[tuple[Token, int]] = []
        self.carried: Optional[str] = None
        self.clause_start = 0
        self.action_end = 0

    def end_clause(self, ctx: Context, out: list[_Found]) -> None:
        """Counts read before any action of their clause take the action carried from before."""
        if self.pending and self.carried is not None and not self.passive:
            for p, noun_end in self.pending:
                if not _cho_before(ctx, p) and _clause_head().fullmatch(ctx.view, self.clause_start, p.start):
                    _emit(ctx, self, p, noun_end, self.carried, "membership.count", out)
        if self.action is not None:
            self.carried = self.action
        self.clause_action = self.diff = self.share = self.passive = False
        self.last_fig_in_clause = False
        self.pending = []


def _read(ctx: Context, start: int, end: int, out: list[_Found]) -> None:
    view = ctx.view
    st = _State()
    for tok in tokenize(ctx, start, end):
        kind = tok.kind
        if kind == "membership":
            st.action, st.clause_action, st.diff, st.action_end = tok.value, True, False, tok.end
            st.requires = membership_requires().get(key(view[tok.start : tok.end]), "")
            if st.pending and st.passive:
                for p, noun_end in st.pending:
                    _emit(ctx, st, p, noun_end, tok.value or "", "membership.passive_count", out)
            st.pending, st.passive = [], False
        elif kind == "membership_trailing":
            for p, noun_end in st.pending:
                _emit(ctx, st, p, noun_end, tok.value or "", "membership.trailing", out)
            st.pending = []
        elif kind in _DISCIPLINE_KINDS:
            if kind != "trailing":
                st.action, st.clause_action, st.pending = None, True, []
        elif kind == "marker":
            if tok.value == "difference":
                st.diff = True
            elif tok.value == "share":
                st.share = True
            elif tok.value == "passive":
                st.passive = True
            elif tok.value == "part":
                st.diff = False
        elif kind == "punct":
            if tok.value == ";" and not st.depth:
                st.end_clause(ctx, out)
                st.action, st.clause_start = None, tok.end
            elif tok.value == "(":
                st.depth += 1
            elif tok.value == ")" and st.depth:
                st.depth -= 1
                st.diff = st.share = False
        elif kind == "number":
            _on_number(ctx, st, tok, out)
        elif kind == "percent" and st.last_fig_in_clause:
            role = NumberRole.share if st.share else NumberRole.qualifier_percent
            if tok.numeral is not None:
                ctx.claim(tok.numeral, role, CATEGORY, "membership." + role.value)
            st.share = False
    st.end_clause(ctx, out)


def _on_number(ctx: Context, st: _State, tok: Token, out: list[_Found]) -> None:
    n = tok.numeral
    if n is None or n.value is None:
        return
    noun_end = _noun_after(ctx, n.end)
    if noun_end is None:
        _count_after_noun(ctx, st, tok, out)
        return
    if st.diff:
        if st.action is not None or st.has_fig:
            ctx.claim(n, NumberRole.difference, CATEGORY, "membership.difference")
        return
    if _cho_before(ctx, tok):
        st.pending.append((tok, noun_end))
        return
    if st.action is not None and st.clause_action:
        if st.requires and not _followed_by(ctx.view, noun_end, st.requires) \
                and not ctx.view[n.end : noun_end].rstrip().endswith(st.requires):
            return
        _emit(ctx, st, tok, noun_end, st.action, "membership.count", out)
    elif not st.clause_action:
        st.pending.append((tok, noun_end))


#: ``ctx.scratch`` key of ``{view offset: end of the membership noun right after it, or None}``.
_NOUNS = "membership.nouns"


def _noun_after(ctx: Context, pos: int) -> Optional[int]:
    """:func:`.discipline_lexicon.member_noun_after` view offset ``pos``, cached per document."""
    nouns = ctx.scratch.setdefault(_NOUNS, {})
    found = nouns.get(pos, nouns)
    if found is nouns:
        found = nouns[pos] = member_noun_after(ctx.view, pos, folded_view(ctx))
    return found


def _count_after_noun(ctx: Context, st: _State, tok: Token, out: list[_Found]) -> None:
    """``Kết nạp đảng viên mới: 243``: a bare count right after the action's noun and a colon."""
    n = tok.numeral
    if st.action is None or not st.clause_action or st.diff or n is None:
        return
    noun_start = member_noun_label(ctx.view, st.action_end, n.start)
    if noun_start is None or not cached_pattern(_COUNT_END).match(ctx.view, n.end):
        return
    if st.requires and not cached_pattern(rf"(?<!\w){regex.escape(st.requires)}(?!\w)").search(ctx.view[noun_start : n.start]):
        return
    fig = _figure(MembershipAction(st.action), int(n.value), ctx.span(noun_start, n.end), "membership.count_after_noun")
    out.append((fig, n))
    ctx.claim(n, NumberRole.figure, CATEGORY, fig.rule)
    st.has_fig = st.last_fig_in_clause = True


#: What may follow a count read after its noun: the end of its item.
_COUNT_END = r"[ \t]*(?:[;,.()\n]|$)"


def _followed_by(view: str, pos: int, word: str) -> bool:
    rest = view[pos : pos + len(word) + 4].lstrip()
    return rest.startswith(word) and (len(rest) == len(word) or not rest[len(word)].isalnum())


@lru_cache(maxsize=None)
def _cho() -> regex.Pattern:
    """A word after which a count waits for the words after it (``cho``)."""
    return compile_pattern(rf"(?<!\w){connectors('waits')}\s*$", regex.IGNORECASE)


def _cho_before(ctx: Context, tok: Token) -> bool:
    """``cho 3 đảng viên ra khỏi Đảng``: the count waits for the words after it."""
    start = max(0, tok.start - 6)
    words = folded_connectors("waits")
    folded = folded_view(ctx) if words is not None else None
    if folded is not None and not any(w in folded[start : tok.start] for w in words):
        return False  # the pattern reads one of them (case-folded) in the text before the count
    return bool(_cho().search(ctx.view[start : tok.start]))


def _emit(ctx: Context, st: _State, tok: Token, noun_end: int, action: str, rule: str, out: list[_Found]) -> None:
    n = tok.numeral
    assert n is not None and n.value is not None
    out.append((_figure(MembershipAction(action), int(n.value), ctx.span(n.start, noun_end), rule), n))
    ctx.claim(n, NumberRole.figure, CATEGORY, rule)
    st.has_fig = st.last_fig_in_clause = True


def _figure(action: MembershipAction, count: int, span: Span, rule: str) -> MembershipFigure:
    """The figure, validated only where a value could be refused (a count below zero)."""
    return count_figure(MembershipFigure, span=span, rule=rule, action=action, count=count)


def _production(m: regex.Match, ctx: Context, rule: Rule) -> list[MembershipFigure]:
    found: list[_Found] = []
    view = ctx.view
    # every figure needs a count followed by a membership noun, or after a label's colon;
    # every claim needs a figure of its sentence: the other sentences are not read
    nouns = ctx.scratch[_NOUNS] = {}
    folded = folded_view(ctx)
    figures = []
    free = free_counts(ctx)
    for n, noun_end in zip(free, member_nouns_after(view, [n.end for n in free], folded)):
        nouns[n.end] = noun_end
        if noun_end is not None or after_colon(view, 0, n.start):
            figures.append(n.start)
    if figures:
        acting = phrase_words(_ACTING)
        for s, e in paragraphs(ctx, m.start(), m.end()):
            if any_in(figures, s, e):
                for a, b in sentences(view, s, e):
                    if any_in(figures, a, b) and _may_act(view, folded, a, b, acting):
                        _read(ctx, a, b, found)
    if not found:
        return []
    out = drop_rounded_restatements(ctx, found, lambda f: f.action, CATEGORY)
    return drop_headline_restatements(ctx, out, lambda f: (f.action, f.count), CATEGORY)


def _may_act(view: str, whole: Optional[str], start: int, end: int, acting: dict) -> bool:
    """Whether the words of a membership phrase stand in view ``[start, end)`` (``whole``: the
    view case-folded, if at hand): every figure and claim of a sentence needs one
    (:func:`.discipline_lexicon.may_hold`)."""
    folded = folded_range(view, whole, start, end)
    return folded is None or may_hold(folded, acting)


#: The whole text is read sentence by sentence.
RULES: tuple[Rule, ...] = (
    Rule("membership.sentences", compile_pattern(r"\A.*\Z", regex.DOTALL), _production),
)


def extract(ctx: Context) -> list[MembershipFigure]:
    """Membership figures of the document, in text order."""
    try:
        return run_rules(RULES, ctx)
    finally:
        ctx.scratch.pop(_NOUNS, None)
        forget_phrase_tokens(ctx)  # membership reads last: the caches shared with discipline go
