"""Replay the lesson's training run from the command line.

    python -m tutorial_pkg --lr 1e-4 --epochs 10 [--scale 0.1]
"""

from __future__ import annotations

import argparse
import math
import sys

import torch

from . import load_data, training_loop


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"expected a positive finite number, got {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _non_negative_int(text: str) -> int:
    return 0 if text.strip() == "0" else _positive_int(text)


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``python -m tutorial_pkg``."""
    parser = argparse.ArgumentParser(
        prog="python -m tutorial_pkg",
        description="Replay lesson 4.1's gradient descent on the article's 11 data points.",
    )
    parser.add_argument("--lr", type=_positive_float, default=1e-2,
                        help="learning rate, a positive number (default: 1e-2)")
    parser.add_argument("--epochs", type=_positive_int, default=10,
                        help="number of epochs, a positive integer (default: 10)")
    parser.add_argument("--scale", type=_positive_float, default=1.0,
                        help="multiply the inputs x by this factor, e.g. 0.1 (default: 1)")
    parser.add_argument("--print-every", type=_non_negative_int, default=1,
                        help="print the loss every this many epochs, 0 for never (default: 1)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the lesson's training loop as the flags say and print the final params."""
    args = build_parser().parse_args(argv)
    x, y = load_data()
    params = training_loop(
        n_epochs=args.epochs,
        learning_rate=args.lr,
        params=torch.tensor([1.0, 0.0]),
        x=x * args.scale,
        y=y,
        print_every=args.print_every,
    )
    print(params)
    return 0


if __name__ == "__main__":
    sys.exit(main())
