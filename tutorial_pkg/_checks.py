"""Argument checks for the lesson's functions, kept apart from the maths.

Each public function of the lesson is wrapped by :func:`checked`, which looks
at the arguments *by name* before the function runs.  A bad argument raises a
``TypeError`` (wrong kind of value) or ``ValueError`` (right kind, wrong value)
whose message names the argument and says what was expected.
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
from typing import Any, Callable, TypeVar

import torch

F = TypeVar("F", bound=Callable[..., Any])


def _kind(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        return f"a {value.dtype} tensor of shape {tuple(value.shape)}"
    return f"{type(value).__name__} {value!r}"


def _is_real_dtype(dtype: torch.dtype) -> bool:
    return not dtype.is_complex and dtype != torch.bool


def _vector(name: str, value: Any, *, finite: bool) -> None:
    expected = f"{name} must be a non-empty 1-D torch.Tensor of real numbers"
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{expected}; got {_kind(value)}")
    if not _is_real_dtype(value.dtype):
        raise TypeError(f"{expected}; got {_kind(value)}")
    if value.ndim != 1 or value.numel() == 0:
        raise ValueError(f"{expected}; got {_kind(value)}")
    if finite and not bool(torch.isfinite(value).all()):
        raise ValueError(f"{name} must contain only finite numbers; it contains nan or inf")


def _data(name: str, value: Any) -> None:
    _vector(name, value, finite=True)


def _prediction(name: str, value: Any) -> None:
    # y_p is computed, not given: a diverging run may make it inf, and
    # training_loop reports that itself.
    _vector(name, value, finite=False)


def _scalar(name: str, value: Any) -> None:
    if isinstance(value, torch.Tensor):
        if value.numel() == 1 and _is_real_dtype(value.dtype):
            return
    elif isinstance(value, numbers.Real) and not isinstance(value, bool):
        return
    raise TypeError(f"{name} must be a real number or a one-element tensor; got {_kind(value)}")


def _params(name: str, value: Any) -> None:
    expected = f"{name} must be a float tensor of exactly two numbers [w, b]"
    if not isinstance(value, torch.Tensor) or not value.dtype.is_floating_point:
        raise TypeError(f"{expected}; got {_kind(value)}")
    if value.shape != (2,):
        raise ValueError(f"{expected}; got {_kind(value)}")
    if not bool(torch.isfinite(value).all()):
        raise ValueError(f"{name} must start from finite numbers; got {value.tolist()}")


def _positive_int(name: str, value: Any) -> None:
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise TypeError(f"{name} must be a positive integer; got {_kind(value)}")
    if value < 1:
        raise ValueError(f"{name} must be a positive integer; got {value}")


def _positive_real(name: str, value: Any) -> None:
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise TypeError(f"{name} must be a positive finite real number; got {_kind(value)}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{name} must be a positive finite real number; got {value}")


def _print_every(name: str, value: Any) -> None:
    expected = f"{name} must be a non-negative integer (0 prints nothing)"
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise TypeError(f"{expected}; got {_kind(value)}")
    if value < 0:
        raise ValueError(f"{expected}; got {value}")


def _losses(name: str, value: Any) -> None:
    if value is not None and not isinstance(value, list):
        raise TypeError(f"{name} must be None or a list to append each epoch's loss to; got {_kind(value)}")


CHECKS: dict[str, Callable[[str, Any], None]] = {
    "x": _data,
    "y": _data,
    "y_p": _prediction,
    "w": _scalar,
    "b": _scalar,
    "params": _params,
    "n_epochs": _positive_int,
    "learning_rate": _positive_real,
    "tolerance": _positive_real,
    "max_epochs": _positive_int,
    "print_every": _print_every,
    "losses": _losses,
}


def check_arguments(arguments: dict[str, Any]) -> None:
    """Check each argument whose name has a rule, then that x, y, y_p agree in length."""
    for name, value in arguments.items():
        if name in CHECKS:
            CHECKS[name](name, value)
    lengths = {n: len(v) for n, v in arguments.items() if n in ("x", "y", "y_p")}
    if len(set(lengths.values())) > 1:
        said = ", ".join(f"{n} has {k}" for n, k in lengths.items())
        names = list(lengths)
        names = ", ".join(names[:-1]) + " and " + names[-1]
        raise ValueError(f"{names} must have the same length; {said}")


def checked(fn: F) -> F:
    """Wrap ``fn`` so that its arguments are checked before it does any work."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        check_arguments(bound.arguments)
        return fn(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
