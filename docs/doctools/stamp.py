"""MkDocs hook: the "outputs verified with" stamp on each lesson page (front matter ``notebook: true``).

It names the torch and Python of the stack that builds the site (the pinned stack the doctests
run on) and the range the version matrix checks (.ci/matrix.py), and links to the lesson's note
on last digits (``{ #last-digits }``), or to the first page of its language that has one.
"""

from __future__ import annotations

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
    """The torch (without its local build tag: ``2.13.0+cpu`` -> ``2.13.0``) and Python of the
    running stack, and the oldest and newest of the version matrix (.ci/matrix.py)."""
    import torch

    matrix = runpy.run_path(str(Path(__file__).resolve().parents[2] / ".ci" / "matrix.py"))
    return {"torch": torch.__version__.split("+")[0], "python": platform.python_version(), **matrix["checked_range"]()}


def on_page_context(context, page, config, nav, **kwargs):
    if not page.meta.get("notebook"):
        return context
    # The pages mark their note with { #last-digits } (attr_list), where MkDocs sees the anchor.
    if f'id="{LAST_DIGITS_ID}"' in (page.content or ""):
        href = f"#{LAST_DIGITS_ID}"
    else:
        # nav holds the pages of the language being built, all rendered before any is written
        note = next((p for p in nav.pages if f'id="{LAST_DIGITS_ID}"' in (p.content or "")), None)
        if note is None:
            raise ValueError(f"{page.file.src_uri}: no note on last digits to link the version stamp to")
        href = get_relative_url(note.url, page.url) + f"#{LAST_DIGITS_ID}"
    text = words("stamp")[i18n_adapter.page_language(page, config)]
    context["verified_with"] = {**versions(), "sentence": text["sentence"].format(**versions()),
                                "why": text["why"], "href": href}
    return context
