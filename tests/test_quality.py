"""The site's static checks (tests/sitechecks.py), both languages: each passes on the built site and
finds what it is for on a small synthetic site broken on purpose. (Lighthouse at 100, and axe in the
dark scheme, gate the deploy in the CI step after the build: tests/lighthouse.py.)"""

import re
import shutil

import pytest

from sitechecks import (MINI_LESSONS, MINI_URL, card_problems, edit, hreflang_problems, html_file, lesson_pages,
                        link_problems, mini_site, nav_problems, not_found_problems, sitemap_problems,
                        stack_versions, stamp_problems)

CHECKS = [link_problems, nav_problems, not_found_problems, hreflang_problems, sitemap_problems]


def problems(site, lesson_urls: list[str], card_urls: list[str]) -> list[str]:
    """What every check finds; ``lesson_urls``: the pages with a version stamp, ``card_urls``: with a card image."""
    return [*(p for check in CHECKS for p in check(site)), *stamp_problems(site, stack_versions(), lesson_urls),
            *card_problems(site, card_urls)]


def test_the_built_site_passes_every_check(built_site):
    assert problems(built_site, lesson_pages(), lesson_pages(notebooks=True)) == []


# ---- each check fails on the synthetic site broken on purpose (every check passes on it unbroken)

@pytest.fixture
def mini(tmp_path):
    return mini_site(tmp_path / "site", stack_versions())


def test_every_check_passes_on_the_synthetic_site(mini):
    assert problems(mini, MINI_LESSONS, MINI_LESSONS) == []


def test_link_check_finds_a_broken_anchor_a_missing_page_and_a_relative_link_on_a_404_page(mini):
    edit(html_file(mini, "en/lesson-1/"), 'href="#top"', 'href="#no-such-anchor"')
    edit(html_file(mini, "glossary/"), "</article>", '<a href="../lesson-9.9/">?</a></article>')
    edit(mini / "en/404.html", "</article>", '<a href="glossary/">?</a></article>')
    assert link_problems(mini) == [
        "en/lesson-1/: <a> '#no-such-anchor': no element with id 'no-such-anchor' in en/lesson-1/",
        "glossary/: <a> '../lesson-9.9/': no such file 'lesson-9.9/'",
        "en/404.html: <a> 'glossary/': relative URL on a 404 page (it is served at any depth)"]


def test_nav_check_finds_an_orphan_page(mini):
    shutil.copytree(mini / "en/glossary", mini / "en/stray")
    assert nav_problems(mini) == ["en/stray/: not in the en navigation (orphan page)"]


def test_404_check_finds_a_missing_404_and_one_not_linking_home(mini):
    (mini / "en/404.html").unlink()
    edit(mini / "404.html", '<a href="/tutorial/">404', '<a href="/tutorial/glossary/">404')  # a link, not home
    assert not_found_problems(mini) == ["404.html: no link back to its home page /", "en/404.html: missing"]


def test_hreflang_check_finds_a_wrong_lang_a_wrong_twin_and_a_relative_url(mini):
    edit(mini / "404.html", '<html lang="zh"', '<html lang="en"')
    edit(html_file(mini, "lesson-1/"), 'en/lesson-1/" hreflang="en"', 'en/glossary/" hreflang="en"')
    edit(html_file(mini, "en/glossary/"), f'"{MINI_URL}glossary/" hreflang="zh"', '"../../glossary/" hreflang="zh"')
    assert sorted(hreflang_problems(mini)) == [
        "404.html: lang='en', not 'zh'",
        f"en/glossary/: hreflang=zh -> '../../glossary/', not an absolute URL under {MINI_URL}",
        f"lesson-1/: hreflang=en -> '{MINI_URL}en/glossary/', expected {MINI_URL}en/lesson-1/"]


def test_sitemap_check_finds_a_missing_page_a_wrong_alternate_and_a_relative_robots_sitemap(mini):
    sitemap = mini / "sitemap.xml"
    entry = re.search(r"<url><loc>[^<]*/en/glossary/</loc>.*?</url>", sitemap.read_text(encoding="utf-8"))[0]
    edit(sitemap, entry, "")
    edit(sitemap, f'hreflang="en" href="{MINI_URL}en/lesson-1/"', f'hreflang="en" href="{MINI_URL}en/index/"')
    edit(mini / "robots.txt", f"Sitemap: {MINI_URL}", "Sitemap: /")
    assert [p for p in sitemap_problems(mini) if not p.startswith("sitemap.xml: en/lesson-1/ has")] == [
        f"robots.txt: Sitemap ['/sitemap.xml'], expected ['{MINI_URL}sitemap.xml']",
        "sitemap.xml: lesson-1/ has alternates {'zh': 'lesson-1/', 'en': 'en/index/'}, "
        "expected {'zh': 'lesson-1/', 'en': 'en/lesson-1/'}", "sitemap.xml does not list /en/glossary/"]


def test_card_check_finds_a_shared_description_a_missing_image_and_a_wrong_locale(mini):
    edit(html_file(mini, "en/glossary/"), "About en/glossary/", "About en/", count=3)
    (mini / "card.png").unlink()
    edit(mini / "404.html", 'content="zh_CN"', 'content="en_US"')
    assert card_problems(mini, MINI_LESSONS) == [
        "en/glossary/: the same description as /en/",
        f"lesson-1/: og:image '{MINI_URL}card.png' is not a 1200×630 PNG in the site under {MINI_URL}",
        "404.html: og:locale is ['en_US'], expected ['zh_CN']"]


def test_stamp_check_finds_other_versions_and_a_missing_stamp(mini):
    assert len(stamp_problems(mini, {**stack_versions(), "torch": "0.0.1"}, MINI_LESSONS)) == 2
    assert len(stamp_problems(mini, {**stack_versions(), "torch_min": "2.12.0"}, MINI_LESSONS)) == 2
    edit(html_file(mini, "en/lesson-1/"), 'class="verified-with"', 'class="other"')
    assert stamp_problems(mini, stack_versions(), MINI_LESSONS) == ["en/lesson-1/: no version stamp"]
