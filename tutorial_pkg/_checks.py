"""Argument checks for the lesson's functions, kept apart from the maths.

Each public function is wrapped by :func:`checked` with its own spec: one
rule per argument, e.g. ``checked(grad_fn, x=DATA, y=DATA, y_p=PREDICTION, w=SCALAR,
b=SCALAR, same_length=("x", "y", "y_p"))``.  Rules belong to the function, not to an argument's name, so
a later lesson's ``x`` may be a matrix without lesson 4.1's rule refusing it.
A bad argument raises a ``TypeError`` (wrong kind of value) or ``ValueError``
(right kind, wrong value) whose message names the argument and says what was
expected, before the function does any work.
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


Rule = Callable[[str, Any], None]

# The rules, by what the argument is for.
DATA: Rule = _data
PREDICTION: Rule = _prediction
SCALAR: Rule = _scalar
PARAMS: Rule = _params
POSITIVE_INT: Rule = _positive_int
POSITIVE_REAL: Rule = _positive_real
PRINT_EVERY: Rule = _print_every
LOSSES: Rule = _losses


def _same_length(arguments: dict[str, Any], names: tuple[str, ...]) -> None:
    lengths = {n: len(v) for n, v in arguments.items() if n in names}
    if len(set(lengths.values())) > 1:
        said = ", ".join(f"{n} has {k}" for n, k in lengths.items())
        listed = list(lengths)
        listed = ", ".join(listed[:-1]) + " and " + listed[-1]
        raise ValueError(f"{listed} must have the same length; {said}")


def checked(fn: F | None = None, /, *, same_length: tuple[str, ...] = (), **rules: Rule) -> Any:
    """Wrap ``fn`` so that each argument passes its rule before any work.

    ``rules`` names a rule for every parameter of ``fn`` (a forgotten one is a
    ``TypeError`` here, not a silent gap); ``same_length`` names the arguments
    that must agree in length.  Without ``fn``, returns a decorator.
    """
    if fn is None:
        return functools.partial(checked, same_length=same_length, **rules)
    signature = inspect.signature(fn)
    parameters = set(signature.parameters)
    if set(rules) != parameters or not set(same_length) <= parameters:
        missing = sorted(parameters - set(rules))
        unknown = sorted((set(rules) | set(same_length)) - parameters)
        raise TypeError(f"checked({fn.__qualname__}): no rule for {missing}; not its arguments: {unknown}")

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        arguments = signature.bind(*args, **kwargs).arguments
        for name, value in arguments.items():
            if name in rules:
                rules[name](name, value)
        _same_length(arguments, same_length)
        return fn(*args, **kwargs)

    return wrapper
