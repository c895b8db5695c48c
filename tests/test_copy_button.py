"""Material's copy button: a ```pycon block copies as runnable code, exactly its source lines
without prompts or outputs (the rule on ``code[data-md-copying]`` in docs/assets/site.css), and
any other block verbatim. Debian's chromium clicks the real buttons of one built lesson page, in
one page load, and the test reads the clipboard."""

import html
import re

from browser import chromium_page
from doctools.lessons import lessons
from helpers import PROMPT, as_copied

# pymdownx.highlight writes each block as <div class="... highlight">...<code>...</code>: the
# n-th found here is the n-th `div.highlight` in the browser.
BLOCK = re.compile(r'<div class="(?:[^"]* )?highlight(?: [^"]*)?">.*?<code[^>]*>(.*?)</code>', re.S)


def shown_blocks(page_html: str) -> list[tuple[str, bool]]:
    """(the text shown, whether it is a doctest) of each block, in document order."""
    return [(html.unescape(re.sub(r"<[^>]+>", "", code)), '<span class="gp">' in code)
            for code in BLOCK.findall(page_html)]


def copy(page, index: int) -> str:
    page.evaluate("navigator.clipboard.writeText('<untouched>')")
    block = page.locator("div.highlight").nth(index)
    block.evaluate("b => b.scrollIntoView()")  # as a reader scrolls to it: its button is set up then
    block.locator("button[data-clipboard-target]").click()
    for _ in range(50):
        copied = page.evaluate("navigator.clipboard.readText()")
        if copied != "<untouched>":
            return copied
        page.wait_for_timeout(100)
    raise AssertionError(f"block {index}: nothing was copied")


def test_copy_gives_a_doctest_as_runnable_code_and_other_blocks_verbatim(built_site, site_url):
    url = lessons()[0].url("en")
    blocks = shown_blocks((built_site / url / "index.html").read_text(encoding="utf-8"))
    # a doctest with a continued line and an output, so that both must be left out
    doctest = next(i for i, (text, is_doctest) in enumerate(blocks)
                   if is_doctest and "\n... " in text and any(not PROMPT.match(line) for line in text.splitlines()))
    other = next(i for i, (text, is_doctest) in enumerate(blocks) if not is_doctest and text.strip())
    with chromium_page(permissions=["clipboard-read", "clipboard-write"], origin=site_url) as page:
        page.goto(site_url + url)
        copied = {index: copy(page, index) for index in (doctest, other)}
    lines = [line for line in copied[doctest].splitlines() if line.strip()]
    assert lines == [line for line in as_copied(blocks[doctest][0]).splitlines() if line.strip()], copied[doctest]
    compile(copied[doctest], "copied", "exec")
    assert copied[other] == blocks[other][0].rstrip()  # Material trims trailing whitespace
