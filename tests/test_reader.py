"""Proof, as a reader would: the wheel readers install, in a fresh virtual environment outside the
repository that has only the pinned torch and a kernel, runs every generated notebook (printing
the pages' outputs, under the site's number rule) and every lesson page's code as its copy
buttons give it.

Slow (a venv, a wheel, four notebooks), so not in the default run: ``pytest -m reader``
(.ci/steps.sh test runs it after the rest).
"""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from doctools import install, notebooks, pages
from doctools.number_rule import outputs_match
from helpers import as_copied
from notebook_cells import IDS, PAGES, code_cells, printed

pytestmark = pytest.mark.reader

ROOT = pages.DOCS.parent
CONSTRAINTS = ROOT / ".ci" / "constraints.txt"
KERNEL = "reader"


class Reader:
    """A fresh venv outside the repository, its kernel, and the environment a reader's shell has."""

    def __init__(self, home: Path, wheels: Path):
        self.home, self.venv = home, home / "venv"
        self.python = self.venv / "bin" / "python"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
        # The notebooks' install cell finds the wheel just built (as if on PyPI); the rest of
        # what it pulls in comes at the pinned versions.
        self.env = {**env, "JUPYTER_PATH": str(self.venv / "share" / "jupyter"),
                    "PIP_FIND_LINKS": str(wheels), "PIP_CONSTRAINT": str(CONSTRAINTS),
                    "PIP_DISABLE_PIP_VERSION_CHECK": "1"}

    def run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.python), *args], cwd=self.home, env=self.env, capture_output=True,
                              text=True, timeout=900, **kwargs)

    def execute(self, nb, **env) -> nbformat.NotebookNode:
        """Run ``nb`` in a fresh kernel of the reader's venv (found through JUPYTER_PATH, set by the
        fixture), with the reader's environment, working in the reader's folder."""
        return NotebookClient(nb, timeout=600, kernel_name=KERNEL, allow_errors=True,
                              resources={"metadata": {"path": str(self.home)}}).execute(env={**self.env, **env})


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> Reader:
    wheels = tmp_path_factory.mktemp("wheels")
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(wheels), str(ROOT)],
                           capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    reader = Reader(tmp_path_factory.mktemp("reader"), wheels)
    subprocess.run([sys.executable, "-m", "venv", str(reader.venv)], check=True, timeout=300)
    for args in (["-m", "pip", "install", "-q", "-c", str(CONSTRAINTS), "torch", "ipykernel"],
                 ["-m", "ipykernel", "install", "--prefix", str(reader.venv), "--name", KERNEL]):
        done = reader.run(*args)
        assert done.returncode == 0, done.stderr[-3000:]
    assert reader.run("-c", "import tutorial_pkg").returncode != 0, "the reader's venv sees the checkout"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUPYTER_PATH", reader.env["JUPYTER_PATH"])
        yield reader


@pytest.fixture(scope="module")
def installed(reader) -> Reader:
    """The reader's venv with the package installed (by the test below, or here with pip)."""
    done = reader.run("-m", "pip", "install", "-q", install.requirement())
    assert done.returncode == 0, done.stderr[-3000:]
    return reader


def copied_code(page: Path, languages=("pycon", "python")) -> str:
    """The page's code in order, as its copy buttons give it: a ```pycon block without prompts
    and outputs, a ```python block as shown (an include shows the package's source)."""
    return "\n\n".join(as_copied(b.body) if b.language == "pycon" else
                       notebooks.included(b.body) if notebooks.is_include(b.body) else b.body
                       for b in pages.blocks(page) if b.language in languages)


@pytest.mark.parametrize("page", [p for p in PAGES if "def training_loop" in copied_code(p, ("python",))], ids=str)
def test_training_loop_copied_from_the_page_runs_through_a_divergence(reader, page):
    """The functions a reader copies (the ```python blocks), with torch alone (the package blocked):
    the loop stops with its message instead of a NameError."""
    run = (f"import sys; sys.modules['tutorial_pkg'] = None\nimport torch\n{copied_code(page, ('python',))}\n"
           "x, y = torch.tensor(X_DATA), torch.tensor(Y_DATA)\n"
           "training_loop(100, 1e-2, torch.tensor([1.0, 0.0]), x, y, print_every=10)\n")
    done = reader.run("-", input=run)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Epoch 40, Loss inf: training diverged" in done.stdout, done.stdout


def test_install_cell_installs_exactly_this_version_or_says_why_not(reader):
    name = install.distribution()[0]
    reader.run("-m", "pip", "uninstall", "-y", name)  # whatever ran before, start without it
    nb = nbformat.read(notebooks.target(PAGES[0]), as_version=4)
    nb.cells = code_cells(nb)[:1]

    # Offline (an index that does not answer), then an index without this version: pip's own error
    # stays visible, then one line says which it was and what to do.
    for why, env in (("offline", {"PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_RETRIES": "1"}),
                     ("unpublished", {"PIP_NO_INDEX": "1"})):
        cell = reader.execute(nbformat.from_dict(nb), PIP_FIND_LINKS="", **env).cells[0]
        said = install.TEXT[PAGES[0].parent.name][why].format(requirement=install.requirement(), name=name)
        assert [(o.ename, o.evalue) for o in cell.outputs if o.output_type == "error"] == [("ImportError", said)]
        assert install.requirement() in printed(cell), "pip's own error is hidden"

    cell = reader.execute(nbformat.from_dict(nb)).cells[0]
    assert not [o for o in cell.outputs if o.output_type == "error"], printed(cell)
    version = reader.run("-c", f"import importlib.metadata as m; print(m.version({name!r}))").stdout.strip()
    assert version == install.distribution()[1]

    cell = reader.execute(nbformat.from_dict(nb)).cells[0]
    assert cell.outputs == [], "the install cell does something when the package is there"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_notebook_runs_and_prints_the_pages_outputs(installed, page):
    reader = installed
    run = reader.execute(nbformat.read(notebooks.target(page), as_version=4))
    expected = notebooks.expected_outputs(page)
    assert [code for code, _ in expected] == [c.source for c in code_cells(run)]
    for cell, (code, want) in zip(code_cells(run), expected):
        errors = [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]
        assert not errors, f"{code}\n{errors}"
        if want:
            assert outputs_match(want, printed(cell)), f"{code}\nwant: {want}\ngot: {printed(cell)}"
    where = reader.run("-c", "import tutorial_pkg; print(tutorial_pkg.__file__)")
    assert where.stdout.startswith(str(reader.venv)), where.stdout + where.stderr


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_page_code_runs_as_copied(installed, page):
    done = installed.run("-", input=copied_code(page))
    assert done.returncode == 0, done.stderr[-3000:]
