"""The lesson's figures, drawn from the lesson's own code (needs matplotlib).

>>> from tutorial_pkg import figures
>>> fig = figures.loss_curves("en")       # a Jupyter cell ending in this shows it
>>> [ax.get_title() for ax in fig.axes]
['lr = 1e-2: diverges', 'lr = 1e-4: slow', 'lr = 1e-2, x × 0.1: converges']
>>> sorted(figures.all_figures("zh"))
['critical-runs', 'fitted-lines', 'loss-curves', 'loss-surface']

Each figure function takes ``lang`` ("zh" or "en") and returns a
:class:`matplotlib.figure.Figure` that pyplot no longer tracks: a Jupyter cell
that ends with the call displays it once, and calling it many times (as the
doctests do) keeps no figures alive.  The figures have a transparent
background and gray text, so they read on a light and on a dark page.
``narrow=True`` stacks the panels for a phone's screen: its text, drawn the
same size in points on a figure less than half as wide, reads at least 9 CSS px there.
"""

from __future__ import annotations

import contextlib
import functools
import io
import warnings
from typing import Iterator, NamedTuple

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

import numpy as np
import torch

from . import lesson
from .data import load_data
from .further import critical_learning_rate, epochs_to_within, least_squares
from . import training_loop

__all__ = ["Run", "run", "verdict", "loss_curves", "fitted_lines", "loss_surface", "critical_runs",
           "all_figures"]

LANGS = ("zh", "en")
START = (1.0, 0.0)  # the lesson's starting params [w, b]

# Mid gray for text, ticks, spines and grid; saturated colours for the data.
# All of them read on white and on the site's dark background (#1e2129).
GRAY = "#8a8a8a"
RED, BLUE, GREEN, PURPLE, ORANGE = "#f03e3e", "#339af0", "#2fb344", "#be4bdb", "#f59f00"

# The lesson's three runs: (learning rate, factor on x, title, colour).
RUNS = {
    "a": (1e-2, 1.0, "lr = 1e-2", RED),
    "b": (1e-4, 1.0, "lr = 1e-4", BLUE),
    "c": (1e-2, 0.1, "lr = 1e-2, x × 0.1", GREEN),
}

# A run that gets near its minimum within the lesson's longest run converges; one that does not
# is slow, unless its learning rate is over 2/λmax. Figure 1 and the explorer both say so.
LONGEST_RUN = 5000


def verdict(learning_rate: float, scale: float = 1.0) -> str:
    """Where a run from the lesson's start on ``(x * scale, y)`` is heading, as figure 1 says it:
    "converges" (within 1% of its least loss, ``further.epochs_to_within``, in LONGEST_RUN
    epochs), "diverges" (a learning rate over 2/λmax) or "slow".

    >>> [verdict(lr, scale) for lr, scale, _, _ in RUNS.values()]
    ['diverges', 'slow', 'converges']
    """
    x, y = load_data()
    x = x * scale
    if epochs_to_within(learning_rate, torch.tensor(START), x, y, max_epochs=LONGEST_RUN) is not None:
        return "converges"
    return "diverges" if learning_rate > critical_learning_rate(x) else "slow"


