"""Every bad input is rejected before any work, with a message naming the argument."""

import pytest
import torch

from tutorial_pkg import grad_fn, loss_fn, model, training_loop
from tutorial_pkg._checks import DATA, checked

X, Y = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([2.0, 4.0, 6.0])
P = torch.tensor([1.0, 0.0])
NAN, INF = float("nan"), float("inf")


def loop(**changes):
    kwargs = dict(n_epochs=10, learning_rate=1e-2, params=P, x=X, y=Y) | changes
    return training_loop(**kwargs)


CASES = [
    # (changed arguments, error, words the message must hold)
    (dict(y=torch.tensor([1.0, 2.0])), ValueError, ["x and y", "same length", "3", "2"]),
    (dict(x=torch.ones(3, 1)), ValueError, ["x", "1-D", "(3, 1)"]),
    (dict(y=torch.tensor(5.0)), ValueError, ["y", "1-D"]),
    (dict(x=torch.tensor([]), y=torch.tensor([])), ValueError, ["x", "non-empty"]),
    (dict(x=torch.tensor([1.0, NAN, 3.0])), ValueError, ["x", "finite", "nan"]),
    (dict(y=torch.tensor([1.0, INF, 3.0])), ValueError, ["y", "finite", "inf"]),
    (dict(x=torch.tensor([1j, 2j, 3j])), TypeError, ["x", "real", "complex"]),
    (dict(x=torch.tensor([True, False, True])), TypeError, ["x", "real", "bool"]),
    (dict(x=[1.0, 2.0, 3.0]), TypeError, ["x", "torch.Tensor", "list"]),
    (dict(params=torch.tensor([1.0])), ValueError, ["params", "exactly two", "(1,)"]),
    (dict(params=torch.tensor([1.0, 2.0, 3.0])), ValueError, ["params", "exactly two"]),
    (dict(params=[1.0, 0.0]), TypeError, ["params", "tensor", "list"]),
    (dict(params=torch.tensor([1, 0])), TypeError, ["params", "float", "int64"]),
    (dict(params=torch.tensor([NAN, 0.0])), ValueError, ["params", "finite"]),
    (dict(n_epochs=0), ValueError, ["n_epochs", "positive integer", "0"]),
    (dict(n_epochs=-3), ValueError, ["n_epochs", "positive integer"]),
    (dict(n_epochs=2.5), TypeError, ["n_epochs", "positive integer", "2.5"]),
    (dict(n_epochs="10"), TypeError, ["n_epochs", "positive integer", "'10'"]),
    (dict(n_epochs=True), TypeError, ["n_epochs", "positive integer"]),
    (dict(learning_rate=-1e-2), ValueError, ["learning_rate", "positive finite", "-0.01"]),
    (dict(learning_rate=0), ValueError, ["learning_rate", "positive finite"]),
    (dict(learning_rate=NAN), ValueError, ["learning_rate", "nan"]),
    (dict(learning_rate=INF), ValueError, ["learning_rate", "inf"]),
    (dict(learning_rate="1e-2"), TypeError, ["learning_rate", "real number", "'1e-2'"]),
    (dict(print_every=-1), ValueError, ["print_every", "non-negative"]),
    (dict(print_every=1.5), TypeError, ["print_every", "non-negative integer"]),
    (dict(losses=()), TypeError, ["losses", "list"]),
]


@pytest.mark.parametrize("changes, error, words", CASES, ids=[repr(c[0])[:40] for c in CASES])
def test_training_loop_rejects(changes, error, words):
    with pytest.raises(error) as raised:
        loop(**changes)
    message = str(raised.value)
    for word in words:
        assert word in message, message


def test_rejected_before_any_work(capsys):
    with pytest.raises(ValueError):
        loop(learning_rate=-1.0)
    assert capsys.readouterr().out == ""  # not a single epoch ran


def test_the_small_functions_check_too():
    with pytest.raises(ValueError, match="x, y and y_p must have the same length"):
        grad_fn(X, Y, torch.ones(2), 1.0, 0.0)
    with pytest.raises(ValueError, match="y_p and y must have the same length"):
        loss_fn(torch.ones(2), Y)
    with pytest.raises(TypeError, match="w must be a real number"):
        model(X, "1", 0.0)
    with pytest.raises(TypeError, match="b must be a real number"):
        model(X, 1.0, torch.zeros(2))


def row_sums(x):
    """A later lesson's function whose x is a matrix."""
    return x.sum(dim=1)


def test_rules_belong_to_a_function_not_to_a_name():
    matrix = torch.ones(3, 2)
    anything = lambda name, value: None  # noqa: E731 - this lesson's x has a rule of its own
    assert checked(row_sums, x=anything)(matrix).tolist() == [2.0, 2.0, 2.0]
    with pytest.raises(ValueError, match="x must be a non-empty 1-D"):
        checked(row_sums, x=DATA)(matrix)


def test_every_argument_needs_a_rule():
    with pytest.raises(TypeError, match=r"no rule for \['x'\]"):
        checked(row_sums)
