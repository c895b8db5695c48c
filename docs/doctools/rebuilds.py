"""MkDocs hook: a rebuild under ``mkdocs serve`` redoes only what changed.

Each rebuild loads the configuration again and builds every page of both languages; the
modules of this package live on between rebuilds, and so do their caches:

- the theme's compiled templates: MkDocs makes a new Jinja environment for each build, and
  compiled every Material template again (half a second); the environment's bytecode cache
  (Jinja's own mechanism) keeps the code in memory, keyed by template, source and the
  environment's settings: an edited template, or another setting, compiles anew;
- each notebook's conversion to HTML by mkdocs-jupyter (``jupyter_adapter.memoize``);
- each page's search entries (``material_adapter.memoize_search``).
"""

from __future__ import annotations

import hashlib

import jinja2
from jinja2.bccache import Bucket

from . import jupyter_adapter, material_adapter


def _settings(env: jinja2.Environment) -> str:
    """What, besides a template's source, the code Jinja compiles from it depends on."""
    return repr((sorted(env.extensions), env.autoescape, env.finalize, env.optimized, env.is_async,
                 getattr(env, "newstyle_gettext", None), env.block_start_string, env.block_end_string,
                 env.variable_start_string, env.variable_end_string, env.comment_start_string,
                 env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline))


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = self.get_cache_key(name, filename) + hashlib.sha1(_settings(environment).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

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
