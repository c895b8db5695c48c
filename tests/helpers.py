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


# The tests build the site as the GitHub workflow does, from a GitHub repository (its Open in
# Colab buttons point there); a build without REPO_URL, like `mkdocs serve`, has none.
REPO_URL = "https://github.com/example/pytorch-by-hand"


def version_matrix():
    """The version matrix module, .ci/matrix.py (it lives with the CI files, outside any package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / ".ci" / "matrix.py"
    spec = importlib.util.spec_from_file_location("matrix", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
