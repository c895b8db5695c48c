"""The built site's files: nothing in them loads from another host, nothing is written into docs/.
(Each page in the browser, its text set for its language too: test_reading.py; search, the language
switch, a missing page: test_finding.py.)"""

import html.parser
from pathlib import Path
from urllib.parse import urlparse

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

