"""The pages' own rules: no Python block escapes Sybil; zh and en pages are twins; a lesson has one title."""

import re

import pytest

from doctools.lessons import lessons
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
    assert zh == en, f"{page}: the zh and en examples differ"


def lesson_titles_shown(lang):
    """Each lesson page's title in the nav (mkdocs.yml) and in the home page's list of lessons (its items)."""
    yaml = pytest.importorskip("mkdocs.utils.yaml", reason="the docs extra reads mkdocs.yml (not on the matrix legs)")
    config = yaml.yaml_load((DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    translated = next((language.get("nav_translations", {}) for language in i18n["languages"]
                       if language["locale"] == lang and not language.get("default")), {})
    nav = {page: translated.get(title, title) for entry in config["nav"] for title, page in entry.items()}
    home = (DOCS / lang / "index.md").read_text(encoding="utf-8")
    return {lesson.name: (nav.get(f"{lesson.name}.md"),
                          next(iter(re.findall(rf"^- \[([^\]]+)\]\({lesson.name}\.md\)", home, re.M)), None))
            for lesson in lessons()}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_lesson_has_one_title_in_its_heading_the_nav_and_the_home_page(lang):
    shown = lesson_titles_shown(lang)
    for lesson in lessons():
        heading = f"{lesson.number} {lesson.titles[lang]}"
        assert shown[lesson.name] == (heading, heading), \
            f"{lang} {lesson.name}: heading {heading!r}; nav, home page: {shown[lesson.name]}"
