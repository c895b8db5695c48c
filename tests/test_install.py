"""What readers install: the one-line install on each lesson and notebook page, the notebooks'
install cell, and Open in Colab, which must lead to a notebook this repository really has."""

import subprocess

import nbformat
import pytest
from bs4 import BeautifulSoup

from doctools import install, notebooks
from doctools.lessons import URL_PREFIX
from doctools.pages import DOCS
from helpers import REPO_URL
from notebook_cells import IDS, PAGES

COLAB = f"https://colab.research.google.com/github/{REPO_URL.removeprefix('https://github.com/')}/blob/main/"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_lesson_and_notebook_pages_show_the_install_line_and_open_the_committed_notebook_in_colab(built_site, page):
    lang, prefix = page.parent.name, URL_PREFIX[page.parent.name]
    for path in (f"{prefix}{page.stem}/index.html", f"{prefix}{page.stem}-notebook/index.html"):  # and its notebook
        html = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
        box = html.select_one("article .admonition.install")
        assert box is not None, f"no install box on {path}"
        # zh readers also get the same line through a PyPI mirror (-i).
        assert [code.get_text() for code in box.select("pre code")] == (
            [install.command(), install.command(mirror=True)] if lang == "zh" else [install.command()]), path
        links = [a["href"] for a in html.select("a[href*='colab.research.google.com']")]
        assert links == [f"{COLAB}docs/{lang}/{page.stem}.ipynb"], path
    notebook = f"docs/{lang}/{page.stem}.ipynb"
    assert subprocess.run(["git", "ls-files", "--error-unmatch", notebook], cwd=DOCS.parent).returncode == 0, notebook


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_each_notebook_starts_by_installing_exactly_this_version(page):
    cells = nbformat.read(notebooks.target(page), as_version=4).cells
    first_code = next(cell for cell in cells if cell.cell_type == "code")
    assert f'"pip", "install", "{install.requirement()}"' in first_code.source
    assert cells.index(first_code) == 1, "the install cell comes right under the title"


# What pip prints when this version is not on the index, and when the index cannot be reached.
NOT_THERE = "ERROR: Could not find a version that satisfies the requirement {0} (from versions: none)\n" \
            "ERROR: No matching distribution found for {0}\n"
OFFLINE = "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after " \
          "connection broken by 'NewConnectionError(...: Failed to establish a new connection: [Errno -3] " \
          "Temporary failure in name resolution')': /simple/{1}/\n" + NOT_THERE


@pytest.mark.parametrize("lang", URL_PREFIX)
@pytest.mark.parametrize("pip_says, why", [(NOT_THERE, "unpublished"), (OFFLINE, "offline"),
                                           ("ERROR: disk full\n", "failed")])
def test_install_cell_tells_an_unpublished_version_from_no_network(monkeypatch, lang, pip_says, why):
    import importlib.util
    name = install.distribution()[0]
    monkeypatch.setattr(importlib.util, "find_spec", lambda module: None)
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: subprocess.CompletedProcess(
        args, 1, "", pip_says.format(install.requirement(), name)))
    with pytest.raises(ImportError) as raised:
        exec(install.install_cell(lang), {})
    assert str(raised.value) == install.TEXT[lang][why].format(requirement=install.requirement(), name=name)


def test_colab_links_only_from_github():
    notebook = PAGES[0].with_suffix(".ipynb")
    assert install.colab_url("", notebook) is None
    assert install.colab_url("https://gitlab.com/a/b", notebook) is None
    assert install.colab_url("https://github.com/a/b.git", notebook) == (
        "https://colab.research.google.com/github/a/b/blob/main/" + notebook.relative_to(DOCS.parent).as_posix())

