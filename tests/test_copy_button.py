"""The copy buttons, clicked in Debian's chromium, in one browser context: on a lesson page (Material's), a
```pycon block copies as runnable code, exactly its source lines without prompts or outputs (the rule on
``code[data-md-copying]`` in docs/assets/site.css), any other block verbatim (the test reads the
clipboard); on a notebook page (nbconvert's), each says so in the page's language, and the notebook
downloads as lesson-<n>.<lang>.ipynb, so that the two languages' never overwrite each other."""

from browser import chromium_page
from doctools import notebook_pages
from doctools.lessons import lessons
from helpers import PROMPT, as_copied

# Each block's text as shown and whether it is a doctest (its prompts marked up), in document order.
BLOCKS = "() => [...document.querySelectorAll('div.highlight')].map(b => [b.querySelector('code').textContent, " \
         "b.querySelector('code .gp') !== null])"


def copy(page, index: int) -> str:
    page.evaluate("navigator.clipboard.writeText('<untouched>')")
    block = page.locator("div.highlight").nth(index)
    block.evaluate("b => b.scrollIntoView()")  # as a reader scrolls to it: its button is set up then
    block.locator("button[data-clipboard-target]").click()
    for _ in range(250):
        copied = page.evaluate("navigator.clipboard.readText()")
        if copied != "<untouched>":
            return copied
        page.wait_for_timeout(20)
    raise AssertionError(f"block {index}: nothing was copied")


def test_copy_buttons(site_url):
    lesson = lessons()[0]
    with chromium_page(permissions=["clipboard-read", "clipboard-write"], origin=site_url) as page:
        page.goto(site_url + lesson.url("en"))
        blocks = page.evaluate(BLOCKS)
        # a doctest with a continued line and an output, so that both must be left out
        doctest = next(i for i, (text, is_doctest) in enumerate(blocks) if is_doctest and "\n... " in text
                       and any(not PROMPT.match(line) for line in text.splitlines()))
        other = next(i for i, (text, is_doctest) in enumerate(blocks) if not is_doctest and text.strip())
        copied = {index: copy(page, index) for index in (doctest, other)}
        for lang, words in notebook_pages.LABELS.items():
            page.goto(site_url + lesson.notebook_url(lang))
            labels = page.eval_on_selector_all("clipboard-copy", "all => all.map(b => b.getAttribute('aria-label'))")
            assert labels and set(labels) == {words["copy"]}, lang
            page.locator("clipboard-copy").first.click()
            notice = page.locator("clipboard-copy .notice").first
            notice.wait_for(state="visible")
            assert notice.text_content() == words["copied"]
            with page.expect_download() as download:
                page.click("a[download]")
            assert download.value.suggested_filename == f"{lesson.name}.{lang}.ipynb"
    lines = [line for line in copied[doctest].splitlines() if line.strip()]
    assert lines == [line for line in as_copied(blocks[doctest][0]).splitlines() if line.strip()], copied[doctest]
    compile(copied[doctest], "copied", "exec")
    assert copied[other] == blocks[other][0].rstrip()  # Material trims trailing whitespace
