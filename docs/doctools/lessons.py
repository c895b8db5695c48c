"""The lessons, found from their pages (``notebook: true``, ``# <n> <title>``): nothing else lists them."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1]
LANGUAGES = ("zh", "en")
URL_PREFIX = {"zh": "", "en": "en/"}  # zh is the default language, at the site's root

FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.DOTALL)
_HEADING = re.compile(r"^# (?P<number>\d+(?:\.\d+)*)\s+(?P<title>.+)$", re.MULTILINE)


def is_lesson_page(page: Path) -> bool:
    front = FRONT_MATTER.match(page.read_text(encoding="utf-8"))
    return bool(front and re.search(r"^notebook:\s*true\s*$", front["yaml"], re.MULTILINE))


@dataclass(frozen=True)
class Lesson:
    name: str                    # the pages' file stem: "lesson-<n>"
    number: str                  # from the first heading: "<n>", e.g. two numbers and a dot
    titles: dict[str, str]       # language -> the first heading without its number
    pages: dict[str, Path]       # language -> its page

    def url(self, lang: str) -> str:
        """The built page's URL, relative to the site root: "en/lesson-<n>/"."""
        return URL_PREFIX[lang] + self.name + "/"

    def notebook_url(self, lang: str) -> str:
        return URL_PREFIX[lang] + self.name + "-notebook/"


@functools.cache
def words(job: str) -> dict[str, dict[str, str]]:
    """The words ``job`` puts on the pages, by language (``words.yml``, beside this module)."""
    import yaml

    table = yaml.safe_load(Path(__file__).with_name("words.yml").read_text(encoding="utf-8"))[job]
    keys = {lang: set(table.get(lang, ())) for lang in LANGUAGES}
    if any(found != keys[LANGUAGES[0]] for found in keys.values()):
        raise ValueError(f"words.yml: {job}'s words must have the same keys in {', '.join(LANGUAGES)}; "
                         f"got {({lang: sorted(k) for lang, k in keys.items()})}")
    return table


def download_name(stem: str, lang: str) -> str:
    """The name a lesson's notebook downloads under: the two languages' never overwrite each other."""
    return f"{stem}.{lang}.ipynb"


def lessons(docs: Path = DOCS) -> list[Lesson]:
    """Every lesson, in the order of their numbers; a lesson page without its twin is an error."""
    found: dict[str, dict[str, Path]] = {}
    for page in (page for lang in LANGUAGES for page in sorted((docs / lang).glob("*.md")) if is_lesson_page(page)):
        found.setdefault(page.stem, {})[page.parent.name] = page
    result = []
    for name, pages in found.items():
        if missing := [lang for lang in LANGUAGES if lang not in pages]:
            raise ValueError(f"lesson {name}: no {', '.join(missing)} page with 'notebook: true'")
        headings = {lang: _HEADING.search(page.read_text(encoding="utf-8")) for lang, page in pages.items()}
        if bad := [str(pages[lang]) for lang, h in headings.items() if h is None]:
            raise ValueError(f"{', '.join(bad)}: the first heading must be '# <number> <title>'")
        numbers = {h["number"] for h in headings.values()}
        if len(numbers) != 1:
            raise ValueError(f"lesson {name}: its pages give the numbers {sorted(numbers)}")
        result.append(Lesson(name, numbers.pop(), {lang: h["title"].strip() for lang, h in headings.items()}, pages))
    return sorted(result, key=lambda lesson: [int(n) for n in lesson.number.split(".")])


def site_pages(docs: Path = DOCS) -> list[str]:
    """Every page the site builds from docs/, lessons' notebook pages included, as URLs
    relative to the site root ("", "glossary/", "en/lesson-<n>-notebook/", ...)."""
    urls = []
    for page in (page for lang in LANGUAGES for page in sorted((docs / lang).glob("*.md"))):
        prefix = URL_PREFIX[page.parent.name]
        urls += [prefix + ("" if page.stem == "index" else page.stem + "/")]
        urls += [prefix + page.stem + "-notebook/"] if is_lesson_page(page) else []
    return urls
