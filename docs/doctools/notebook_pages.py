"""MkDocs hooks: each lesson's notebook, with the outputs of its run, as a page of its language.

``docs/<lang>/lesson-<n>.ipynb`` is published as the file readers download and as the page
``lesson-<n>-notebook/``, rendered by mkdocs-jupyter without a kernel. The page gets what its
lesson page has (links, headings' ids and contents, figures' alt text, MathML, copy buttons in its
language), and loads no script from a CDN and only the CSS it uses.
"""

import functools
import hashlib
import html
import re
from pathlib import Path, PurePosixPath

from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from . import i18n_adapter, jupyter_adapter, lean, mkdocs_adapter
from .cjk import VERBATIM
from .install import colab_url, install_html
from .lessons import LANGUAGES, download_name, lessons, words
from .mathml import math_html

SUFFIX = "-notebook"
# mkdocs-jupyter makes a page of each file its 'include' matches: the downloads must not, so pages render copies.
COPIES = Path(__file__).resolve().parents[2] / ".cache" / "notebooks"
LABELS = words("notebook")  # words.yml
# mkdocs-jupyter's template loads MathJax and mermaid from CDNs and configures them: the site has
# maths as MathML and no diagrams, so of its scripts only the copy buttons' stay.
_SCRIPT = re.compile(r"<script\b[^>]*>(?:(?!</script>).)*</script>", re.DOTALL | re.IGNORECASE)
# TeX as nbconvert leaves it for MathJax, outside code, scripts, styles and figures (cjk.VERBATIM).
_TEX = re.compile(r"\$\$(?P<block>.+?)\$\$|\$(?P<inline>[^$\n<]+?)\$", re.DOTALL)
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.DOTALL | re.IGNORECASE)
_HEADING = re.compile(r'<h(?P<level>[1-6]) id="[^"]*"(?P<rest>[^>]*)>(?P<html>.*?)'
                      r'<a class="anchor-link" href="[^"]*">¶</a></h(?P=level)>', re.DOTALL)
_FIGURE_ALT = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*figures/[^)]*\)")
_OUTPUT_FIGURE = re.compile(r'<img alt="[^"]*"(?= src="data:image/svg)')


class NotebookPage(mkdocs_adapter.PageFile):
    """A notebook as a page: ``download`` is its file, ``lesson`` its lesson page's (whose ``notebook_page`` it is)."""


def _page_copy(notebook: Path) -> Path:
    copy = COPIES / f"{notebook.stem}-{notebook.parent.name}.ipynb"
    if not copy.exists() or copy.read_bytes() != notebook.read_bytes():
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(notebook.read_bytes())
    return copy


def on_pre_build(config) -> None:
    notebooks = [lesson.pages[lang].with_suffix(".ipynb") for lesson in lessons(Path(config.docs_dir))
                 for lang in LANGUAGES]
    if missing := [str(notebook) for notebook in notebooks if not notebook.exists()]:
        raise FileNotFoundError(f"no notebook {', '.join(missing)}: generate it from its page "
                                f"(cd docs && python -m doctools.notebooks)")


def _page_url(lesson_url: str) -> str:
    """The notebook page's URL from its lesson's (``en/lesson-<n>/`` -> ``en/lesson-<n>-notebook/``)."""
    return lesson_url.rstrip("/") + SUFFIX + "/"


def on_files(files: Files, config) -> Files:
    for download in [f for f in files if f.src_uri.endswith(".ipynb")]:
        lesson = files.get_file_from_path(download.src_uri.removesuffix(".ipynb") + ".md")
        if lesson is None:
            continue
        page = NotebookPage(download.src_uri.removesuffix(".ipynb") + SUFFIX + ".ipynb",
                            str(_page_copy(Path(download.abs_src_path))), config,
                            dest_uri=_page_url(lesson.url) + "index.html")
        if not jupyter_adapter.renders(page, config):
            raise ValueError(f"{page.abs_src_path}: mkdocs-jupyter would not render it: "
                             f"its 'include' in mkdocs.yml must match the copies in {COPIES}")
        # The language switcher and the sitemap lead from a notebook page to its twin.
        i18n_adapter.copy_language(lesson, page, _page_url)
        page.download, page.lesson = download, lesson
        lesson.notebook_page = page
        files.append(page)
    i18n_adapter.record_pages(config, files)  # the sitemap lists what i18n recorded: add ours
    return files


