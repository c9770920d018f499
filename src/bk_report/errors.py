"""The library's exceptions: a small ``ValueError`` hierarchy, message on the class.

>>> issubclass(NumberError, ValueError)
True
"""


class BkReportError(ValueError):
    """Base of every error this library raises on bad input or bad data."""


class NumberError(BkReportError):
    """The string is not exactly one Vietnamese number."""


class QuantityError(BkReportError):
    """The string is not exactly one figure with an optional qualifier and unit."""


class LexiconError(BkReportError):
    """A language-data file under ``bk_report/data`` is malformed."""
