"""Companion package of the lesson "PyTorch 纯手工构建模型并训练 / building and training a model by hand".

>>> from tutorial_pkg import load_data, model, loss_fn
>>> x, y = load_data()
>>> loss_fn(model(x, 1.0, 0.0), y)
tensor(1763.8848)
"""

from . import lesson
from ._checks import checked
from .data import X_DATA, Y_DATA, load_data

# The lesson's functions, each checking its arguments before any work.
model = checked(lesson.model)
loss_fn = checked(lesson.loss_fn)
dloss_fn = checked(lesson.dloss_fn)
dmodel_dw = checked(lesson.dmodel_dw)
dmodel_db = checked(lesson.dmodel_db)
grad_fn = checked(lesson.grad_fn)
training_loop = checked(lesson.training_loop)

__all__ = [
    "X_DATA", "Y_DATA", "load_data",
    "model", "loss_fn", "dloss_fn", "dmodel_dw", "dmodel_db", "grad_fn", "training_loop",
]
__version__ = "0.1.0"
