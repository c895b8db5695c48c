"""Lesson 4.1: one-variable linear regression, built and trained by hand.

The functions keep the article's names, arguments and bodies; the site shows
the parts between the ``--8<--`` markers as the lesson's code.  They hold only
the maths: ``tutorial_pkg`` exports them wrapped by :func:`tutorial_pkg._checks.checked`,
which rejects bad arguments before any work (once per call of ``training_loop``,
not once per epoch, since the loop calls the plain functions of this module).
"""

from __future__ import annotations

import torch


# --8<-- [start:model]
def model(x, w, b):
    """The linear model y_p = w*x + b."""
    return w*x + b
# --8<-- [end:model]


# --8<-- [start:loss_fn]
def loss_fn(y_p, y):
    """Mean squared error between predictions y_p and targets y."""
    squared_diffs = (y_p - y) ** 2
    return squared_diffs.mean()
# --8<-- [end:loss_fn]


# --8<-- [start:dloss_fn]
def dloss_fn(y_p, y):
    """Derivative of each squared difference (y_p - y)**2 with respect to y_p."""
    dsq_diffs = 2 * (y_p - y)
    return dsq_diffs
# --8<-- [end:dloss_fn]


# --8<-- [start:dmodel_dw]
def dmodel_dw(x, w, b):
    """Derivative of y_p = w*x + b with respect to w."""
    return x
# --8<-- [end:dmodel_dw]


# --8<-- [start:dmodel_db]
def dmodel_db(x, w, b):
    """Derivative of y_p = w*x + b with respect to b."""
    return 1.0
# --8<-- [end:dmodel_db]


# --8<-- [start:grad_fn]
def grad_fn(x, y, y_p, w, b):
    """Gradient [dL/dw, dL/db] of the loss: the mean of the per-sample gradients."""
    dloss_dw = dloss_fn(y_p, y) * dmodel_dw(x, w, b)
    dloss_db = dloss_fn(y_p, y) * dmodel_db(x, w, b)
    return torch.stack([dloss_dw.mean(), dloss_db.mean()])
# --8<-- [end:grad_fn]


# --8<-- [start:diverged]
def diverged(epoch, loss):
    """The message printed when a run's loss stops being a finite number."""
    return (
        f"Epoch {epoch}, Loss {loss}: training diverged, so it stopped here. "
        "Try a smaller learning_rate (e.g. 1e-4) or scale the inputs (e.g. x * 0.1)."
    )
# --8<-- [end:diverged]


# --8<-- [start:training_loop]
def training_loop(n_epochs, learning_rate, params, x, y, *, print_every=1, losses=None):
    """Run gradient descent for n_epochs and return the new params [w, b].

    Prints 'Epoch %d, Loss %f' every print_every epochs (0: never); appends
    each epoch's loss to the list losses if one is given.  Stops early, with
    a message, if the loss becomes inf or nan.
    """
    for epoch in range(1, n_epochs + 1):
        w, b = params
        y_p = model(x, w, b)
        loss = loss_fn(y_p, y)
        if not torch.isfinite(loss):
            print(diverged(epoch, float(loss)))
            break
        grad = grad_fn(x, y, y_p, w, b)

        params = params - learning_rate * grad

        if losses is not None:
            losses.append(float(loss))
        if print_every and epoch % print_every == 0:
            print('Epoch %d, Loss %f' % (epoch, float(loss)))

    return params
# --8<-- [end:training_loop]
