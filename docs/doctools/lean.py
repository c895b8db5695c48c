"""MkDocs hook: lighter pages that look the same (lesson page <= 400 KB on load, tests/benchmark.py).

- Code without Pygments' spans for names and whitespace (Material draws both in the code's colour):
  about a third of a lesson page's bytes and elements.
- Material's search worker started by the first search (``material_adapter.search_on_demand``).
- Material's stylesheets without the rules that cannot match: each selector names a class that no
  built page or script writes (one built from a template, `md-tag--${x}`, counts as written) or a
  palette the site does not use. What is inside :not(), :is(), :where() and :has() never decides.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from . import material_adapter

_PLAIN_SPAN = re.compile(r'<span class="(?:n|w)">([^<]*)</span>')
_SELECTOR_FUNCTION = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
_PALETTE = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")


def on_page_content(html: str, page, **kwargs) -> str:
    if not page.file.src_uri.endswith(".md"):  # notebook pages style names their own way
        return html
    return _PLAIN_SPAN.sub(r"\1", html)


def on_post_page(output: str, **kwargs) -> str:
    return material_adapter.search_on_demand(output)


def _blocks(css: str):
    """(prelude, body) of each top-level block of ``css``."""
    start = 0
    while (brace := css.find("{", start)) >= 0:
        depth, end = 1, brace + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        yield css[start:brace].strip(), css[brace + 1:end - 1]
        start = end


def lean_css(css: str, used) -> str:
    """``css`` without the rules that cannot match (``used(class_or_palette)`` says what can)."""
    out = []
    for prelude, body in _blocks(re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)):
        if prelude.startswith(("@media", "@supports")):
            inner = lean_css(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@") or any(_can_match(s, used) for s in re.split(r",(?![^()]*\))", prelude)):
            out.append(f"{prelude}{{{body}}}")
    return "".join(out)


def _can_match(selector: str, used) -> bool:
    selector = _SELECTOR_FUNCTION.sub("", selector)
    names = re.findall(r"\.([\w-]+)", selector) + [f"palette:{name}" for name in _PALETTE.findall(selector)]
    return all(used(name) for name in names)


@functools.lru_cache(maxsize=256)  # a rebuild reads again only the files that changed (rebuilds.py)
def _names(text: str) -> tuple[frozenset, frozenset]:
    """The words of a built page or script (palettes as ``palette:<name>``), and the class
    prefixes it builds from a template."""
    palettes = re.findall(r'data-md-color-(?:primary|accent)="([\w-]+)"', text)
    return (frozenset(re.findall(r"[\w-]+", text) + [f"palette:{name}" for name in palettes]),
            frozenset(re.findall(r"([\w-]+--)\$\{", text)))


@functools.lru_cache(maxsize=16)  # each build writes Material's stylesheets anew: lean them once
def _lean(css: str, words: frozenset, prefixes: frozenset) -> str:
    return lean_css(css, lambda name: name in words or name.startswith(tuple(prefixes)))


def on_post_build(config, **kwargs) -> None:
    site = Path(config.site_dir)
    material_adapter.write_search_on_demand(config.site_dir)
    names = [_names(file.read_text(encoding="utf-8", errors="replace"))
             for file in [*site.rglob("*.html"), *site.rglob("*.js")]]
    words, prefixes = frozenset().union(*(w for w, _ in names)), frozenset().union(*(p for _, p in names))
    for css in (site / "assets" / "stylesheets").glob("*.min.css"):
        css.write_text(_lean(css.read_text(encoding="utf-8"), words, prefixes), encoding="utf-8")
