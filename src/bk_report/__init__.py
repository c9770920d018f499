"""bk_report: Vietnamese local-government and party reports to validated, typed data.

>>> import bk_report
>>> r = bk_report.extract("HĐND thành phố đã tổ chức 05 kỳ họp.")
>>> isinstance(r, bk_report.Report)
True
>>> bk_report.parse_number("hai mươi mốt")
Decimal('21')
"""
from .batch import Result, extract_file, extract_many
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
from .export import to_dataframe
from .sources import MissingExtraError, Source, SourceError, read_source
from .quantities import parse_quantity
from .tokenizer import Token, normalize, tokenize

__version__ = "0.1.0"

__all__ = [
    "extract",
    "extract_file",
    "extract_many",
    "Result",
    "read_source",
    "Source",
    "SourceError",
    "MissingExtraError",
    "to_dataframe",
    "parse_number",
    "to_words",
    "parse_quantity",
    "tokenize",
    "normalize",
    "Token",
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
