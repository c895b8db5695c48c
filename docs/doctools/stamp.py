"""MkDocs hook: the "outputs verified with" stamp on each lesson page.

Each lesson page (front matter ``notebook: true``) says which torch and Python its outputs
were verified with: the versions of the stack that builds the site (the build runs the same
pinned stack as the doctests, .ci/constraints.txt), and the range the version matrix checks
them on (.ci/matrix.py, the legs of ``nox -s lessons``). It links to the lesson's note on why
the last digits may differ, which gets the id below; a page without such a note links to
the first page of its language's nav that has one.
"""

from __future__ import annotations

from pathlib import Path

from . import i18n_adapter
from .lessons import words

LAST_DIGITS_ID = "last-digits"
def stack_versions() -> dict[str, str]:
    """The torch and Python versions of the running stack, torch without its local
    build tag (``2.13.0+cpu`` -> ``2.13.0``)."""
    import platform

    import torch
    return {"torch": torch.__version__.split("+")[0], "python": platform.python_version()}


def checked_range() -> dict[str, str]:
    """The oldest and newest torch and Python of the version matrix (.ci/matrix.py)."""
    import runpy

    return runpy.run_path(str(Path(__file__).resolve().parents[2] / ".ci" / "matrix.py"))["checked_range"]()


def on_page_context(context, page, config, nav, **kwargs):
    if not page.meta.get("notebook"):
        return context
    from mkdocs.utils import get_relative_url

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
    versions = {**stack_versions(), **checked_range()}
    context["verified_with"] = {**versions, "sentence": text["sentence"].format(**versions),
                                "why": text["why"], "href": href}
    return context
