"""MkDocs hook: lesson 4.1's learning-rate explorer, its numbers computed at build time.

A page asks for it with a line ``<div data-explorer></div>``; this hook puts there the theme's
``partials/explorer.html`` (brought to life by ``docs/assets/explorer.js``), given the words of
the page's language (``words.yml``) and the numbers of ``data()``, every one from ``tutorial_pkg``.
"""

import functools
import inspect
import json
import re
from pathlib import PurePosixPath

from mkdocs.utils import get_relative_url

from .i18n_adapter import page_language
from .lessons import words

MARKER = "<div data-explorer></div>"
EPOCHS_MAX = 5000        # the lesson's longest run
LR_DECADES = (-5, 0)     # the slider: 1e-5 ... 1e0, so that both critical rates are on it
CRITICAL_ANCHOR = "critical-learning-rate"  # the section, on another page, that explains 2/λmax
PRESETS = {"a": "lr1e-2", "b": "lr1e-4", "c": "scaled"}  # figures.RUNS key -> data-preset

TEXT = {lang: {key: text.replace("{epochs_max}", str(EPOCHS_MAX)) for key, text in table.items()}
        for lang, table in words("explorer").items()}


@functools.cache  # tutorial_pkg does not change while a process builds (mkdocs serve: rebuilds.py)
def data() -> dict:
    """What the explorer computes from, all of it from tutorial_pkg (floats: float32 values
    written exactly, so that Math.fround gives back the very tensors of the lesson)."""
    import torch

    from tutorial_pkg import figures, further, lesson, load_data

    x, y = load_data()
    scales = sorted({scale for _, scale, _, _ in figures.RUNS.values()}, reverse=True)  # [1.0, 0.1]
    if len(scales) != 2 or scales[0] != 1.0:
        raise ValueError(f"figures.RUNS: expected runs on x and on one scaled x, got scales {scales}")
    scaled_x = x * scales[1]  # the lesson's x_u = 0.1 * x, as torch computes it
    lesson_epochs = inspect.signature(figures.run).parameters["n_epochs"].default
    runs = {PRESETS[key]: {"lr": lr, "scaled": scale != 1.0, "epochs": lesson_epochs, "label": title}
            for key, (lr, scale, title, _) in figures.RUNS.items()}

    def bowl(inputs: torch.Tensor) -> dict:
        w, b = further.least_squares(inputs, y).tolist()
        least = lesson.loss_fn(lesson.model(inputs.double(), w, b), y.double())
        return {"x": inputs.tolist(), "minimum": [w, b], "least_loss": float(least),
                "hessian": further.hessian(inputs).tolist(),
                "critical": further.critical_learning_rate(inputs)}

    source = inspect.getsource(lesson.training_loop)
    epoch_line = re.search(r"print\('(Epoch %d, Loss %f)'", source)
    if epoch_line is None:
        raise ValueError("lesson.training_loop: its 'Epoch %d, Loss %f' line was not found")
    return {"y": y.tolist(), "start": list(figures.START), "given": bowl(x), "scaled": bowl(scaled_x),
            "factor": scales[1], "scaled_name": f"x × {scales[1]:g}", "presets": runs,
            "tolerance": inspect.signature(further.epochs_to_within).parameters["tolerance"].default,
            "longest": figures.LONGEST_RUN,  # how long a run may take to converge (figures.verdict)
            "epochs_max": EPOCHS_MAX, "lr_decades": list(LR_DECADES), "epoch_line": epoch_line[1],
            "diverged": lesson.diverged("{epoch}", "{loss}"),
            # how many decimals torch prints a float tensor with (torch has no public getter for it)
            "precision": len(re.fullmatch(r"tensor\(0\.(\d+)\)", repr(torch.tensor(1 / 3)))[1]), "shown_lines": 10}


def on_page_content(html_text: str, page, config, files, **kwargs) -> str:
    if MARKER not in html_text:
        return html_text
    src = PurePosixPath(page.file.src_uri)
    # The page of the same language that explains the critical learning rate (it has the anchor).
    anchor = re.compile(r"\{\s*#" + CRITICAL_ANCHOR + r"\s*\}")
    targets = [f for f in files.documentation_pages() if PurePosixPath(f.src_uri).parent == src.parent
               and f.src_uri.endswith(".md") and anchor.search(f.content_string)]
    if len(targets) != 1:
        raise ValueError(f"{src}: the explorer links to the page with {{ #{CRITICAL_ANCHOR} }}; "
                         f"found {len(targets)} beside it")
    critical_page = get_relative_url(targets[0].url, page.url) + "#" + CRITICAL_ANCHOR
    assets = get_relative_url("assets/", page.url).rstrip("/") + "/"
    numbers, text = data(), TEXT[page_language(page, config)]
    payload = json.dumps({**numbers, "text": text}, ensure_ascii=False, separators=(",", ":"))
    widget = config.theme.get_env().get_template("partials/explorer.html").render(
        data=numbers, text=text, payload=payload, why=critical_page, assets=assets)
    return html_text.replace(f"<p>{MARKER}</p>", MARKER).replace(MARKER, widget, 1)
