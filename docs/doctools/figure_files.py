"""MkDocs hook: the lessons' figures, drawn by ``tutorial_pkg.figures`` at build time.

Each figure, and its stacked variant for phones (``<name>-narrow.svg``), is drawn in each language
into ``.cache/figures/<fingerprint>/`` (a rebuild draws nothing while the package is unchanged)
and added to the build as ``<lang>/figures/<name>.svg``, where pages link to it like any image.
On a page each figure shows its narrow variant on a narrow screen and links to its full size.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.structure.files import File, Files

from . import i18n_adapter
from .svg import svg_text

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
    digest.update(Path(__file__).with_name("svg.py").read_bytes())
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
                    path = root / lang / "figures" / f"{name}{suffix}.svg"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(svg_text(fig), encoding="utf-8")
        (root / "complete").touch()
    return root


def on_files(files: Files, config) -> Files:
    root = figure_dir()
    lang = i18n_adapter.current_language(config)
    default = i18n_adapter.is_default_language_build(config)
    for svg in sorted(root.glob(f"{lang or '*'}/figures/*.svg")):
        uri = svg.relative_to(root).as_posix()
        if (stale := files.get_file_from_path(uri)) is not None:  # left in docs/ by an older build
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
