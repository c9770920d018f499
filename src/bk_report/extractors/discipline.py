"""Extractor: party inspection, supervision and discipline counts.

A paragraph is read token by token (:mod:`.discipline_scan`): the body named as
the subject of a clause is carried through the sentence and the paragraph; an
action word sets the action of the counts that follow; each count with a target
noun (``24 tổ chức đảng``) is a figure; a form right before or after a bare
number is one line of a breakdown (``khiển trách: 2``) of the preceding total.
Counts after ``tăng``/``giảm`` are differences, percents after ``chiếm`` or in
brackets are shares: they are claimed with those roles, never as figures.

A heading in capitals that names a body (``CÔNG TÁC CỦA UBKT HUYỆN ỦY``) gives
that body to every paragraph and bullet under it until the next heading; a
bullet line ending with a colon gives its action to the bullet lines after it;
a bare count after a target noun and a colon (``đảng viên: 8``) is read in an
item as in running text.  A qualified round count (``hơn 600 đảng viên``) that
restates an exact count of the same action and target is not a figure.

>>> from bk_report.rules import Context
>>> ctx = Context.from_text("UBKT các cấp đã thi hành kỷ luật 9 đảng viên (khiển trách 6, cảnh cáo 3).")
>>> [(f.body.value, f.action.value, f.target.value, f.count) for f in extract(ctx)]
[('inspection_commission', 'disciplined', 'member', 9), ('inspection_commission', 'reprimand', 'member', 6), ('inspection_commission', 'warning', 'member', 3)]
>>> extract(Context.from_text("Các tổ chức đảng được xếp loại hoàn thành xuất sắc nhiệm vụ."))
[]
>>> ctx = Context.from_text("CÔNG TÁC CỦA UBKT HUYỆN ỦY\\n- Giám sát chuyên đề: 4 chi bộ;\\n- Giải quyết tố cáo: 2 đảng viên.")
>>> [(f.body.value, f.action.value, f.count) for f in extract(ctx)]
[('inspection_commission', 'supervision', 4), ('inspection_commission', 'denunciation', 2)]
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Optional

import regex

from ..lexicon import cached_pattern, compile_pattern

from ..models import Body, DisciplineAction, DisciplineFigure, DisciplineTarget, NumberRole, count_figure
from ..rules import Context, Rule, run_rules, sentences
from ..scanner import Numeral
from .discipline_lexicon import body_of, connectors, folded_range, form_next_to, may_hold, phrase_words, targets_in
from .discipline_scan import (
    COUNT_KINDS, Token, after_colon, any_in, bullet_end, drop_headline_restatements, drop_rounded_restatements,
    folded_view, free_counts, heading_line, last_reading, paragraphs, phrase_tokens, rstrip_end, targets_of, title_line,
    tokenize,
)

CATEGORY = "discipline"

#: Actions that a preceding "đề nghị" turns into a proposal.
_PROPOSABLE = frozenset(
    {"disciplined", "discipline_review", "reprimand", "warning", "removal", "expulsion", "dissolution", "suspension"}
)
#: Totals whose forms a breakdown in the next sentence (``Cụ thể: khiển trách 5, …``) lists.
_BROKEN_DOWN = frozenset({"disciplined"})
#: The kinds of phrase that give the action of a figure, one of which a paragraph needs to give any.
_ACTING = frozenset({"action", "form", "trailing"})
#: The forms of discipline, one of which makes a bare number one line of a breakdown.
_FORM = frozenset({"form"})
#: The phrase before a count claimed as a difference with no action (``tăng 3 chi bộ``).
_DIFFERENCE = frozenset({"marker:difference"})
#: Actions about inspecting and supervising in general: generic person nouns need a party
#: body for them ("kiểm tra khi có dấu hiệu vi phạm" is party language of its own).
_INSPECTING = frozenset({"inspection", "supervision", "inspection_and_supervision", "inspection_of_finance"})
#: Kinds of inspection that a plain "kiểm tra" after their label keeps
#: ("Kiểm tra khi có dấu hiệu vi phạm: đã kiểm tra 4 tổ chức đảng").
_SPECIFIC_INSPECTION = frozenset({"inspection_on_violation_signs", "inspection_of_enforcement", "inspection_of_finance"})
_LABEL_GAP = r"[^\d;()]*:[^\d;()]*"
#: Between an action and a bare count that follows its target noun and a colon.
_LABEL_GAP_END = r"[^\d;()]*:\s*"
_AFTER_NOUN = "discipline.count_after_noun"
#: What may follow such a count: the end of its item.
_COUNT_END = r"[ \t]*(?:[;,.()\n]|$)"
_OBJECT_GAP = (r"[\s,]*(?:\w+\s+){0,2}", regex.VERSION1)
#: What may stand between a count and the trailing words whose subject it is.
_SUBJECT_GAP = (r"[\s,]*(?:\w+\s+){0,2}", regex.VERSION1)
#: What may stand between two names read as one group of bodies (a few words, no punctuation).
_CHAIN_GAP = (r"[\s,]*(?:\w+\s+){0,4}", regex.VERSION1)
_BREAKDOWN_GAP = r"\s*[:：]?\s*"
#: What may stand between a verb and a count with a generic noun (đối với 5 đồng chí).
_NEAR = (r"[\s,:]*(?:\w+[\s,:]+){0,3}", regex.VERSION1)


@lru_cache(maxsize=None)
def _clause_head() -> regex.Pattern:
    """What may stand between a clause start and a count that takes the action carried over."""
    return compile_pattern(rf"[\s,]*(?:{connectors('join')}\s+)?", regex.VERSION1 | regex.IGNORECASE)


@dataclass(slots=True)
class _Fig:
    body: Optional[Body]
    action: str
    target: str
    count: int
    start: int
    end: int
    rule: str
    numeral: Optional[Numeral] = None
    broken_down: bool = False

    def to_model(self, ctx: Context) -> DisciplineFigure:
        span = ctx.span(self.start, self.end)
        action = DisciplineAction._value2member_map_.get(self.action)
        target = DisciplineTarget._value2member_map_.get(self.target)
        if action is None or target is None:
            # validated: the values of the tables are, when they are loaded; this raises as it did
            return DisciplineFigure(body=self.body, action=self.action, target=self.target, count=self.count,
                                    span=span, rule=self.rule)
        return count_figure(DisciplineFigure, span=span, rule=self.rule, body=self.body, action=action,
                            target=target, count=self.count)


class _Sentence:
    """State of one sentence."""

    __slots__ = (
        "action", "clause_action", "group", "group_after_action", "propose", "run", "run_part", "last_target",
        "last_fig", "has_fig", "diff", "share", "form_intro", "passive", "pending", "stack", "n_actions", "action_end",
        "breakdown_form", "skip", "toks", "carried", "clause_start", "membership", "ignored_body_end", "object_end",
        "verb_end",
    )

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
        self.stack: list[tuple[Optional[str], int]] = []
        self.n_actions = 0
        self.action_end = 0
        self.breakdown_form: Optional[Token] = None
        self.skip: set[int] = set()
        self.toks: list[Token] = []
        self.carried: Optional[str] = None
        self.clause_start = 0
        self.membership = False
        self.ignored_body_end = -1
        self.object_end = -1
        self.verb_end = 0


class _Reader:
    __slots__ = ("ctx", "view", "rule", "figs", "body", "party", "other", "body_known", "warned", "prev_fig")

    def __init__(self, ctx: Context, rule: Rule):
        self.ctx = ctx
        self.view = ctx.view
        self.rule = rule
        self.figs: list[_Fig] = []
        self.body: Optional[Body] = None
        self.party = False
        self.other = False
        self.body_known = False
        self.warned = False
        #: the last figure of the previous sentence, for a breakdown opened in the next one
        self.prev_fig: Optional[_Fig] = None

    # -- paragraph and sentence -------------------------------------------------
    def paragraph(self, start: int, end: int, heading: Optional[tuple[Optional[Body], bool]] = None) -> None:
        """Read a paragraph; ``heading`` is the body named by the heading it stands under."""
        self.body, self.party, self.other = None, False, False
        self.body_known = self.warned = False
        self.prev_fig = None
        if heading is not None:
            self.body, self.party = heading
            self.other, self.body_known = not self.party, True
        view = self.view
        label: Optional[str] = None
        last = last_reading(self.ctx, start, end)
        for s, e in sentences(view, start, end):
            if s > last:
                break  # no count or percent is left to read: the sentences after give nothing
            label = self.sentence(s, e, label if bullet_end(view, s) > s else None)

    def sentence(self, start: int, end: int, label: Optional[str] = None) -> Optional[str]:
        """Read a sentence (or a line); ``label`` is the action of the line ending with a colon
        that this bullet line stands under.  Returns the action a line ending with a colon
        gives to the bullet lines after it."""
        toks = tokenize(self.ctx, start, end)
        st = _Sentence()
        st.toks = toks
        if label is not None:
            st.carried, st.clause_start = label, bullet_end(self.view, start)
        n_before = len(self.figs)
        handlers = _handlers()
        last = len(toks) - 1
        for i, tok in enumerate(toks):
            if i in st.skip:
                continue
            handler = handlers.get(tok.kind)
            if handler is not None:
                handler(self, st, tok, i, toks[i - 1] if i else None, toks[i + 1] if i < last else None)
        self._end_clause(st)
        self.prev_fig = self.figs[-1] if len(self.figs) > n_before else None
        view = self.view
        stop = rstrip_end(view, start, end)
        if stop > start and view[stop - 1] == ":":
            return st.carried if st.carried is not None else label
        return label

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
        view = self.view
        if st.propose:
            return
        if st.object_end >= 0 and cached_pattern(*_OBJECT_GAP).fullmatch(view, st.object_end, tok.start):
            st.ignored_body_end = tok.end
            return
        if st.ignored_body_end >= 0 and cached_pattern(*_CHAIN_GAP).fullmatch(view, st.ignored_body_end, tok.start):
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
            prev = self.prev_fig
            if i == 0 and not st.has_fig and st.action is None and prev is not None and prev.action in _BROKEN_DOWN:
                # ``… kỷ luật 318 đảng viên. Cụ thể: khiển trách 196, …``: the breakdown of
                # the total that ended the sentence before
                st.has_fig, st.last_target, st.last_fig = True, prev.target, prev
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
            st.stack.append((st.action, st.n_actions))
        elif tok.value == ")" and st.stack:
            st.action, n_actions = st.stack.pop()
            if n_actions != st.n_actions:
                st.run = []  # the bracket read counts of its own: a form named after it is not theirs
            st.diff = st.share = False

    # -- actions -----------------------------------------------------------------
    def _set_action(self, st: _Sentence, action: Optional[str], tok: Token) -> None:
        self._commit(st)
        if action == "inspection" and st.action in _SPECIFIC_INSPECTION and not st.run \
                and cached_pattern(_LABEL_GAP).fullmatch(self.view, st.action_end, tok.start):
            action = st.action  # the label before the colon named the kind of inspection
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
        st.n_actions += 1
        st.action_end = st.verb_end = tok.end
        st.propose = False  # đề nghị governs the one action that follows it

    def _on_action(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        self._set_action(st, tok.value, tok)

    def _on_stop(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        self._set_action(st, None, tok)

    def _on_membership(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        self._set_action(st, None, tok)
        st.membership = True  # its differences are the membership extractor's

    _on_membership_trailing = _on_membership

    def _on_form(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        view = self.view
        if nxt is not None and nxt.kind == "number" and nxt.value is None and cached_pattern(_BREAKDOWN_GAP).fullmatch(view, tok.end, nxt.start):
            st.breakdown_form = tok
            return
        right_after_action = prev is not None and prev.kind == "action" and not view[prev.end : tok.start].strip()
        if st.run and (st.form_intro or right_after_action):
            action = "discipline_proposed" if st.action == "discipline_proposed" else tok.value
            for f in st.run:
                if not f.broken_down:
                    f.action, f.rule = action or f.action, f.rule + "+form_after"
            st.form_intro, st.run = False, []
            return
        self._set_action(st, tok.value, tok)

    def _on_modifier(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        st.action_end = max(st.action_end, tok.end)
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
                st.action_end = max(st.action_end, tok.end)  # ``…có vi phạm, trong đó 38 trường hợp``
            return
        if tok.value == "discipline_required":
            if st.pending and cached_pattern(*_SUBJECT_GAP).fullmatch(self.view, st.pending[-1].end, tok.start):
                # ``…; 38 đảng viên phải thi hành kỷ luật``: the counts are its subject
                for p in st.pending:
                    if self._accepts(p, tok.value):
                        self._emit(st, p, tok.value, "discipline.count+trailing")
                st.pending = []
            self._set_action(st, tok.value, tok)

    # -- numbers -----------------------------------------------------------------
    def _claim(self, tok: Token, role: NumberRole, rule: str) -> None:
        if tok.numeral is not None:
            self.ctx.claim(tok.numeral, role, CATEGORY, rule)

    def _emit(self, st: _Sentence, tok: Token, action: str, rule: str) -> _Fig:
        assert tok.numeral is not None and tok.numeral.value is not None
        fig = _Fig(self.body, action, tok.value or "member", int(tok.numeral.value), tok.start, tok.end, rule, tok.numeral)
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
        if self.view[toks[i].end : toks[i + 1].start].strip(" ,"):
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
                if self._accepts(p, st.carried) and _clause_head().fullmatch(self.view, st.clause_start, p.start):
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
        if tok.generic and not st.run and not cached_pattern(*_NEAR).fullmatch(self.view, st.action_end, tok.start):
            return  # "kiểm tra sức khỏe cho 1.200 người": a generic noun far from its verb
        self._emit(st, tok, st.action, "discipline.count")

    def _bare_number(self, st: _Sentence, tok: Token, i: int, nxt: Optional[Token]) -> None:
        """A number with no noun: one line of a breakdown when a form stands right before or after it."""
        view = self.view
        form_tok, st.breakdown_form = st.breakdown_form, None
        start, end = tok.start, tok.end
        if form_tok is not None:
            start = form_tok.start
        elif nxt is not None and nxt.kind == "form" and not view[tok.end : nxt.start].strip():
            form_tok, end = nxt, nxt.end
            st.skip.add(i + 1)
        if form_tok is not None and st.action == "discipline_proposed":
            return  # the forms of a proposal are not decisions
        if form_tok is not None and form_tok.value and (st.has_fig or st.action is not None):
            assert tok.numeral is not None and tok.numeral.value is not None
            fig = _Fig(self.body, form_tok.value, st.last_target or "member", int(tok.numeral.value), start, end,
                       "discipline.breakdown", tok.numeral)
            self.figs.append(fig)
            self._claim(tok, NumberRole.figure, fig.rule)
            if st.run:
                st.run[-1].broken_down = True
            st.last_fig, st.has_fig = fig, True
            return
        if form_tok is None and not st.diff and st.clause_action and st.action is not None:
            self._count_after_noun(st, tok)
            return
        if st.diff and st.has_fig:
            self._claim(tok, NumberRole.difference, "discipline.difference")

    def _count_after_noun(self, st: _Sentence, tok: Token) -> None:
        """``Kiểm tra đảng viên khi có dấu hiệu vi phạm: 8``: a bare count after a colon takes
        the one target noun named between its action and the colon."""
        view = self.view
        if st.run and not st.run[-1].rule.startswith(_AFTER_NOUN):
            return  # counts with their noun after it came first: a bare count is no such pair
        start = st.run[-1].end if st.run else st.verb_end  # "… tổ chức đảng: 6, đảng viên: 9"
        if not cached_pattern(_LABEL_GAP_END).fullmatch(view, start, tok.start) or not cached_pattern(_COUNT_END).match(view, tok.end):
            return
        found = targets_in(view, start, tok.start)
        if not found or len({(t, g) for _, _, t, g in found}) != 1:
            return
        noun_start, _, target, generic = found[-1]
        counted = Token(noun_start, tok.end, "number", target, tok.numeral, generic)
        if self._accepts(counted, st.action) and st.action is not None:
            self._emit(st, counted, st.action, _AFTER_NOUN)

    def _on_percent(self, st: _Sentence, tok: Token, i: int, prev, nxt) -> None:
        if st.last_fig is None:
            if st.share and st.has_fig and any(t.kind in ("form", "action") for t in st.toks[_clause_first(st, i) : i]):
                # ``…, khai trừ 30; số đảng viên bị khai trừ chiếm 9,4%``: the share of a
                # figure of the clause before
                self._claim(tok, NumberRole.share, "discipline.share")
                st.share = False
            return
        if st.share or st.stack:
            self._claim(tok, NumberRole.share, "discipline.share")
        else:
            self._claim(tok, NumberRole.qualifier_percent, "discipline.qualifier")
        st.share = False


@lru_cache(maxsize=None)
def _handlers() -> dict[str, Callable[..., None]]:
    """``{token kind: the reader's method _on_<kind>}``."""
    return {name[len("_on_"):]: f for name, f in vars(_Reader).items() if name.startswith("_on_")}


def _clause_first(st: _Sentence, i: int) -> int:
    """Index of the first token of the clause holding token ``i``."""
    k = i
    while k > 0 and st.toks[k - 1].start >= st.clause_start:
        k -= 1
    return k


def _production(m: regex.Match, ctx: Context, rule: Rule) -> list[DisciplineFigure]:
    found: list[tuple[DisciplineFigure, Optional[Numeral]]] = []
    view = ctx.view
    heading: Optional[tuple[Optional[Body], bool]] = None  # of the last heading in capitals
    title: Optional[tuple[Optional[Body], bool]] = None  # of a title line over the bullets that follow
    units = paragraphs(ctx, m.start(), m.end())
    readable = _readable(ctx)
    wanted = [readable(a, b) for a, b in units]
    last = len(wanted) - 1
    while last >= 0 and not wanted[last]:
        last -= 1
    for k, (a, b) in enumerate(units[: last + 1]):  # the headings after the last paragraph read tell nothing
        line = heading_line(view, a, b)
        mark_end = bullet_end(view, a)
        if line is not None and any(n.kind in COUNT_KINDS for n in ctx.numerals_in(mark_end, line[1])):
            line = None  # a headline in capitals stating counts ("UBKT TỈNH KỶ LUẬT 12 ĐẢNG VIÊN")
        if line is not None:
            heading, title = _heading_body(ctx, *line), None
        elif mark_end == a:
            title = None  # a paragraph of running text ends the bullets of a title
        if line is None and k + 1 < len(units) and title_line(view, a, b):
            nxt = units[k + 1][0]
            if bullet_end(view, nxt) > nxt:
                title = _heading_body(ctx, a, b) or title
        if not wanted[k]:
            continue
        reader = _Reader(ctx, rule)
        reader.paragraph(a, b, title or heading)
        found.extend((f.to_model(ctx), f.numeral) for f in reader.figs)
    out = drop_rounded_restatements(ctx, found, _rounded_key, CATEGORY)
    return drop_headline_restatements(ctx, out, _restated_key, CATEGORY)


def _readable(ctx: Context) -> Callable[[int, int], bool]:
    """Whether a paragraph ``[start, end)`` may give a figure or a claim; the others are not read.

    A figure needs a count followed by its target noun, or after a label's colon, or making
    one line of a breakdown with a form next to it.  A claim needs a count with its target
    noun or a figure.  A figure also needs a phrase of an action, a form or a trailing
    action in its paragraph (its action, carried at most to the end of the paragraph), and a
    claim with no figure a difference marker and a count of a party target (``tăng 3 chi
    bộ``): a paragraph where the words of none of these phrases stand is not read either.
    """
    view = ctx.view
    free = free_counts(ctx)
    counts = [n.start for n in free]
    targets = targets_of(ctx, free)
    figures = [n.start for n, found in zip(free, targets) if found is not None or after_colon(view, 0, n.start)]
    party = [n.start for n, found in zip(free, targets) if found is not None and not found[2]]
    acting, difference, forms = phrase_words(_ACTING), phrase_words(_DIFFERENCE), phrase_words(_FORM)
    whole = folded_view(ctx)

    def readable(start: int, end: int) -> bool:
        folded = None
        if not any_in(figures, start, end):
            i, j = bisect.bisect_left(counts, start), bisect.bisect_left(counts, end)
            if i == j:
                return False
            if whole is not None:
                folded = whole[start:end]
                if not may_hold(folded, forms):
                    return False  # no form next to a count either (form_next_to reads a whole form)
            if not any(form_next_to(view, n.start, n.end, start, end, whole) for n in free[i:j]):
                return False
        if folded is None:
            folded = folded_range(view, whole, start, end)
        if folded is None:
            return True  # a character the folded patterns do not read: the words are not compared
        return may_hold(folded, acting) or (any_in(party, start, end) and may_hold(folded, difference))

    return readable


def _heading_body(ctx: Context, start: int, end: int) -> Optional[tuple[Optional[Body], bool]]:
    """The body a heading names (``… CỦA ỦY BAN KIỂM TRA THÀNH ỦY``), as ``(body, is a
    party body)``, carried to the paragraphs and bullets under it; None when it names
    none.  In a heading, a body after ``của`` is its owner, not an object.

    A heading in capitals holds until the next one; a title line in running case
    (``2. Công tác kiểm tra của UBKT Huyện ủy``) holds for the bullet lines right after it."""
    kinds = [t.value or "" for t in phrase_tokens(ctx, start, end) if t.kind == "body"]
    return body_of(kinds) if kinds else None


def _rounded_key(f: DisciplineFigure) -> tuple:
    return (f.action, f.target)


def _restated_key(f: DisciplineFigure) -> tuple:
    return (f.action, f.target, f.count)


#: The whole text is read paragraph by paragraph (a paragraph: a line and its bullet list).
RULES: tuple[Rule, ...] = (
    Rule("discipline.paragraphs", compile_pattern(r"\A.*\Z", regex.DOTALL), _production),
)


def extract(ctx: Context) -> list[DisciplineFigure]:
    """Discipline figures of the document, in text order."""
    return run_rules(RULES, ctx)
