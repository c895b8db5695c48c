"""MkDocs hooks: each lesson's notebook, with the outputs of its run, as a page of its language.

``docs/<lang>/lesson-<n>.ipynb`` (generated from the page and run in a fresh kernel by
``doctools.notebooks``, outputs included) is published twice: as the file readers download
(saved as ``lesson-<n>.<lang>.ipynb``), and as a rendered page, ``lesson-<n>-notebook/``.

Why a hook: mkdocs-jupyter turns ``.ipynb`` files into pages in ``on_files``, but
mkdocs-static-i18n (``on_files`` at priority -100) rebuilds every file as a plain ``File``,
so the notebook would only be copied, as raw JSON. After i18n, this hook adds a page file per
notebook of the language being built; mkdocs-jupyter (``on_pre_page``) renders it, without
running it (``jupyter_adapter``: how; ``rebuilds``: its conversions kept between rebuilds of
``mkdocs serve``). The build runs no kernel.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import html
import re
from pathlib import Path, PurePosixPath

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from . import i18n_adapter, jupyter_adapter, mkdocs_adapter
from .mathml import math_html
from .install import colab_url, install_html
from .lessons import LANGUAGES, download_name, lessons

ROOT = Path(__file__).resolve().parents[2]
# A copy of each notebook for its page: mkdocs-jupyter renders a file by its path ('include'),
# and the committed notebook's own path must stay a download.
COPIES = ROOT / ".cache" / "notebooks"
SUFFIX = "-notebook"

LABELS = {
    "zh": {"download": "下载 Jupyter 笔记本（.ipynb）", "rendered": "查看笔记本的运行结果",
           "lesson": "返回课文", "colab": "在 Colab 中打开", "copy": "复制", "copied": "已复制"},
    "en": {"download": "Download the Jupyter notebook (.ipynb)", "rendered": "See the notebook as run",
           "lesson": "Back to the lesson", "colab": "Open in Colab", "copy": "Copy to clipboard",
           "copied": "Copied!"},
}


class NotebookPage(mkdocs_adapter.PageFile):
    """A notebook published as a page (mkdocs-jupyter renders it), not copied as a file;
    ``download`` is the notebook's file, published as it is."""

    download: File


def _page_copy(notebook: Path) -> Path:
    copy = COPIES / f"{notebook.stem}-{notebook.parent.name}.ipynb"
    data = notebook.read_bytes()
    if not copy.exists() or copy.read_bytes() != data:
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(data)
    return copy


def on_pre_build(config) -> None:
    notebooks = [lesson.notebook(lang) for lesson in lessons(Path(config.docs_dir)) for lang in LANGUAGES]
    missing = [str(path) for path in notebooks if not path.exists()]
    if missing:
        raise FileNotFoundError(f"no notebook {', '.join(missing)}: generate it from its page "
                                f"(cd docs && python -m doctools.notebooks)")


def on_files(files: Files, config) -> Files:
    for notebook in [f for f in files if f.src_uri.endswith(".ipynb") and f.abs_src_path]:
        lesson = files.get_file_from_path(notebook.src_uri[: -len(".ipynb")] + ".md")
        if lesson is None:
            continue
        source = PurePosixPath(notebook.src_uri)
        page = NotebookPage(str(source.with_name(source.stem + SUFFIX + ".ipynb")),
                            str(_page_copy(Path(notebook.abs_src_path))), config,
                            dest_uri=_page_url(lesson.dest_uri.removesuffix("index.html")) + "index.html")
        if not jupyter_adapter.renders(page, config):
            raise ValueError(f"{page.abs_src_path}: mkdocs-jupyter would not render it; its 'include' "
                             f"in mkdocs.yml must match the notebooks' copies in {COPIES}")
        # What mkdocs-static-i18n reads from its own files: the language switcher and the
        # sitemap lead from a notebook page to its twin, found from the lesson page's twins.
        i18n_adapter.copy_language(lesson, page, _page_url)
        page.download = notebook
        files.append(page)
    i18n_adapter.record_pages(config, files)  # the sitemap lists what i18n recorded: add ours
    return files


def _page_url(lesson_url: str) -> str:
    """The notebook page's URL from its lesson's (``en/lesson-<n>/`` -> ``en/lesson-<n>-notebook/``)."""
    return lesson_url.rstrip("/") + SUFFIX + "/"


