"""bk_report: Vietnamese local-government and party reports to validated, typed data.

>>> import bk_report
>>> r = bk_report.extract("HĐND thành phố đã tổ chức 05 kỳ họp.")
>>> isinstance(r, bk_report.Report)
True
>>> bk_report.parse_number("hai mươi mốt")
Decimal('21')
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

#: Where each public name lives.  ``import bk_report`` loads none of them: the first
#: use of a name loads its module (and pydantic, whose import alone is most of the
#: package's), so a command line or a worker process that needs little starts fast.
_HOMES = {
    "extract": "pipeline",
    "extract_file": "batch",
    "extract_many": "batch",
    "Result": "batch",
    "read_source": "sources",
    "Source": "sources",
    "SourceError": "sources",
    "MissingExtraError": "sources",
    "to_dataframe": "export",
    "parse_number": "numerals",
    "to_words": "numerals",
    "parse_quantity": "quantities",
    "tokenize": "tokenizer",
    "normalize": "tokenizer",
    "Token": "tokenizer",
    "expand_abbreviation": "lexicon",
    "BkReportError": "errors",
    "NumberError": "errors",
    "QuantityError": "errors",
    "LexiconError": "errors",
    **{
        name: "models"
        for name in (
            "Report", "Span", "ReportWarning", "NumberMention", "NumberRole", "DisciplineFigure",
            "MembershipFigure", "CouncilFigure", "Indicator", "TargetTally", "Quantity", "Body",
            "DisciplineAction", "DisciplineTarget", "MembershipAction", "CouncilMeasure", "Unit",
            "Qualifier", "Status", "Kind",
        )
    },
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'bk_report' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value  # later uses are plain attribute lookups
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


if TYPE_CHECKING:  # what static tools see: the same names, imported eagerly
    from .batch import Result, extract_file, extract_many
    from .errors import BkReportError, LexiconError, NumberError, QuantityError
    from .export import to_dataframe
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
    from .quantities import parse_quantity
    from .sources import MissingExtraError, Source, SourceError, read_source
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
