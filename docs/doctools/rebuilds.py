"""MkDocs hook: a rebuild under ``mkdocs serve`` redoes only what changed.

Each rebuild loads the configuration again and builds every page of both languages; the modules
of this package live on between rebuilds, and so do their caches, each keyed by all it is made of:

- the theme's compiled templates: MkDocs makes a new Jinja environment for each build; Jinja's
  file bytecode cache keeps them in ``.cache/templates`` (cold builds use it too);
- each notebook's conversion to HTML by mkdocs-jupyter (``jupyter_adapter.memoize``), and each
  page's search entries (``material_adapter.memoize_search``);
- in their modules (``functools.lru_cache``): each formula's MathML (``mathml``), each page's
  Chinese text setting (``cjk``), the explorer's numbers, the stamp's versions, ``lean``'s words of each page
  and script and its lean stylesheets (MkDocs writes Material's anew on each build).

A one-word edit of a lesson page reloads the browsers 1.1–1.7 s later with them all, on a busy 2-core
machine (load 8); 3.1 s on a quiet one without the last line's caches, about three times as long as
with them on the same busy machine, and 4–6 s without the notebook and search caches too
(tests/benchmark.py's ``serve_rebuild``, 2026-11-30).
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import jinja2

from . import jupyter_adapter, material_adapter

# Jinja's own file cache of compiled templates, in a folder per Jinja, MkDocs and Material (which
# make the environment the code is compiled for); a template whose source changed compiles anew.
TEMPLATES = Path(__file__).resolve().parents[2] / ".cache" / "templates" / "-".join(
    version(name) for name in ("jinja2", "mkdocs", "mkdocs-material"))
TEMPLATE_CACHE = jinja2.FileSystemBytecodeCache(str(TEMPLATES))


def on_config(config):
    jupyter_adapter.memoize()
    material_adapter.memoize_search()
    return config


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    TEMPLATES.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = TEMPLATE_CACHE
    return env
