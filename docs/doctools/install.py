"""What a reader installs to run a lesson: the one-line install, the notebooks' install cell, and
the Open in Colab link; the name from ``pyproject.toml``, the version from ``tutorial_pkg``.
"""

import functools
import html
import re
import tomllib
from pathlib import Path

from .lessons import words

ROOT = Path(__file__).resolve().parents[2]
# A PyPI mirror that mainland-China readers reach quickly (pip's -i); PyPI itself can be slow there.
MIRROR = "https://pypi.tuna.tsinghua.edu.cn/simple"

TEXT = words("install")  # words.yml


@functools.cache  # read once per process: every lesson and notebook page asks, several times
def distribution() -> tuple[str, str]:
    """The distribution's name and version, e.g. ``("pytorch-by-hand", "0.1.0")``."""
    import tutorial_pkg

    with open(ROOT / "pyproject.toml", "rb") as file:
        name = tomllib.load(file)["project"]["name"]
    return name, tutorial_pkg.__version__


def requirement() -> str:
    """What ``pip install`` is given: exactly the version the pages were verified with."""
    return "==".join(distribution())


def command(mirror: bool = False) -> str:
    return f'pip install {"-i " + MIRROR + " " if mirror else ""}"{requirement()}"'


def _code(text: str) -> str:
    return f'<div class="language-bash highlight"><pre><span></span><code>{html.escape(text)}</code></pre></div>'


def install_html(lang: str) -> str:
    """The install box at the top of a lesson and of its notebook page; zh adds a mirror."""
    text, name = TEXT[lang], html.escape(distribution()[0])
    parts = ['<div class="admonition tip install">', f'<p class="admonition-title">{text["title"]}</p>',
             f'<p>{text["intro"].format(name=name)}</p>', _code(command())]
    if lang == "zh":
        parts += [f'<p>{text["mirror"]}</p>', _code(command(mirror=True))]
    return "\n".join(parts + ["</div>"])


# What pip prints when it cannot reach the index (it retries), and when the index lacks the version.
OFFLINE_SIGNS = ("Retrying (Retry(", "NewConnectionError", "Failed to establish a new connection", "timed out")
UNPUBLISHED_SIGN = "No matching distribution found"


def install_cell(lang: str) -> str:
    """A notebook's first code cell: installs exactly this version where ``tutorial_pkg`` is
    missing (a fresh Jupyter, Colab), shows pip's output, and when that fails says in one line
    why (no network, or this version not on the package index) and what to do."""
    if lang not in TEXT:
        raise ValueError(f"lang must be one of {sorted(TEXT)} (the page's folder); got {lang!r}")
    text, name = TEXT[lang], distribution()[0]
    why = {key: repr(text[key].format(requirement=requirement(), name=name))
           for key in ("offline", "unpublished", "failed")}
    return f"""{text["cell"].format(name=name)}
import importlib
import importlib.util
import subprocess
import sys
if importlib.util.find_spec("tutorial_pkg") is None:
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "{requirement()}"], capture_output=True, text=True)
    print(pip.stdout + pip.stderr)
    importlib.invalidate_caches()
    if importlib.util.find_spec("tutorial_pkg") is None:
        if any(sign in pip.stderr for sign in {OFFLINE_SIGNS!r}):
            raise ImportError({why['offline']}) from None
        if {UNPUBLISHED_SIGN!r} in pip.stderr:
            raise ImportError({why['unpublished']}) from None
        raise ImportError({why['failed']}) from None"""


_GITHUB = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")


def colab_url(repo_url: str | None, notebook: Path) -> str | None:
    """Colab's link to ``notebook`` (a file of this repository) on the default branch, or None
    when the site is not built from a GitHub repository (a local build has no such link)."""
    if (match := _GITHUB.match(repo_url or "")) is None:
        return None
    path = Path(notebook).resolve().relative_to(ROOT).as_posix()
    return f"https://colab.research.google.com/github/{match['owner']}/{match['repo']}/blob/main/{path}"
