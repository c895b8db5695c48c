"""How the pages' examples are run: ```pycon blocks are doctests, ```python blocks are code.

Outputs are compared under the number rule; with ``pytest --update-outputs`` those whose text
differs at all are rewritten in the pages instead. A hidden check (doctools.fences) runs like a doctest.
"""

from __future__ import annotations

import doctest
import re
from pathlib import Path

from sybil import Document, Example, Sybil

from . import sybil_adapter
from .fences import fences
from .number_rule import outputs_match

INCLUDE = re.compile(r'--8<-- "tutorial_pkg/[\w/]+\.py(:\w+)?"')
DOCTEST_LANGUAGE = "pycon"
CODE_LANGUAGE = "python"


class NumberTolerantChecker(doctest.OutputChecker):
    """The number rule; in update mode (read when an example is checked, since pytest turns it
    on after the pages' parser is made) any textual difference, so that the page is rewritten."""

    def __init__(self, updates: Updates) -> None:
        self.updates = updates

    def check_output(self, want: str, got: str, optionflags: int) -> bool:
        return super().check_output(want, got, optionflags) if self.updates.enabled else outputs_match(want, got)


class Updates:
    """Outputs to rewrite; filled only when pytest runs with --update-outputs."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled, self.pending = enabled, []

    def record(self, example: Example, source: str, got: str) -> bool:
        """Take a failed example's output to rewrite it, in update mode only."""
        if self.enabled:
            self.pending.append((example.path, example.start, example.end, source, got))
        return self.enabled

    def apply(self) -> list[str]:
        """Rewrite each recorded output in its page; return one line per change."""
        changed = []
        for path in {update[0] for update in self.pending}:
            text = Path(path).read_text(encoding="utf-8")
            # from the end of the page, so that the offsets of the outputs still to rewrite hold
            for _, start, end, source, got in sorted((u for u in self.pending if u[0] == path), key=lambda u: -u[1]):
                text = text[:start] + rewritten(text[start:end], source, got) + text[end:]
                changed.append(f"{path}:{text.count(chr(10), 0, start) + 1}: {source.splitlines()[0]}")
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


_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?(?:[eE][-+]?\d+)?")


def sentence_check(doctests, text: str, position: int):
    """Runs a hidden example, then requires the numbers it prints in the paragraph (the nearest run
    of non-blank lines) above ``position`` of the page ``text``; a part of a longer number does not count."""
    paragraph = re.split(r"\n[ \t]*\n", text[:position].rstrip())[-1]

    def evaluate(example: Example) -> str | None:
        failure, want = doctests(example), example.parsed.want
        if failure or not want:  # an example that prints nothing sets up the next
            return failure
        if not _NUMBER.search(want):
            return f"a hidden check must print a number of the sentence above it; this one prints {want!r}"
        if missing := [n for n in _NUMBER.findall(want)
                       if not re.search(rf"(?<![\d.]){re.escape(n)}(?!\d|\.\d)", paragraph)]:
            return (f"{', '.join(missing)} (printed by {example.parsed.source.strip()!r}) not in the "
                    f"sentence above:\n{paragraph.strip()}")
        return None
    return evaluate


def page_parser(updates: Updates):
    """A doctest region per ``>>>`` example of each ```pycon fence and hidden check, a code region
    per ```python fence (an include of package source is shown, not run: the package's tests run it)."""
    doctests = sybil_adapter.doctest_evaluator(NumberTolerantChecker(updates), updates.record)

    def parse(document: Document):
        for fence in fences(document.text):
            if fence.info == DOCTEST_LANGUAGE:
                evaluator = sentence_check(doctests, document.text, fence.start) if fence.hidden else doctests
                yield from sybil_adapter.doctest_regions(fence.body, document.path, fence.page_position, evaluator)
            elif fence.info == CODE_LANGUAGE and not is_include(fence.body):
                yield sybil_adapter.code_region(fence.start, fence.end, fence.body)
    return parse


def is_include(source: str) -> bool:
    """True for a block made only of pymdownx.snippets includes of package source."""
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    return bool(lines) and all(INCLUDE.fullmatch(line) for line in lines)


def page_sybil(updates: Updates, docs: Path = Path(__file__).resolve().parents[1]) -> Sybil:  # every page under docs
    return Sybil(parsers=[page_parser(updates)], patterns=["*.md"], path=str(docs))