TEXT = {
    "en": {
        "epoch": "epoch", "loss": "loss", "data": "data",
        "diverges": "diverges", "slow": "slow", "converges": "converges",
        "loss_curves": "Loss per epoch (log scale), 10 epochs from w = 1, b = 0",
        "fitted": "The line after 10 epochs of each run",
        "lstsq": "least squares: y = {w:.2f}x + {b:.2f}",
        "line": "{run}, 10 epochs: y = {w:.2f}x + {b:.2f}",
        "diverged": "{run}, 10 epochs: diverged (w = {w:.0f}, b = {b:.0f})",
        "surface": "Loss over (w, b), both panels on the same scale; dots: the first 10 epochs",
        "raw": "x as given: a long narrow valley",
        "scaled": "x × 0.1: a rounder bowl",
        "w_scaled": "w (of x × 0.1)",
        "epochs": "{run}, {n} epochs",
        "start": "start (w = 1, b = 0)", "minimum": "minimum",
        "critical": "Loss per epoch (log scale) just under and just over the critical learning rate 2/λmax",
        "critical_panel": "{data}: 2/λmax = {limit:.3g}",
        "critical_run": "lr = {factor} × 2/λmax: {verdict}",
    },
    "zh": {
        "epoch": "轮次", "loss": "损失", "data": "数据",
        "diverges": "发散", "slow": "下降很慢", "converges": "收敛",
        "loss_curves": "每轮的损失（对数刻度），从 w = 1、b = 0 训练 10 轮",
        "fitted": "三次训练各 10 轮后得到的直线",
        "lstsq": "最小二乘：y = {w:.2f}x + {b:.2f}",
        "line": "{run}，10 轮：y = {w:.2f}x + {b:.2f}",
        "diverged": "{run}，10 轮：发散（w = {w:.0f}，b = {b:.0f}）",
        "surface": "损失随 (w, b) 的变化，两图比例相同；圆点：前 10 轮",
        "raw": "原始 x：狭长的山谷",
        "scaled": "x × 0.1：更圆的碗",
        "w_scaled": "w（对应 x × 0.1）",
        "epochs": "{run}，{n} 轮",
        "start": "起点（w = 1，b = 0）", "minimum": "最小值",
        "critical": "临界学习率 2/λmax 略小与略大时每轮的损失（对数刻度）",
        "critical_panel": "{data}：2/λmax = {limit:.3g}",
        "critical_run": "lr = {factor} × 2/λmax：{verdict}",
    },
}

# Fonts that have Chinese glyphs, tried after the usual sans-serif when a
# figure is drawn to pixels (e.g. in Jupyter); only installed ones are named.
CJK_FONTS = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Microsoft YaHei", "PingFang SC",
    "Hiragino Sans GB", "Heiti SC", "SimHei", "Droid Sans Fallback",
)
# A missing glyph warns once per glyph and draw; Chinese ones are expected (ignored while a
# figure is made, _making).
_CJK_GLYPH_WARNING = r"Glyph \d+ \(\\N\{(CJK|FULLWIDTH|HALFWIDTH|IDEOGRAPHIC)"


@functools.cache
def _cjk_fonts() -> tuple[str, ...]:
    from matplotlib import font_manager
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return tuple(name for name in CJK_FONTS if name in installed)


def _style() -> dict[str, object]:
    """rcParams of the figures, applied while one is made (never globally)."""
    return {
        "font.family": ["sans-serif", *_cjk_fonts()],
        # Text at least 11 pt: on the site the wide figures (10 in) show about 690 px wide on a
        # desktop and the narrow ones (4.5 in) about 360 px on a phone: 10.5 px and 12 px labels.
        "font.size": 11,
        "axes.titlesize": 11,
        "figure.facecolor": "none",
        "axes.facecolor": "none",
        "savefig.facecolor": "none",
        "savefig.transparent": True,
        "text.color": GRAY,
        "axes.labelcolor": GRAY,
        "axes.titlecolor": GRAY,
        "axes.edgecolor": GRAY,
        "xtick.color": GRAY,
        "ytick.color": GRAY,
        "grid.color": GRAY,
        "grid.alpha": 0.35,
        "grid.linewidth": 0.6,
        "legend.frameon": False,
        "legend.fontsize": 11,
        "axes.unicode_minus": False,  # "-" is in every font, "−" is not in all
        "lines.linewidth": 1.8,
    }


@contextlib.contextmanager
def _making(lang: str) -> Iterator[dict[str, str]]:
    """Check lang, then apply the figures' style while a figure is made."""
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en'; got {lang!r}")
    with matplotlib.rc_context(_style()), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=_CJK_GLYPH_WARNING, category=UserWarning)
        yield TEXT[lang]


class _Figure(Figure):
    """A lesson figure. Jupyter draws a returned figure after _making has ended: the Chinese
    glyphs a reader's fonts lack are expected there too (the figure shows boxes; the notebook
    stays free of one warning per glyph), and only while this figure is drawn."""

    def draw(self, renderer):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=_CJK_GLYPH_WARNING, category=UserWarning)
            return super().draw(renderer)


