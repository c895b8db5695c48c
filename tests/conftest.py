import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from helpers import REPO_URL
from tutorial_pkg import load_data

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data() -> tuple[torch.Tensor, torch.Tensor]:
    return load_data()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site as `mkdocs build --strict` makes it, built once per test session."""
    site = tmp_path_factory.mktemp("site")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                         cwd=ROOT, capture_output=True, text=True, timeout=600,
                         env={**os.environ, "REPO_URL": REPO_URL})
    assert run.returncode == 0, run.stderr[-3000:]
    return site
