"""How many pytest-xdist workers a run gets (``-n auto``): the root conftest.py imports this hook."""

from __future__ import annotations

from pathlib import Path


def pytest_xdist_auto_num_workers(config):
    """A couple of named files, such as one page's doctests, run in one process: starting
    workers, each importing torch, costs more than it saves. Otherwise xdist decides."""
    files = [arg for arg in config.args if Path(arg.split("::")[0]).is_file()]
    if files and len(files) == len(config.args) and len(files) <= 2:
        return 0
    return None
