"""fast_init: the same instances as a frozen dataclass's own __init__, made faster."""
from __future__ import annotations

import dataclasses
from dataclasses import FrozenInstanceError, dataclass
from typing import Optional

import pytest
from hypothesis import given, strategies as st

from bk_report.frozen import fast_init


@fast_init
@dataclass(frozen=True, slots=True, init=False)
class Fast:
    a: int
    b: str
    c: Optional[int] = None
    d: bool = False


@dataclass(frozen=True, slots=True)
class Plain:
    a: int
    b: str
    c: Optional[int] = None
    d: bool = False


@given(st.integers(), st.text(max_size=5), st.none() | st.integers(), st.booleans())
def test_same_fields_as_the_dataclass_init(a, b, c, d):
    assert dataclasses.astuple(Fast(a, b, c, d)) == dataclasses.astuple(Plain(a, b, c, d))
    assert dataclasses.astuple(Fast(a, b=b, d=d)) == dataclasses.astuple(Plain(a, b=b, d=d))
    assert Fast(a, b, c, d) == Fast(a, b, c, d) and hash(Fast(a, b, c, d)) == hash(Fast(a, b, c, d))


def test_still_frozen_and_replaceable():
    x = Fast(1, "x")
    with pytest.raises(FrozenInstanceError):
        x.a = 2  # type: ignore[misc]
    assert dataclasses.replace(x, c=3) == Fast(1, "x", 3)
    with pytest.raises(TypeError):
        Fast(1)  # type: ignore[call-arg]  # a field without default is required


def test_refuses_a_class_it_cannot_speed_up():
    with pytest.raises(TypeError, match="fast_init wants"):
        fast_init(Plain)

    @dataclass(frozen=True, slots=True, init=False)
    class Factory:
        xs: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="default_factory"):
        fast_init(Factory)
