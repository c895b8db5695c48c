"""Material's copy button: doctest blocks copy as runnable code, others verbatim.

docs/assets/doctest-copy.js removes the `>>> ` / `... ` prompts and leaves out
the output lines when a ```pycon block is copied. Here Debian's chromium
clicks the real button on the built site and the test reads the clipboard.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from browser import chromium_page

# A code block as pymdownx.highlight writes it: <div class="highlight">...<code>...</code>.
# The n-th such div here is the n-th `div.highlight` in the browser.
DIV_RE = re.compile(r'<div class="([^"]*)"')
CODE_RE = re.compile(r"<code[^>]*>(.*?)</code>", re.S)
PROMPT_RE = re.compile(r"^(>>>|\.\.\.)( |$)")


def _text(code_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", code_html))


def _blocks(page_html: str) -> list[str]:
    """The inner HTML of the <code> of every div.highlight, in document order."""
    blocks = []
    for div in DIV_RE.finditer(page_html):
        if "highlight" in div.group(1).split():
            code = CODE_RE.search(page_html, div.end())
            blocks.append(code.group(1) if code else "")
    return blocks


def _is_doctest(code_html: str) -> bool:
    return re.search(r'<span class="gp">&gt;&gt;&gt;', code_html) is not None


def as_copied(shown: str) -> str:
    """What the copy button gives for a ```pycon block showing ``shown``: its source lines,
    prompts removed, no output (the test below holds docs/assets/doctest-copy.js to this)."""
    return "\n".join(PROMPT_RE.sub("", line) for line in shown.splitlines() if PROMPT_RE.match(line))


def _find_block(site: Path, doctest: bool) -> tuple[str, int, str]:
    """Return (page URL relative to the site, block index on the page, block text)."""
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        blocks = _blocks(page.read_text(encoding="utf-8"))
        for index, code_html in enumerate(blocks):
            if _is_doctest(code_html) == doctest and _text(code_html).strip():
                return page.relative_to(site).as_posix(), index, _text(code_html)
    kind = "```pycon (doctest)" if doctest else "non-doctest"
    pytest.fail(f"the built site at {site} has no {kind} code block to test the copy button on")


def _copy(base: str, url_path: str, index: int) -> tuple[str, list[str]]:
    """Click the copy button of block `index` on `url_path` of the site served at `base`;
    return (clipboard, page errors)."""
    with chromium_page(permissions=["clipboard-read", "clipboard-write"], origin=base) as page:
        page.goto(base + url_path)
        block = page.locator("div.highlight").nth(index)
        button = block.locator("button[data-clipboard-target]").first
        button.wait_for(state="attached", timeout=10_000)
        page.evaluate("navigator.clipboard.writeText('<clipboard untouched>')")
        button.click()
        # Material confirms a successful copy with its "copied" alert.
        page.locator(".md-dialog--active").wait_for(timeout=5_000)
        copied = page.evaluate("navigator.clipboard.readText()")
        return copied, list(page.errors)


def test_doctest_block_copies_runnable_code(built_site: Path, site_url: str) -> None:
    url_path, index, shown = _find_block(built_site, doctest=True)
    copied, errors = _copy(site_url, url_path, index)

    where = f"block {index} on {url_path}"
    assert copied != "<clipboard untouched>", f"nothing was copied from {where}"
    assert not [e for e in errors if e.startswith("pageerror")], errors
    assert ">>> " not in copied and not copied.startswith(">>>"), f"prompts left in the copy of {where}:\n{copied}"
    copied_lines = copied.splitlines()
    assert not any(line.startswith("... ") for line in copied_lines), f"`... ` prompts left in {where}:\n{copied}"

    # What the page shows, split into source lines (prompt stripped) and output lines.
    source = as_copied(shown).splitlines()
    output = [line for line in shown.splitlines() if line.strip() and not PROMPT_RE.match(line)]
    assert [l for l in copied_lines if l.strip()] == [l for l in source if l.strip()], (
        f"the copy of {where} is not exactly its code:\n{copied}"
    )
    leaked = [line for line in output if line in copied_lines and line not in source]
    assert not leaked, f"output lines copied from {where}: {leaked}"

    compile(copied, "copied", "exec")  # a SyntaxError fails the test


def test_other_block_copies_verbatim(built_site: Path, site_url: str) -> None:
    url_path, index, shown = _find_block(built_site, doctest=False)
    copied, errors = _copy(site_url, url_path, index)

    assert not [e for e in errors if e.startswith("pageerror")], errors
    # Material copies the block's text with trailing whitespace trimmed.
    assert copied == shown.rstrip(), f"block {index} on {url_path} was not copied verbatim:\n{copied}"
