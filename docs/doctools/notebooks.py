"""Generate a Jupyter notebook from a lesson page: prose -> Markdown cells, examples -> code cells.

    python -m doctools.notebooks          # (from docs/) regenerate every lesson's notebook
    python -m doctools.notebooks --check  # exit 1 if a committed notebook is out of date

A page opts in with ``notebook: true`` in its front matter; its notebook is written beside
it (``lesson-<n>.md`` -> ``lesson-<n>.ipynb``). Notebooks are never edited by hand. Each starts
with a cell that installs the lesson's package (``install.install_cell``), so that a downloaded
notebook runs in a fresh Jupyter or in Colab.
"""

from __future__ import annotations

import doctest
import re
import sys
from pathlib import Path
from typing import Iterator

import nbformat

from .doctests import CODE_LANGUAGE, DOCTEST_LANGUAGE, is_include
from .fences import fences
from .install import install_cell
from .lessons import download_name, is_lesson_page, lessons
from .pages import DOCS, LANGUAGES

ROOT = DOCS.parent
_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)
_ADMONITION = re.compile(r'^[!?]{3}\+? *(?P<kind>\w+)(?: *"(?P<title>[^"]*)")?\n(?P<body>(?:(?: {4}.*)?\n)*)',
                         re.MULTILINE)
_SNIPPET = re.compile(r'--8<-- "(?P<path>[^":]+)(?::(?P<section>\w+))?"')
# Figures are made by the build; in a notebook the code cell before them draws them.
_FIGURE = re.compile(r"^!\[[^\]]*\]\([^)]*figures/[^)]*\)(\{[^}]*\})?\n(?:\s*\n)*", re.MULTILINE)
_ATTRS = re.compile(r"\{\s*[#.][^}]*\}")
# What the site's scripts bring to life (lesson 4.1's explorer, doctools/explorer.py) has no place in Jupyter.
_SITE_ONLY = re.compile(r"^<div data-explorer></div>\n(?:\s*\n)*", re.MULTILINE)


def notebook_pages() -> list[Path]:
    """Every lesson's pages, language by language."""
    found = lessons()
    return [lesson.pages[lang] for lang in LANGUAGES for lesson in found]


def snippet(path: str, section: str | None) -> str:
    """The text pymdownx.snippets includes for ``--8<-- "path:section"``."""
    text = (ROOT / path).read_text(encoding="utf-8")
    if section:
        text = text.split(f"# --8<-- [start:{section}]\n", 1)[1].split(f"# --8<-- [end:{section}]", 1)[0]
    return text.rstrip("\n")


def included(body: str) -> str:
    """The source a block of ``--8<--`` lines shows on the page."""
    return "\n\n\n".join(snippet(m["path"], m["section"]) for m in _SNIPPET.finditer(body))


