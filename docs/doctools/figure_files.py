"""MkDocs hook: the lessons' figures, drawn by ``tutorial_pkg.figures`` at build time.

Each figure of ``figures.FIGURES`` is drawn, in each language, into the tooling's cache
(``.cache/figures/<fingerprint>/<lang>/figures/<name>.svg``) and added to the build as the
file ``<lang>/figures/<name>.svg``, where pages link to it like any image; its stacked
variant for phones, ``<name>-narrow.svg``, beside it. On a page, each figure shows the narrow
variant on a narrow screen (``<picture>``) and is a link to the full-size figure. Nothing is
written into docs/, and a rebuild (``mkdocs serve``) draws nothing while the package is unchanged.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from mkdocs.structure.files import File, Files

from . import i18n_adapter
from .svg import save_svg

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "figures"


def _fingerprint() -> str:
    """What the figures depend on: the package's code and the stack that draws them."""
    import platform

    import matplotlib
    import torch
    digest = hashlib.sha256()
    for source in sorted((ROOT / "tutorial_pkg").rglob("*.py")):
        digest.update(source.read_bytes())
    for module in (Path(__file__).with_name("svg.py"),):
        digest.update(module.read_bytes())
    digest.update(f"{torch.__version__} {matplotlib.__version__} {platform.python_version()}".encode())
    return digest.hexdigest()[:16]


def figure_dir() -> Path:
    """The cache folder that holds ``<lang>/figures/<name>.svg``, drawn if not there yet."""
    root = CACHE / _fingerprint()
    if not (root / "complete").exists():
        from tutorial_pkg import figures

        for lang in figures.LANGS:
            for suffix, narrow in (("", False), ("-narrow", True)):
                for name, fig in figures.all_figures(lang, narrow=narrow).items():
                    svg = io.StringIO()
                    save_svg(fig, svg)
                    path = root / lang / "figures" / f"{name}{suffix}.svg"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(svg.getvalue(), encoding="utf-8")
        (root / "complete").touch()
    return root


def on_files(files: Files, config) -> Files:
    root = figure_dir()
    lang = i18n_adapter.current_language(config)
    default = i18n_adapter.is_default_language_build(config)
    for svg in sorted(root.glob(f"{lang or '*'}/figures/*.svg")):
        uri = svg.relative_to(root).as_posix()
        stale = files.get_file_from_path(uri)  # left in docs/ by an older build
        if stale is not None:
            files.remove(stale)
        # the default language is published at the root
        dest_uri = uri.split("/", 1)[1] if lang and default else None
        files.append(File(uri, str(root), config.site_dir, config.use_directory_urls, dest_uri=dest_uri))
    return files


# Below this width the narrow variant shows: the wide figures' 10 pt text would be under 9 CSS px.
NARROW_MEDIA = "(max-width: 40em)"
_FIGURE_IMG = re.compile(r'<img (?P<before>[^>]*)src="(?P<src>[^"]*figures/(?P<name>[\w-]+))\.svg"(?P<after>[^>]*)>')


def on_page_content(html: str, **kwargs) -> str:
    return _FIGURE_IMG.sub(lambda m: f'<a class="figure" href="{m["src"]}.svg"><picture>'
                                     f'<source media="{NARROW_MEDIA}" srcset="{m["src"]}-narrow.svg">'
                                     f'{m[0]}</picture></a>', html)
