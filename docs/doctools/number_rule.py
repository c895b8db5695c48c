"""Compare printed outputs the way the site promises: text exact, numbers within float32 noise.

A number matches when it differs from the expected one by at most one unit of the expected
number's last printed digit, or by 1e-5 of its value; integers, nan and inf match exactly.
"""

from __future__ import annotations

import math
import re

REL_TOL = 1e-5

NUMBER = re.compile(r"(?<![\w.])[-+]?(?:(?:nan|inf)(?![\w])|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)")


def split(text: str) -> tuple[list[str], list[str]]:
    """Split text into its non-number parts (whitespace-normalised) and its numbers."""
    parts = re.split(f"({NUMBER.pattern})", text.strip())
    return [re.sub(r"\s+", " ", part) for part in parts[::2]], parts[1::2]


def last_digit_unit(number: str) -> float:
    """10 ** -(digits after the point), shifted by the exponent: 1763.8846 -> 1e-4."""
    mantissa, _, exponent = number.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def is_integer(number: str) -> bool:
    return number.lstrip("+-").isdigit()  # no point, no exponent, not nan or inf


def number_matches(want: str, got: str) -> bool:
    """True when the printed number ``got`` is ``want`` up to float32 noise."""
    if is_integer(want) or is_integer(got):
        return is_integer(want) and is_integer(got) and int(want) == int(got)
    w, g = float(want), float(got)
    if math.isnan(w) or math.isnan(g) or math.isinf(w) or math.isinf(g):
        return w == g or (math.isnan(w) and math.isnan(g))
    diff = abs(w - g)
    return diff <= last_digit_unit(want) * (1 + 1e-9) or diff <= REL_TOL * abs(w)


def outputs_match(want: str, got: str) -> bool:
    """True when ``got`` is ``want`` with whitespace normalised and numbers within noise."""
    (want_words, want_numbers), (got_words, got_numbers) = split(want), split(got)
    return (want_words == got_words and len(want_numbers) == len(got_numbers)
            and all(map(number_matches, want_numbers, got_numbers)))
