"""The site's maths font: Noto Sans Math (SIL OFL 1.1) cut down to the glyphs the pages' maths uses.

Run after a page uses a new maths symbol (tests/test_reading.py fails, naming it), from docs/:

    npm pack @fontsource/noto-sans-math@5.3.0 && tar xzf fontsource-noto-sans-math-5.3.0.tgz
    ../.venv/bin/pip install "fonttools[woff]"
    ../.venv/bin/python -m doctools.math_font package/files/noto-sans-math-latin-400-normal.woff2 SITE_DIR

It keeps every character inside <math> on the built site (SITE_DIR), the italic letters MathML
draws for one-letter identifiers, and their size variants and stretchy parts.
"""

import html
import re
import sys
from pathlib import Path

FONT = Path(__file__).resolve().parents[1] / "assets" / "fonts" / "noto-sans-math.woff2"
# Mathematical italic A-Z, a-z (ℎ stands for the missing U+1D455) and Greek: <mi>x</mi> is drawn as 𝑥.
ITALIC = [*range(0x1D434, 0x1D468), 0x210E, *range(0x1D6E2, 0x1D71C)]


def maths_text(site: Path) -> set[str]:
    """Every character inside <math> on the built site, but Chinese (drawn in a text font)."""
    chars = set()
    for page in site.rglob("*.html"):
        for math in re.findall(r"<math\b.*?</math>", page.read_text(encoding="utf-8"), re.DOTALL):
            chars |= set(html.unescape(re.sub(r"<[^>]+>", "", math)))
    return {c for c in chars if not "\u2e80" <= c <= "\u9fff"}


def main(source: str, site: str) -> None:
    from fontTools import subset

    options = subset.Options(flavor="woff2", layout_features=["*"], hinting=False,
                             name_IDs=[0, 1, 2, 3, 4, 5, 6, 13, 14])
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(maths_text(Path(site))), unicodes=ITALIC)
    subsetter.subset(font)
    subset.save_font(font, str(FONT), options)
    print(f"{FONT}: {FONT.stat().st_size} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:])
