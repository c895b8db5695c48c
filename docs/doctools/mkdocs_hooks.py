"""The doc tooling's one MkDocs entry point (``hooks:`` in mkdocs.yml names only this file).

MkDocs loads a hook file as a lone module; this one imports the ``doctools`` package and
forwards every event to the modules that handle it, each with the priority it asks for
(``mkdocs.plugins.CombinedEvent``). Each module does one job:

- ``mathml``: the pages' TeX as MathML;
- ``sitemaps``: a copy of the sitemap beside every page;
- ``stamp``: the "outputs verified with" stamp on each lesson page;
- ``not_found``: a 404 page per language;
- ``accessible_names``: a name for Material's search dialog;
- ``figure_files``: the figures, drawn into a cache and added to the build;
- ``notebook_pages``: each notebook, run, as a page of its language;
- ``explorer``: lesson 4.1's learning-rate explorer, its data from ``tutorial_pkg``;
- ``seo``: absolute hreflang, descriptions, link-preview cards, robots.txt;
- ``rebuilds``: what a rebuild under ``mkdocs serve`` reuses (templates, conversions, search entries).

To add a job: write ``docs/doctools/<job>.py`` with its ``on_<event>`` functions and add the
module to ``JOBS`` below; nothing else changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import CombinedEvent

_DOCS = str(Path(__file__).resolve().parents[1])
if _DOCS not in sys.path:  # docs/, so that `doctools` imports as a package
    sys.path.insert(0, _DOCS)
from doctools import (accessible_names, explorer, figure_files, mathml, not_found,  # noqa: E402
                      notebook_pages, rebuilds, seo, sitemaps, stamp)

# Handlers of one event run by priority, then in this order.
JOBS = (mathml, sitemaps, stamp, not_found, accessible_names, figure_files, notebook_pages, explorer, seo,
        rebuilds)

from doctools.fences import without_hidden  # noqa: E402


def on_page_markdown(markdown: str, **kwargs) -> str:
    """The reader never sees a hidden check (doctools.fences): it is for the tests."""
    return without_hidden(markdown)


for _event in sorted({name for job in JOBS for name in dir(job) if name.startswith("on_")}):
    globals()[_event] = CombinedEvent(*(getattr(job, _event) for job in JOBS if callable(getattr(job, _event, None))))
del _event
