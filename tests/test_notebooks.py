"""The notebook editions: generated from their pages, committed with the outputs of a run in a
fresh kernel (the pages' outputs, under the number rule), rendered in the site."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from browser import chromium_page
from doctools import notebook_pages, notebooks
from doctools.doctests import Updates, page_sybil
from doctools.lessons import URL_PREFIX, lessons
from doctools.number_rule import outputs_match
from doctools.pages import DOCS, examples, unrun_python_blocks
from helpers import FENCES, write_page
from notebook_cells import IDS, PAGES, code_cells, printed


def test_the_lessons_are_found():
    assert PAGES, "no lesson page (front matter 'notebook: true') found"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_committed_notebook_is_generated_from_its_page(page):
    assert notebooks.is_current(page), (
        f"{notebooks.target(page).name} is out of date: cd docs && python -m doctools.notebooks")


@pytest.mark.parametrize("edit", [None, "example", "prose", "output"])
def test_an_edited_page_makes_the_committed_notebook_stale_its_outputs_do_not(tmp_path, edit):
    page = PAGES[0]
    # the page's language folder, copied, so that its links to other pages resolve as at home
    copy = tmp_path / page.parent.name
    shutil.copytree(page.parent, copy, ignore=shutil.ignore_patterns("figures"))
    nb = nbformat.read(notebooks.target(page), as_version=4)
    if edit == "output":  # a committed notebook with other outputs (another run's) is not stale
        code_cells(nb)[-1].outputs = []
        nbformat.write(nb, notebooks.target(copy / page.name))
    text = page.read_text(encoding="utf-8")
    edited = {"example": text.replace("```pycon\n>>> ", "```pycon\n>>> pass\n>>> ", 1),  # not a hidden check
              "prose": text.replace("\n\n", "\n\nOne more sentence.\n\n", 1)}.get(edit, text)
    assert (edited != text) == (edit in ("example", "prose"))
    (copy / page.name).write_text(edited, encoding="utf-8")
    assert notebooks.is_current(copy / page.name) == (edit not in ("example", "prose"))


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_notebook_ran_top_to_bottom_and_printed_the_pages_outputs(page):
    # The committed notebook carries the outputs of its run in a fresh kernel (doctools.notebooks);
    # the reader proof (test_reader.py) runs it again, in a reader's venv.
    run = nbformat.read(notebooks.target(page), as_version=4)
    expected = notebooks.expected_outputs(page)
    assert [code for code, _ in expected] == [c.source for c in code_cells(run)]
    # one kernel, each cell once, in order
    assert [c.execution_count for c in code_cells(run)] == list(range(1, len(expected) + 1))
    for cell, (code, want) in zip(code_cells(run), expected):
        assert not [o for o in cell.outputs if o.output_type == "error"], code
        assert outputs_match(want, printed(cell)), f"{code}\nwant: {want}\ngot: {printed(cell)}"


def built(site: Path, page: Path, suffix: str = "") -> str:
    """The built HTML of ``page`` (``suffix="-notebook"``: of its notebook page)."""
    return (site / URL_PREFIX[page.parent.name] / (page.stem + suffix) / "index.html").read_text(encoding="utf-8")


def attribute(tag: str, name: str) -> str | None:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return html.unescape(found[1]) if found else None


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_notebook_page_shows_each_cell_its_printed_outputs_and_figures(built_site, page):
    text, nb = built(built_site, page, "-notebook"), nbformat.read(notebooks.target(page), as_version=4)
    assert "<h1" in text
    # one cell with an id per code cell (mkdocs-jupyter nests a div of the same class, without one)
    assert len(re.findall(r'<div(?=[^>]*\sclass="[^"]*\bjp-CodeCell\b)(?=[^>]*\sid=")', text)) == len(code_cells(nb))
    shown = [o.text for cell in code_cells(nb) for o in cell.outputs if o.output_type == "stream"]
    assert [o for o in shown if html.escape(o.rstrip("\n"), quote=False) not in text] == []
    images = re.findall(r"<img\b[^>]*>", text)
    figures = [attribute(img, "alt") for img in images if attribute(img, "src").startswith("data:image/svg")]
    lesson = [attribute(img, "alt") for img in re.findall(r"<img\b[^>]*>", built(built_site, page))
              if "figures/" in attribute(img, "src")]
    assert figures == lesson  # the same figures, with the same descriptions as on the page


def test_no_html_page_holds_raw_notebook_json(built_site):
    raw = [str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
           if re.search(r'"(nbformat|cell_type)"\s*:', p.read_text(encoding="utf-8"))]
    assert raw == []


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_lesson_and_notebook_pages_offer_the_ipynb(built_site, page):
    download = built_site / URL_PREFIX[page.parent.name] / f"{page.stem}.ipynb"
    assert download.read_bytes() == notebooks.target(page).read_bytes()
    for suffix in ("", "-notebook"):
        tags = re.findall(r"<a\b[^>]*\sdownload\b[^>]*>", built(built_site, page, suffix))
        links = [attribute(a, "href") for a in tags]
        folder = built_site / URL_PREFIX[page.parent.name] / (page.stem + suffix)
        assert links and all((folder / href).resolve() == download.resolve() for href in links), (suffix, links)


# The generator finds code with the doctests' fence walker (tests/test_doctools.py: FENCES).

def test_the_doctests_the_checks_and_the_notebooks_see_the_same_fences(tmp_path):
    page = write_page(tmp_path / "en", "page.md", FENCES)
    for example in page_sybil(Updates()).parse(page):
        example.evaluate()
    run = [("1 + 1", "2\n"), ("2 * 3", "6\n"), ("x = 3", "")]
    assert examples(page) == run  # what the doctests ran, which the twin test compares
    assert notebooks.expected_outputs(page)[1:] == run  # after the cell that installs the package
    assert [block.line for block in unrun_python_blocks(page)] == [9]


def test_notebook_pages_speak_their_language_and_download_by_it(site_url):
    """Each copy button, as clicked, says so in the page's language; the notebook downloads as
    lesson-<n>.<lang>.ipynb, so that the two languages' never overwrite each other."""
    lesson = lessons()[0]
    with chromium_page(permissions=["clipboard-read", "clipboard-write"], origin=site_url) as page:
        for lang, words in notebook_pages.LABELS.items():
            page.goto(site_url + lesson.notebook_url(lang))
            labels = page.eval_on_selector_all("clipboard-copy", "all => all.map(b => b.getAttribute('aria-label'))")
            assert labels and set(labels) == {words["copy"]}, lang
            page.locator("clipboard-copy").first.click()
            notice = page.locator("clipboard-copy .notice").first
            notice.wait_for(state="visible")
            assert notice.text_content() == words["copied"]
            with page.expect_download() as download:
                page.click("a[download]")
            assert download.value.suggested_filename == f"{lesson.name}.{lang}.ipynb"
