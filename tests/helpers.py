"""Small helpers shared by the tests."""

import io
from contextlib import redirect_stdout

# The tests build the site as the GitHub workflow does, from a GitHub repository (its Open in
# Colab buttons point there); a build without REPO_URL, like `mkdocs serve`, has none.
REPO_URL = "https://github.com/example/pytorch-by-hand"


def run_printed(fn, *args, **kwargs):
    """Call fn, returning (its result, what it printed)."""
    out = io.StringIO()
    with redirect_stdout(out):
        result = fn(*args, **kwargs)
    return result, out.getvalue()

