"""Models: the memory-saving choices keep the behaviour of plain pydantic models."""
from __future__ import annotations

import dataclasses
import pickle
from decimal import Decimal

import pytest

import bk_report
from bk_report.models import (
    Body, CouncilFigure, CouncilMeasure, DisciplineAction, DisciplineFigure, DisciplineTarget, Indicator, MembershipAction, MembershipFigure, NumberMention, Report,
    Span, unchecked_figure,
)


def _indicator(name: str, start: int) -> Indicator:
    return Indicator(name=name, value=Decimal("3.5"), unit="%", span=Span(start=start, end=start + 4, text="3,5%"), rule="r")


def test_shared_field_names_never_leak_between_figures() -> None:
    a, b = _indicator("tăng trưởng", 0), _indicator("hộ nghèo", 10)
    before = set(b.model_fields_set)
    c = a.model_copy(update={"key": "poverty_rate"})
    assert "key" in c.model_fields_set
    assert "key" not in a.model_fields_set and b.model_fields_set == before
    assert c.model_dump(exclude_unset=True)["key"] == "poverty_rate"
    assert "key" not in b.model_dump(exclude_unset=True)


def test_figures_survive_pickle_json_and_equality() -> None:
    r = bk_report.extract("Năm 2023, tỷ lệ hộ nghèo giảm còn 3,5%; HĐND tổ chức 05 kỳ họp.")
    assert pickle.loads(pickle.dumps(r)) == r
    assert bk_report.Report.model_validate_json(r.model_dump_json()) == r
    assert r.numbers and all(isinstance(n, NumberMention) for n in r.numbers)


def test_span_is_validated_frozen_and_hashable() -> None:
    s = Span(start=3, end=5, text="05")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.start = 4  # type: ignore[misc]
    with pytest.raises(ValueError):
        Span(start=-1, end=0, text="")
    with pytest.raises(ValueError):
        Span(start="x", end=0, text="")  # type: ignore[arg-type]
    assert {s: 1}[Span(start=3, end=5, text="05")] == 1


def test_slot_constructor_needs_every_slot() -> None:
    from bk_report.frozen import slot_constructor

    assert slot_constructor(Span, ("start", "end", "text"))(1, 2, "x") == Span(start=1, end=2, text="x")
    with pytest.raises(TypeError, match="every slot"):
        slot_constructor(Span, ("start", "end"))


def test_unchecked_constructors_make_what_the_classes_make():
    from decimal import Decimal

    from bk_report.models import NumberMention, NumberRole, Span, unchecked_mention, unchecked_span

    span = unchecked_span(3, 5, "12")
    assert span == Span(start=3, end=5, text="12")
    mention = unchecked_mention(span, Decimal(12), NumberRole.figure, "council", "council.sessions")
    assert mention == NumberMention(span=Span(start=3, end=5, text="12"), value=Decimal(12), role=NumberRole.figure,
                                    category="council", rule="council.sessions")


@pytest.mark.parametrize(
    "cls, fields",
    [
        (DisciplineFigure, dict(span=Span(3, 5, "12"), rule="r", body=None, action=DisciplineAction.reprimand,
                                target=DisciplineTarget.member, count=12)),
        (DisciplineFigure, dict(span=Span(0, 1, "7"), rule="r", body=Body.inspection_commission,
                                action=DisciplineAction.inspection, target=DisciplineTarget.organization, count=7)),
        (MembershipFigure, dict(span=Span(0, 2, "41"), rule="r", action=MembershipAction.admitted, count=41)),
        (CouncilFigure, dict(span=Span(0, 1, "9"), rule="r", measure=CouncilMeasure.resolutions, count=9)),
    ],
)
def test_unchecked_figure_is_the_validated_figure(cls, fields):
    fast, slow = unchecked_figure(cls, **fields), cls(**fields)
    assert fast == slow
    assert fast.model_fields_set == slow.model_fields_set
    assert fast.model_dump_json() == slow.model_dump_json()
    field = {DisciplineFigure: "discipline", MembershipFigure: "membership", CouncilFigure: "council"}[cls]
    assert Report.model_validate_json(Report(**{field: [fast]}).model_dump_json()) == Report(**{field: [slow]})


def test_count_figure_validates_a_count_below_zero():
    from pydantic import ValidationError

    from bk_report.models import count_figure

    with pytest.raises(ValidationError):
        count_figure(MembershipFigure, span=Span(0, 2, "-4"), rule="r", action=MembershipAction.admitted, count=-4)
