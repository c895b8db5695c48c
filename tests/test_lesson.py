"""The lesson's functions against values worked out by hand, autograd and least squares."""

import re

import pytest
import torch
from hypothesis import given, settings, strategies as st

from helpers import float64_descent, run_printed
from doctools.number_rule import outputs_match
from tutorial_pkg import (X_DATA, Y_DATA, dloss_fn, dmodel_db, dmodel_dw, further, grad_fn, load_data, loss_fn,
                          model, training_loop)

# Small example worked out by hand: x = [1, 2], y = [0, 1], w = 2, b = 1
#   y_p = [3, 5], y_p - y = [3, 4], loss = (9 + 16) / 2 = 12.5
#   dloss = [6, 8], dL/dw = mean([6*1, 8*2]) = 11, dL/db = mean([6, 8]) = 7
X2, Y2 = torch.tensor([1.0, 2.0]), torch.tensor([0.0, 1.0])


def test_data_is_the_articles_and_fresh_each_call():
    x, y = load_data()
    assert x.dtype == y.dtype == torch.float32
    assert x.tolist() == pytest.approx(X_DATA) and y.tolist() == pytest.approx(Y_DATA)
    assert len(x) == len(y) == 11
    x.mul_(0)  # a reader's in-place edit ...
    assert load_data()[0].tolist() == pytest.approx(X_DATA)  # ... does not reach the next call


def test_functions_and_one_step_by_hand():
    assert model(X2, 2.0, 1.0).tolist() == [3.0, 5.0]
    assert loss_fn(model(X2, 2.0, 1.0), Y2).item() == 12.5
    assert dloss_fn(torch.tensor([3.0, 5.0]), Y2).tolist() == [6.0, 8.0]
    assert dmodel_dw(X2, 2.0, 1.0) is X2
    assert dmodel_db(X2, 2.0, 1.0) == 1.0
    assert grad_fn(X2, Y2, torch.tensor([3.0, 5.0]), 2.0, 1.0).tolist() == [11.0, 7.0]
    # one step: params - 0.1 * [11, 7] = [2 - 1.1, 1 - 0.7]
    params, printed = run_printed(training_loop, 1, 0.1, torch.tensor([2.0, 1.0]), X2, Y2)
    assert params.tolist() == pytest.approx([0.9, 0.3])
    assert printed == "Epoch 1, Loss 12.500000\n"


finite = st.floats(-100, 100, allow_nan=False, width=32)


@settings(max_examples=100, deadline=None)
@given(data=st.integers(1, 30).flatmap(lambda n: st.tuples(
    st.lists(finite, min_size=n, max_size=n), st.lists(finite, min_size=n, max_size=n), finite, finite)))
def test_hand_derived_gradient_equals_autograd(data):
    xs, ys, w0, b0 = data
    x, y = torch.tensor(xs, dtype=torch.float64), torch.tensor(ys, dtype=torch.float64)
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(b0, dtype=torch.float64, requires_grad=True)
    loss_fn(model(x, w, b), y).backward()
    with torch.no_grad():
        mine = grad_fn(x, y, model(x, w, b), w, b)
    torch.testing.assert_close(mine, torch.stack([w.grad, b.grad]), rtol=1e-9, atol=1e-9)


# The article's own outputs (2020 PyTorch): each epoch's loss (printed 'Epoch %d, Loss %f') and the params.
# Today's stack prints the same up to float32 noise.
ARTICLE_RUNS = {
    "lr 1e-2": (1e-2, 1.0, "tensor([-67495.0859,  -3787.7676])", [
        1763.884644, 10424.541016, 76423.132812, 579046.5625, 4406547.0, 33552814.0, 255500272.0, 1945619584.0,
        14815792128.0, 112821534720.0]),
    "lr 1e-4": (1e-4, 1.0, "tensor([1.8376, 0.0741])", [
        1763.884644, 1667.137939, 1577.52356, 1494.515503, 1417.625854, 1346.403809, 1280.430786, 1219.319702,
        1162.712036, 1110.275269]),
    "x scaled by 0.1": (1e-2, 0.1, "tensor([11.4749,  8.2523])", [
        2806.242188, 2534.330811, 2289.593994, 2069.307129, 1871.018311, 1692.521973, 1531.833618, 1387.168457,
        1256.919678, 1139.642456]),
}


@pytest.mark.parametrize("name", ARTICLE_RUNS)
def test_articles_three_runs(name):
    lr, scale, article_params, article_losses = ARTICLE_RUNS[name]
    article = "".join("Epoch %d, Loss %f\n" % epoch_loss for epoch_loss in enumerate(article_losses, 1))
    x, y = load_data()
    params, printed = run_printed(training_loop, n_epochs=10, learning_rate=lr,
                                  params=torch.tensor([1.0, 0.0]), x=x * scale, y=y)
    assert len(printed.splitlines()) == 10
    assert outputs_match(article + article_params, printed + repr(params)), printed + repr(params)
    losses = [float(v) for v in re.findall(r"Loss (\S+)", printed)]
    assert losses == pytest.approx(list(float64_descent(lr, scale, 10)), rel=1e-5)


def test_long_run_on_swapped_data_reaches_least_squares(data):
    # Other data: inputs and outputs swapped, input scaled by 0.1 (a critical learning rate of 0.033).
    y, x = data
    x = x * 0.1
    params, _ = run_printed(training_loop, 1500, 3e-2, torch.tensor([1.0, 0.0]), x, y, print_every=0)
    torch.testing.assert_close(params.double(), further.least_squares(x, y), rtol=1e-3, atol=1e-3)


def test_quiet_printing_and_loss_record(data):
    x, y = data
    losses = []
    _, printed = run_printed(training_loop, 10, 1e-4, torch.tensor([1.0, 0.0]), x, y,
                             print_every=5, losses=losses)
    assert [line.split(",")[0] for line in printed.splitlines()] == ["Epoch 5", "Epoch 10"]
    assert len(losses) == 10 and losses == sorted(losses, reverse=True)
    assert losses[4] == pytest.approx(float(printed.split()[3]), rel=1e-6)  # the loss printed at epoch 5


def test_divergence_stops_with_a_message(data):
    x, y = data
    losses = []
    _, printed = run_printed(training_loop, 100, 1e-2, torch.tensor([1.0, 0.0]), x, y, losses=losses)
    lines = printed.splitlines()
    stop = len(losses) + 1
    assert stop < 100 and len(lines) == stop
    assert "nan" not in printed.lower().replace("nan or", "")
    last = lines[-1]
    assert last.startswith(f"Epoch {stop}, Loss ") and "diverged" in last
    assert "learning_rate" in last and "x * 0.1" in last
    assert all(torch.isfinite(torch.tensor(losses)))


@pytest.mark.parametrize("n", [1, 3, 50])
def test_any_1d_data(n):
    x = torch.linspace(-1, 1, n)
    y = 3 * x - 2
    params, _ = run_printed(training_loop, 100, 0.4, torch.tensor([0.0, 0.0]), x, y, print_every=0)
    if n > 1:
        torch.testing.assert_close(params, torch.tensor([3.0, -2.0]), rtol=1e-3, atol=1e-3)
    assert torch.isfinite(params).all()
