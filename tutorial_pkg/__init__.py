"""Companion package of the lesson "PyTorch 纯手工构建模型并训练 / building and training a model by hand".

>>> from tutorial_pkg import load_data, model, loss_fn
>>> x, y = load_data()
>>> loss_fn(model(x, 1.0, 0.0), y)
tensor(1763.8848)
"""

from . import lesson
from ._checks import DATA, LOSSES, PARAMS, POSITIVE_INT, POSITIVE_REAL, PREDICTION, PRINT_EVERY, SCALAR, checked
from .data import X_DATA, Y_DATA, load_data

# The lesson's functions, each checking its arguments before any work.
model = checked(lesson.model, x=DATA, w=SCALAR, b=SCALAR)
loss_fn = checked(lesson.loss_fn, y_p=PREDICTION, y=DATA, same_length=("y_p", "y"))
dloss_fn = checked(lesson.dloss_fn, y_p=PREDICTION, y=DATA, same_length=("y_p", "y"))
dmodel_dw = checked(lesson.dmodel_dw, x=DATA, w=SCALAR, b=SCALAR)
dmodel_db = checked(lesson.dmodel_db, x=DATA, w=SCALAR, b=SCALAR)
grad_fn = checked(lesson.grad_fn, x=DATA, y=DATA, y_p=PREDICTION, w=SCALAR, b=SCALAR,
                  same_length=("x", "y", "y_p"))
training_loop = checked(lesson.training_loop, n_epochs=POSITIVE_INT, learning_rate=POSITIVE_REAL,
                        params=PARAMS, x=DATA, y=DATA, print_every=PRINT_EVERY, losses=LOSSES,
                        same_length=("x", "y"))

__all__ = [
    "X_DATA", "Y_DATA", "load_data",
    "model", "loss_fn", "dloss_fn", "dmodel_dw", "dmodel_db", "grad_fn", "training_loop",
]
__version__ = "0.1.0"
