"""Lesson 4.2: going further than lesson 4.1 — the exact answer, why 1e-2 diverges, autograd, torch.optim.

>>> from tutorial_pkg import load_data, further
>>> x, y = load_data()
>>> further.least_squares(x, y)
tensor([ 1.7923, 32.9811], dtype=torch.float64)
>>> round(further.critical_learning_rate(x), 5)
0.00532

The maths is computed in float64 from the lesson's data, never typed in.  Each
public function is wrapped by :func:`tutorial_pkg._checks.checked` with its
own argument spec, which rejects bad arguments before any work; the site
shows the parts between the ``--8<--`` markers as the lesson's code.
"""

from __future__ import annotations

import torch

from . import lesson
from ._checks import DATA, LOSSES, PARAMS, POSITIVE_INT, POSITIVE_REAL, PRINT_EVERY, checked

__all__ = [
    "least_squares", "hessian", "eigenvalues", "critical_learning_rate", "condition_number",
    "epochs_to_within", "autograd_grad", "hand_loss", "sgd_training_loop",
]


@checked(x=DATA, y=DATA, same_length=("x", "y"))
# --8<-- [start:least_squares]
def least_squares(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The exact [w, b] of least loss, solved in float64 by torch.linalg.lstsq.

    Each row of the design matrix is [x_i, 1], so that design @ [w, b] = w*x + b.
    """
    x, y = x.double(), y.double()
    design = torch.stack([x, torch.ones_like(x)], dim=1)
    return torch.linalg.lstsq(design, y.unsqueeze(1)).solution.squeeze(1)
# --8<-- [end:least_squares]


@checked(x=DATA)
# --8<-- [start:hessian]
def hessian(x: torch.Tensor) -> torch.Tensor:
    """The Hessian of the MSE loss with respect to [w, b], in float64.

    L = mean((w*x + b - y)**2) is quadratic in w and b, so its second
    derivatives are the same everywhere and do not depend on y:
    d²L/dw² = 2*mean(x²), d²L/dwdb = 2*mean(x), d²L/db² = 2.
    """
    x = x.double()
    one = torch.ones_like(x)
    return 2 * torch.stack([
        torch.stack([(x * x).mean(), x.mean()]),
        torch.stack([x.mean(), one.mean()]),
    ])
# --8<-- [end:hessian]


@checked(x=DATA)
# --8<-- [start:eigenvalues]
def eigenvalues(x: torch.Tensor) -> torch.Tensor:
    """The Hessian's two eigenvalues, smallest first: the loss bowl's curvatures."""
    return torch.linalg.eigvalsh(hessian(x))
# --8<-- [end:eigenvalues]


@checked(x=DATA)
# --8<-- [start:critical_learning_rate]
def critical_learning_rate(x: torch.Tensor) -> float:
    """2 / λmax: gradient descent on this loss converges for learning rates below it."""
    lam_min, lam_max = eigenvalues(x).tolist()
    return 2 / lam_max
# --8<-- [end:critical_learning_rate]


@checked(x=DATA)
# --8<-- [start:condition_number]
def condition_number(x: torch.Tensor) -> float:
    """λmax / λmin: how much longer the bowl is in one direction than in the other."""
    lam_min, lam_max = eigenvalues(x).tolist()
    return lam_max / lam_min
# --8<-- [end:condition_number]


@checked(learning_rate=POSITIVE_REAL, params=PARAMS, x=DATA, y=DATA, tolerance=POSITIVE_REAL,
         max_epochs=POSITIVE_INT, same_length=("x", "y"))
# --8<-- [start:epochs_to_within]
def epochs_to_within(learning_rate: float, params: torch.Tensor, x: torch.Tensor, y: torch.Tensor,
                     *, tolerance: float = 0.01, max_epochs: int = 100_000) -> int | None:
    """How many epochs of training_loop's gradient descent bring the loss within
    ``tolerance`` (0.01: 1%) of its least value; None if not within max_epochs.

    Counted in float64, so the count does not depend on float32 rounding.
    A diverging run never gets there: it gives None as soon as its loss is inf.
    """
    params, x, y = params.double(), x.double(), y.double()
    w, b = least_squares(x, y)
    target = (1 + tolerance) * lesson.loss_fn(lesson.model(x, w, b), y)
    for epoch in range(max_epochs + 1):  # epoch 0: the start, before any update
        w, b = params
        y_p = lesson.model(x, w, b)
        loss = lesson.loss_fn(y_p, y)
        if loss <= target:
            return epoch
        if not torch.isfinite(loss):
            return None
        params = params - learning_rate * lesson.grad_fn(x, y, y_p, w, b)
    return None
# --8<-- [end:epochs_to_within]


@checked(params=PARAMS, x=DATA, y=DATA, same_length=("x", "y"))
# --8<-- [start:autograd_grad]
def autograd_grad(params: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The gradient [dL/dw, dL/db] at params, found by autograd instead of by hand."""
    params = params.detach().clone().requires_grad_(True)  # a leaf whose .grad autograd fills
    w, b = params
    loss = lesson.loss_fn(lesson.model(x, w, b), y)
    loss.backward()
    return params.grad
# --8<-- [end:autograd_grad]


# --8<-- [start:hand_loss]
class HandLoss(torch.autograd.Function):
    """The loss, whose backward is the hand-derived grad_fn rather than autograd's own."""

    @staticmethod
    def forward(ctx, params, x, y):
        w, b = params
        y_p = lesson.model(x, w, b)
        ctx.save_for_backward(params, x, y, y_p)
        return lesson.loss_fn(y_p, y)

    @staticmethod
    def backward(ctx, grad_output):
        params, x, y, y_p = ctx.saved_tensors
        w, b = params
        return grad_output * lesson.grad_fn(x, y, y_p, w, b), None, None


def hand_loss(params: torch.Tensor, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """loss_fn(model(x, w, b), y) at params = [w, b], differentiated by grad_fn."""
    return HandLoss.apply(params, x, y)
# --8<-- [end:hand_loss]


# Outside the shown code: a reader who copies it has no ``checked``.
hand_loss = checked(hand_loss, params=PARAMS, x=DATA, y=DATA, same_length=("x", "y"))


@checked(n_epochs=POSITIVE_INT, learning_rate=POSITIVE_REAL, params=PARAMS, x=DATA, y=DATA,
         print_every=PRINT_EVERY, losses=LOSSES, same_length=("x", "y"))
# --8<-- [start:sgd_training_loop]
def sgd_training_loop(n_epochs: int, learning_rate: float, params: torch.Tensor,
                      x: torch.Tensor, y: torch.Tensor, *,
                      print_every: int = 1, losses: list | None = None) -> torch.Tensor:
    """training_loop again, with autograd for the gradient and torch.optim.SGD for the update."""
    params = params.detach().clone().requires_grad_(True)
    optimizer = torch.optim.SGD([params], lr=learning_rate)
    for epoch in range(1, n_epochs + 1):
        w, b = params
        loss = lesson.loss_fn(lesson.model(x, w, b), y)
        if not torch.isfinite(loss):
            print(lesson.diverged(epoch, loss.item()))
            break
        optimizer.zero_grad()  # backward() adds to .grad: clear last epoch's first
        loss.backward()        # params.grad = [dL/dw, dL/db]
        optimizer.step()       # params = params - learning_rate * params.grad

        if losses is not None:
            losses.append(loss.item())
        if print_every and epoch % print_every == 0:
            print('Epoch %d, Loss %f' % (epoch, loss.item()))

    return params.detach()
# --8<-- [end:sgd_training_loop]
