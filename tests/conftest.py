import io
from contextlib import redirect_stdout

import pytest
import torch

from tutorial_pkg import load_data


@pytest.fixture
def data() -> tuple[torch.Tensor, torch.Tensor]:
    return load_data()


def run_printed(fn, *args, **kwargs):
    """Call fn, returning (its result, what it printed)."""
    out = io.StringIO()
    with redirect_stdout(out):
        result = fn(*args, **kwargs)
    return result, out.getvalue()

