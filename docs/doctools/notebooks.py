"""Generate a Jupyter notebook from a lesson page: prose -> Markdown cells, examples -> code cells.

    python -m doctools.notebooks          # (from docs/) regenerate and run each out-of-date notebook
    python -m doctools.notebooks --all    # ... every notebook, out of date or not (after an upgrade)
    python -m doctools.notebooks --check  # exit 1 if a committed notebook is out of date

A page opts in with ``notebook: true`` in its front matter; its notebook is written beside
it (``lesson-<n>.md`` -> ``lesson-<n>.ipynb``). Notebooks are never edited by hand. Each starts
with a cell that installs the lesson's package (``install.install_cell``), so that a downloaded
notebook runs in a fresh Jupyter or in Colab.

A committed notebook carries the outputs of a real run, top to bottom in a fresh kernel
(nbclient), made here when it is written: the site renders them without running a kernel, and
the tests compare them with the page's outputs. It is out of date when anything but its outputs
differs from what its page generates now.
"""

from __future__ import annotations

import doctest
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import nbformat

from .doctests import CODE_LANGUAGE, DOCTEST_LANGUAGE, is_include
from .fences import fences
from .install import install_cell
from .lessons import download_name, is_lesson_page, lessons
from .pages import DOCS, LANGUAGES
from .svg import compact_svg

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
    """The notebook of ``page`` as its file's text, without outputs."""
    return _text(notebook(page))


def _text(nb) -> str:
    return nbformat.writes(nb, version=4) + "\n"


def target(page: Path) -> Path:
    return page.with_suffix(".ipynb")


# The kernel draws figures as SVG whose text stays text, so Chinese labels are drawn by the
# reader's browser (the machine that runs the notebooks may have no Chinese font); with fixed
# ids and date (SOURCE_DATE_EPOCH, below), so that the same run writes the same file.
KERNEL_ARGS = ["--InlineBackend.figure_formats=svg",
               "--IPKernelApp.exec_lines=import matplotlib; matplotlib.rcParams['svg.fonttype'] = 'none'; "
               "matplotlib.rcParams['svg.hashsalt'] = 'tutorial_pkg'",
               "--IPKernelApp.log_level=ERROR"]  # not its warning about TCP on localhost


def run(page: Path) -> str:
    """The notebook of ``page``, run top to bottom in a fresh kernel in the page's folder, as
    its file's text. A cell that raises stops the run: a published notebook must run."""
    from nbclient import NotebookClient
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor

    nb = notebook(page)
    NotebookClient(nb, timeout=300, kernel_name="python3", extra_arguments=KERNEL_ARGS,
                   record_timing=False, resources={"metadata": {"path": str(page.parent)}},
                   ).execute(env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
    # A cell's printed lines as one output however the kernel flushed them: the same file each run.
    CoalesceStreamsPreprocessor().preprocess(nb, {})
    nb.metadata = notebook(page).metadata  # not the kernel's versions: the same run, the same file
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "image/svg+xml" in output.get("data", {}):  # about half their size, as the pages' figures
                output.data["image/svg+xml"] = compact_svg(output.data["image/svg+xml"])
    return _text(nb)


def without_outputs(text: str) -> str:
    """A notebook file's text with its outputs and execution counts taken out."""
    nb = nbformat.reads(text, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return _text(nb)


def is_current(page: Path) -> bool:
    """Whether the committed notebook is what ``page`` generates now, its outputs aside, and was run."""
    path = target(page)
    if not path.exists():
        return False
    text = path.read_text(encoding="utf-8")
    ran = all(cell.execution_count for cell in nbformat.reads(text, as_version=4).cells if cell.cell_type == "code")
    return ran and without_outputs(text) == render(page)


def main(argv: list[str]) -> int:
    stale = [page for page in notebook_pages() if "--all" in argv or not is_current(page)]
    if "--check" in argv:
        for page in stale:
            print(f"out of date: {target(page).relative_to(ROOT)}")
        return 1 if stale else 0
    # Two kernels at a time (two cores), the biggest page first so that both end together.
    stale.sort(key=lambda page: len(page.read_bytes()), reverse=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for page, text in zip(stale, pool.map(run, stale)):
            target(page).write_text(text, encoding="utf-8")
            print(f"wrote {target(page).relative_to(ROOT)} (run)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
