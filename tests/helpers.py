"""Small helpers shared by the tests."""

import io
from contextlib import redirect_stdout


def run_printed(fn, *args, **kwargs):
    """Call fn, returning (its result, what it printed)."""
    out = io.StringIO()
    with redirect_stdout(out):
        result = fn(*args, **kwargs)
    return result, out.getvalue()
