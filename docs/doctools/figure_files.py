"""MkDocs hook: the lessons' figures, drawn by ``tutorial_pkg.figures`` at build time.

Each figure of ``figures.FIGURES`` is written, in each language, to
``docs/<lang>/figures/<name>.svg`` (gitignored), where pages link to it like any image.
A file is rewritten only when its bytes change, so ``mkdocs serve`` does not rebuild forever.
"""

from __future__ import annotations

import io
from pathlib import Path

from svg import save_svg  # beside this file: MkDocs puts this directory on sys.path while loading hooks

DOCS = Path(__file__).resolve().parents[1]


def write_figures(docs: Path = DOCS) -> list[Path]:
    """Draw every figure in every language; return the files that changed."""
    from tutorial_pkg import figures

    changed = []
    for lang in figures.LANGS:
        for name, fig in figures.all_figures(lang).items():
            svg = io.StringIO()
            save_svg(fig, svg)
            path = docs / lang / "figures" / f"{name}.svg"
            if not path.exists() or path.read_text(encoding="utf-8") != svg.getvalue():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(svg.getvalue(), encoding="utf-8")
                changed.append(path)
    return changed


_written = False


def on_pre_build(config) -> None:
    # Once per build command: mkdocs-static-i18n runs a build per language.
    global _written
    if not _written:
        write_figures()
        _written = True
