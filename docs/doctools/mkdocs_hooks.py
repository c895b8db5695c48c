"""The build's pipeline, in one place: which job runs at which MkDocs event, in which order.

MkDocs loads this file alone (``hooks:`` in mkdocs.yml) and calls the ``on_*`` functions below;
each calls the jobs of its event in order. A job module (``doctools/<job>.py``) does one thing:

- ``fences.without_hidden``: the pages' hidden checks left out (they are for the tests);
- ``mathml``: the pages' TeX as MathML;
- ``sitemaps``: a copy of the sitemap beside every page;
- ``stamp``: the "outputs verified with" stamp on each lesson page;
- ``not_found``: a 404 page per language;
- ``figure_files``: the figures, drawn into a cache and added to the build, each a link with a narrow variant;
- ``notebook_pages``: each notebook as a page of its language;
- ``explorer``: lesson 4.1's learning-rate explorer, its data from ``tutorial_pkg``;
- ``cjk``: Chinese text without stray spaces, numbers and marks that do not break;
- ``seo``: absolute hreflang, descriptions, link-preview cards, robots.txt;
- ``search_index``: one search index per language;
- ``rebuilds``: what a rebuild under ``mkdocs serve`` reuses (templates, conversions, search entries);
- ``lean``: lighter pages that look the same (code's plain spans, stylesheet rules that match nothing,
  search started by the first search).

Every event runs at MkDocs' default priority (0), beside the plugins, except ``on_files`` and
the last part of ``on_post_build`` (``search_index``, then ``lean``). To
add a job: write its module and call it below, at its event, in its place (a job's ``on_*``
function that is not called here fails tests/test_adapters.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

_DOCS = str(Path(__file__).resolve().parents[1])
if _DOCS not in sys.path:  # docs/, so that `doctools` imports as a package
    sys.path.insert(0, _DOCS)
from doctools import (cjk, explorer, figure_files, lean, mathml, not_found, notebook_pages,  # noqa: E402
                      rebuilds, search_index, seo, sitemaps, stamp)
from doctools.fences import without_hidden  # noqa: E402


def on_config(config):
    return rebuilds.on_config(config)


def on_pre_build(config):
    notebook_pages.on_pre_build(config)


# After mkdocs-static-i18n's on_files (-100), which sorts the files of docs/ by language and
# drops the others: the figures and notebook pages added here come after it and stay.
@event_priority(-110)
def on_files(files, config):
    files = figure_files.on_files(files, config)
    return notebook_pages.on_files(files, config)


def on_env(env, config, files):
    return rebuilds.on_env(env, config, files)


def on_page_markdown(markdown, page, config, files):
    return without_hidden(markdown)  # the reader never sees a hidden check (doctools.fences): it is for the tests


def on_page_content(html, page, config, files):
    html = mathml.on_page_content(html, page=page, config=config, files=files)
    html = figure_files.on_page_content(html, page=page)
    html = lean.on_page_content(html, page=page)
    html = explorer.on_page_content(html, page, config, files)
    html = notebook_pages.on_page_content(html, page, config, files)  # mkdocs-jupyter rendered it in on_pre_page
    return cjk.on_page_content(html, page, config)  # last: every text is in place


def on_page_context(context, page, config, nav):
    context = stamp.on_page_context(context, page=page, config=config, nav=nav)
    return seo.on_page_context(context, page=page, config=config, nav=nav)


def on_template_context(context, template_name, config):
    context = not_found.on_template_context(context, template_name=template_name, config=config)
    return seo.on_template_context(context, template_name=template_name, config=config)


def on_post_template(output, template_name, config):
    return not_found.on_post_template(output, template_name=template_name, config=config)


def _post_build(config):
    sitemaps.on_post_build(config=config)
    seo.on_post_build(config=config)


# Then, after mkdocs-static-i18n's (-100), in which it builds the other languages and writes one
# search index of them all, that index split per language.
@event_priority(-200)
def _post_build_last(config):
    search_index.on_post_build(config)
    lean.on_post_build(config=config)  # last: it reads every page and script of every language


on_post_build = CombinedEvent(_post_build, _post_build_last)


def on_post_page(output, page, config):
    output = cjk.on_post_page(output, page, config)
    output = search_index.on_post_page(output, page, config)
    return lean.on_post_page(output)
