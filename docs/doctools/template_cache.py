"""MkDocs hook: the theme's templates compiled once per process, not once per build.

MkDocs makes a new Jinja environment for each build, so ``mkdocs serve`` compiled every
Material template again on each rebuild (about half a second of one). The environment's
bytecode cache (Jinja's own mechanism) keeps the compiled code in memory, keyed by template,
source and the environment's settings: an edited template, or another setting, compiles anew.
"""

from __future__ import annotations

import hashlib

import jinja2
from jinja2.bccache import Bucket


def _settings(env: jinja2.Environment) -> str:
    """What, besides a template's source, the code Jinja compiles from it depends on."""
    return repr((sorted(env.extensions), env.autoescape, env.finalize, env.optimized, env.is_async,
                 getattr(env, "newstyle_gettext", None), env.block_start_string, env.block_end_string,
                 env.variable_start_string, env.variable_end_string, env.comment_start_string,
                 env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
                 env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline))


class _Kept(jinja2.BytecodeCache):
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


KEPT = _Kept()


def on_env(env: jinja2.Environment, config, files) -> jinja2.Environment:
    env.bytecode_cache = KEPT
    return env
