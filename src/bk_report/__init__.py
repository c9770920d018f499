"""bk_report: Vietnamese local-government and party reports to validated, typed data.

>>> import bk_report
>>> r = bk_report.extract("HĐND thành phố đã tổ chức 05 kỳ họp.")
>>> isinstance(r, bk_report.Report)
True
>>> bk_report.parse_number("hai mươi mốt")
Decimal('21')
"""
from .errors import BkReportError, LexiconError, NumberError, QuantityError
from .lexicon import expand_abbreviation
from .models import (
    Body,
    CouncilFigure,
    CouncilMeasure,
    DisciplineAction,
    DisciplineFigure,
    DisciplineTarget,
    Indicator,
    Kind,
    MembershipAction,
    MembershipFigure,
    NumberMention,
    NumberRole,
    Qualifier,
    Quantity,
    Report,
    ReportWarning,
    Span,
    Status,
    TargetTally,
    Unit,
)
from .numerals import parse_number, to_words
from .pipeline import extract

__version__ = "0.1.0"

__all__ = [
    "extract",
    "parse_number",
    "to_words",
    "expand_abbreviation",
    "BkReportError",
    "NumberError",
    "QuantityError",
    "LexiconError",
    "Report",
    "Span",
    "ReportWarning",
    "NumberMention",
    "NumberRole",
    "DisciplineFigure",
    "MembershipFigure",
    "CouncilFigure",
    "Indicator",
    "TargetTally",
    "Quantity",
    "Body",
    "DisciplineAction",
    "DisciplineTarget",
    "MembershipAction",
    "CouncilMeasure",
    "Unit",
    "Qualifier",
    "Status",
    "Kind",
]
