"""Lesson 4.1's learning-rate explorer (docs/assets/explorer.js), driven in Debian's chromium: it
prints what ``training_loop`` prints (under the site's number rule), for the lesson's three runs
(its presets, whose summaries say how each ends) and for typed settings, and a copy with a wrong
gradient fails that check; bad input is refused in place, in the page's language; the state lives
in the URL; the notebooks carry none of it.
"""

from __future__ import annotations

import contextlib
import functools
import re

import pytest
import torch

from browser import chromium_page
from doctools import notebooks
from doctools.explorer import LR_DECADES, MARKER, TEXT
from doctools.explorer import PRESETS as PRESET_OF
from doctools.lessons import URL_PREFIX as LANGS
from doctools.number_rule import outputs_match
from doctools.pages import DOCS
from helpers import run_printed
from tutorial_pkg import figures, further, load_data, training_loop

SHOWN = 10  # the explorer prints the first ten epoch lines
EPOCH_LINE = re.compile(r"Epoch \d+, Loss \S+")


@functools.cache
def expected(lr: float, scaled: bool, epochs: int) -> tuple[list[str], int, list[str], str]:
    """What training_loop prints from the lesson's start: (first epoch lines, how many more
    epoch lines, the divergence message if any, the repr of the params it returns)."""
    x, y = load_data()
    if scaled:
        x = 0.1 * x  # the lesson's x_u
    params, out = run_printed(training_loop, epochs, lr, torch.tensor([1.0, 0.0]), x, y)
    lines = out.splitlines()
    epoch_lines = [line for line in lines if EPOCH_LINE.fullmatch(line)]
    stopped = [line for line in lines if not EPOCH_LINE.fullmatch(line)]
    return epoch_lines[:SHOWN], max(0, len(epoch_lines) - SHOWN), stopped, repr(params)


def log_problems(log: str, lr: float, scaled: bool, epochs: int) -> list[str]:
    """How the explorer's log differs from training_loop's output (empty: it matches)."""
    want_lines, hidden, stopped, params = expected(lr, scaled, epochs)
    lines = log.split("\n")
    elided = [line for line in lines if line.startswith("⋮")]
    problems = []
    if hidden and (len(elided) != 1 or not re.search(rf"(?<!\d){hidden}(?!\d)", elided[0])):
        problems.append(f"expected one '⋮' line naming the {hidden} epoch lines not shown, got {elided}")
    if not hidden and elided:
        problems.append(f"nothing is left out, yet {elided}")
    want = "\n".join(want_lines + stopped + [params])
    got = "\n".join(line for line in lines if not line.startswith("⋮"))
    if not outputs_match(want, got):
        problems.append(f"training_loop({epochs}, {lr}, x{' * 0.1' if scaled else ''}) prints\n{want}\n"
                        f"the explorer prints\n{got}")
    return problems


@pytest.fixture(scope="module")
def opened(site_url):
    """language -> a page for lesson 4.1 in it, opened when first asked for, kept for the module."""
    with contextlib.ExitStack() as stack:
        pages: dict[str, object] = {}
        yield lambda lang: pages.get(lang) or pages.setdefault(lang, stack.enter_context(chromium_page()))


@pytest.fixture(params=list(LANGS))
def explorer(request, opened, site_url):
    """Lesson 4.1 in a language, its explorer on its first preset, as on a fresh load (the preset
    sets every control and clears any message); ``page.lang`` and ``page.lesson`` say which."""
    page = opened(request.param)
    page.lang, page.lesson = request.param, site_url + LANGS[request.param] + "lesson-4.1/"
    if page.url.split("#")[0] != page.lesson:
        page.goto(page.lesson)
    page.click('[data-preset="lr1e-2"]')
    return page


# The explorer's log, summary, messages and the page's URL, read in one round trip.
STATE = """() => {
    const q = name => document.querySelector(`[data-explorer-${name}]`);
    return {log: q('log').textContent, summary: q('summary').textContent, url: location.href,
            lr_error: q('error="lr"').textContent, lr_error_shown: q('error="lr"').checkVisibility(),
            lr_invalid: q('lr').getAttribute('aria-invalid'), epochs_error: q('error="epochs"').textContent}; }"""


def state(page) -> dict:
    return page.evaluate(STATE)


def log(page) -> str:
    return state(page)["log"]


def type_into(page, selector: str, value: str) -> None:
    page.fill(selector, value)
    page.press(selector, "Enter")


def drive(page, lr: float | None = None, scaled: bool | None = None, epochs: int | None = None) -> str:
    """Set the controls as a reader would (typing, Enter) and return the log."""
    if scaled is not None:
        page.check(f'[data-explorer-x][value="{"scaled" if scaled else "given"}"]')
    if epochs is not None:
        type_into(page, "[data-explorer-epochs]", str(epochs))
    if lr is not None:
        type_into(page, "[data-explorer-lr]", repr(lr))
    return log(page)


