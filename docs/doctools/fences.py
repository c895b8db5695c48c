"""The one fence walker: every fenced code block of a page, as the doctests, the twin test and
the notebook generator see it.

A fence is ``` or ~~~ (three or more), indented or not (in an admonition, a list, a details block),
with an info string (``pycon``, ``python title="x.py"``, ``{.python .no-run}``); it closes at a line
of its character, as long or longer, at its indentation, or at the page's end.
A hidden check is a ``pycon`` fence the reader never sees: ``>>>`` examples in an HTML comment
opened by a line ``<!-- check`` and closed by a line ``-->`` (doctools.doctests).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterator

_OPENING = re.compile(r"^(?P<indent>[ \t]*)(?:(?P<fence>`{3,}|~{3,})(?P<info>.*)|(?P<hidden><!-- check)[ \t]*)$",
                      re.MULTILINE)
_LINE = re.compile(r"[^\n]*\n|[^\n]+")  # lines end at \n only, as the fences' do (not str.splitlines)


@dataclass(frozen=True)
class Fence:
    start: int    # the page offset of the opening line (its indentation included)
    end: int      # the page offset just past the closing fence (before its newline)
    line: int     # the opening line's number, from 1
    info: str     # stripped
    body: str     # the lines between the fences, the fence's indentation removed
    body_start: int  # the page offset of the body's first line
    # per body line: where it starts in the body, where in the page, and the indentation removed
    _rows: tuple[tuple[int, int, int], ...]
    hidden: bool = False  # a hidden check, not a fence the reader sees

    @property
    def language(self) -> str:
        """``python`` for ``python title="x.py"`` and for ``{.python .no-run}``."""
        if self.info.startswith("{"):
            found = re.search(r"\.([^\s.}]+)", self.info)
            return found[1] if found else ""
        return self.info.split(maxsplit=1)[0] if self.info else ""

    def page_position(self, position: int) -> int:
        """The page offset of ``position`` in ``body``: the start of a body line is the start of
        its page line, indentation included; the end of the body is the closing fence's line."""
        if not self._rows or position >= len(self.body):
            return self.body_start + sum(removed for _, _, removed in self._rows) + position
        at, page_at, removed = self._rows[bisect_right(self._rows, (position, float("inf"))) - 1]
        column = position - at
        return page_at + (removed + column if column else 0)


def fences(text: str) -> Iterator[Fence]:
    """Every fence of the page ``text``, in order; what is inside a fence is not searched."""
    at = 0
    while opening := _OPENING.search(text, at):
        indent, fence, hidden = opening["indent"], opening["fence"], bool(opening["hidden"])
        if not hidden and fence[0] == "`" and "`" in opening["info"]:  # ```x``` on a line: inline code
            at = opening.end()
            continue
        close_mark = "-->" if hidden else f"{re.escape(fence[0])}{{{len(fence)},}}"
        closing = re.compile(rf"^{re.escape(indent)}{close_mark}[ \t\r]*$", re.MULTILINE)
        body_start = min(opening.end() + 1, len(text))
        close = closing.search(text, body_start)
        body_end, end = (close.start(), close.end()) if close else (len(text), len(text))
        rows, body, body_at, page_at = [], [], 0, body_start
        for page_line in _LINE.findall(text, body_start, body_end):
            removed = min(len(indent), len(page_line) - len(page_line.lstrip(" \t")))
            rows.append((body_at, page_at, removed))
            body.append(page_line[removed:])
            body_at, page_at = body_at + len(page_line) - removed, page_at + len(page_line)
        info = "pycon" if hidden else opening["info"].strip()  # a hidden check holds doctest examples
        yield Fence(opening.start(), end, text.count("\n", 0, opening.start()) + 1, info, "".join(body),
                    body_start, tuple(rows), hidden)
        at = end


def without_hidden(text: str) -> str:
    """The page ``text`` without its hidden checks (and the newline that ends each)."""
    for fence in reversed([f for f in fences(text) if f.hidden]):
        text = text[:fence.start] + text[fence.end + 1:]
    return text
