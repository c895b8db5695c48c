"""The version matrix as nox sessions: ``nox -s lessons`` runs the package tests and the page
doctests (both languages) once per leg of .ci/matrix.py; ``nox -s "lessons(newest)"`` runs one
leg. ``nox -s drift`` runs the page doctests on the newest torch and numpy, unpinned, and writes
what changed to drift.diff (the weekly check, .github/workflows/drift.yml).

The site tests (built site, browser, workflow rules) need the pinned stack only; they run in the
README's test command, not here.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import nox
import nox.command

ROOT = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("matrix", ROOT / ".ci" / "matrix.py")
matrix = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(matrix)

# The tests of tutorial_pkg and of the doc tooling that need no site build or browser.
PACKAGE_TESTS = [
    "tests/test_lesson.py",
    "tests/test_further.py",
    "tests/test_bad_input.py",
    "tests/test_cli.py",
    "tests/test_doctools.py",
    "tests/test_pages.py",
    "tests/test_update_outputs.py",
    "tutorial_pkg",  # the examples in its docstrings (the root conftest.py)
]
# The page doctests (docs/conftest.py collects every page of both languages).
DOCTESTS = ["docs"]

nox.options.sessions = ["lessons"]
nox.options.error_on_missing_interpreters = True  # a leg without its Python fails, never skips

_VERSIONS = "import platform, numpy, torch; print('leg ran: torch', torch.__version__, '| numpy', " \
            "numpy.__version__, '| Python', platform.python_version())"


@nox.session
@nox.parametrize("python,leg", [(spec["python"], name) for name, spec in matrix.LEGS.items()],
                 ids=list(matrix.LEGS))
def lessons(session: nox.Session, leg: str) -> None:
    """Package tests and page doctests on one torch / numpy / Python leg."""
    spec = matrix.leg(leg)
    if "constraints" in spec:
        session.install("-c", spec["constraints"], "-e", ".[lessons]")
    else:
        session.install(f"torch=={spec['torch']}", f"numpy=={spec['numpy']}", "-e", ".[lessons]")
    session.run("python", "-c", _VERSIONS)
    session.run("python", "-m", "pytest", "-q", *PACKAGE_TESTS, *DOCTESTS, *session.posargs)


@nox.session(python=matrix.LEGS["newest"]["python"])
def drift(session: nox.Session) -> None:
    """The page doctests on the newest torch and numpy; on a mismatch, drift.diff holds the
    outputs that changed (as --update-outputs would rewrite them) and the session fails."""
    session.install("--upgrade", "torch", "numpy", "-e", ".[lessons]")
    session.run("python", "-c", _VERSIONS)
    diff = ROOT / "drift.diff"
    diff.unlink(missing_ok=True)
    try:
        session.run("python", "-m", "pytest", "-q", *DOCTESTS)
        return
    except nox.command.CommandFailed:
        pass  # find out what changed, below
    # See what changed: --update-outputs rewrites the pages of a copy (never the working tree).
    copy = Path(session.create_tmp()) / "drift"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(ROOT / "docs", copy / "docs", ignore=shutil.ignore_patterns("__pycache__", ".cache"))
    shutil.copy(ROOT / "pyproject.toml", copy)
    with session.chdir(copy):
        session.run("python", "-m", "pytest", "-q", *DOCTESTS, "--update-outputs", success_codes=[0, 1])
    text = subprocess.run(["git", "diff", "--no-index", "--src-prefix=published/", "--dst-prefix=now/",
                           "--", "docs", str((copy / "docs").relative_to(ROOT))],
                          cwd=ROOT, capture_output=True, text=True).stdout
    diff.write_text(text, encoding="utf-8")
    session.error(f"published outputs differ on the newest torch; see {diff.name}:\n{text}")
