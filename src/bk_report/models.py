"""Typed output of :func:`bk_report.extract` — the contract of ``SCHEMA.md``.

Every model is a frozen pydantic v2 model.  Field names and enum values are the
ones of the schema; the library adds provenance (``span``, ``rule``) and
``numbers`` / ``warnings``.  :class:`Span` and :class:`NumberMention`, of which a
report holds one per figure and one per numeral, are frozen pydantic dataclasses
with slots: validated and serialised like the models, in a third of the memory
(``dataclasses.asdict`` gives their fields).

>>> import dataclasses
>>> s = Span(start=0, end=3, text="abc")
>>> dataclasses.asdict(s)
{'start': 0, 'end': 3, 'text': 'abc'}
>>> try:
...     Span(start=-1, end=0, text="")
... except ValueError as exc:
...     print(type(exc).__name__)
ValidationError
"""
from __future__ import annotations

from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Annotated, Optional, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass as pydantic_dataclass

from .frozen import slot_constructor


class _Frozen(BaseModel):
    # defer_build: validators are built on first use, not at import (about 50 ms)
    model_config = ConfigDict(frozen=True, use_enum_values=False, defer_build=True)

    def model_post_init(self, context: object, /) -> None:
        # Figures of a report set the same few combinations of fields, and each instance
        # would keep its own set of their names (700 bytes for ten names, more than the
        # values).  A frozen model never changes that set in place (model_copy copies it
        # first), so instances with the same names share one.
        object.__setattr__(self, "__pydantic_fields_set__", _shared_names(frozenset(self.__pydantic_fields_set__)))


@lru_cache(maxsize=1024)
def _shared_names(names: frozenset[str]) -> set[str]:
    return set(names)


@pydantic_dataclass(frozen=True, slots=True, config=ConfigDict(defer_build=True))
class Span:
    """A slice of the caller's original string: ``text[start:end] == span.text``."""

    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    text: str


class Body(str, Enum):
    party_committee = "party_committee"
    inspection_commission = "inspection_commission"


class DisciplineAction(str, Enum):
    inspection = "inspection"
    inspection_on_violation_signs = "inspection_on_violation_signs"
    inspection_of_enforcement = "inspection_of_enforcement"
    inspection_of_finance = "inspection_of_finance"
    supervision = "supervision"
    inspection_and_supervision = "inspection_and_supervision"
    violation_found = "violation_found"
    discipline_required = "discipline_required"
    discipline_review = "discipline_review"
    discipline_proposed = "discipline_proposed"
    disciplined = "disciplined"
    reprimand = "reprimand"
    warning = "warning"
    removal = "removal"
    expulsion = "expulsion"
    dissolution = "dissolution"
    suspension = "suspension"
    denunciation = "denunciation"
    appeal = "appeal"


class DisciplineTarget(str, Enum):
    organization = "organization"
    member = "member"
    committee_member = "committee_member"


class MembershipAction(str, Enum):
    admitted = "admitted"
    struck_off = "struck_off"
    exit_allowed = "exit_allowed"


class CouncilMeasure(str, Enum):
    sessions_held = "sessions_held"
    regular_sessions = "regular_sessions"
    thematic_sessions = "thematic_sessions"
    session_number = "session_number"
    resolutions = "resolutions"
    supervisions = "supervisions"
    surveys = "surveys"
    voter_meetings = "voter_meetings"
    voter_opinions = "voter_opinions"
    questions = "questions"
    confidence_votes = "confidence_votes"
    citizen_receptions = "citizen_receptions"
    letters = "letters"


class Unit(str, Enum):
    VND = "VND"
    USD = "USD"
    t = "t"
    kg = "kg"
    ha = "ha"
    km = "km"
    m = "m"
    m2 = "m2"
    m3 = "m3"
    percent = "%"
    person = "person"
    household = "household"
    times = "times"
    count = "count"


class Qualifier(str, Enum):
    exact = "exact"
    more_than = "more_than"
    less_than = "less_than"
    nearly = "nearly"
    about = "about"
    at_least = "at_least"
    at_most = "at_most"


class Status(str, Enum):
    actual = "actual"
    estimate = "estimate"
    target = "target"


class Kind(str, Enum):
    level = "level"
    change = "change"


class NumberRole(str, Enum):
    """What a numeral of the text turned out to be (see ``Report.numbers``)."""

    figure = "figure"
    qualifier_percent = "qualifier_percent"
    year = "year"
    date = "date"
    period = "period"
    document_number = "document_number"
    ordinal = "ordinal"
    difference = "difference"
    share = "share"
    part_of_name = "part_of_name"
    restatement = "restatement"
    unassigned = "unassigned"


class ReportWarning(_Frozen):
    """Something the reader should look at: a broken number, an unresolved body."""

    code: str
    message: str
    span: Optional[Span] = None


class _Figure(_Frozen):
    span: Span
    rule: str


class DisciplineFigure(_Figure):
    body: Optional[Body] = None
    action: DisciplineAction
    target: DisciplineTarget
    count: int = Field(ge=0)


class MembershipFigure(_Figure):
    action: MembershipAction
    count: int = Field(ge=0)


class CouncilFigure(_Figure):
    measure: CouncilMeasure
    count: int = Field(ge=0)