def _links(page, config, files: Files) -> str:
    """What a lesson and its notebook page show under the title: the download link, Open in
    Colab (when the site is built from a GitHub repository), the link to the other edition,
    and the one-line install."""
    lang = i18n_adapter.page_language(page, config)
    text = LABELS[lang]
    if isinstance(page.file, NotebookPage):
        download = page.file.download
        lesson = files.get_file_from_path(page.file.src_uri[: -len(SUFFIX + ".ipynb")] + ".md")
        others = [(lesson.url_relative_to(page.file), text["lesson"], "")] if lesson else []
    else:
        download = files.get_file_from_path(page.file.src_uri[: -len(".md")] + ".ipynb")
        if download is None:
            return ""
        notebook_page = files.get_file_from_path(download.src_uri[: -len(".ipynb")] + SUFFIX + ".ipynb")
        others = [(notebook_page.url_relative_to(page.file), text["rendered"], "")] if notebook_page else []
    name = download_name(PurePosixPath(download.src_uri).stem, lang)
    links = [(download.url_relative_to(page.file), text["download"], f' download="{name}"')]
    colab = colab_url(config.repo_url, Path(download.abs_src_path))
    if colab:
        links.append((colab, text["colab"], " data-colab"))
    anchors = " ".join(
        f'<a class="md-button" href="{html.escape(url)}"{extra}>{html.escape(label)}</a>'
        for url, label, extra in links + others)
    return f'<p class="notebook-links">{anchors}</p>\n' + install_html(lang)


_H1_END = re.compile(r"</h1>", re.IGNORECASE)
INSTALL_MARK = "<!-- install -->"
# What mkdocs-jupyter's template loads from CDNs (MathJax, mermaid), its empty <script src="">,
# and MathJax's inline configuration: the site renders math as MathML and loads nothing else.
_FOREIGN_SCRIPT = re.compile(
    r'<script\b[^>]*\bsrc="(?:https?:)?(?://[^"]*)?"[^>]*>\s*</script>'
    r'|<script\b[^>]*type="text/x-mathjax-config"[^>]*>.*?</script>'
    r'|<script\b[^>]*>(?:(?!</script>).)*(?:MathJax|mermaid)(?:(?!</script>).)*</script>',
    re.DOTALL | re.IGNORECASE)
# TeX as nbconvert leaves it for MathJax, outside code, scripts, styles and figures.
_VERBATIM = re.compile(r"(<(pre|code|script|style|svg|math)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_TEX = re.compile(r"\$\$(?P<block>.+?)\$\$|\$(?P<inline>[^$\n<]+?)\$", re.DOTALL)
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>\s*", re.DOTALL | re.IGNORECASE)


def _math(content: str) -> str:
    parts = _VERBATIM.split(content)
    # split() yields [text, element, tag name, text, ...]
    out = [_TEX.sub(math_html, part) if i % 3 == 0 else part for i, part in enumerate(parts) if i % 3 != 2]
    return "".join(out)


@functools.lru_cache(maxsize=8)  # each notebook page's, kept: a serve rebuild asks again (half a second)
def _used_css(css: str, content: str) -> str:
    """The rules of ``css`` that can match something in ``content``: mkdocs-jupyter inlines all
    of JupyterLab's CSS (~600 KB), of which a notebook page uses a few percent."""
    import tinycss2

    classes = set(re.findall(r'class="([^"]*)"', content))
    classes = {name for attribute in classes for name in attribute.split()}

    def used(selector: str) -> bool:
        # A selector can match when every class it names is on the page (pseudo-elements
        # and :not() are ignored: this keeps too much rather than too little).
        selector = re.sub(r":not\([^)]*\)", "", selector)
        return all(name in classes for name in re.findall(r"\.(-?[_a-zA-Z][\w-]*)", selector))

    def keep(rules) -> list:
        kept = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = tinycss2.serialize(rule.prelude).split(",")
                if any(used(s) for s in selectors):
                    kept.append(rule)
            elif rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports") and rule.content:
                inner = keep(_parsed_rules(tinycss2.serialize(rule.content)))
                if inner:
                    rule = copy.copy(rule)  # the parsed stylesheet is shared by every page
                    rule.content = [token for r in inner for token in (r, tinycss2.ast.WhitespaceToken(0, 0, "\n"))]
                    kept.append(rule)
            elif rule.type == "at-rule":
                kept.append(rule)
        return kept

    return "\n".join(tinycss2.serialize([rule]) for rule in keep(_parsed_stylesheet(css)))


@functools.lru_cache(maxsize=8)
def _parsed_stylesheet(css: str) -> tuple:
    """JupyterLab's CSS, parsed once per process: every notebook page inlines the same
    (a second each; under `mkdocs serve` this module, and so the parse, outlives a rebuild)."""
    import tinycss2
    return tuple(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


@functools.lru_cache(maxsize=256)
def _parsed_rules(css: str) -> tuple:
    import tinycss2
    return tuple(tinycss2.parse_rule_list(css, skip_whitespace=True, skip_comments=True))


def _shared_css(content: str, page, config) -> str:
    """Move the notebook's inline CSS to a file, keeping only the rules the page can use."""
    css = _used_css("\n".join(_STYLE.findall(content)), content)
    if not css:
        return content
    name = f"assets/notebook-{hashlib.sha256(css.encode()).hexdigest()[:8]}.css"
    # The site's root: the i18n plugin builds English into the same site_dir, its URLs under en/.
    target = Path(config.site_dir) / name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")
    href = get_relative_url(name, page.file.url)
    return f'<link rel="stylesheet" href="{href}">\n' + _STYLE.sub("", content)


_NOTEBOOK_LINK = re.compile(r'href="(?P<name>[\w.-]+)\.ipynb"')
_HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]+)"[^>]*>(?P<html>.*?)</h(?P=level)>', re.DOTALL)


