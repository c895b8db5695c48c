"""MkDocs hook: Chinese text set as Chinese is, whatever the line breaks of its Markdown source.

On a zh page a source line break between two Chinese characters would show as a space: it goes.
``1e-4`` never breaks at its hyphen, nor 、。，… start a line after inline maths: a nowrap span keeps
each on one line (what a reader copies stays as it was).
"""

import functools
import re

from .i18n_adapter import page_language

# Han, CJK symbols and punctuation, kana, full-width forms, and the quotes and dashes Chinese uses.
CJK = ("\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
       "\ufe30-\ufe4f\uff00-\uffef\u2014\u2018\u2019\u201c\u201d\u2026")
VERBATIM = re.compile(r"(<(pre|code|script|style|textarea|title|svg|math)\b.*?</\2>)",
                       re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"(<[^>]*>)")
_WRAPPED = re.compile(rf"(?<=[{CJK}])(?:\s|<[^>]*>)*\n(?:\s|<[^>]*>)*(?=[{CJK}])")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE][-+]\d+(?!\w|\.\d)")
_MATH_THEN_MARK = re.compile(r"(?<!nowrap\">)(<math\b(?:(?!</math>).)*</math>)\s*([、。，；：！？）」』])",
                             re.DOTALL)
NOWRAP = '<span style="white-space: nowrap">'


def _unbreakable_numbers(html: str) -> str:
    """Each number like 1e-4 in the text of ``html`` in a nowrap span, once (a second pass
    leaves it as it is)."""
    parts = _TAG.split(html)  # [text, tag, text, ...]
    for i in range(0, len(parts), 2):
        if not (i and parts[i - 1] == NOWRAP and _NUMBER.fullmatch(parts[i])):
            parts[i] = _NUMBER.sub(lambda m: NOWRAP + m[0] + "</span>", parts[i])
    return "".join(parts)


@functools.lru_cache(maxsize=64)  # a rebuild (mkdocs serve) sets only the pages that changed (rebuilds.py)
def set_text(html: str, lang: str) -> str:
    """``html`` with the rules above applied (joined line breaks on zh pages only)."""
    html = _MATH_THEN_MARK.sub(lambda m: NOWRAP + m[1] + m[2] + "</span>", html)
    parts = VERBATIM.split(html)  # [text, element, its tag name, text, ...]
    for i in range(0, len(parts), 3):
        if lang == "zh":  # keep only the tags between the two characters
            parts[i] = _WRAPPED.sub(lambda m: "".join(_TAG.findall(m[0])), parts[i])
        parts[i] = _unbreakable_numbers(parts[i])
    for i in range(1, len(parts), 3):
        if parts[i][:5].lower() == "<code":  # inline code: `1e-4` too
            head, _, rest = parts[i].partition(">")
            parts[i] = head + ">" + _unbreakable_numbers(rest)
    return "".join(part for i, part in enumerate(parts) if i % 3 != 2)


def on_page_content(html: str, page, config) -> str:
    return set_text(html, page_language(page, config))  # here too, so that search has it so


def on_post_page(output: str, page, config) -> str:
    return set_text(output, page_language(page, config))  # the theme's text: stamp, table of contents
