"""Lesson 4.2's functions (tutorial_pkg.further) against independent computations."""

import io
import itertools
import math
import re
import warnings

import numpy as np
import pytest
import torch

from helpers import float64_descent, run_printed
from tutorial_pkg import X_DATA, Y_DATA, figures, further, grad_fn, load_data, loss_fn, model, training_loop

START = torch.tensor([1.0, 0.0])
X, Y = load_data()  # read only: no test changes them in place
XD, YD = X.double(), Y.double()
X64, Y64 = np.array(X_DATA, dtype=np.float64), np.array(Y_DATA, dtype=np.float64)


def normal_equations(xs, ys):
    a = np.stack([xs, np.ones_like(xs)], axis=1)
    return np.linalg.solve(a.T @ a, a.T @ ys)


def numpy_hessian(xs):
    return 2 * np.array([[np.mean(xs * xs), np.mean(xs)], [np.mean(xs), 1.0]])


def float64_epochs_to_within(lr, scale, tolerance=0.01, max_epochs=100_000):
    """The epochs plain Python's descent takes to a loss within tolerance of the least; None if never."""
    w, b = normal_equations(X64 * scale, Y64)
    target = (1 + tolerance) * float(np.mean((w * X64 * scale + b - Y64) ** 2))
    losses = itertools.takewhile(math.isfinite, float64_descent(lr, scale, max_epochs + 1))  # until it diverges
    return next((epoch for epoch, loss in enumerate(losses) if loss <= target), None)


def test_least_squares_equals_the_normal_equations():
    best = further.least_squares(X, Y)
    assert best.dtype == torch.float64
    # the same float32 data in float64: the same answer up to float64 rounding
    np.testing.assert_allclose(best.numpy(), normal_equations(X.double().numpy(), Y.double().numpy()), rtol=1e-10)
    # the article's decimals (not all exact in float32): the same up to float32 rounding
    np.testing.assert_allclose(best.numpy(), normal_equations(X64, Y64), rtol=1e-6)
    assert best.tolist() == pytest.approx([1.7923, 32.9811], abs=1e-4)
    line = torch.linspace(-3, 5, 9)  # and an exact line, exactly
    torch.testing.assert_close(further.least_squares(line, 2.5 * line - 4), torch.tensor([2.5, -4.0]).double())


def test_least_squares_is_the_minimum():
    best = further.least_squares(X, Y)
    least = loss_fn(model(XD, *best), YD)
    assert float(least) == pytest.approx(9.7754, abs=1e-4)
    for step in ([1e-3, 0], [0, 1e-3], [-1e-3, 1e-3]):  # any move goes uphill
        assert loss_fn(model(XD, *(best + torch.tensor(step, dtype=torch.float64))), YD) > least


@pytest.mark.parametrize("scale, tolerance", [(1.0, 0.01), (0.1, 0.01), (0.1, 0.1), (0.1, 0.001)])
def test_epochs_to_within_counts_like_plain_python(scale, tolerance):
    assert further.epochs_to_within(1e-2, START, X * scale, Y, tolerance=tolerance) == \
        float64_epochs_to_within(1e-2, scale, tolerance)


def test_epochs_to_within_a_diverging_run_at_the_cap_and_at_the_minimum():
    # (The slow run's 51299 epochs are checked by the lesson pages' doctests.)
    assert further.epochs_to_within(1e-2, START, X, Y) is None
    counts = [further.epochs_to_within(1e-2, START, X * 0.1, Y, **kw) for kw in
              ({"tolerance": 0.1}, {}, {"tolerance": 0.001}, {"max_epochs": 575}, {"max_epochs": 574})]
    assert counts[0] < counts[1] == counts[3] == 575 < counts[2] and counts[4] is None
    assert further.epochs_to_within(1e-4, torch.tensor([1.7923, 32.9811]), X, Y) == 0  # already there


def test_hessian_equals_autograds():
    for point in ([1.0, 0.0], [1.7923, 32.9811], [-50.0, 7.0]):  # the same everywhere
        auto = torch.autograd.functional.hessian(lambda p: loss_fn(model(XD, p[0], p[1]), YD),
                                                 torch.tensor(point, dtype=torch.float64))
        torch.testing.assert_close(further.hessian(X), auto)
    np.testing.assert_allclose(further.hessian(X).numpy(), numpy_hessian(X64), rtol=1e-6)


@pytest.mark.parametrize("scale, lams, limit, kappa", [
    (1.0, (0.8207, 375.9520), 0.00532, 458.08),
    (0.1, (0.5993, 5.1484), 0.38847, 8.5907),
])
def test_eigenvalues_limit_and_condition_number(scale, lams, limit, kappa):
    # numpy in float64 from the tuples of the data: independent of the float32 tensor X
    expected = np.linalg.eigvalsh(numpy_hessian(X64 * scale))
    got = [*further.eigenvalues(X * scale).tolist(), further.critical_learning_rate(X * scale),
           further.condition_number(X * scale)]
    np.testing.assert_allclose(got, [*expected, 2 / expected[-1], expected[-1] / expected[0]], rtol=1e-6)
    assert all(abs(np.subtract(got, [*lams, limit, kappa])) <= [1e-4, 1e-4, 1e-5, 1e-2]), got  # as printed


