"""The one place the doc tooling uses Sybil beyond pytest collection (pyproject bounds it to 9.x and 10.x).

A doctest is run by the standard library's ``doctest.DocTestRunner`` with our output checker;
a page's regions come from our fence walker, not Sybil's lexers (they differ on indented fences).
"""

from __future__ import annotations

import doctest
from typing import Callable, Iterator

from sybil import Document, Example, Lexeme, Region
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract import DocTestStringParser

Evaluator = Callable[[Example], str]


class _Runner(doctest.DocTestRunner):
    def __init__(self, checker: doctest.OutputChecker, record: Callable) -> None:
        super().__init__(checker=checker, verbose=False)
        self.record, self.example = record, None

    def report_failure(self, out, test, example, got):
        if not self.record(self.example, example.source, got):
            super().report_failure(out, test, example, got)


def doctest_evaluator(checker: doctest.OutputChecker, record: Callable[[Example, str, str], bool]) -> Evaluator:
    """Runs a ``>>>`` example, comparing outputs with ``checker``; ``record(example, source, got)`` sees
    each failure first, and returns True when it took it (it is then not reported)."""
    runner = _Runner(checker, record)

    def evaluate(example: Example) -> str:
        runner.example = example
        example.namespace.setdefault("__name__", "__test__")
        # doctest names the line test.lineno + example.lineno + 1: the page's, example.line
        test = doctest.DocTest([example.parsed], example.namespace, example.path, example.path,
                               example.line - example.parsed.lineno - 1, None)
        test.globs = example.namespace  # DocTest runs a copy; the page's examples share one namespace
        output: list[str] = []
        runner.run(test, out=output.append, clear_globs=False)
        return "".join(output)
    return evaluate


def doctest_regions(body: str, path: str, page_position: Callable[[int], int],
                    evaluator: Evaluator) -> Iterator[Region]:
    """A region per ``>>>`` example of a doctest block's ``body``, moved into the page by
    ``page_position``: both ends exact, which --update-outputs needs to rewrite an output."""
    for region in DocTestStringParser(evaluator)(body, path):
        region.start, region.end = page_position(region.start), page_position(region.end)
        yield region


def docstring_regions(document: Document, evaluator: Evaluator) -> Iterator[Region]:
    """A region per ``>>>`` example in a Python module's docstrings (Sybil blanks the rest)."""
    return DocTestStringParser(evaluator)(document.text, document.path)


def code_region(start: int, end: int, source: str) -> Region:
    """A region that runs Python ``source``, the block from ``start`` to ``end`` of the page,
    whose source starts on the line after ``start`` (tracebacks then name the page's lines)."""
    return Region(start, end, Lexeme(source, offset=0, line_offset=0), PythonEvaluator())
