"""Small helpers shared by the tests (no test module imports another)."""

import io
import re
import runpy
from contextlib import redirect_stdout
from pathlib import Path
from types import SimpleNamespace

from tutorial_pkg import X_DATA, Y_DATA

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
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


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


def version_matrix() -> SimpleNamespace:
    """The version matrix module, .ci/matrix.py (it lives with the CI files, outside any package)."""
    return SimpleNamespace(**runpy.run_path(str(Path(__file__).resolve().parents[1] / ".ci" / "matrix.py")))


def float64_descent(lr: float, scale: float, n_epochs: int):
    """The loss before each of n_epochs updates of gradient descent from w = 1, b = 0 on the article's
    data (x times scale), in plain Python floats: a reference independent of torch and float32."""
    xs, ys = [scale * v for v in X_DATA], list(Y_DATA)
    w, b = 1.0, 0.0
    for _ in range(n_epochs):
        d = [w * x + b - y for x, y in zip(xs, ys)]
        yield sum(v * v for v in d) / len(d)
        w, b = w - lr * sum(2 * v * x for v, x in zip(d, xs)) / len(d), b - lr * sum(2 * v for v in d) / len(d)