def _links(page, config, files: Files) -> str:
    """What a lesson and its notebook page show under the title: the download, Open in Colab
    (when the site is built from a GitHub repository), the other edition, the one-line install."""
    lang = i18n_adapter.page_language(page, config)
    text = LABELS[lang]
    if isinstance(page.file, NotebookPage):
        download, other, label = page.file.download, page.file.lesson, "lesson"
    elif other := getattr(page.file, "notebook_page", None):
        download, label = other.download, "rendered"
    else:
        return ""
    name = download_name(PurePosixPath(download.src_uri).stem, lang)
    links = [(download.url_relative_to(page.file), text["download"], f' download="{name}"')]
    if colab := colab_url(config.repo_url, Path(download.abs_src_path)):
        links.append((colab, text["colab"], " data-colab"))
    links.append((other.url_relative_to(page.file), text[label], ""))
    anchors = " ".join(f'<a class="md-button" href="{html.escape(url)}"{extra}>{html.escape(caption)}</a>'
                       for url, caption, extra in links)
    return f'<p class="notebook-links">{anchors}</p>\n' + install_html(lang)


def _math(content: str) -> str:
    parts = VERBATIM.split(content)  # [text, element, its tag name, text, ...]
    return "".join(_TEX.sub(math_html, part) if i % 3 == 0 else part for i, part in enumerate(parts) if i % 3 != 2)


@functools.lru_cache(maxsize=8)  # each notebook page's: a serve rebuild asks again
def _used_css(content: str) -> str:
    """The inline CSS of ``content``, only the rules that can match there: mkdocs-jupyter inlines
    all of JupyterLab's (~600 KB), of which a page uses a few percent, and inlines its own a
    second time as a Python list's repr, which no browser can use."""
    classes = {name for names in re.findall(r'class="([^"]*)"', content) for name in names.split()}
    css = "\n".join(style for style in _STYLE.findall(content) if not style.lstrip().startswith("["))
    return lean.lean_css(css, classes.__contains__)


def _shared_css(content: str, page, config) -> str:
    """The notebook's inline CSS, the rules it can use, moved to a file of the site's root."""
    css = _used_css(content)
    name = f"assets/notebook-{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    target = Path(config.site_dir) / name  # English is built into the same site_dir, under en/
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")
    return f'<link rel="stylesheet" href="{get_relative_url(name, page.file.url)}">\n' + _STYLE.sub("", content)


def _notebook_links(content: str, page, files: Files) -> str:
    """A Markdown cell's link to another lesson's notebook leads to that notebook's page."""
    lang = page.file.src_uri.split("/", 1)[0]

    def link(m: re.Match) -> str:
        target = files.get_file_from_path(f"{lang}/{m[1]}{SUFFIX}.ipynb")
        return f'href="{target.url_relative_to(page.file)}"' if target else m[0]
    return re.sub(rf'href="([\w.-]+)\.{lang}\.ipynb"', link, content)


def _flat(items) -> list:
    return [each for item in items for each in (item, *_flat(item.children))]


def _in_order(pattern: re.Pattern, content: str, values: list, replace, what: str, page) -> str:
    """Each match of ``pattern`` replaced by ``replace(match, value)``, the lesson page's ``values`` in order."""
    found = len(pattern.findall(content))
    if found != len(values):
        raise ValueError(f"{page.file.src_uri}: the notebook has {found} {what}, its lesson page {len(values)}: "
                         "out of date? (cd docs && python -m doctools.notebooks --check)")
    values = iter(values)
    return pattern.sub(lambda m: replace(m, next(values)), content)


def _headings(content: str, page) -> str:
    """Headings with their lesson page's ids (nbconvert's are guesses, none for Chinese), MkDocs'
    permalinks (Material's search leaves them out of titles) and table of contents."""
    page.toc = page.file.lesson.page.toc

    def heading(m: re.Match, id_: str) -> str:
        return (f'<h{m["level"]} id="{id_}"{m["rest"]}>{m["html"]}'
                f'<a class="headerlink" href="#{id_}" title="Permanent link">¶</a></h{m["level"]}>')
    return _in_order(_HEADING, content, [item.id for item in _flat(page.toc)], heading, "headings", page)


def _figure_alts(content: str, page) -> str:
    """Each figure the run drew gets the alt text its lesson page gives the same figure
    (nbconvert writes "No description has been provided for this image")."""
    alts = _FIGURE_ALT.findall(page.file.lesson.page.markdown)
    return _in_order(_OUTPUT_FIGURE, content, alts, lambda m, alt: f'<img alt="{html.escape(alt)}"', "figures", page)


def on_page_content(content: str, page, config, files: Files) -> str:
    if isinstance(page.file, NotebookPage):  # mkdocs-jupyter rendered it in on_pre_page
        text = LABELS[i18n_adapter.page_language(page, config)]
        content = _SCRIPT.sub(lambda m: m[0] if "clipboard" in m[0] else "", content)
        content = _notebook_links(_shared_css(_math(content), page, config), page, files)
        content = jupyter_adapter.copy_words(_figure_alts(content, page), text["copy"], text["copied"])
        return _links(page, config, files) + _headings(content, page)
    # A page that is not a lesson (the home page) shows the install box where it says <!-- install -->.
    content = content.replace("<!-- install -->", install_html(i18n_adapter.page_language(page, config)))
    return content.replace("</h1>", "</h1>" + _links(page, config, files), 1)