PRESETS = {"lr1e-2": (1e-2, False), "lr1e-4": (1e-4, False), "scaled": (1e-2, True)}
# Other learning rates and epoch counts: each side of 2/λmax (about 0.0053 for x, 0.39 for
# x * 0.1), a divergence stopped at inf, slow and long runs, the slider's lowest end.
OTHERS = [(0.006, False, 10), (0.005, False, 1000), (0.0053, False, 300), (1e-2, False, 100),
          (1e-4, False, 5000), (1e-5, False, 37), (0.3, True, 200), (0.5, True, 60), (1e-2, True, 5000),
          (0.1, False, 3)]


def test_presets_print_the_lessons_three_runs_and_say_how_each_ends(explorer):
    # Figure 1's title for each of the lesson's runs and the explorer's verdict say the same.
    titles = {PRESET_OF[key]: ax.get_title().split(": ")[-1].lower()
              for key, ax in zip(figures.RUNS, figures.loss_curves(explorer.lang).axes)}
    assert explorer.get_attribute("[data-explorer-summary]", "aria-live") == "polite"
    for name, (lr, scaled) in PRESETS.items():
        drive(explorer, epochs=7, lr=0.001)  # somewhere else first: the preset must set all three
        explorer.click(f'[data-preset="{name}"]')
        assert log_problems(log(explorer), lr, scaled, 10) == [], name
        assert re.split("[:：]", state(explorer)["summary"])[0].lower() == titles[name], name


@pytest.mark.parametrize("explorer", ["en"], indirect=True)
def test_typed_settings_print_what_training_loop_prints(explorer):
    for lr, scaled, epochs in OTHERS:
        assert log_problems(drive(explorer, lr, scaled, epochs), lr, scaled, epochs) == []


def test_a_wrong_gradient_fails_the_check(built_site, site_url):
    """The check above catches a widget whose gradient is a sum instead of a mean."""
    right = "var gw = f32(sum(dw) / n), gb = f32(sum(db) / n);"
    script = (built_site / "assets" / "explorer.js").read_text(encoding="utf-8")
    assert right in script, "explorer.js no longer computes the gradient this way: update this test"
    with chromium_page() as page:
        page.route("**/explorer.js", lambda route: route.fulfill(
            body=script.replace(right, "var gw = sum(dw), gb = sum(db);"), content_type="text/javascript"))
        page.goto(site_url + "en/lesson-4.1/")
        page.click('[data-preset="lr1e-4"]')
        assert log_problems(log(page), 1e-4, False, 10) != []
        assert log_problems(drive(page, 0.006, False, 30), 0.006, False, 30) != []


BAD_LR = ["abc", "-0.01", "0", "inf", "nan", "1e999", "0.01.2", "", " ", "1e9", "１ｅ－６"]
BAD_EPOCHS = ["0", "5001", "2.5", "-3", ""]


def test_bad_input_is_refused_in_place(explorer):
    # Every bad value in Chinese; in English, one of each message (the same script reads them).
    everything, text, (low, high) = explorer.lang == "zh", TEXT[explorer.lang], (f"1e{p}" for p in LR_DECADES)
    explorer.click('[data-preset="lr1e-4"]')
    before = state(explorer)
    unchanged = {key: before[key] for key in ("log", "summary", "url")}
    for bad in BAD_LR if everything else ["abc", " ", "1e9"]:
        type_into(explorer, "[data-explorer-lr]", bad)
        message = (text["empty_lr"] if not bad.strip() else text["range_lr"] if bad in ("1e9", "１ｅ－６")
                   else text["bad_lr"])
        now = state(explorer)
        assert (now["lr_error"], now["lr_error_shown"], now["lr_invalid"]) == (
            message.format(value=bad, low=low, high=high), True, "true"), bad
        assert {key: now[key] for key in unchanged} == unchanged, f"learning rate {bad!r} changed the explorer"
    for bad in BAD_EPOCHS if everything else ["0", ""]:
        type_into(explorer, "[data-explorer-epochs]", bad)
        now = state(explorer)
        assert now["epochs_error"] == text["bad_epochs" if bad else "empty_epochs"].format(value=bad)
        assert now["log"] == before["log"], f"n_epochs {bad!r} changed the explorer"
    drive(explorer, lr=1e-4, epochs=10)  # a valid value clears the message
    now = state(explorer)
    assert (now["lr_error_shown"], now["lr_invalid"], now["log"]) == (False, None, before["log"])
    # Full-width digits, point and minus, as a Chinese keyboard types them, are their ASCII twins.
    for typed, lr in [("０.００３", 0.003), ("１ｅ－４", 1e-4), ("0。006", 0.006)] if everything else []:
        twin = drive(explorer, lr=lr, epochs=12)
        drive(explorer, lr=0.01)
        type_into(explorer, "[data-explorer-lr]", typed)
        assert (log(explorer), explorer.input_value("[data-explorer-lr]")) == (twin, repr(lr)), typed


