"""How many pytest-xdist workers a test run gets (pyproject's addopts say ``-n auto``).

The root conftest.py imports the hook below, so it holds whichever paths are run.
"""

from __future__ import annotations

from pathlib import Path


def pytest_xdist_auto_num_workers(config):
    """A couple of named files, such as one page's doctests, run in one process: starting
    workers, each importing torch, costs more than it saves. Otherwise xdist decides."""
    files = [arg for arg in config.args if Path(arg.split("::")[0]).is_file()]
    if files and len(files) == len(config.args) and len(files) <= 2:
        return 0
    return None
