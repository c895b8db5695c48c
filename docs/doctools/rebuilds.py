"""MkDocs hook: a rebuild under ``mkdocs serve`` redoes only what changed.

Each rebuild loads the configuration again and builds every page of both languages; the
modules of this package live on between rebuilds, and so do their caches:

- the theme's compiled templates: MkDocs makes a new Jinja environment for each build, and
  compiled every Material template again (half a second); the environment's bytecode cache
  (Jinja's own mechanism) keeps the code in memory, keyed by template and source: an edited
  template compiles anew (every build makes its environment with the same settings);
- each notebook's conversion to HTML by mkdocs-jupyter (``jupyter_adapter.memoize``);
- each page's search entries (``material_adapter.memoize_search``).

Without the last two a one-word edit of a lesson page took 4.2–6.1 s to reload the browsers, and
4.4–4.8 s without the search entries' alone, against 1.5–2.7 s with both (tests/benchmark.py's
``serve_rebuild``, 2026-11-30, a busy 2-core machine): they stay while the notebook pages do.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket

from . import jupyter_adapter, material_adapter


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])  # ignored if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = _MemoryBytecodeCache()


def on_config(config):
    jupyter_adapter.memoize()
    material_adapter.memoize_search()
    return config


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    env.bytecode_cache = TEMPLATE_CACHE
    return env
