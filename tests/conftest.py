import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from helpers import REPO_URL  # not in conftest: docs/ has a conftest too, and one module name
from doctools.workers import pytest_xdist_auto_num_workers  # noqa: F401 - a hook
from tutorial_pkg import load_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data() -> tuple[torch.Tensor, torch.Tensor]:
    return load_data()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `mkdocs build --strict` makes it, built once per test session (under
    pytest-xdist, by the first worker that needs it, while the others wait for it)."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return _build(tmp_path_factory.mktemp("site"))
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent  # this session's, common to its workers
    site = shared / "site"
    with FileLock(str(site) + ".lock"):
        if not (shared / "site.built").exists():
            _build(site)
            (shared / "site.built").touch()
    return site


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site, served on 127.0.0.1 for the whole session: its base URL."""
    from browser import serve

    with serve(built_site) as base:
        yield base


def _build(site: Path) -> Path:
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "REPO_URL": REPO_URL})
    assert run.returncode == 0, run.stderr[-3000:]
    return site
