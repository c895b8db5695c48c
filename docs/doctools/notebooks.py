"""Each lesson page's Jupyter notebook, beside it (``lesson-<n>.ipynb``), never edited by hand.

    python -m doctools.notebooks          # (from docs/) regenerate and run each out-of-date notebook
    python -m doctools.notebooks --all    # ... every notebook, out of date or not (after an upgrade)
    python -m doctools.notebooks --check  # exit 1 if a committed notebook is out of date

A notebook is out of date when not run, or when anything but its outputs differs from what its
page generates now. Its first cell installs the lesson's package (a fresh Jupyter, Colab).
"""

import doctest
import itertools
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

import nbformat
from nbclient import NotebookClient
from nbconvert.preprocessors import ClearOutputPreprocessor, CoalesceStreamsPreprocessor

from .doctests import CODE_LANGUAGE, DOCTEST_LANGUAGE, is_include
from .fences import fences
from .install import install_cell
from .lessons import FRONT_MATTER, download_name, is_lesson_page, lessons
from .pages import DOCS, LANGUAGES
from .figure_files import compact_svg

ROOT = DOCS.parent
METADATA = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"}}  # not the kernel's versions: the same run, the same file
_ADMONITION = re.compile(r'^[!?]{3}\+? *(?P<kind>\w+)(?: *"(?P<title>[^"]*)")?\n(?P<body>(?:(?: {4}.*)?\n)*)',
                         re.MULTILINE)
