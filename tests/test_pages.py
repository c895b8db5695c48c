"""The pages' own rules: no Python block escapes Sybil; zh and en pages are twins."""

import pytest

from doctools.pages import DOCS, LANGUAGES, examples, pages, unrun_python_blocks


@pytest.mark.parametrize("page", pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_silent_skips(page):
    unrun = unrun_python_blocks(page)
    assert not unrun, "\n".join(
        f"{page.relative_to(DOCS)}:{b.line}: ```{b.info} block is not run by the doctests; "
        "use ```pycon for >>> examples, ```python for code, or a --8<-- include of package source"
        for b in unrun)


def relative_pages(lang):
    return {p.relative_to(DOCS / lang) for p in pages() if p.is_relative_to(DOCS / lang)}


def test_every_page_exists_in_both_languages():
    zh, en = (relative_pages(lang) for lang in LANGUAGES)
    assert zh == en, f"only in zh: {sorted(map(str, zh - en))}; only in en: {sorted(map(str, en - zh))}"


def examples_in_any_language(page, lang):
    """The page's examples, with the page's own language code as an argument made neutral:
    ``figures.loss_curves("zh")`` on the zh page is the twin of ``figures.loss_curves("en")``."""
    return [(source.replace(f'("{lang}")', '("<lang>")'), want) for source, want in examples(page)]


@pytest.mark.parametrize("page", sorted(relative_pages("zh") & relative_pages("en")), ids=str)
def test_twins_run_the_same_examples(page):
    zh, en = (examples_in_any_language(DOCS / lang / page, lang) for lang in LANGUAGES)
    for i, (a, b) in enumerate(zip(zh, en)):
        assert a == b, f"{page}: example {i + 1} differs between zh and en:\nzh: {a}\nen: {b}"
    assert len(zh) == len(en), f"{page}: zh has {len(zh)} examples, en has {len(en)}"
