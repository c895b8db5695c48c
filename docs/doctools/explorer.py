"""MkDocs hook: lesson 4.1's learning-rate explorer, its markup, words and numbers made at build time.

A page asks for the explorer with a line of its own, ``<div data-explorer></div>``. This hook
replaces it with the explorer's markup in the page's language, its data as JSON in the
``data-explorer`` attribute, and the script and style (``docs/assets/explorer.js``, ``.css``)
that bring it to life. Without JavaScript the markup stays hidden and a ``<noscript>`` note
points to the lesson's static figures.

Every number the explorer computes from comes from ``tutorial_pkg`` here: the data, the start,
the presets (the lesson's three runs), the critical learning rates 2/λmax, the least-squares
minimum and the Hessian of the loss (for the contours), and the text ``training_loop`` prints.
"""

from __future__ import annotations

import html
import inspect
import json
import re
from pathlib import PurePosixPath

from mkdocs.utils import get_relative_url

MARKER = "<div data-explorer></div>"
EPOCHS_MAX = 5000        # the lesson's longest run
LR_DECADES = (-5, 0)     # the slider: 1e-5 ... 1e0, so that both critical rates are on it
CRITICAL_ANCHOR = "critical-learning-rate"  # the section, on another page, that explains 2/λmax
PRESETS = {"a": "lr1e-2", "b": "lr1e-4", "c": "scaled"}  # figures.RUNS key -> data-preset

TEXT = {
    "zh": {
        "presets": "本课的三次训练",
        "lr_range": "学习率（对数刻度）",
        "lr": "学习率 learning_rate（可直接输入，按回车应用）",
        "x": "输入 x",
        "x_given": "x 原样",
        "epochs": f"训练轮数 n_epochs（1–{EPOCHS_MAX}）",
        "critical": "▲ 临界学习率 2/λmax：x 原样时为 {raw}，{scaled_name} 时为 {scaled}。",
        "why": "为什么？见第 4.2 课",
        "bad_lr": "“{value}”不是正的有限数，学习率没有改变。请输入例如 0.006 这样的数。",
        "empty_lr": "请输入学习率，例如 0.006；学习率没有改变。",
        "range_lr": "“{value}”不在滑块的范围 {low} 到 {high} 之内，学习率没有改变。",
        "bad_epochs": f"“{{value}}”不是 1 到 {EPOCHS_MAX} 之间的整数，训练轮数没有改变。",
        "empty_epochs": f"请输入 1 到 {EPOCHS_MAX} 之间的整数；训练轮数没有改变。",
        "stopped": "发散：第 {epoch} 轮损失变成 {loss}，训练停止。",
        "grows": "发散：损失从第 {epoch} 轮起不断增大，第 {n} 轮已是 {loss}。",
        "grows_later": "发散：{n} 轮后损失为 {loss}，但再训练下去，损失从第 {epoch} 轮起不断增大。",
        "converges": "收敛：从第 {epoch} 轮起，损失与最小值 {least} 相差不到 {tolerance}。",
        "converges_later": "收敛：{n} 轮后损失为 {loss}，是最小值 {least} 的 {ratio} 倍；"
                           "再训练下去，从第 {epoch} 轮起与最小值相差不到 {tolerance}。",
        "crawls": "下降很慢：{n} 轮后损失为 {loss}，仍是最小值 {least} 的 {ratio} 倍；"
                  "训练 {longest} 轮也到不了与最小值相差 {tolerance} 以内。",
        "more": "⋮ （另有 {count} 行未显示）",
        "log": "training_loop 打印的内容",
        "loss_plot": "每轮的损失（对数刻度）",
        "path_plot": "(w, b) 的路径与损失的等高线",
        "line_plot": "数据与拟合的直线",
        "epoch": "轮次", "loss": "损失", "w_scaled": "w（对应 x × 0.1）",
        "start": "起点", "minimum": "最小值", "least": "最小二乘",
        "noscript": "学习率探索器需要 JavaScript；上面的图 1–3 画出了三次训练。",
    },
    "en": {
        "presets": "The lesson's three runs",
        "lr_range": "Learning rate (log scale)",
        "lr": "learning_rate (type a number, Enter applies it)",
        "x": "Input x",
        "x_given": "x as given",
        "epochs": f"n_epochs (1–{EPOCHS_MAX})",
        "critical": "▲ Critical learning rate 2/λmax: {raw} for x as given, {scaled} for {scaled_name}.",
        "why": "Why? See Lesson 4.2",
        "bad_lr": "“{value}” is not a positive finite number; the learning rate is unchanged. "
                  "Type a number such as 0.006.",
        "empty_lr": "Type a learning rate, such as 0.006; the learning rate is unchanged.",
        "range_lr": "“{value}” is outside the slider's range, {low} to {high}; the learning rate is unchanged.",
        "bad_epochs": f"“{{value}}” is not a whole number from 1 to {EPOCHS_MAX}; n_epochs is unchanged.",
        "empty_epochs": f"Type a whole number from 1 to {EPOCHS_MAX}; n_epochs is unchanged.",
        "stopped": "Diverges: at epoch {epoch} the loss became {loss}, so training stopped.",
        "grows": "Diverges: the loss grows from epoch {epoch} on, to {loss} at epoch {n}.",
        "grows_later": "Diverges: after {n} epochs the loss is {loss}, but trained on, it grows from epoch {epoch} on.",
        "converges": "Converges: from epoch {epoch} on, the loss is within {tolerance} of its least value {least}.",
        "converges_later": "Converges: after {n} epochs the loss is {loss}, {ratio} times its least value {least}; "
                           "trained on, it is within {tolerance} of it from epoch {epoch} on.",
        "crawls": "Slow: after {n} epochs the loss is {loss}, still {ratio} times its least value {least}; "
                  "even {longest} epochs do not bring it within {tolerance} of it.",
        "more": "⋮ ({count} more lines not shown)",
        "log": "What training_loop prints",
        "loss_plot": "Loss per epoch (log scale)",
        "path_plot": "Path of (w, b) on the contours of the loss",
        "line_plot": "The data and the fitted line",
        "epoch": "epoch", "loss": "loss", "w_scaled": "w (of x × 0.1)",
        "start": "start", "minimum": "minimum", "least": "least squares",
        "noscript": "The learning-rate explorer needs JavaScript; Figures 1–3 above show the three runs.",
    },
}


