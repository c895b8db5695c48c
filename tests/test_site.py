"""The built site's files: nothing in them loads from another host, nothing is written into docs/,
the text is set for its language. (Each page in the browser: test_reading.py; search, the language
switch, a missing page: test_finding.py.)"""

import html.parser
import re
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

from doctools.lessons import URL_PREFIX as LANGS
from doctools.lessons import site_pages

LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}
LOADING_LINKS = {"stylesheet", "preload", "icon", "modulepreload"}  # a <link> of another rel loads nothing


class _Foreign(html.parser.HTMLParser):
    """Collects each element that would load a resource from another host (or from "")."""
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attrs, attr = dict(attrs), LOADING.get(tag)
        if tag == "link" and not set((attrs.get("rel") or "").split()) & LOADING_LINKS:
            return
        if attr and attrs.get(attr) is not None and (attrs[attr] == "" or urlparse(attrs[attr]).netloc):
            self.found.append(f'<{tag} {attr}="{attrs[attr]}">')


def foreign_resources(site: Path) -> list[str]:
    """Every resource that any built HTML file would load from another host (or from "")."""
    bad = []
    for path in sorted(site.rglob("*.html")):
        parser = _Foreign()
        parser.feed(path.read_text(encoding="utf-8"))
        bad += [f"{path.relative_to(site)}: {element}" for element in parser.found]
    return bad


def test_no_resource_from_another_host_in_html(built_site):
    assert foreign_resources(built_site) == []


def test_foreign_resource_check_finds_a_cdn_script_on_any_page(tmp_path):
    page = tmp_path / "deep" / "page" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html><head><link rel="stylesheet" href="/a.css"><link rel="canonical" href="https://x.org/">'
                    '</head><body><script src="https://cdn.example/x.js"></script></body></html>', encoding="utf-8")
    assert foreign_resources(tmp_path) == ['deep/page/index.html: <script src="https://cdn.example/x.js">']


def docs_written() -> list[str]:
    """Files under docs/ that git does not track, caches of Python aside."""
    import subprocess

    out = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "docs"],
                         cwd=Path(__file__).resolve().parents[1], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines() if "__pycache__" not in line]


def test_the_build_writes_nothing_into_docs(built_site):
    # (an older build left figures in docs/<lang>/figures: delete them)
    assert docs_written() == []


HAN = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"  # Chinese characters and punctuation
INLINE = {"a", "abbr", "b", "em", "i", "mark", "small", "span", "strong", "sub", "sup", "u", "q", "s"}
UNBREAKABLE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE]-\d+")


def text_problems(html: str, lang: str) -> list[str]:
    """Where rendered text breaks the typesetting rules: a space between two Chinese characters
    (zh), a number like 1e-4 that may break at its hyphen, 、。 that may start a line after maths."""
    problems, text = [], []

    def walk(node, nowrap: bool, code: bool = False) -> None:
        for child in node.children:
            if isinstance(child, str):
                if getattr(child, "PREFIX", "") != "":  # a comment, doctype, CDATA
                    continue
                text.append("\0" if code else str(child))
                if not nowrap and node.name != "pre":
                    problems.extend(f"breakable {m[0]!r}" for m in UNBREAKABLE.finditer(child))
                continue
            inner = nowrap or "nowrap" in child.get("style", "")
            if child.name == "math" and not inner and re.match(r"\s*[、。，；：]", child.next_sibling or ""):
                problems.append(f"{child.next_sibling.strip()[0]} may start a line after {child.get_text()!r}")
            if child.name in ("pre", "script", "style", "svg", "math", "textarea"):
                text.append("\0")
            elif (child.name in INLINE or child.name == "code") and "md-button" not in child.get("class", []):
                walk(child, inner, code or child.name == "code")
            else:  # a block: its text never runs on into its neighbour's
                text.append("\0")
                walk(child, inner)
                text.append("\0")
    walk(BeautifulSoup(html, "html.parser").body, False)
    if lang == "zh":
        problems += [f"space in {m[0]!r}" for m in re.finditer(rf".{{0,8}}[{HAN}]\s+[{HAN}].{{0,8}}", "".join(text))]
    return problems


def test_text_is_set_for_its_language(built_site):
    found = {url: text_problems((built_site / url / "index.html").read_text(encoding="utf-8"),
                                "en" if url.startswith(LANGS["en"]) else "zh") for url in site_pages()}
    assert {url: p for url, p in found.items() if p} == {}
