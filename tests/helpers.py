"""Small helpers shared by the tests (no test module imports another)."""

import io
import re
from contextlib import redirect_stdout

# The tests build the site as the GitHub workflow does, from a GitHub repository (its Open in
# Colab buttons point there); a build without REPO_URL, like `mkdocs serve`, has none.
REPO_URL = "https://github.com/example/pytorch-by-hand"
PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)")


def run_printed(fn, *args, **kwargs):
    """Call fn, returning (its result, what it printed)."""
    out = io.StringIO()
    with redirect_stdout(out):
        result = fn(*args, **kwargs)
    return result, out.getvalue()


def as_copied(shown: str) -> str:
    """What the copy button gives for a ```pycon block showing ``shown``: its source lines,
    prompts removed, no output (tests/test_copy_button.py holds the site to this)."""
    return "\n".join(PROMPT.sub("", line) for line in shown.splitlines() if PROMPT.match(line))


def write_page(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / name
    page.write_text(text, encoding="utf-8")
    return page


# Fences of every shape: indented in an admonition, ~~~, longer than three, with attributes.
FENCES = """# Fences

??? note "Worked out"
    ```pycon
    >>> 1 + 1
    2
    ```

    ~~~{.python .no-run}
    1 + 1
    ~~~

~~~~pycon
>>> 2 * 3
6
~~~~

```python
x = 3
```
"""


def version_matrix():
    """The version matrix module, .ci/matrix.py (it lives with the CI files, outside any package)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / ".ci" / "matrix.py"
    spec = importlib.util.spec_from_file_location("matrix", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
