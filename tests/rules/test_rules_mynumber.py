"""個人番号 check digit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend import demo_data
from backend.rules.mynumber import check_digit, is_valid, with_check_digit


@pytest.mark.parametrize("number", ["123456789018", "000000000000", "111111111118"])
def test_known_valid_numbers(number):
    assert is_valid(number)


@pytest.mark.parametrize("number", ["123456789012", "12345678901", "1234567890123", "12345678901a",
                                    "１２３４５６７８９０１８", ""])
def test_invalid_numbers(number):
    assert not is_valid(number)


@given(st.text("0123456789", min_size=11, max_size=11))
def test_appending_the_check_digit_makes_a_valid_number(body):
    assert is_valid(with_check_digit(body))
    assert 0 <= check_digit(body) <= 9


@given(st.text("0123456789", min_size=11, max_size=11), st.integers(0, 10), st.integers(1, 9))
def test_single_digit_changes_are_caught(body, position, delta):
    # Remainders 0 and 1 both give check digit 0, so only such a pair can slip through.
    number = with_check_digit(body)
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    if is_valid(changed):
        assert position < 11 and number[11] == "0"


def test_check_digit_rejects_bad_bodies():
    with pytest.raises(ValueError):
        check_digit("123")


def test_every_demo_resident_has_a_valid_unique_number():
    numbers = [demo_data.my_number(i) for i in range(len(demo_data.residents()))]
    assert all(is_valid(n) for n in numbers) and len(set(numbers)) == len(numbers)