class Indicator(_Figure):
    name: str
    value: Decimal
    value_high: Optional[Decimal] = None
    unit: Unit
    qualifier: Qualifier = Qualifier.exact
    status: Status = Status.actual
    kind: Kind = Kind.level
    of_total: Optional[Decimal] = None
    plan_percent: Optional[Decimal] = None
    change_percent: Optional[Decimal] = None
    #: canonical indicator key (``retail_sales`` …) or None; see ``indicator_keys.tsv``
    key: Optional[str] = None
    #: the wording of the key table that matched ``name`` (why this key)
    key_match: Optional[str] = None
    #: sector of a breakdown (``trong đó nông-lâm-thủy sản tăng 5,89%``) keeping the parent's key
    sector: Optional[str] = None


class TargetTally(_Figure):
    met: Optional[int] = Field(default=None, ge=0)
    total: Optional[int] = Field(default=None, ge=0)
    missed: Optional[int] = Field(default=None, ge=0)


class Quantity(_Frozen):
    """One figure with its qualifier and unit, as read by :func:`parse_quantity`."""

    value: Decimal
    value_high: Optional[Decimal] = None
    unit: Unit
    qualifier: Qualifier = Qualifier.exact
    noun: Optional[str] = None
    text: str


@pydantic_dataclass(frozen=True, slots=True, config=ConfigDict(defer_build=True))
class NumberMention:
    """A numeral of the text and the role the extractors gave it."""

    span: Span
    value: Optional[Decimal] = None
    role: NumberRole = NumberRole.unassigned
    category: Optional[str] = None
    rule: Optional[str] = None


#: Constructors for the objects made by the thousand, unvalidated, taking their fields in order:
#: ``unchecked_span(start, end, text)``, ``unchecked_mention(span, value, role, category, rule)``
unchecked_span = slot_constructor(Span, ("start", "end", "text"))
unchecked_mention = slot_constructor(NumberMention, ("span", "value", "role", "category", "rule"))


_Model = TypeVar("_Model", bound=BaseModel)


def unchecked_figure(cls: type[_Model], **fields: object) -> _Model:
    """``cls(**fields)`` without validation, for a figure made by the hundred: every field
    given, in the order of ``cls.model_fields``, each a value validation keeps as it is (an
    enum member, not its value; a :class:`Span`; an ``int`` in range).  The caller checks
    what validation would refuse (an unknown enum value, a count below zero) and builds the
    model the validated way there.  The instance equals the validated one, down to its set
    of field names.

    >>> from bk_report.models import MembershipAction, MembershipFigure, Span
    >>> kw = dict(span=Span(0, 2, "41"), rule="r", action=MembershipAction.admitted, count=41)
    >>> unchecked_figure(MembershipFigure, **kw) == MembershipFigure(**kw)
    True
    """
    obj = _new(cls)
    _set(obj, "__dict__", fields)
    _set(obj, "__pydantic_fields_set__", _fields_set(cls, tuple(fields)))
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


def count_figure(cls: type[_Model], **fields: object) -> _Model:
    """:func:`unchecked_figure`, but validated (raising as ``cls(**fields)`` does) where
    validation refuses the ``count``: below zero.  The other fields are the caller's to check.

    >>> from bk_report.models import MembershipAction, MembershipFigure, Span
    >>> count_figure(MembershipFigure, span=Span(0, 2, "41"), rule="r", action=MembershipAction.admitted, count=41).count
    41
    """
    if fields["count"] < 0:  # type: ignore[operator]
        return cls(**fields)
    return unchecked_figure(cls, **fields)


@lru_cache(maxsize=None)
def _fields_set(cls: type[BaseModel], names: tuple[str, ...]) -> set[str]:
    """The set of field names that ``cls.model_post_init`` gives a figure with the fields
    ``names`` (figures with the same names share one set)."""
    probe = _new(cls)
    _set(probe, "__pydantic_fields_set__", set(names))
    probe.model_post_init(None)
    return probe.__pydantic_fields_set__


_new = object.__new__
_set = object.__setattr__


class Locality(_Frozen):
    """The administrative unit (or party body) a report is about."""

    name: str
    level: Optional[str] = None  # national, province, city, town, district, commune, party bloc
    province: Optional[str] = None
    current_name: Optional[str] = None  # the unit after the 2025 reorganisation, when different
    current_province: Optional[str] = None
    gazetteer: Optional[str] = None  # gazetteer package and version used
    span: Optional[Span] = None


class Period(_Frozen):
    """The period whose results a report covers."""

    year: Optional[int] = None
    part: Optional[str] = None  # "Q1".."Q4", "6M", "9M", "11M", or None for a full year
    term_start: Optional[int] = None
    term_end: Optional[int] = None
    span: Optional[Span] = None


class Report(_Frozen):
    """Everything :func:`bk_report.extract` found in one text."""

    year: Optional[int] = None
    discipline: list[DisciplineFigure] = Field(default_factory=list)
    membership: list[MembershipFigure] = Field(default_factory=list)
    council: list[CouncilFigure] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    targets: list[TargetTally] = Field(default_factory=list)
    locality: Optional[Locality] = None
    period: Optional[Period] = None
    numbers: list[NumberMention] = Field(default_factory=list)
    warnings: list[ReportWarning] = Field(default_factory=list)

    def to_rows(self, source: Optional[str] = None) -> list[dict]:
        """One flat dict per figure: source, year, category, the figure's fields, span, rule.

        See :func:`bk_report.export.report_rows`; ``bk_report.to_dataframe`` makes a DataFrame.
        """
        from .export import report_rows

        return report_rows(self, source)