_SNIPPET = re.compile(r'--8<-- "(?P<path>[^":]+)(?::(?P<section>\w+))?"')
_PAGE_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<page>[\w.-]+)\.md(?:#[\w-]*)?\)")
# Only the site's: figures (the cell above draws them in Jupyter), the explorer, attribute lists.
_SITE_ONLY = re.compile(r"^(?:!\[[^\]]*\]\([^)]*figures/[^)]*\)(\{[^}]*\})?|<div data-explorer></div>)\n(?:\s*\n)*"
                        r"|\{\s*[#.][^}]*\}", re.MULTILINE)
# Figures as SVG whose text stays text, drawn by the reader's browser (the machine that runs the
# notebooks may have no Chinese font), with fixed ids and date: the same run writes the same file.
KERNEL_ARGS = ["--InlineBackend.figure_formats=svg",
               "--IPKernelApp.exec_lines=import matplotlib; matplotlib.rcParams['svg.fonttype'] = 'none'; "
               "matplotlib.rcParams['svg.hashsalt'] = 'tutorial_pkg'",
               "--IPKernelApp.log_level=ERROR"]  # not its warning about TCP on localhost


def notebook_pages() -> list[Path]:
    """Every lesson's pages, language by language."""
    return [lesson.pages[lang] for lang in LANGUAGES for lesson in lessons()]


def target(page: Path) -> Path:
    return page.with_suffix(".ipynb")


def included(body: str) -> str:
    """The source a block of ``--8<-- "path:section"`` lines shows on the page (pymdownx.snippets)."""
    parts = []
    for m in _SNIPPET.finditer(body):
        text = (ROOT / m["path"]).read_text(encoding="utf-8")
        if m["section"]:
            text = text.split(f"# --8<-- [start:{m['section']}]\n", 1)[1].split(f"# --8<-- [end:{m['section']}]", 1)[0]
        parts.append(text.rstrip("\n"))
    return "\n\n\n".join(parts)


def _admonitions(text: str) -> str:
    """Admonitions as Jupyter's Markdown has none: one that holds code (an exercise's answer) as
    its title and plain content, so that its examples become code cells; any other as a quote."""
    def plain(m: re.Match) -> str:
        title = m["title"] if m["title"] is not None else m["kind"].capitalize()
        if any(fences(m["body"])):
            return f"**{title}**\n\n" + "\n".join(line[4:] for line in m["body"].splitlines()) + "\n"
        body = "\n".join(line[4:] for line in m["body"].rstrip("\n").splitlines()).splitlines()
        return "\n".join(f"> {line}".rstrip() for line in ([f"**{title}**", ""] if title else []) + body) + "\n\n"
    return _ADMONITION.sub(plain, text)


def _prose(text: str, folder: Path) -> str:
    """Page Markdown as Jupyter's: no site-only parts; a link to a lesson page leads to its notebook
    (beside this one when downloaded; the site links that notebook's page), another link is its text."""
    def link(m: re.Match) -> str:
        lesson = folder / f"{m['page']}.md"
        if lesson.exists() and is_lesson_page(lesson):
            return f"[{m['text']}]({download_name(m['page'], folder.name)})"
        return m["text"]
    return _PAGE_LINK.sub(link, _SITE_ONLY.sub("", text).strip())


def _chunks(page: Path) -> Iterator[tuple[str, str, str]]:
    """The page as ("markdown", text, "") and ("code", source, want), the install cell under the title."""
    text = _admonitions(FRONT_MATTER.sub("", page.read_text(encoding="utf-8")))
    title = re.search(r"^# .*\n", text, re.MULTILINE)
    start = title.end() if title else 0
    yield "markdown", text[:start], ""
    yield "code", install_cell(page.parent.name), ""
    for fence in fences(text):
        if not (fence.hidden or fence.info in (DOCTEST_LANGUAGE, CODE_LANGUAGE)):
            continue  # a block of another language stays in the prose
        prose, start = text[start:fence.start], fence.end + 1  # past its newline
        if fence.info == CODE_LANGUAGE and is_include(fence.body):  # the package's source: shown, not run
            prose += f"```python\n{included(fence.body)}\n```\n"
        yield "markdown", prose, ""
        if fence.hidden:  # a check of the sentence above: for the tests
            continue
        if fence.info == DOCTEST_LANGUAGE:  # without prompts; an output ends its cell (Jupyter shows one)
            code = []
            for example in doctest.DocTestParser().get_examples(fence.body):
                code.append(example.source.rstrip("\n"))
                if example.want:
                    yield "code", "\n".join(code), example.want
                    code = []
            if code:
                yield "code", "\n".join(code), ""
        elif not is_include(fence.body):
            yield "code", fence.body.rstrip("\n"), ""
    yield "markdown", text[start:], ""


def expected_outputs(page: Path) -> list[tuple[str, str]]:
    """(code, expected output) of each code cell of the page's notebook, in order."""
    return [(code, want) for kind, code, want in _chunks(page) if kind == "code"]


def notebook(page: Path) -> nbformat.NotebookNode:
    """The notebook of ``page``, without outputs; Markdown chunks in a row make one cell."""
    cells = []
    for kind, chunks in itertools.groupby(_chunks(page), key=lambda chunk: chunk[0]):
        if kind == "code":
            cells += [nbformat.v4.new_code_cell(source) for _, source, _ in chunks]
        elif prose := "\n\n".join(filter(None, (_prose(source, page.parent) for _, source, _ in chunks))):
            cells.append(nbformat.v4.new_markdown_cell(prose))
    for i, cell in enumerate(cells):
        cell.id = f"cell-{i}"  # stable ids: the same page always gives the same file
    return nbformat.v4.new_notebook(cells=cells, metadata=METADATA)


def render(page: Path) -> str:
    """The notebook of ``page`` as its file's text, without outputs."""
    return nbformat.writes(notebook(page)) + "\n"


def run(page: Path) -> str:
    """The notebook of ``page`` run in a fresh kernel in the page's folder (a cell that raises stops it)."""
    nb = notebook(page)
    NotebookClient(nb, timeout=300, kernel_name="python3", extra_arguments=KERNEL_ARGS, record_timing=False,
                   resources={"metadata": {"path": str(page.parent)}},
                   ).execute(env={**os.environ, "SOURCE_DATE_EPOCH": "0"})
    # A cell's printed lines as one output however the kernel flushed them: the same file each run.
    CoalesceStreamsPreprocessor().preprocess(nb, {})
    nb.metadata = nbformat.from_dict(METADATA)
    for output in [output for cell in nb.cells for output in cell.get("outputs", [])]:
        if "image/svg+xml" in output.get("data", {}):  # about half their size, as the pages' figures
            output.data["image/svg+xml"] = compact_svg(output.data["image/svg+xml"])
    return nbformat.writes(nb) + "\n"


def is_current(page: Path) -> bool:
    """Whether the committed notebook was run and is what ``page`` generates now, outputs aside."""
    if not target(page).exists():
        return False
    nb = nbformat.read(target(page), as_version=4)
    ran = all(cell.execution_count for cell in nb.cells if cell.cell_type == "code")
    return ran and nbformat.writes(ClearOutputPreprocessor().preprocess(nb, {})[0]) + "\n" == render(page)


def main(argv: list[str]) -> int:
    stale = [page for page in notebook_pages() if "--all" in argv or not is_current(page)]
    if "--check" in argv:
        print("".join(f"out of date: {target(page).relative_to(ROOT)}\n" for page in stale), end="")
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
