"""How the pages' examples are run: ```pycon blocks are doctests, ```python blocks are code.

Doctest output is compared by :func:`doctools.numbers.outputs_match` (text exact up to
whitespace, numbers within float32 noise). With ``pytest --update-outputs`` the examples
whose printed text differs at all are recorded instead, and rewritten in the pages.
"""

from __future__ import annotations

import doctest
import re
from dataclasses import dataclass, field
from pathlib import Path

from sybil import Document, Region, Sybil
from sybil.evaluators.doctest import DocTestEvaluator, DocTestRunner
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract import DocTestStringParser
from sybil.parsers.markdown import CodeBlockParser

from .numbers import outputs_match

INCLUDE = re.compile(r'--8<-- "tutorial_pkg/[\w/]+\.py(:\w+)?"')
DOCTEST_LANGUAGE = "pycon"
CODE_LANGUAGE = "python"


class NumberTolerantChecker(doctest.OutputChecker):
    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        return outputs_match(want, got)


@dataclass
class Update:
    path: str
    start: int
    end: int
    source: str
    got: str


@dataclass
class Updates:
    """Outputs to rewrite; filled only when pytest runs with --update-outputs."""
    enabled: bool = False
    pending: list[Update] = field(default_factory=list)

    def apply(self) -> list[str]:
        """Rewrite each recorded output in its page; return one line per change."""
        changed = []
        by_path: dict[str, list[Update]] = {}
        for update in self.pending:
            by_path.setdefault(update.path, []).append(update)
        for path, updates in by_path.items():
            text = Path(path).read_text(encoding="utf-8")
            for u in sorted(updates, key=lambda u: u.start, reverse=True):
                text = text[:u.start] + rewritten(text[u.start:u.end], u.source, u.got) + text[u.end:]
                line = text.count("\n", 0, u.start) + 1
                changed.append(f"{path}:{line}: {u.source.splitlines()[0]}")
            Path(path).write_text(text, encoding="utf-8")
        self.pending.clear()
        return sorted(changed)


def rewritten(example_text: str, source: str, got: str) -> str:
    """The example's text with its expected output replaced by ``got``, same indentation."""
    lines = example_text.splitlines(keepends=True)
    n_source = source.count("\n")
    indent = lines[0][: len(lines[0]) - len(lines[0].lstrip())]
    want = "".join(indent + line if line.strip() else line for line in got.splitlines(keepends=True))
    return "".join(lines[:n_source]) + want


class _Runner(DocTestRunner):
    def __init__(self, updates: Updates) -> None:
        super().__init__(optionflags=0)
        self.updates = updates
        self.example: Region | None = None
        # In update mode any textual difference is rewritten; otherwise float noise is allowed.
        self._checker = doctest.OutputChecker() if updates.enabled else NumberTolerantChecker()

    def report_failure(self, out, test, example, got):
        if self.updates.enabled and self.example is not None:
            ex = self.example
            self.updates.pending.append(Update(ex.path, ex.start, ex.end, example.source, got))
            return
        super().report_failure(out, test, example, got)


class Evaluator(DocTestEvaluator):
    def __init__(self, updates: Updates) -> None:
        self.runner = _Runner(updates)

    def __call__(self, sybil_example):
        self.runner.example = sybil_example
        return super().__call__(sybil_example)


class PageParser:
    """Yields a doctest region per ``>>>`` example of each pycon block, and each python block."""

    def __init__(self, updates: Updates) -> None:
        self.doctests = DocTestStringParser(Evaluator(updates))
        self.pycon = CodeBlockParser(DOCTEST_LANGUAGE)
        self.python = CodeBlockParser(CODE_LANGUAGE, PythonEvaluator())

    def __call__(self, document: Document):
        for block in self.pycon(document):
            source = block.parsed
            to_page = page_position(document.text, block.start + source.offset, source)
            for region in self.doctests(source, document.path):
                # Into page coordinates (Region.adjust leaves ``end`` short by the lexeme's
                # offset; --update-outputs needs both ends exact).
                region.start, region.end = to_page(region.start), to_page(region.end)
                yield region
        for block in self.python(document):
            if not is_include(block.parsed):
                yield block


def page_position(text: str, start: int, source: str):
    """Map a position in a block's ``source`` to one in the page ``text``; the block starts at ``start``.

    Sybil strips a fence's indentation (a block inside an admonition or a list) from every
    line of its source, so each line of the source is its page line minus a prefix; a
    position at the start of a line maps to the start of the page line, prefix included.
    """
    lines = source.splitlines(keepends=True)
    page_lines = text[start:].splitlines(keepends=True)[:len(lines)]
    table, at, page_at = [], 0, start  # (source line start, page line start, prefix length)
    for line, page_line in zip(lines, page_lines):
        table.append((at, page_at, len(page_line) - len(line)))
        at, page_at = at + len(line), page_at + len(page_line)

    def to_page(position: int) -> int:
        if position >= at:  # at or past the end of the source
            return page_at + position - at
        line_start, page_line_start, prefix = max(row for row in table if row[0] <= position)
        column = position - line_start
        return page_line_start + (prefix + column if column else 0)

    return to_page


def is_include(source: str) -> bool:
    """True for a block made only of pymdownx.snippets includes of package source."""
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    return bool(lines) and all(INCLUDE.fullmatch(line) for line in lines)


def page_sybil(updates: Updates) -> Sybil:
    """The Sybil that runs every page of both languages."""
    docs = Path(__file__).resolve().parents[1]
    return Sybil(parsers=[PageParser(updates)], patterns=["*.md"], path=str(docs))