_Figure.__name__ = "Figure"  # its repr is matplotlib's own, "<Figure size …>", as the pages print it


NARROW = 4.5  # inches: a narrow figure's width


def _new(panels: int, size: tuple[float, float], narrow: bool, panel_height: float) -> tuple[Figure, list]:
    """``panels`` panels in a row in a figure of ``size`` inches, or stacked in one ``NARROW``
    inches wide with ``panel_height`` inches for each when ``narrow``."""
    shape, size = ((panels, 1), (NARROW, panel_height * panels)) if narrow else ((1, panels), size)
    fig, axes = plt.subplots(*shape, figsize=size, layout="constrained", squeeze=False,
                             FigureClass=_Figure)
    # pyplot forgets it at once: a returned Figure still shows in Jupyter
    # (through its repr), and many calls keep nothing alive.
    plt.close(fig)
    for ax in axes.flat:
        # Ticks are made lazily, when drawn: fix their colours now, so they
        # do not take the rcParams of whoever draws the figure later.
        ax.tick_params(which="both", color=GRAY, labelcolor=GRAY, grid_color=GRAY, grid_alpha=0.35)
    return fig, list(axes.flat)


class Run(NamedTuple):
    """One gradient-descent run: each epoch's loss and the params along the way.

    ``losses[k - 1]`` is the loss of epoch k; ``path[0]`` is the start and
    ``path[k]`` the params [w, b] after epoch ``k * every`` (``every`` is 1
    unless asked otherwise).  A run that diverges stops early, as
    ``training_loop`` does, with fewer than ``n_epochs`` losses.
    """

    losses: list[float]
    path: torch.Tensor


def run(learning_rate: float, scale: float = 1.0, n_epochs: int = 10, *, every: int = 1) -> Run:
    """Train from the lesson's start [1.0, 0.0] on ``(x * scale, y)`` with ``training_loop``.

    Keeps every epoch's loss, and the params every ``every`` epochs.

    >>> r = run(1e-4)
    >>> len(r.losses), r.path.shape
    (10, torch.Size([11, 2]))
    >>> r.path[-1]
    tensor([1.8376, 0.0741])
    """
    x, y = load_data()
    x = x * scale
    params = torch.tensor(START)
    losses: list[float] = []
    path = [params]
    while len(losses) < n_epochs:
        epochs = min(every, n_epochs - len(losses))
        wanted = len(losses) + epochs
        # A loss that is no longer finite ends the run; the loop's message
        # about it is for the lesson's readers, not for a figure.
        with contextlib.redirect_stdout(io.StringIO()):
            params = training_loop(epochs, learning_rate, params, x, y, print_every=0, losses=losses)
        if len(losses) < wanted:
            break
        path.append(params)
    return Run(losses, torch.stack(path))


@functools.cache
def _path(learning_rate: float, scale: float, n_epochs: int, every: int) -> np.ndarray:
    """``run(...).path`` as a read-only array, kept: the long runs take a while."""
    path = run(learning_rate, scale, n_epochs, every=every).path.numpy()
    path.flags.writeable = False
    return path


def _loss_grid(ws: np.ndarray, bs: np.ndarray, scale: float) -> np.ndarray:
    """The lesson's loss_fn(model(x, w, b), y) at each (w, b) of a grid, [len(bs), len(ws)]."""
    x, y = load_data()
    x = x * scale
    W, B = torch.meshgrid(torch.as_tensor(ws, dtype=torch.float32),
                          torch.as_tensor(bs, dtype=torch.float32), indexing="xy")
    loss = torch.vmap(lambda w, b: lesson.loss_fn(lesson.model(x, w, b), y))
    return loss(W.reshape(-1), B.reshape(-1)).reshape(W.shape).numpy()


