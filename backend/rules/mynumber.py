"""個人番号 (My Number): 11 digits plus a check digit (行政手続における特定の個人を識別するための
番号の利用等に関する法律施行令 第8条)."""

from __future__ import annotations


def check_digit(first_eleven: str) -> int:
    """The 12th digit for `first_eleven`.

    Weights run from the rightmost digit P1 (Q = n + 1 for n ≤ 6, n − 5 for n ≥ 7);
    remainder r = Σ Pn·Qn mod 11; check = 0 when r ≤ 1, else 11 − r.
    """
    if len(first_eleven) != 11 or not first_eleven.isascii() or not first_eleven.isdigit():
        raise ValueError("a My Number body is exactly 11 ASCII digits")
    total = 0
    for n, ch in enumerate(reversed(first_eleven), start=1):
        weight = n + 1 if n <= 6 else n - 5
        total += int(ch) * weight
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def with_check_digit(first_eleven: str) -> str:
    return first_eleven + str(check_digit(first_eleven))


def is_valid(number: str) -> bool:
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        return False
    return check_digit(number[:11]) == int(number[11])
