"""The lessons' figures as compact, deterministic SVG files whose text stays text (only the site
needs files, so the writer lives here, not in the reader's package).
"""

from __future__ import annotations

import io
import re
import warnings

import matplotlib
from matplotlib.figure import Figure
from matplotlib.text import Text

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
