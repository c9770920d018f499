"""Extractor: party inspection, supervision and discipline counts.

A paragraph is read token by token (:mod:`.discipline_scan`): the body named as
the subject of a clause is carried through the sentence and the paragraph; an
action word sets the action of the counts that follow; each count with a target
noun (``24 tổ chức đảng``) is a figure; a form right before or after a bare
number is one line of a breakdown (``khiển trách: 2``) of the preceding total.
Counts after ``tăng``/``giảm`` are differences, percents after ``chiếm`` or in
brackets are shares: they are claimed with those roles, never as figures.

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("UBKT các cấp đã thi hành kỷ luật 9 đảng viên (khiển trách 6, cảnh cáo 3).")
>>> [(f.body.value, f.action.value, f.target.value, f.count) for f in extract(ctx)]
[('inspection_commission', 'disciplined', 'member', 9), ('inspection_commission', 'reprimand', 'member', 6), ('inspection_commission', 'warning', 'member', 3)]
>>> extract(Context.from_text("Các tổ chức đảng được xếp loại hoàn thành xuất sắc nhiệm vụ."))
[]
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

from ..models import Body, DisciplineAction, DisciplineFigure, DisciplineTarget, NumberRole
from ..rules import Context, Rule, sentences
from .discipline_lexicon import body_of
from .discipline_scan import Token, gap, tokenize, units

CATEGORY = "discipline"

#: Actions that a preceding "đề nghị" turns into a proposal.
_PROPOSABLE = frozenset(
    {"disciplined", "discipline_review", "reprimand", "warning", "removal", "expulsion", "dissolution", "suspension"}
)
#: Actions about inspecting and supervising: generic person nouns need a party body for them.
_INSPECTING = frozenset(
    {"inspection", "supervision", "inspection_and_supervision", "inspection_on_violation_signs",
     "inspection_of_enforcement", "inspection_of_finance"}
)
_CLOSE_GROUP = frozenset({"action", "form", "trailing", "stop", "membership", "membership_trailing"})
_OBJECT_GAP = regex.compile(r"[\s,]*(?:\w+\s+){0,2}", regex.VERSION1)
_CHAIN_GAP = regex.compile(r"[\s,]*(?:(?:và|cùng|các|những|[\w]+)\s+){0,4}", regex.VERSION1)
_BREAKDOWN_GAP = regex.compile(r"\s*[:：]?\s*")
#: What may stand between a clause start and a count that takes the action carried over.
_CLAUSE_HEAD = regex.compile(r"[\s,]*(?:(?:và|với|cùng)\s+)?", regex.VERSION1)


@dataclass
class _Fig:
    body: Optional[Body]
    action: str
    target: str
    count: int
    start: int
    end: int
    rule: str

    def to_model(self, ctx: Context) -> DisciplineFigure:
        return DisciplineFigure(
            body=self.body,
            action=DisciplineAction(self.action),
            target=DisciplineTarget(self.target),
            count=self.count,
            span=ctx.span(self.start, self.end),
            rule=self.rule,
        )


class _Sentence:
    """State of one sentence."""

    def __init__(self) -> None:
        self.action: Optional[str] = None
        self.clause_action = False
        self.group: Optional[list[str]] = None
        self.group_after_action = False
        self.propose = False
        self.run: list[_Fig] = []
        self.run_part = False
        self.last_target: Optional[str] = None
        self.last_fig: Optional[_Fig] = None
        self.has_fig = False
        self.diff = False
        self.share = False
        self.form_intro = False
        self.passive = False
        self.pending: list[Token] = []
        self.stack: list[tuple[Optional[str], bool]] = []
        self.breakdown_form: Optional[str] = None
        self.skip: set[int] = set()
        self.toks: list[Token] = []
        self.carried: Optional[str] = None
        self.clause_start = 0
        self.membership = False
        self.ignored_body_end = -1
        self.object_end = -1


class _Reader:
    def __init__(self, ctx: Context, rule: Rule):
        self.ctx = ctx
        self.rule = rule
        self.figs: list[_Fig] = []
        self.body: Optional[Body] = None
        self.party = False
        self.other = False
        self.body_known = False
        self.warned = False

    # -- paragraph and sentence -------------------------------------------------
    def paragraph(self, start: int, end: int) -> None:
        self.body, self.party, self.other = None, False, False
        self.body_known = self.warned = False
        for s, e in sentences(self.ctx.view, start, end):
            self.sentence(s, e)

    def sentence(self, start: int, end: int) -> None:
        toks = tokenize(self.ctx, start, end)
        st = _Sentence()
        st.toks = toks
        for i, tok in enumerate(toks):
            if i in st.skip:
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            prev = toks[i - 1] if i else None
            handler = getattr(self, f"_on_{tok.kind}", None)
            if handler is not None:
                handler(st, tok, i, prev, nxt)
        self._end_clause(st)

    # -- bodies ------------------------------------------------------------------
    def _commit(self, st: _Sentence) -> None:
        if st.group:
            self.body, party = body_of(st.group)
            self.party, self.other = party, not party
            self.body_known = True
        st.group = None

    def _end_clause(self, st: _Sentence) -> None:
        if st.group and not st.group_after_action:
            self._commit(st)
        st.group = None
        self._flush_pending(st)
        if st.action is not None:
            st.carried = st.action
        st.action = None
        st.run, st.run_part, st.diff, st.propose = [], False, False, False
        st.pending, st.clause_action, st.last_fig = [], False, None
        st.form_intro = st.share = st.passive = False
        st.breakdown_form = None

    def _on_body(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        view = self.ctx.view
        if st.propose:
            return
        if st.object_end >= 0 and _OBJECT_GAP.fullmatch(view, st.object_end, tok.start):
            st.ignored_body_end = tok.end
            return
        if st.ignored_body_end >= 0 and _CHAIN_GAP.fullmatch(view, st.ignored_body_end, tok.start):
            st.ignored_body_end = tok.end
            return
        if st.group is None:
            st.group = []
            st.group_after_action = st.clause_action
        st.group.append(tok.value or "")

    def _on_marker(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        m = tok.value
        if m == "object":
            st.object_end = tok.end
        elif m == "propose":
            st.propose = True
        elif m == "part":
            st.run, st.run_part, st.diff = [], True, False
        elif m == "difference":
            st.diff = True
        elif m == "share":
            st.share = True
        elif m == "form_intro":
            st.form_intro = True
        elif m == "passive":
            st.passive = True

    def _on_punct(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        if tok.value == ";" and not st.stack:
            self._end_clause(st)
            st.action, st.clause_start = st.carried, tok.end
        elif tok.value == "(":
            st.stack.append((st.action, st.diff))
        elif tok.value == ")" and st.stack:
            st.action, _ = st.stack.pop()
            st.diff = st.share = False

    # -- actions -----------------------------------------------------------------
    def _set_action(self, st: _Sentence, action: Optional[str], tok: Token) -> None:
        self._commit(st)
        if action is not None and st.propose and action in _PROPOSABLE:
            action = "discipline_proposed"
        st.run, st.run_part, st.diff, st.form_intro = [], False, False, False
        if action is not None and st.pending and st.passive:
            for p in st.pending:
                if self._accepts(p, action):
                    self._emit(st, p, action, "discipline.passive_count")
        elif action is not None:
            self._flush_pending(st)
        st.pending, st.passive = [], False
        st.action = action
        st.clause_action = True
        if action is None:
            st.propose = False

    def _on_action(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        self._set_action(st, tok.value, tok)

    def _on_stop(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        self._set_action(st, None, tok)

    def _on_membership(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        self._set_action(st, None, tok)
        st.membership = True  # its differences are the membership extractor's

    _on_membership_trailing = _on_membership

    def _on_form(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        view = self.ctx.view
        if nxt is not None and nxt.kind == "number" and nxt.value is None and _BREAKDOWN_GAP.fullmatch(view, tok.end, nxt.start):
            st.breakdown_form = tok.value
            return
        right_after_action = prev is not None and prev.kind == "action" and not view[prev.end : tok.start].strip()
        if st.run and (st.form_intro or right_after_action):
            action = "discipline_proposed" if st.propose else tok.value
            for f in st.run:
                f.action, f.rule = action or f.action, f.rule + "+form_after"
            st.form_intro, st.run = False, []
            return
        self._set_action(st, tok.value, tok)

    def _on_modifier(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        if st.action == "inspection":
            st.action = tok.value
            for f in st.run:
                if f.action == "inspection":
                    f.action, f.rule = tok.value or f.action, f.rule + "+modifier"

    def _on_trailing(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        if st.run:
            if tok.value == "discipline_required" or st.run_part or st.action == tok.value:
                for f in st.run:
                    f.action, f.rule = tok.value or f.action, f.rule + "+trailing"
            return
        if tok.value == "discipline_required":
            self._set_action(st, tok.value, tok)

    # -- numbers -----------------------------------------------------------------
    def _claim(self, tok: Token, role: NumberRole, rule: str) -> None:
        if tok.numeral is not None:
            self.ctx.claim(tok.numeral, role, CATEGORY, rule)

    def _emit(self, st: _Sentence, tok: Token, action: str, rule: str) -> _Fig:
        assert tok.numeral is not None and tok.numeral.value is not None
        fig = _Fig(self.body, action, tok.value or "member", int(tok.numeral.value), tok.start, tok.end, rule)
        self.figs.append(fig)
        self._claim(tok, NumberRole.figure, rule)
        if not self.body_known and not self.warned:
            self.warned = True
            self.ctx.warn("unresolved_body", "discipline count with no acting body named in its paragraph: body left empty", tok.start, tok.end)
        st.run.append(fig)
        st.last_target, st.last_fig, st.has_fig = fig.target, fig, True
        if not tok.generic:
            self.party = True
        return fig

    def _accepts(self, tok: Token, action: Optional[str]) -> bool:
        """Whether a count with a generic noun (người, trường hợp) is a party count here."""
        if not tok.generic or self.party:
            return True
        return not self.other and action is not None and action not in _INSPECTING

    def _passive_follows(self, st: _Sentence, i: int) -> bool:
        """``12 đồng chí bị khiển trách``: the count takes the action after bị/được."""
        toks = st.toks
        if i + 1 >= len(toks) or toks[i + 1].kind != "marker" or toks[i + 1].value != "passive":
            return False
        if self.ctx.view[toks[i].end : toks[i + 1].start].strip(" ,"):
            return False
        for t in toks[i + 2 :]:
            if t.kind in ("body", "marker"):
                continue
            return t.kind in ("action", "form", "trailing")
        return False

    def _flush_pending(self, st: _Sentence) -> None:
        """Counts read before any action of their clause take the action carried from before."""
        if st.pending and st.carried is not None:
            for p in st.pending:
                if self._accepts(p, st.carried) and _CLAUSE_HEAD.fullmatch(self.ctx.view, st.clause_start, p.start):
                    self._emit(st, p, st.carried, "discipline.count")
        st.pending = []

    def _on_number(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        if tok.value is None:
            self._bare_number(st, tok, i, nxt)
            return
        if st.group and not st.clause_action:
            self._commit(st)
        if st.diff:
            if st.action is not None or st.has_fig or not (tok.generic or st.membership):
                self._claim(tok, NumberRole.difference, "discipline.difference")
            return
        if self._passive_follows(st, i):
            st.pending.append(tok)
            return
        if st.action is None or not st.clause_action:
            if not st.clause_action:
                st.pending.append(tok)
            return
        if not self._accepts(tok, st.action):
            return
        self._emit(st, tok, st.action, "discipline.count")

    def _bare_number(self, st: _Sentence, tok: Token, i: int, nxt: Optional[Token]) -> None:
        view = self.ctx.view
        form = st.breakdown_form
        st.breakdown_form = None
        if form is None and nxt is not None and nxt.kind == "form" and not view[tok.end : nxt.start].strip():
            form = nxt.value
            st.skip.add(i + 1)
        if form is not None and (st.has_fig or st.action is not None) and not st.propose:
            assert tok.numeral is not None and tok.numeral.value is not None
            fig = _Fig(self.body, form, st.last_target or "member", int(tok.numeral.value), tok.start, tok.end, "discipline.breakdown")
            if nxt is not None and nxt.kind == "form" and (i + 1) in st.skip:
                fig.end = nxt.end
            else:
                fig.start = min(fig.start, self._form_start(tok))
            self.figs.append(fig)
            self._claim(tok, NumberRole.figure, fig.rule)
            st.last_fig, st.has_fig = fig, True
            return
        if st.diff and st.has_fig:
            self._claim(tok, NumberRole.difference, "discipline.difference")

    def _form_start(self, tok: Token) -> int:
        """Start of the form word just before a breakdown number (for the span)."""
        view = self.ctx.view
        m = regex.search(r"(\w[\w\s]*?)\s*[:：]?\s*$", view[max(0, tok.start - 40) : tok.start])
        return max(0, tok.start - 40) + m.start(1) if m else tok.start

    def _on_percent(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        if st.last_fig is None:
            return
        if st.share or st.stack:
            self._claim(tok, NumberRole.share, "discipline.share")
        else:
            self._claim(tok, NumberRole.qualifier_percent, "discipline.qualifier")
        st.share = False


def _production(m: regex.Match, ctx: Context, rule: Rule) -> list[DisciplineFigure]:
    out: list[DisciplineFigure] = []
    for s, e in units(ctx.view[m.start() : m.end()]):
        reader = _Reader(ctx, rule)
        reader.paragraph(m.start() + s, m.start() + e)
        out.extend(f.to_model(ctx) for f in reader.figs)
    return out


#: The whole text is read paragraph by paragraph (a paragraph: a line and its bullet list).
RULES: tuple[Rule, ...] = (
    Rule("discipline.paragraphs", regex.compile(r"\A.*\Z", regex.DOTALL), _production),
)


def extract(ctx: Context) -> list[DisciplineFigure]:
    """Discipline figures of the document, in text order."""
    out: list[DisciplineFigure] = []
    for rule in RULES:
        out.extend(rule.run(ctx))
    return out
