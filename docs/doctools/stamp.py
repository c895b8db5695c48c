"""MkDocs hook: the "outputs verified with" stamp on each lesson page, with the torch and Python
that build the site and the range .ci/matrix.py checks, linked to a note on last digits.
"""

import functools
import platform
import runpy
from pathlib import Path

from mkdocs.utils import get_relative_url

from . import i18n_adapter
from .lessons import words

LAST_DIGITS_ID = "last-digits"


@functools.cache  # the stack and the matrix do not change while a process builds (rebuilds.py)
def versions() -> dict[str, str]:
    """The running torch (``2.13.0+cpu`` -> ``2.13.0``) and Python, and .ci/matrix.py's oldest and newest."""
    import torch

    matrix = runpy.run_path(str(Path(__file__).resolve().parents[2] / ".ci" / "matrix.py"))
    return {"torch": torch.__version__.split("+")[0], "python": platform.python_version(), **matrix["checked_range"]()}


def on_page_context(context, page, config, nav, **kwargs):
    if not page.meta.get("notebook"):
        return context
    # The pages mark their note with { #last-digits } (attr_list), where MkDocs sees the anchor: this
    # page's, else the first of its language's (nav: all rendered before any is written).
    note = next((p for p in [page, *nav.pages] if f'id="{LAST_DIGITS_ID}"' in (p.content or "")), None)
    if note is None:
        raise ValueError(f"{page.file.src_uri}: no note on last digits to link the version stamp to")
    href = ("" if note is page else get_relative_url(note.url, page.url)) + f"#{LAST_DIGITS_ID}"
    text = words("stamp")[i18n_adapter.page_language(page, config)]
    context["verified_with"] = {**versions(), "sentence": text["sentence"].format(**versions()),
                                "why": text["why"], "href": href}
    return context
