"""Companion package of the lesson "PyTorch 纯手工构建模型并训练 / building and training a model by hand".

>>> from tutorial_pkg import load_data, model, loss_fn
>>> x, y = load_data()
>>> loss_fn(model(x, 1.0, 0.0), y)
tensor(1763.8848)
"""

from .data import X_DATA, Y_DATA, load_data
from .lesson import dloss_fn, dmodel_db, dmodel_dw, grad_fn, loss_fn, model, training_loop

__all__ = [
    "X_DATA", "Y_DATA", "load_data",
    "model", "loss_fn", "dloss_fn", "dmodel_dw", "dmodel_db", "grad_fn", "training_loop",
]
__version__ = "0.1.0"
