"""The one place the doc tooling reaches into Sybil's internals (written for sybil 9.x and 10.x).

Sybil has no public API for what the doctests need: a doctest runner with our own output
checker whose failures can be recorded instead of reported (``--update-outputs``), and regions
made from our fence walker (doctools.fences) rather than from Sybil's lexers, which disagree
with it about indented fences. 9.x is what Python 3.9 (the matrix's oldest leg) gets; the parts
used here are the same in both. Another major version fails at import, with this message,
instead of later with an AttributeError or, worse, a doctest that silently passes.
"""

from __future__ import annotations

import doctest
from importlib.metadata import version
from typing import Callable, Iterator

from . import written_for

WRITTEN_FOR = ("9.", "10.")


def check_version(found: str) -> None:
    written_for.require(__name__, "sybil", WRITTEN_FOR, found)


check_version(version("sybil"))

from sybil import Example, Lexeme, Region  # noqa: E402 - only once the version is known
from sybil.evaluators.doctest import DocTestEvaluator, DocTestRunner  # noqa: E402
from sybil.evaluators.python import PythonEvaluator  # noqa: E402
from sybil.parsers.abstract import DocTestStringParser  # noqa: E402

# record(example, source, got) -> True when it took the failure (it is then not reported)
Record = Callable[[Example, str, str], bool]


class _Runner(DocTestRunner):
    def __init__(self, checker: doctest.OutputChecker, record: Record) -> None:
        super().__init__(optionflags=0)
        self._checker = checker  # Sybil's runner takes no checker; doctest keeps it here
        self.record = record
        self.example: Example | None = None

    def report_failure(self, out, test, example, got):
        if self.example is None or not self.record(self.example, example.source, got):
            super().report_failure(out, test, example, got)


class _Evaluator(DocTestEvaluator):
    def __init__(self, checker: doctest.OutputChecker, record: Record) -> None:
        self.runner = _Runner(checker, record)  # what DocTestEvaluator.__call__ runs

    def __call__(self, example: Example) -> str:
        self.runner.example = example
        return super().__call__(example)


def doctest_evaluator(checker: doctest.OutputChecker, record: Record) -> DocTestEvaluator:
    """Runs a ``>>>`` example, comparing outputs with ``checker``; ``record`` sees each failure first."""
    return _Evaluator(checker, record)


def doctest_regions(body: str, path: str, page_position: Callable[[int], int],
                    evaluator: DocTestEvaluator) -> Iterator[Region]:
    """A region per ``>>>`` example of a doctest block's ``body``, moved into the page by
    ``page_position``: both ends exact, which --update-outputs needs to rewrite an output."""
    for region in DocTestStringParser(evaluator)(body, path):
        region.start, region.end = page_position(region.start), page_position(region.end)
        yield region


def code_region(start: int, end: int, source: str) -> Region:
    """A region that runs Python ``source``, the block from ``start`` to ``end`` of the page,
    whose source starts on the line after ``start`` (tracebacks then name the page's lines)."""
    return Region(start, end, Lexeme(source, offset=0, line_offset=0), PythonEvaluator())