def _notebook_links(content: str, page, files: Files) -> str:
    """A markdown cell's link to another lesson's notebook leads to that notebook's page."""
    def link(m: re.Match) -> str:
        lang_folder = page.file.src_uri.split("/", 1)[0]
        name = m["name"].removesuffix("." + lang_folder)  # download_name's
        target = files.get_file_from_path(f"{lang_folder}/{name}{SUFFIX}.ipynb")
        return f'href="{target.url_relative_to(page.file)}"' if target else m[0]
    return _NOTEBOOK_LINK.sub(link, content)


def _headings(content: str) -> list[dict]:
    """The table of contents from the headings as rendered (the ids ``_heading_ids`` gave them,
    not the ones mkdocs-jupyter guesses from the notebook's Markdown)."""
    root: list[dict] = []
    stack: list[dict] = []
    for m in _HEADING.finditer(content):
        name = re.sub(r"<[^>]+>", "", m["html"]).replace("¶", "").strip()
        token = {"level": int(m["level"]), "id": m["id"], "name": html.escape(name), "children": []}
        while stack and stack[-1]["level"] >= token["level"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(token)
        stack.append(token)
    return root


_RENDERED_HEADING = re.compile(r'<h(?P<level>[1-6]) id="[^"]*"(?P<rest>[^>]*)>(?P<html>.*?)'
                               r'<a class="anchor-link" href="[^"]*">¶</a></h(?P=level)>', re.DOTALL)


def _heading_ids(content: str, page) -> str:
    """Each heading gets the id its lesson page gives it: its ``{ #id }`` there, else
    Python-Markdown's rule (slugified; ``_1``, ``_2``… where that leaves nothing, as for Chinese),
    where nbconvert leaves Chinese headings without one. Its permalink becomes MkDocs' own,
    which Material's search leaves out of a result's title."""
    from markdown.extensions.toc import slugify, unique

    lesson = Path(page.file.download.abs_src_path).with_suffix(".md").read_text(encoding="utf-8")
    explicit = dict(re.findall(r"^#+ (.+?) \{ *#([\w-]+) *\}$", lesson, re.MULTILINE))
    used = set(re.findall(r"\{ *#([\w-]+) *\}", lesson))

    def heading(m: re.Match) -> str:
        text = html.unescape(re.sub(r"<[^>]+>", "", m["html"])).strip()
        id_ = explicit.get(text) or unique(slugify(text, "-"), used)
        return (f'<h{m["level"]} id="{id_}"{m["rest"]}>{m["html"]}'
                f'<a class="headerlink" href="#{id_}" title="Permanent link">¶</a></h{m["level"]}>')
    return _RENDERED_HEADING.sub(heading, content)


_FIGURE_ALT = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*figures/[^)]*\)")
_OUTPUT_FIGURE = re.compile(r'<img alt="[^"]*"(?= src="data:image/svg)')


def _figure_alts(content: str, page) -> str:
    """Each figure the run drew gets the alt text its lesson page gives the same figure
    (nbconvert writes "No description has been provided for this image")."""
    lesson = Path(page.file.download.abs_src_path).with_suffix(".md")
    alts = _FIGURE_ALT.findall(lesson.read_text(encoding="utf-8"))
    drawn = len(_OUTPUT_FIGURE.findall(content))
    if drawn != len(alts):
        raise ValueError(f"{page.file.src_uri}: the notebook drew {drawn} figures, "
                         f"its page {lesson.name} shows {len(alts)}")
    alts.reverse()
    return _OUTPUT_FIGURE.sub(lambda m: f'<img alt="{html.escape(alts.pop())}"', content)


def _copy_words(content: str, page, config) -> str:
    """mkdocs-jupyter's copy buttons speak the page's language, as Material's do."""
    text = LABELS[i18n_adapter.page_language(page, config)]
    return jupyter_adapter.copy_words(content, text["copy"], text["copied"])


def on_page_content(content: str, page, config, files: Files) -> str:
    if isinstance(page.file, NotebookPage):
        content = _FOREIGN_SCRIPT.sub("", content)
        content = _notebook_links(_shared_css(_math(content), page, config), page, files)
        content = _heading_ids(_copy_words(_figure_alts(content, page), page, config), page)
        mkdocs_adapter.set_toc(page, _headings(content))
        return _links(page, config, files) + content
    # A page that is not a lesson (the home page) shows the install box where it says <!-- install -->.
    content = content.replace(INSTALL_MARK, install_html(i18n_adapter.page_language(page, config)))
    links = _links(page, config, files)
    return _H1_END.sub(lambda m: m[0] + links, content, count=1) if links else content