@pytest.mark.parametrize("scale", [1.0, 0.1])
def test_just_under_the_limit_converges_just_over_diverges(scale):
    x = X * scale
    limit = further.critical_learning_rate(x)
    below, above = [], []
    params, printed = run_printed(training_loop, 1000, 0.95 * limit, START, x, Y, print_every=0, losses=below)
    assert printed == "" and len(below) == 1000
    assert below[-1] < 1.02 * 9.7754
    assert further.epochs_to_within(0.95 * limit, START, x, Y) is not None
    _, printed = run_printed(training_loop, 1000, 1.05 * limit, START, x, Y, print_every=0, losses=above)
    assert "diverged" in printed and len(above) < 1000
    assert above[-1] > 1e30
    assert further.epochs_to_within(1.05 * limit, START, x, Y) is None


def test_the_1e_2_runs_loss_grows_by_the_predicted_factor():
    lam_max = float(further.eigenvalues(X)[-1])
    losses = []
    run_printed(training_loop, 10, 1e-2, START, X, Y, losses=losses)
    assert losses[-1] / losses[-2] == pytest.approx((1 - 1e-2 * lam_max) ** 2, rel=1e-3)


def test_autograd_grad_equals_grad_fn_at_the_start_and_after_training():
    trained = training_loop(10, 1e-4, START, X, Y, print_every=0)
    for params in (START, trained):
        w, b = params
        torch.testing.assert_close(further.autograd_grad(params, X, Y), grad_fn(X, Y, model(X, w, b), w, b))
    callers = START.clone().requires_grad_()
    torch.testing.assert_close(further.autograd_grad(callers, X, Y), torch.tensor([-989.5273, -82.6]))
    assert callers.grad is None  # the caller's params are left alone


def test_hand_loss_passes_gradcheck_and_a_wrong_gradient_does_not(monkeypatch):
    p = torch.tensor([1.0, 0.0], dtype=torch.float64, requires_grad=True)
    assert further.hand_loss(p, XD, YD).item() == pytest.approx(loss_fn(model(XD, *p), YD).item())
    assert torch.autograd.gradcheck(lambda q: further.hand_loss(q, XD, YD), (p,))
    # gradcheck would catch a slip in the hand derivation, e.g. a forgotten factor 2
    monkeypatch.setattr(further.lesson, "dloss_fn", lambda y_p, y: y_p - y)
    assert not torch.autograd.gradcheck(lambda q: further.hand_loss(q, XD, YD), (p,), raise_exception=False)


# (the third run diverges, at epoch 40: both loops stop there, with the same message)
@pytest.mark.parametrize("n_epochs, lr, scale, ran", [
    (10, 1e-4, 1.0, 10), (1000, 1e-2, 0.1, 1000), (100, 1e-2, 1.0, 39)])
def test_sgd_loop_reproduces_training_loop_and_stops_where_it_does(n_epochs, lr, scale, ran):
    hand_losses, sgd_losses = [], []
    hand, hand_printed = run_printed(training_loop, n_epochs, lr, START, X * scale, Y, losses=hand_losses)
    sgd, sgd_printed = run_printed(further.sgd_training_loop, n_epochs, lr, START, X * scale, Y, losses=sgd_losses)
    assert len(sgd_losses) == len(hand_losses) == ran
    torch.testing.assert_close(torch.tensor(sgd_losses), torch.tensor(hand_losses), rtol=1e-5, atol=0)
    torch.testing.assert_close(sgd, hand, rtol=1e-5, atol=1e-5)
    assert not sgd.requires_grad
    assert re.sub(r"[\d.]+", "#", sgd_printed) == re.sub(r"[\d.]+", "#", hand_printed)


def test_a_zh_figure_drawn_later_without_chinese_fonts_warns_nothing(monkeypatch):
    # as Jupyter draws a returned figure, on a reader's machine without Chinese fonts
    monkeypatch.setattr(figures, "_cjk_fonts", lambda: ())
    fig = figures.critical_runs("zh", n_epochs=3)
    assert repr(fig).startswith("<Figure size ")  # what the pages print
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png")


def test_critical_runs_figure():
    x, _ = load_data()
    for lang, word in (("en", "converges"), ("zh", "收敛")):
        fig = figures.FIGURES["critical-runs"](lang)
        assert len(fig.axes) == 2 and tuple(fig.get_size_inches()) == (10, 3.3)
        for ax, scale in zip(fig.axes, (1.0, 0.1)):
            # the rate each panel is drawn around is lesson 4.2's critical learning rate
            assert f"2/λmax = {further.critical_learning_rate(x * scale):.3g}" in ax.get_title()
            below, above = (line.get_ydata() for line in ax.get_lines())
            assert below[-1] < below[0] <= above[0] < above[-1]
            assert word in ax.get_legend().get_texts()[0].get_text()
