"""The one place the doc tooling relies on mkdocs-jupyter's internals (written for 0.26.x; pyproject
bounds it there): which files it renders, the words of its copy buttons, its conversions kept (a
second or so each, on every build; its ``cache`` option does not help: each language evicts the other's).
"""

import copy
import functools
import hashlib
import html
import re
from pathlib import Path

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
    """Whether mkdocs-jupyter will render ``file`` (a page file) as a notebook (its ``include``)."""
    plugin = config.plugins.get("mkdocs-jupyter")
    return plugin is not None and plugin.should_include(file)


def _memoized(convert, size: int = 16):  # every notebook of both languages, and a few edits' worth
    """``convert(path, ...)`` kept by the file's path and content and the arguments; a copy returned."""
    results: dict = {}

    @functools.wraps(convert)
    def memo(path, *args, **kwargs):
        key = (str(path), hashlib.sha256(Path(path).read_bytes()).digest(), repr(args), repr(sorted(kwargs.items())))
        if key not in results:
            if len(results) >= size:
                del results[next(iter(results))]
            results[key] = convert(path, *args, **kwargs)
        return copy.deepcopy(results[key])
    return memo


def memoize() -> None:
    """Keep, once per process, what ``Plugin.on_pre_page`` computes through these modules at each
    render: ``convert.nb2html`` (the HTML) and ``_get_nb_toc_tokens`` (contents notebook_pages replaces)."""
    from mkdocs_jupyter import convert, plugin

    for module, name in ((convert, "nb2html"), (plugin, "_get_nb_toc_tokens")):
        if not hasattr(getattr(module, name), "__wrapped__"):  # not yet memoized (functools.wraps sets it)
            setattr(module, name, _memoized(getattr(module, name)))
