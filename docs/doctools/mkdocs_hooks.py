"""The build's pipeline, in one place: which job runs at which MkDocs event, in which order.

MkDocs loads this file alone (``hooks:`` in mkdocs.yml). Every event runs at MkDocs' default
priority (0), beside the plugins, but ``on_files`` and the last part of ``on_post_build``, which
must follow mkdocs-static-i18n's (-100). A job's ``on_*`` function not called here fails tests/test_adapters.py.
"""

import sys
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

_DOCS = str(Path(__file__).resolve().parents[1])
if _DOCS not in sys.path:  # docs/, so that `doctools` imports as a package
    sys.path.insert(0, _DOCS)
from doctools import (cjk, explorer, figure_files, lean, mathml, not_found, notebook_pages,  # noqa: E402
                      rebuilds, search_index, seo, stamp)
from doctools.fences import without_hidden  # noqa: E402


on_config = rebuilds.on_config
on_pre_build = notebook_pages.on_pre_build  # a missing notebook stops the build before anything runs


# After mkdocs-static-i18n's on_files (-100), which sorts the files of docs/ by language and
# drops the others: the figures and notebook pages added here come after it and stay.
@event_priority(-110)
def on_files(files, config):
    files = figure_files.on_files(files, config)
    return notebook_pages.on_files(files, config)


on_env = rebuilds.on_env


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


on_template_context = not_found.on_template_context  # 404.html: its homes, language switch and head


on_post_template = not_found.on_post_template


def on_post_page(output, page, config):
    output = cjk.on_post_page(output, page, config)
    output = search_index.on_post_page(output, page, config)
    return lean.on_post_page(output)


# Then, after mkdocs-static-i18n's (-100), in which it builds the other languages and writes one
# search index of them all, that index split per language; last, lean reads every page and script.
@event_priority(-200)
def _post_build_last(config):
    search_index.on_post_build(config)
    lean.on_post_build(config=config)


on_post_build = CombinedEvent(seo.on_post_build, _post_build_last)
