"""The arithmetic of 前へ / 次へ (`Paging`): every thing on exactly one page, in order, no page
over its size, groups kept whole where a page holds them, turns that stop at either end and
a new size that keeps in sight what was looked at."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.app.widgets.pager import Paging


def pages(paging: Paging) -> list[list[int]]:
    return [list(Paging(paging.bounds, p).shown()) for p in range(paging.pages)]


@pytest.mark.parametrize("count, per_page, expected", [
    (0, 5, [[]]),
    (1, 5, [[0]]),
    (5, 5, [[0, 1, 2, 3, 4]]),
    (6, 5, [[0, 1, 2, 3, 4], [5]]),
    (10, 3, [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]),
    (3, 0, [[0], [1], [2]]),               # a page holds one at the least
])
def test_even_pages(count, per_page, expected) -> None:
    assert pages(Paging.even(count, per_page)) == expected


@pytest.mark.parametrize("groups, per_page, bounds", [
    ([13, 13, 10], 14, (0, 13, 26, 36)),     # A–M, N–Z, 0–9 at 80 columns
    ([13, 13, 10], 26, (0, 26, 36)),         # A–Z, then the digits
    ([13, 13, 10], 23, (0, 13, 36)),         # N–Z fits with the digits, not with A–M
    ([13, 13, 10], 36, (0, 36)),
    ([2, 2, 2], 1, (0, 1, 2, 3, 4, 5, 6)),   # rows of keys, one row a page
    ([3, 30], 14, (0, 3, 17, 31, 33)),       # too big for a page: cut, on pages of its own
    ([14, 3], 14, (0, 14, 17)),
    ([0, 4, 0], 4, (0, 4)),
    ([], 4, (0, 0)),
])
def test_groups_stay_whole_where_a_page_holds_them(groups, per_page, bounds) -> None:
    assert Paging.packed(groups, per_page).bounds == bounds


@given(st.lists(st.integers(0, 30), max_size=12), st.integers(1, 40))
def test_every_thing_is_on_one_page_and_no_page_is_too_full(groups, per_page) -> None:
    paging = Paging.packed(groups, per_page)
    assert [i for page in pages(paging) for i in page] == list(range(sum(groups)))
    assert all(0 < len(page) <= per_page for page in pages(paging)) or sum(groups) == 0
    start = 0
    for size in groups:                       # a group that fits a page is on one page
        if 0 < size <= per_page:
            assert paging.page_of(start) == paging.page_of(start + size - 1), (start, size)
        start += size


def test_turning_stops_at_either_end() -> None:
    paging = Paging.even(10, 3)
    assert paging.turned(-1).page == 0
    assert paging.turned(1).turned(1).turned(1).page == 3
    assert paging.turned(9).page == 3 and paging.turned(9).turned(-1).page == 2
    assert Paging(paging.bounds, 7).page == 3 and Paging(paging.bounds, -2).page == 0


@pytest.mark.parametrize("index, page", [(0, 0), (2, 0), (3, 1), (9, 3), (10, 3), (-1, 0)])
def test_the_page_of_a_thing(index, page) -> None:
    assert Paging.even(10, 3).page_of(index) == page


def test_a_new_size_keeps_the_first_thing_in_sight() -> None:
    looked = Paging.even(47, 12, page=2)                # the 25th to the 36th on screen
    assert looked.first == 24
    wider = looked.relaid(Paging.even(47, 20))
    assert wider.page == 1 and wider.shows(24)           # the 21st to the 40th
    assert looked.relaid(Paging.even(47, 48)).page == 0
    assert Paging.even(47, 48).relaid(Paging.even(47, 12)).page == 0
