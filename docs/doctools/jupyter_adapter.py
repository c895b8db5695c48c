"""The one place the doc tooling relies on mkdocs-jupyter's internals (written for 0.26.x; pyproject bounds
it there).

How a notebook becomes a page: mkdocs-jupyter renders, in ``on_pre_page``, every page whose
source file matches its ``include`` globs (mkdocs.yml: the executed copies in
``.cache/notebooks``); ``renders`` asks the plugin whether it will render a file.

What a rebuild costs: the plugin converts each notebook to HTML again on every build
(nbconvert, a second or so each; under ``mkdocs serve`` after a one-word edit of a page, most of
the rebuild), and its ``cache`` option writes JSON files that each language's build evicts for
the other. ``memoize`` keeps each conversion for the life of the process instead, keyed by the
notebook's path and content and the conversion's options: a rebuild in which a notebook did not
change reuses its HTML.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import html
import re
from collections import OrderedDict
from pathlib import Path

CACHE_SIZE = 16  # conversions remembered: every notebook of both languages, and a few edits' worth

# The words mkdocs-jupyter's template (notebook.html.j2) gives each cell's copy button, in English.
_COPY_LABEL = re.compile(r'(<clipboard-copy\b[^>]*\baria-label=")Copy to Clipboard"')
_COPIED = re.compile(r'(<span class="notice" hidden(?:="")?>)Copied!</span>')


def copy_words(content: str, label: str, copied: str) -> str:
    """A rendered notebook whose copy buttons say ``label`` and, once clicked, ``copied``."""
    content, labels = _COPY_LABEL.subn(lambda m: m[1] + html.escape(label) + '"', content)
    content, notices = _COPIED.subn(lambda m: m[1] + html.escape(copied) + "</span>", content)
    if not content.count("<clipboard-copy") == labels == notices:
        raise ValueError(f"mkdocs-jupyter's copy buttons no longer read {_COPY_LABEL.pattern} and {_COPIED.pattern}")
    return content


def renders(file, config) -> bool:
    """Whether mkdocs-jupyter will render ``file`` (a page file) as a notebook."""
    plugin = config.plugins.get("mkdocs-jupyter")
    return plugin is not None and plugin.should_include(file)


def _memoized(convert, size: int = CACHE_SIZE):
    """``convert(path, *args, **kwargs)``, each result remembered by the file's path and content and
    the arguments; a copy is returned, as the caller may change what it gets."""
    results: OrderedDict = OrderedDict()

    @functools.wraps(convert)
    def memo(path, *args, **kwargs):
        content = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        key = (str(path), content, repr(args), repr(sorted(kwargs.items())))
        if key not in results:
            results[key] = convert(path, *args, **kwargs)
            if len(results) > size:
                results.popitem(last=False)
        results.move_to_end(key)
        return copy.deepcopy(results[key])

    memo.memoized = True
    return memo


def memoize() -> None:
    """Keep the plugin's conversions for the life of the process (once; later calls do nothing).

    ``Plugin.on_pre_page`` calls ``convert.nb2html`` (the page's HTML) and
    ``_get_nb_toc_tokens`` (its table of contents, which ``notebook_pages`` replaces) through
    their modules at each render, so the memoized functions take their place there."""
    from mkdocs_jupyter import convert, plugin

    if not getattr(convert.nb2html, "memoized", False):
        convert.nb2html = _memoized(convert.nb2html)
    if not getattr(plugin._get_nb_toc_tokens, "memoized", False):
        plugin._get_nb_toc_tokens = _memoized(plugin._get_nb_toc_tokens)