def data() -> dict:
    """What the explorer computes from, all of it from tutorial_pkg (floats: float32 values
    written exactly, so that Math.fround gives back the very tensors of the lesson)."""
    import torch

    from tutorial_pkg import figures, further, lesson, load_data

    x, y = load_data()
    runs = {}
    scales = sorted({scale for _, scale, _, _ in figures.RUNS.values()}, reverse=True)  # [1.0, 0.1]
    if len(scales) != 2 or scales[0] != 1.0:
        raise ValueError(f"figures.RUNS: expected runs on x and on one scaled x, got scales {scales}")
    scaled_x = x * scales[1]  # the lesson's x_u = 0.1 * x, as torch computes it
    lesson_epochs = inspect.signature(figures.run).parameters["n_epochs"].default
    for key, (lr, scale, title, _) in figures.RUNS.items():
        runs[PRESETS[key]] = {"lr": lr, "scaled": scale != 1.0, "epochs": lesson_epochs, "label": title}

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
    return {
        "y": y.tolist(),
        "start": list(figures.START),
        "given": bowl(x),
        "scaled": bowl(scaled_x),
        "factor": scales[1],
        "scaled_name": f"x × {scales[1]:g}",
        "presets": runs,
        "tolerance": inspect.signature(further.epochs_to_within).parameters["tolerance"].default,
        "longest": figures.LONGEST_RUN,  # how long a run may take to converge (figures.verdict)
        "epochs_max": EPOCHS_MAX,
        "lr_decades": list(LR_DECADES),
        "epoch_line": epoch_line[1],
        "diverged": lesson.diverged("{epoch}", "{loss}"),
        "precision": printed_decimals(),
        "shown_lines": 10,
    }


def printed_decimals() -> int:
    """How many decimals torch prints a float tensor with (torch has no public getter for it)."""
    import torch
    return len(re.fullmatch(r"tensor\(0\.(\d+)\)", repr(torch.tensor(1 / 3)))[1])