def test_the_url_keeps_the_state(explorer):
    # A shared link shows the explorer below the header, on a phone in one language, on a desktop in the other.
    good, bad = [(390, 844), (1280, 800)][::1 if explorer.lang == "zh" else -1]
    explorer.set_viewport_size({"width": good[0], "height": good[1]})
    explorer.goto("about:blank")
    explorer.goto(explorer.lesson + "#lr=0.006&x=given&epochs=30")
    explorer.wait_for_function("scrollY > 0")
    header = explorer.locator(".md-header").bounding_box()
    buttons = explorer.locator(".lr-explorer__presets").bounding_box()
    assert header["y"] + header["height"] <= buttons["y"] < good[1], (good, header, buttons)
    assert explorer.input_value("[data-explorer-lr]") == "0.006"
    assert explorer.input_value("[data-explorer-epochs]") == "30"
    assert explorer.is_checked('[data-explorer-x][value="given"]')
    assert log_problems(log(explorer), 0.006, False, 30) == []
    explorer.click('[data-preset="scaled"]')
    assert explorer.url == explorer.lesson + "#lr=0.01&x=scaled&epochs=10"
    explorer.set_viewport_size({"width": bad[0], "height": bad[1]})
    explorer.goto("about:blank")
    explorer.goto(explorer.lesson + "#lr=bad&x=given")  # not a state: the first preset
    assert log_problems(log(explorer), 1e-2, False, 10) == []
    explorer.set_viewport_size({"width": 1280, "height": 720})  # Playwright's default, for the tests after


def test_keyboard_alone_moves_the_learning_rate(explorer):
    explorer.click('[data-preset="lr1e-4"]')
    before = log(explorer)
    explorer.focus('[data-preset="scaled"]')
    for _ in range(10):  # Tab from the last preset button reaches the slider
        explorer.keyboard.press("Tab")
        if explorer.evaluate("document.activeElement.matches('[data-explorer-range]')"):
            break
    else:
        pytest.fail("Tab never reached the learning-rate slider")
    explorer.keyboard.press("ArrowRight")
    lr = float(explorer.input_value("[data-explorer-lr]"))
    assert lr > 1e-4 and log(explorer) != before
    assert log_problems(log(explorer), lr, False, 10) == []


def test_the_summary_says_how_the_run_ends(explorer):
    text = {key: words.split("{", 1)[0] for key, words in TEXT[explorer.lang].items()}  # up to the first field
    explorer.click('[data-preset="lr1e-4"]')
    assert state(explorer)["summary"].startswith(text["crawls"])
    explorer.click('[data-preset="lr1e-2"]')
    assert state(explorer)["summary"].startswith(text["grows"])
    drive(explorer, epochs=100)
    epoch = re.match(r"Epoch (\d+)", expected(1e-2, False, 100)[2][0])[1]
    assert state(explorer)["summary"] == TEXT[explorer.lang]["stopped"].format(epoch=epoch, loss="inf")
    explorer.click('[data-preset="scaled"]')
    drive(explorer, epochs=5000)
    summary = state(explorer)["summary"]
    x, y = load_data()
    # epochs_to_within counts updates, in float64; the explorer names the printed epoch after them.
    updates = further.epochs_to_within(1e-2, torch.tensor([1.0, 0.0]), 0.1 * x, y)
    assert summary.startswith(text["converges"]), summary
    assert abs(int(re.search(r"\d+", summary[len(text["converges"]):])[0]) - (updates + 1)) <= 1, summary


def test_the_critical_learning_rates_are_marked(explorer):
    x, _ = load_data()
    said = explorer.locator("[data-explorer-critical]").text_content()
    for inputs in (x, 0.1 * x):
        assert f"{further.critical_learning_rate(inputs):.3g}" in said
    assert explorer.locator(".lr-explorer__scale .critical").count() == 2
    link = explorer.locator("[data-explorer-critical] a")
    assert link.get_attribute("href").endswith("lesson-4.2/#critical-learning-rate")


@pytest.mark.parametrize("page", notebooks.notebook_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_notebooks_leave_the_explorer_out(page):
    assert "data-explorer" not in notebooks.render(page)
    if page.name == "lesson-4.1.md":
        assert MARKER in page.read_text(encoding="utf-8")


def test_without_javascript_the_static_figures_stay(site_url):
    with chromium_page(java_script_enabled=False) as page:
        page.goto(site_url + "en/lesson-4.1/")
        assert page.locator(".lr-explorer").is_hidden()
        # Playwright turns scripts off after parsing starts, so <noscript> stays raw text here.
        assert TEXT["en"]["noscript"] in page.locator("noscript").text_content()
        assert page.locator('img[src$="figures/loss-surface.svg"]').count() == 1
