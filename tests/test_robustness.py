"""Junk fed to every public function of ``bk_report.__all__``.

Each function may only fail with the exceptions it documents (``TypeError`` for a
value of the wrong type, and its own ``BkReportError`` / ``KeyError``); ``extract``,
``tokenize`` and ``normalize`` never raise for any ``str``.  Functions are
discovered from ``__all__``, so a new public function is fed junk too.
"""
from __future__ import annotations

import inspect
import unicodedata

import pytest

import bk_report
from bk_report import BkReportError

_SAMPLE = "Uỷ ban Kiểm tra Huyện uỷ đã kỷ luật 05 đảng viên; sản lượng đạt 3.915 tấn, tăng 7,5%."

JUNK_STR = {
    "empty": "",
    "spaces": " \t\n\u00a0\u200b ",
    "emoji": "😀🇻🇳👨‍👩‍👧 ✓",
    "control": "\x00\x01\x07\x1b\x7f\r\x0c",
    "combining_alone": "\u0301\u0303\u0309\u0323",
    "combining_after_digits": "5\u0301 tấn 7,5\u0323%",
    "nfd": unicodedata.normalize("NFD", _SAMPLE),
    "rtl_and_cjk": "مرحبا 你好 שלום",
    "roman_code_points": "Ⅻ ⅻ Ⅸ",
    "fullwidth_digits": "１２３ tấn ٣٤٥",
    "surrogate": "a\ud800b",
    "numbers_only": "0 57% 575, tỷ 1.2.3 ,,, ... /// --- 12/ /12 99999999999999999999999999999999999",
    "one_mb": ("a" * 999_000) + "😀\u0301\x00 Uỷ ban " * 100,
    "100kb_combining": "\u0301" * 100_000,
    "50kb_words": ("kiểm tra " * 6_000)[:50_000],
    "10kb_emoji": "😀" * 10_000,
    "20kb_report": (_SAMPLE + "\n") * 240,
}
JUNK_OTHER = {"none": None, "int": 5, "float": 1.5, "bytes": b"abc", "list": ["x"], "dict": {}}

#: exceptions each function documents for junk; others default to ``TypeError`` + ``BkReportError``
DOCUMENTED: dict[str, tuple[type[BaseException], ...]] = {
    "extract": (),
    "tokenize": (),
    "normalize": (),
    "parse_number": (bk_report.NumberError,),
    "parse_quantity": (bk_report.QuantityError,),
    "expand_abbreviation": (KeyError,),
    "to_words": (TypeError,),
    # file readers: a junk string is a path that is not there
    "extract_file": (BkReportError, OSError),
    "read_source": (BkReportError, OSError),
}
#: too slow to run on the 1 MB junk, with the reason
SKIP_LARGE = {"extract_many": "runs extract per item of an iterable: the 1 MB str is a million items"}
PATH_READERS = ("extract_file", "read_source")


def _known_failure(name: str, junk: str) -> str | None:
    """Why this call is known to fail (a strict xfail), or None."""
    text = JUNK_STR[junk]
    if name in PATH_READERS and "\x00" in text:
        return "a NUL in a path escapes as a plain ValueError, not SourceError"
    if name in PATH_READERS and any("\ud800" <= c <= "\udfff" for c in text):
        return "a lone surrogate in a path escapes as UnicodeEncodeError, not SourceError"
    return None


def _functions():
    for name in bk_report.__all__:
        obj = getattr(bk_report, name)
        if inspect.isfunction(obj):
            yield name, obj


FUNCTIONS = dict(_functions())


def test_the_public_api_is_discovered():
    assert {"extract", "parse_number", "to_words", "parse_quantity", "tokenize", "normalize", "expand_abbreviation"} <= set(FUNCTIONS)


def _cases():
    for name in FUNCTIONS:
        for junk in JUNK_STR:
            marks = []
            why = _known_failure(name, junk)
            if why:
                marks.append(pytest.mark.xfail(strict=True, reason=why))
            if name in SKIP_LARGE and len(JUNK_STR[junk]) > 1_000:
                marks.append(pytest.mark.skip(reason=SKIP_LARGE[name]))
            yield pytest.param(name, junk, id=f"{name}-{junk}", marks=marks)


@pytest.mark.parametrize("name,junk", list(_cases()))
def test_str_junk_raises_only_documented_errors(name, junk):
    func = FUNCTIONS[name]
    allowed = DOCUMENTED.get(name, (TypeError, BkReportError))
    try:
        result = func(JUNK_STR[junk])
        if inspect.isgenerator(result) or name == "extract_many":
            list(result)
    except allowed:
        pass


#: functions that take an iterable of items, not one str: a list or a dict is a fair argument
ITERABLE_ARGS = {"extract_many", "to_dataframe"}


@pytest.mark.parametrize("name", list(FUNCTIONS))
@pytest.mark.parametrize("junk", list(JUNK_OTHER))
def test_non_str_junk_is_a_type_error(name, junk):
    func = FUNCTIONS[name]
    value = JUNK_OTHER[junk]
    if name == "to_words" and isinstance(value, int):
        assert func(value) == "năm"
        return
    if name in ITERABLE_ARGS and isinstance(value, (list, dict, bytes)):
        return
    allowed = (TypeError, BkReportError) if name in ITERABLE_ARGS else (TypeError,)
    with pytest.raises(allowed):
        result = func(value)
        if inspect.isgenerator(result) or name == "extract_many":
            list(result)


@pytest.mark.parametrize("junk", [j for j in JUNK_STR if len(JUNK_STR[j]) <= 30_000])
def test_extract_spans_hold_on_junk(junk):
    text = JUNK_STR[junk]
    report = bk_report.extract(text)
    for mention in report.numbers:
        span = mention.span
        assert text[span.start : span.end] == span.text
    for tok in bk_report.tokenize(text):
        assert text[tok.span.start : tok.span.end] == tok.span.text