def markup(lang: str, numbers: dict, critical_page: str, assets: str) -> str:
    """The explorer's HTML for a page in ``lang``; ``critical_page`` and ``assets`` are relative URLs."""
    t = TEXT[lang]
    esc = html.escape
    presets = "".join(f'<button type="button" class="md-button" data-preset="{name}">{esc(run["label"])}</button>'
                      for name, run in numbers["presets"].items())
    low, high = numbers["lr_decades"]
    payload = esc(json.dumps({**numbers, "text": t}, ensure_ascii=False, separators=(",", ":")))
    return f"""<div class="lr-explorer" data-explorer="{payload}" hidden>
<div class="lr-explorer__controls">
<div class="lr-explorer__presets" role="group" aria-label="{esc(t['presets'])}">{presets}</div>
<div class="lr-explorer__lr">
<label for="lr-explorer-range">{esc(t['lr_range'])}</label>
<input type="range" id="lr-explorer-range" min="{low}" max="{high}" step="0.01" data-explorer-range>
<div class="lr-explorer__scale" aria-hidden="true" data-explorer-scale></div>
<p class="lr-explorer__critical" data-explorer-critical><span></span> <a href="{esc(critical_page)}">{esc(t['why'])}</a></p>
<label for="lr-explorer-lr">{esc(t['lr'])}</label>
<input type="text" id="lr-explorer-lr" inputmode="decimal" autocomplete="off" spellcheck="false" data-explorer-lr aria-describedby="lr-explorer-lr-error">
<p class="lr-explorer__error" id="lr-explorer-lr-error" data-explorer-error="lr"></p>
</div>
<fieldset class="lr-explorer__x"><legend>{esc(t['x'])}</legend>
<label><input type="radio" name="lr-explorer-x" value="given" data-explorer-x> {esc(t['x_given'])}</label>
<label><input type="radio" name="lr-explorer-x" value="scaled" data-explorer-x> {esc(numbers['scaled_name'])}</label>
</fieldset>
<div class="lr-explorer__epochs">
<label for="lr-explorer-epochs">{esc(t['epochs'])}</label>
<input type="number" id="lr-explorer-epochs" min="1" max="{numbers['epochs_max']}" step="1" data-explorer-epochs aria-describedby="lr-explorer-epochs-error">
<p class="lr-explorer__error" id="lr-explorer-epochs-error" data-explorer-error="epochs"></p>
</div>
</div>
<p class="lr-explorer__summary" aria-live="polite" data-explorer-summary></p>
<div class="lr-explorer__plots">
<figure><svg role="img" aria-labelledby="lr-explorer-loss-caption" data-explorer-plot="loss"></svg><figcaption id="lr-explorer-loss-caption">{esc(t['loss_plot'])}</figcaption></figure>
<figure><svg role="img" aria-labelledby="lr-explorer-path-caption" data-explorer-plot="path"></svg><figcaption id="lr-explorer-path-caption">{esc(t['path_plot'])}</figcaption></figure>
<figure><svg role="img" aria-labelledby="lr-explorer-line-caption" data-explorer-plot="line"></svg><figcaption id="lr-explorer-line-caption">{esc(t['line_plot'])}</figcaption></figure>
<figure><pre data-explorer-log aria-labelledby="lr-explorer-log-caption"></pre><figcaption id="lr-explorer-log-caption">{esc(t['log'])}</figcaption></figure>
</div>
</div>
<noscript><p>{esc(t['noscript'])}</p></noscript>
<link rel="stylesheet" href="{assets}explorer.css">
<script src="{assets}explorer.js" defer></script>"""


def on_page_content(html_text: str, page, config, files, **kwargs) -> str:
    if MARKER not in html_text:
        return html_text
    from .i18n_adapter import page_language
    src = PurePosixPath(page.file.src_uri)
    # The page of the same language that explains the critical learning rate (it has the anchor).
    anchor = re.compile(r"\{\s*#" + CRITICAL_ANCHOR + r"\s*\}")
    targets = [f for f in files.documentation_pages() if PurePosixPath(f.src_uri).parent == src.parent
               and f.src_uri.endswith(".md") and anchor.search(f.content_string)]
    if len(targets) != 1:
        raise ValueError(f"{src}: the explorer links to the page with {{ #{CRITICAL_ANCHOR} }}; "
                         f"found {len(targets)} beside it")
    critical_page = get_relative_url(targets[0].url, page.url) + "#" + CRITICAL_ANCHOR
    assets = get_relative_url("assets/", page.url)
    if not assets.endswith("/"):
        assets += "/"
    return html_text.replace(f"<p>{MARKER}</p>", MARKER).replace(
        MARKER, markup(page_language(page, config), data(), critical_page, assets), 1)
