"""README.md's Python examples run as doctests, so the README cannot drift from the code."""
from __future__ import annotations

import doctest
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _examples():
    text = README.read_text(encoding="utf-8")
    return doctest.DocTestParser().get_doctest(text, {}, "README.md", str(README), 0)


def test_readme_has_python_examples():
    assert len(_examples().examples) >= 3


def test_readme_examples_run():
    test = _examples()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} README examples failed (output above)"


def test_readme_opens_with_the_two_commands():
    text = README.read_text(encoding="utf-8")
    first_blocks = text.split("```")[1:4:2]  # the first two fenced blocks
    assert any("pip install" in b and "bk-report extract" in b for b in first_blocks)
    assert any("pip install" in b and "pytest" in b for b in first_blocks)
