"""Every bad input is rejected before any work, with a message naming the argument."""

from functools import partial

import pytest
import torch

from tutorial_pkg import further, grad_fn, loss_fn, model, training_loop
from tutorial_pkg._checks import DATA, checked

X, Y = torch.tensor([1.0, 2.0, 3.0]), torch.tensor([2.0, 4.0, 6.0])
P = torch.tensor([1.0, 0.0])
NAN, INF = float("nan"), float("inf")


loop = partial(training_loop, n_epochs=10, learning_rate=1e-2, params=P, x=X, y=Y)  # a call's keywords override


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


# Lesson 4.2's functions: (the call, error, words the message must hold)
OTHERS = [
    (partial(further.least_squares, X, torch.ones(2)), ValueError, ["x and y", "same length"]),
    (partial(further.least_squares, [1.0, 2.0], Y), TypeError, ["x", "torch.Tensor", "list"]),
    (partial(further.hessian, torch.ones(2, 2)), ValueError, ["x", "1-D", "(2, 2)"]),
    (partial(further.eigenvalues, torch.tensor([1.0, NAN])), ValueError, ["x", "finite"]),
    (partial(further.critical_learning_rate, torch.tensor([])), ValueError, ["x", "non-empty"]),
    (partial(further.condition_number, torch.tensor([1j, 2j])), TypeError, ["x", "real", "complex"]),
    (partial(further.epochs_to_within, 0.0, P, X, Y), ValueError, ["learning_rate", "positive"]),
    (partial(further.epochs_to_within, 1e-2, torch.tensor([1.0]), X, Y), ValueError, ["params", "exactly two"]),
    (partial(further.epochs_to_within, 1e-2, P, X, Y, 0.01), TypeError, ["positional"]),
    (partial(further.epochs_to_within, 1e-2, P, X, Y, tolerance=-0.01), ValueError, ["tolerance", "positive"]),
    (partial(further.epochs_to_within, 1e-2, P, X, Y, tolerance="1%"), TypeError, ["tolerance", "'1%'"]),
    (partial(further.epochs_to_within, 1e-2, P, X, Y, max_epochs=0), ValueError, ["max_epochs", "positive integer"]),
    (partial(further.epochs_to_within, 1e-2, P, X, Y, max_epochs=1e5), TypeError, ["max_epochs", "positive integer"]),
    (partial(further.autograd_grad, [1.0, 0.0], X, Y), TypeError, ["params", "tensor", "list"]),
    (partial(further.autograd_grad, P, X, torch.ones(4)), ValueError, ["x and y", "same length"]),
    (partial(further.hand_loss, torch.tensor([1, 0]), X, Y), TypeError, ["params", "float", "int64"]),
    (partial(further.sgd_training_loop, 0, 1e-2, P, X, Y), ValueError, ["n_epochs", "positive integer"]),
    (partial(further.sgd_training_loop, 10, INF, P, X, Y), ValueError, ["learning_rate", "inf"]),
    (partial(further.sgd_training_loop, 10, 1e-2, P, X, Y, losses=()), TypeError, ["losses", "list"]),
    # and the lesson's small functions
    (partial(grad_fn, X, Y, torch.ones(2), 1.0, 0.0), ValueError, ["x, y and y_p must have the same length"]),
    (partial(loss_fn, torch.ones(2), Y), ValueError, ["y_p and y must have the same length"]),
    (partial(model, X, "1", 0.0), TypeError, ["w must be a real number"]),
    (partial(model, X, 1.0, torch.zeros(2)), TypeError, ["b must be a real number"]),
]


@pytest.mark.parametrize("call, error, words", [(partial(loop, **changes), error, words) for changes, error, words
                                               in CASES] + OTHERS, ids=range(len(CASES) + len(OTHERS)))
def test_rejected_before_any_work(call, error, words, capsys):
    with pytest.raises(error) as raised:
        call()
    assert capsys.readouterr().out == ""  # not a single epoch ran
    for word in words:
        assert word in str(raised.value), str(raised.value)


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