_PAGE_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<page>[\w.-]+)\.md(?:#[\w-]*)?\)")


def _page_links(text: str, folder: Path) -> str:
    """Links between pages, for a notebook: to the notebook of a lesson that has one (it sits
    beside this one when downloaded, and the site links it to that notebook's page); other
    pages are not there in Jupyter, so only the link's text stays."""
    def link(m: re.Match) -> str:
        target = folder / f"{m['page']}.md"
        if target.exists() and is_lesson_page(target):
            return f"[{m['text']}]({download_name(m['page'], folder.name)})"
        return m["text"]
    return _PAGE_LINK.sub(link, text)


def _title(m: re.Match) -> str:
    """An admonition's title; its kind when it has none."""
    return m["title"] if m["title"] is not None else m["kind"].capitalize()


def _prose(text: str) -> str:
    """Page Markdown as plain Markdown for Jupyter: admonitions become quotes, figures go."""
    def quote(m: re.Match) -> str:
        body = "\n".join(line[4:] for line in m["body"].rstrip("\n").splitlines())
        title = _title(m)
        lines = ([f"**{title}**", ""] if title else []) + body.splitlines()
        return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"
    text = _ADMONITION.sub(quote, text)
    text = _FIGURE.sub("", text)
    text = _SITE_ONLY.sub("", text)
    return _ATTRS.sub("", text).strip()


def code_cells(body: str) -> list[tuple[str, str]]:
    """A doctest block as the cells a reader would type: (code without prompts, expected output).

    An example that prints something ends its cell, so that the notebook shows each
    output where the page shows it (Jupyter displays only a cell's last value).
    """
    cells, current = [], []
    for example in doctest.DocTestParser().get_examples(body):
        current.append(example.source.rstrip("\n"))
        if example.want:
            cells.append(("\n".join(current), example.want))
            current = []
    if current:
        cells.append(("\n".join(current), ""))
    return cells


def _open_admonitions(text: str) -> str:
    """Admonitions that hold code (an exercise's answer) as their title and plain content, so
    that their examples become code cells like any other (a notebook has no collapsed blocks)."""
    def open_(m: re.Match) -> str:
        if not any(fences(m["body"])):
            return m[0]
        body = "\n".join(line[4:] for line in m["body"].splitlines())
        return f"**{_title(m)}**\n\n{body}\n"
    return _ADMONITION.sub(open_, text)


def _page_text(page: Path) -> str:
    return _open_admonitions(_FRONT_MATTER.sub("", page.read_text(encoding="utf-8")))


def _chunks(page: Path) -> Iterator[tuple[str, str, str]]:
    """The page in the notebook's order: ("markdown", text, "") and ("code", source, want),
    with the cell that installs the lesson's package where it is missing under the title."""
    text = _page_text(page)
    title = re.search(r"^# .*\n", text, re.MULTILINE)
    start = title.end() if title else 0
    yield "markdown", text[:start], ""
    yield "code", install_cell(page.parent.name), ""
    for fence in fences(text):
        if fence.hidden:  # a check of the sentence above, not for the reader
            yield "markdown", text[start:fence.start], ""
        elif fence.info == DOCTEST_LANGUAGE:
            yield "markdown", text[start:fence.start], ""
            for code, want in code_cells(fence.body):
                yield "code", code, want
        elif fence.info == CODE_LANGUAGE and is_include(fence.body):
            yield "markdown", text[start:fence.start] + f"```python\n{included(fence.body)}\n```\n", ""
        elif fence.info == CODE_LANGUAGE:
            yield "markdown", text[start:fence.start], ""
            yield "code", fence.body.rstrip("\n"), ""
        else:
            continue
        start = fence.end + 1  # and its newline
    yield "markdown", text[start:], ""


def expected_outputs(page: Path) -> list[tuple[str, str]]:
    """(code, expected output) of each code cell of the page's notebook, in order."""
    return [(code, want) for kind, code, want in _chunks(page) if kind == "code"]


def notebook(page: Path) -> nbformat.NotebookNode:
    """The notebook of ``page``."""
    cells = []
    for kind, source, _ in _chunks(page):
        if kind == "code":
            cells.append(nbformat.v4.new_code_cell(source))
        elif prose := _page_links(_prose(source), page.parent):
            cells.append(nbformat.v4.new_markdown_cell(prose))

    # Consecutive Markdown chunks read better as one cell.
    merged: list = []
    for cell in cells:
        if merged and cell.cell_type == merged[-1].cell_type == "markdown":
            merged[-1].source += "\n\n" + cell.source
        else:
            merged.append(cell)
    for i, cell in enumerate(merged):
        cell.id = f"cell-{i}"  # stable ids: the same page always gives the same file
    nb = nbformat.v4.new_notebook(cells=merged)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return nb


def render(page: Path) -> str:
    return nbformat.writes(notebook(page), version=4) + "\n"


def target(page: Path) -> Path:
    return page.with_suffix(".ipynb")


def main(argv: list[str]) -> int:
    stale = []
    for page in notebook_pages():
        text = render(page)
        if not target(page).exists() or target(page).read_text(encoding="utf-8") != text:
            stale.append(target(page))
            if "--check" not in argv:
                target(page).write_text(text, encoding="utf-8")
    for path in stale:
        print(("out of date: " if "--check" in argv else "wrote ") + str(path.relative_to(ROOT)))
    return 1 if stale and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
