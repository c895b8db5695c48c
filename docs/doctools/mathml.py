"""MkDocs hook: math rendered to MathML at build time, so no page loads MathJax from a CDN."""

import functools
import re

import latex2mathml.converter

# pymdownx.arithmatex (generic mode) wraps TeX as \( ... \) or \[ ... \] in these elements.
_ARITHMATEX = re.compile(r'<(?P<tag>span|div) class="arithmatex">\s*(?:\\\((?P<inline>.+?)\\\)|\\\[(?P<block>.+?)\\\])'
                         r'\s*</(?P=tag)>', re.DOTALL)


# latex2mathml's bar accent (\bar) is U+00AF, which the site's maths font lacks; its combining
# overline stretches over the base through the font's MATH table.
_BAR = ">&#x000AF;</mo>"


@functools.lru_cache(maxsize=4096)  # a rebuild (mkdocs serve) converts only new formulas (rebuilds.py)
def tex_to_mathml(tex: str, display: bool) -> str:
    """One TeX formula as MathML (browsers render MathML natively)."""
    import html  # here: on_page_content's argument is named html too (MkDocs passes it by name)
    mathml = latex2mathml.converter.convert(html.unescape(tex).strip(), display="block" if display else "inline")
    return mathml.replace(_BAR, ">&#x00305;</mo>")


def math_html(match: re.Match) -> str:
    """A TeX match (groups ``block`` or ``inline``) as MathML, a display block in a div."""
    if match["block"] is not None:
        return f'<div class="math">{tex_to_mathml(match["block"], display=True)}</div>'
    return tex_to_mathml(match["inline"], display=False)


def on_page_content(html: str, **kwargs) -> str:
    return _ARITHMATEX.sub(math_html, html)
