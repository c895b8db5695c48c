"""MkDocs hook: the lessons' figures, drawn by ``tutorial_pkg.figures`` at build time.

Each figure, and its stacked variant for phones (``<name>-narrow.svg``), is drawn in each language
into ``.cache/figures/<fingerprint>/`` (a rebuild draws nothing while the package is unchanged)
and added to the build as ``<lang>/figures/<name>.svg``, where pages link to it like any image.
The SVG writer lives here, not in the reader's package: only the site needs files.
"""

import hashlib
import io
import re
import warnings
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.text import Text
from mkdocs.structure.files import File, Files

from . import i18n_adapter

ROOT = Path(__file__).resolve().parents[2]


def _fingerprint() -> str:
    """What the figures depend on: the package's code, this module's (the SVG writer), the stack."""
    import platform

    import torch
    digest = hashlib.sha256()
    for source in sorted((ROOT / "tutorial_pkg").rglob("*.py")):
        digest.update(source.read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(f"{torch.__version__} {matplotlib.__version__} {platform.python_version()}".encode())
    return digest.hexdigest()[:16]

# The figures' gray (text, axes, grid) as one colour per scheme: no gray has 4.5:1 contrast on both
# white and the dark scheme's #1e2129. An <img>'s SVG follows the page's colour scheme (Material
# sets color-scheme: dark on its dark palette). Light 5.7:1 on white, dark 6.4:1 on #1e2129.
_SCHEMES = "svg{--gray:#666}@media (prefers-color-scheme:dark){svg{--gray:#a3a3a3}}"

# matplotlib warns for each Chinese glyph missing from its own fonts; the browser draws them.
_CJK_GLYPH_WARNING = r"Glyph \d+ \(\\N\{(CJK|FULLWIDTH|HALFWIDTH|IDEOGRAPHIC)"


def svg_text(fig: Figure) -> str:
    """``fig`` as compact, deterministic SVG: text is written as ``<text>`` in a plain sans-serif
    (the browser finds a font for Chinese itself), with no date and fixed ids, so drawing the
    same figure twice gives the same bytes. The figure's text is left in that font."""
    for text in fig.findobj(Text):  # the same font names on every machine, whatever fonts it has
        text.set_fontfamily(["sans-serif"])
    rc = {"svg.fonttype": "none", "svg.hashsalt": "tutorial_pkg", "font.family": ["sans-serif"],
          "font.sans-serif": ["DejaVu Sans"], "path.simplify": True}
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_CJK_GLYPH_WARNING, category=UserWarning)
        svg = io.StringIO()
        fig.savefig(svg, format="svg", metadata={"Date": None}, transparent=True)
    from tutorial_pkg.figures import GRAY

    compact = compact_svg(svg.getvalue().replace(GRAY, "var(--gray)"))
    return re.sub(r"(<svg\b[^>]*>)", lambda m: m[1] + f"<style>{_SCHEMES}</style>", compact, count=1)


_GEOMETRY = re.compile(r'(\s(?:x|y|d|transform|width|height|viewBox|points)=")([^"]*)"')
_LONG_NUMBER = re.compile(r"(-?\d+\.\d)\d+")


def compact_svg(svg: str) -> str:
    """Matplotlib's SVG at about half the size, drawn the same: coordinates to 0.1 px,
    no indentation, no no-op rotations. Text is left exactly as it is."""
    svg = _GEOMETRY.sub(lambda m: m[1] + _LONG_NUMBER.sub(r"\1", m[2]) + '"', svg)
    svg = re.sub(r' transform="rotate\(-?0 [^)]*\)"', "", svg)
    svg = re.sub(r">\s+<", "><", svg)
    # A style repeated on many elements (ticks, grid lines) becomes one CSS class.
    styles = re.findall(r' style="([^"]*)"', svg)
    repeated = [style for style in dict.fromkeys(styles) if styles.count(style) > 1]
    if repeated:
        names = {style: f"s{i}" for i, style in enumerate(repeated)}
        svg = re.sub(r' style="([^"]*)"',
                     lambda m: f' class="{names[m[1]]}"' if m[1] in names else m[0], svg)
        css = "".join(f".{name}{{{style}}}" for style, name in names.items())
        svg = re.sub(r"(<svg\b[^>]*>)", lambda m: m[1] + f"<style>{css}</style>", svg, count=1)
    return svg


def figure_dir() -> Path:
    """The cache folder that holds ``<lang>/figures/<name>.svg``, drawn if not there yet."""
    root = ROOT / ".cache" / "figures" / _fingerprint()
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
