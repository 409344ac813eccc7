from datetime import date

import pytest

from certificates_templates.era import format_date, format_year, to_era


@pytest.mark.parametrize("day, text", [
    (date(2025, 1, 1), "令和7年1月1日"),
    (date(2019, 5, 1), "令和元年5月1日"),
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(2020, 1, 1), "令和2年1月1日"),
    (date(1989, 1, 8), "平成元年1月8日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1926, 12, 25), "昭和元年12月25日"),
    (date(1926, 12, 24), "大正15年12月24日"),
    (date(1912, 7, 30), "大正元年7月30日"),
    (date(1912, 7, 29), "明治45年7月29日"),
    (date(1873, 1, 1), "明治6年1月1日"),
    (date(1945, 8, 15), "昭和20年8月15日"),
    (date(2000, 2, 29), "平成12年2月29日"),
])
def test_dates_in_the_era(day, text):
    assert format_date(day) == text


def test_before_the_gregorian_calendar_is_refused():
    with pytest.raises(ValueError):
        to_era(date(1872, 12, 31))


def test_every_day_across_boundaries_is_continuous():
    # Walking day by day, the era year never goes backwards within an era and each new era
    # starts at 元年 on the day after the old one's last day.
    from datetime import timedelta
    day, prev = date(1912, 1, 1), to_era(date(1911, 12, 31))
    while day < date(2020, 1, 1):
        e = to_era(day)
        if e.era != prev.era:
            assert e.year == 1
        else:
            assert e.year in (prev.year, prev.year + 1)
        prev, day = e, day + timedelta(days=1)


@pytest.mark.parametrize("year, suffix, text", [(2025, "年度", "令和7年度"), (2019, "年度", "令和元年度"),
                                                (2018, "年", "平成30年")])
def test_year_labels(year, suffix, text):
    assert format_year(year, suffix) == text
