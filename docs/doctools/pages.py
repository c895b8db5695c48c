"""Walk the pages: their fenced code blocks and the examples Sybil runs from them."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from .doctests import CODE_LANGUAGE, DOCTEST_LANGUAGE, Updates, is_include, page_sybil
from .fences import Fence, fences
from .lessons import DOCS, LANGUAGES  # noqa: F401 - also read from here by the tests and notebooks
PYTHON_WORDS = {"python", "py", "python3", "py3", "pycon", "pytb", "ipython", "ipython3", "doctest"}


def looks_like_python(fence: Fence) -> bool:
    """Holds doctest prompts or Python code, whatever its info string says."""
    if fence.language in PYTHON_WORDS or ">>>" in fence.body:
        return True
    if fence.language:
        return False
    try:
        compile(fence.body, "<fence>", "exec")
    except (SyntaxError, ValueError):
        return False
    return bool(re.search(r"^\s*(import|from|def|class|print\()|=", fence.body, re.M))


def pages() -> list[Path]:
    return sorted(p for lang in LANGUAGES for p in (DOCS / lang).rglob("*.md"))


def blocks(path: Path) -> list[Fence]:
    return list(fences(path.read_text(encoding="utf-8")))


def unrun_python_blocks(path: Path) -> list[Fence]:
    """Python-looking blocks that Sybil does not run and that are not an include of package source."""
    starts = [example.start for example in page_sybil(Updates()).parse(path)]
    return [block for block in blocks(path) if looks_like_python(block)
            and not (block.info == CODE_LANGUAGE and is_include(block.body))
            and not (block.info in (DOCTEST_LANGUAGE, CODE_LANGUAGE)
                     and any(block.start <= start < block.end for start in starts))]


def without_comments(source: str) -> str:
    """Python source with comments dropped and each line's trailing space stripped."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(source).readline)
                  if t.type != tokenize.COMMENT]
        source = tokenize.untokenize(tokens)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        source = re.sub(r"\s+#[^\n'\"]*$", "", source, flags=re.M)
    return "\n".join(line.rstrip() for line in source.splitlines() if line.strip())


def examples(path: Path) -> list[tuple[str, str]]:
    """(code without comments, expected output) of every example on the page, in order."""
    parsed = [example.parsed for example in page_sybil(Updates()).parse(path)]  # a doctest example, or code
    return [(without_comments(getattr(p, "source", p)), getattr(p, "want", "")) for p in parsed]