def _log_y(ax, values: list[float]) -> None:
    """A log y-axis with a few plain-text labels (compact SVG, no math text)."""
    ax.set_yscale("log")
    ax.yaxis.set_minor_locator(NullLocator())
    if max(values) / min(values) > 10:
        ax.yaxis.set_major_locator(LogLocator(base=10, numticks=6))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"1e{np.log10(v):.0f}"))
    else:  # less than a decade: a few round numbers
        ax.yaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))


def loss_curves(lang: str = "en", narrow: bool = False) -> Figure:
    """Loss per epoch (log scale) of the lesson's three runs, one panel each."""
    with _making(lang) as t:
        fig, axes = _new(3, (10, 3.3), narrow, 2.4)
        for ax, (key, (lr, scale, title, color)) in zip(axes, RUNS.items()):
            losses = run(lr, scale).losses
            ax.plot(range(1, len(losses) + 1), losses, "o-", color=color, markersize=4)
            _log_y(ax, losses)
            ax.set_title(f"{title}: {t[verdict(lr, scale)]}")
            ax.set_xlabel(t["epoch"])
            ax.set_ylabel(t["loss"])
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(True, which="major")
        fig.suptitle(t["loss_curves"], color=GRAY, wrap=True)
    return fig


def fitted_lines(lang: str = "en", narrow: bool = False) -> Figure:
    """The data, the least-squares line and the line after each run's 10 epochs."""
    with _making(lang) as t:
        fig, (ax,) = _new(1, (8, 5.2), narrow, 6)
        x, y = load_data()
        xs = torch.linspace(float(x.min()) - 2, float(x.max()) + 2, 2)
        ax.scatter(x, y, s=28, color=GRAY, zorder=3, label=t["data"], gid="data")
        w, b = least_squares(*load_data()).tolist()
        ax.plot(xs, lesson.model(xs, w, b), "--", color=PURPLE, gid="least-squares",
                label=t["lstsq"].format(w=w, b=b))
        shown = [y]  # what the y-range must show: the data and the sensible lines
        for key, (lr, scale, title, color) in RUNS.items():
            w, b = run(lr, scale).path[-1].tolist()
            w = w * scale  # back to a line in the raw x: (w*scale)*x + b
            y_line = lesson.model(xs, w, b)
            if key == "a":
                label = t["diverged"].format(run=title, w=w, b=b)
                ax.plot(xs, y_line, ":", color=color, gid=f"run-{key}", label=label)
            else:
                label = t["line"].format(run=title, w=w, b=b)
                ax.plot(xs, y_line, color=color, gid=f"run-{key}", label=label)
                shown.append(y_line)
        lo, hi = float(torch.cat(shown).min()), float(torch.cat(shown).max())
        pad = 0.08 * (hi - lo)
        ax.set_ylim(lo - pad, hi + pad)  # the diverged line leaves it, as it should
        ax.set_xlim(float(xs[0]), float(xs[1]))
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.grid(True)
        fig.legend(loc="outside lower center", ncols=1 if narrow else 2)
        ax.set_title(t["fitted"], wrap=True)
    return fig


