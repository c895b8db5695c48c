"""MkDocs hook: a rebuild under ``mkdocs serve`` redoes only what changed.

The modules of this package live on between rebuilds, and so do their caches, each keyed by all it
is made of: Jinja's compiled templates (``.cache/templates``; cold builds use it too), mkdocs-jupyter's
conversions and Material's search entries (the adapters' memos), and the ``functools`` caches marked
"rebuilds.py". A one-word edit of a lesson page reloads the browsers 1.1–1.7 s later with them all on
a busy 2-core machine (load 8), about three times as long without the ``functools`` ones, and 4–6 s
without the adapters' too (tests/benchmark.py's ``serve_rebuild``, 2026-11-30).
"""

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