def loss_surface(lang: str = "en", narrow: bool = False) -> Figure:
    """Contours of the loss over (w, b) with the runs' paths: raw x against x × 0.1.

    Both panels have the same scale (a unit of w as long as a unit of b), the
    only way to show what gradient descent meets: a long narrow valley for
    the raw x, a much rounder bowl for x × 0.1.  Dots mark the lesson's first
    10 epochs; runs go on longer to show where they are heading.
    """
    span = 48.0  # each panel shows a span-by-span square of (w, b)
    levels = [20, 50, 100, 200, 500, 1000, 2000, 5000, 1e4, 2e4, 5e4, 1e5]  # log-spaced
    w_min, b_min = least_squares(*load_data()).tolist()
    b_range = (-8.0, span - 8.0)
    panels = [
        # (factor on x, w range, runs as (key, epochs, epochs per path point), title, labelled levels)
        (1.0, (w_min - span / 2, w_min + span / 2), [("a", 3, 1), ("b", 5000, 10)], "raw", [1000, 1e4]),
        (0.1, (w_min * 10 - span / 2 - 4, w_min * 10 + span / 2 - 4), [("c", 500, 1)], "scaled",
         [100, 1000, 1e4]),
    ]
    with _making(lang) as t:
        fig, axes = _new(2, (10, 6.2), narrow, 4.9)
        for ax, (scale, w_range, runs, title, labelled) in zip(axes, panels):
            ws = np.linspace(*w_range, 150)
            bs = np.linspace(*b_range, 150)
            contours = ax.contour(ws, bs, _loss_grid(ws, bs, scale), levels=levels,
                                  colors=GRAY, linewidths=0.7)
            ax.clabel(contours, levels=labelled, fmt="%g", fontsize=11)
            for key, n_epochs, every in runs:
                lr, _, name, color = RUNS[key]
                path = _path(lr, scale, n_epochs, every)
                # The diverging run under the others: it crosses the whole panel.
                z, width = (2, 1.2) if key == "a" else (3, 1.8)
                ax.plot(path[:, 0], path[:, 1], "-", color=color, linewidth=width, zorder=z,
                        gid=f"path-{key}", label=t["epochs"].format(run=name, n=n_epochs))
                dots = run(lr, scale).path.numpy()  # the lesson's 10 epochs
                ax.plot(dots[:, 0], dots[:, 1], "o", color=color, markersize=3.5, zorder=z)
            ax.plot(*START, "s", color=GRAY, markersize=6, label=t["start"], zorder=4)
            ax.plot(w_min / scale, b_min, "*", color=ORANGE, markersize=13, label=t["minimum"], zorder=4)
            ax.set_xlim(*w_range)
            ax.set_ylim(*b_range)
            ax.set_aspect("equal")
            ax.set_xlabel("w" if scale == 1 else t["w_scaled"])
            ax.set_ylabel("b")
            ax.set_title(t[title])
        handles = {}  # one legend for both panels, without repeats
        for ax in axes:
            for handle, label in zip(*ax.get_legend_handles_labels()):
                handles.setdefault(label, handle)
        fig.legend(handles.values(), handles.keys(), loc="outside lower center", ncols=2 if narrow else 3)
        fig.suptitle(t["surface"], color=GRAY, wrap=True)
    return fig


def critical_runs(lang: str = "en", n_epochs: int = 100, narrow: bool = False) -> Figure:
    """Loss per epoch (log scale) for learning rates 0.95 and 1.05 times 2/λmax: raw x, x × 0.1.

    Lesson 4.2: gradient descent on the quadratic loss converges below the
    critical learning rate 2/λmax of the loss's Hessian and diverges above it.
    """
    panels = [(1.0, "x"), (0.1, "x × 0.1")]
    runs = [(0.95, GREEN, "converges"), (1.05, RED, "diverges")]  # (factor on 2/λmax, colour, verdict)
    with _making(lang) as t:
        fig, axes = _new(2, (10, 3.3), narrow, 2.8)
        for ax, (scale, data) in zip(axes, panels):
            x, _ = load_data()
            limit = critical_learning_rate(x * scale)
            shown = []
            for factor, color, verdict in runs:
                losses = run(factor * limit, scale, n_epochs).losses
                shown += losses
                ax.plot(range(1, len(losses) + 1), losses, "-", color=color, gid=f"run-{factor}",
                        label=t["critical_run"].format(factor=factor, verdict=t[verdict]))
            _log_y(ax, shown)
            ax.set_title(t["critical_panel"].format(data=data, limit=limit))
            ax.set_xlabel(t["epoch"])
            ax.set_ylabel(t["loss"])
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(True, which="major")
            ax.legend(loc="upper left")
        fig.suptitle(t["critical"], color=GRAY, wrap=True)
    return fig


FIGURES = {"loss-curves": loss_curves, "fitted-lines": fitted_lines, "loss-surface": loss_surface,
           "critical-runs": critical_runs}


def all_figures(lang: str = "en", narrow: bool = False) -> dict[str, Figure]:
    """Every figure of the lesson in ``lang``, by a stable name for its file."""
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en'; got {lang!r}")
    return {name: make(lang, narrow=narrow) for name, make in FIGURES.items()}
